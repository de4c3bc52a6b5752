"""Safety rules of the server: headers, bounded request bodies, the edit token, CSRF.

- Every response carries a Content-Security-Policy that allows scripts and styles only
  from this server's own files (no inline script), so text from a document can never
  run even if it were ever emitted unescaped.
- Request bodies are counted as they arrive; past the limit the request gets 413 with
  the limit in the message, whatever Content-Length claimed.
- Edits (corrections, storing a text) need ``--allow-edits`` and the token printed at
  start-up: as ``Authorization: Bearer …`` (JSON API) or via the unlock form, which sets
  an HttpOnly, SameSite=Strict cookie. Every form POST also needs the CSRF token that
  the page it came from carried (double submit: cookie and hidden field must match).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass, field

from fastapi import HTTPException, Request

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
# FastAPI's Swagger page starts itself with an inline script; it shows no document text.
DOCS_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
)
HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
CSRF_COOKIE = "ql_csrf"
EDIT_COOKIE = "ql_edit"
MAX_BODY = 2_000_000  # bytes: a long report as HTML fits, a flood does not


class BodyTooLarge(Exception):
    pass


class SecurityMiddleware:
    """ASGI middleware: security headers on every response, request bodies bounded."""

    def __init__(self, app, max_body: int = MAX_BODY) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = DOCS_CSP if scope["path"] in ("/docs", "/docs/oauth2-redirect") else CSP
        state = {"started": False, "too_large": False, "received": 0}

        async def send_with_headers(message) -> None:
            if state["too_large"]:  # whatever the app answered, the answer is 413
                if message["type"] == "http.response.start":
                    state["started"] = True
                    await self._too_large(send_secured, state["received"])
                return
            if message["type"] == "http.response.start":
                state["started"] = True
            await send_secured(message)

        async def send_secured(message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"content-security-policy", csp.encode()), *HEADERS]
                message = {**message, "headers": headers}
            await send(message)

        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            await self._too_large(send_secured, int(declared))
            return

        async def counting_receive():
            message = await receive()
            if message["type"] == "http.request":
                state["received"] += len(message.get("body", b""))
                if state["received"] > self.max_body:
                    state["too_large"] = True
                    raise BodyTooLarge
            return message

        try:
            await self.app(scope, counting_receive, send_with_headers)
        except BodyTooLarge:
            if not state["started"]:
                await self._too_large(send_secured, state["received"])

    async def _too_large(self, send, size: int) -> None:
        body = json.dumps(
            {
                "detail": f"request body too large: {size} bytes or more, "
                f"the limit is {self.max_body} bytes"
            }
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


@dataclass
class EditGuard:
    """Whether edits are allowed, and the token that unlocks them."""

    allowed: bool
    token: str = field(default_factory=lambda: secrets.token_urlsafe(18))
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))

    def cookie_value(self) -> str:
        return hmac.new(self.secret, self.token.encode(), hashlib.sha256).hexdigest()

    def token_matches(self, token: str | None) -> bool:
        return bool(token) and hmac.compare_digest(token.encode(), self.token.encode())

    def unlocked(self, request: Request) -> bool:
        if not self.allowed:
            return False
        header = request.headers.get("authorization", "")
        if header.startswith("Bearer ") and self.token_matches(header[7:].strip()):
            return True
        cookie = request.cookies.get(EDIT_COOKIE, "")
        return bool(cookie) and hmac.compare_digest(cookie, self.cookie_value())

    def require(self, request: Request) -> None:
        if not self.allowed:
            raise HTTPException(403, "edits are disabled: start the server with --allow-edits")
        if not self.unlocked(request):
            raise HTTPException(
                403, "edits need the token printed when the server started (see /unlock)"
            )


def csrf_token(request: Request) -> str:
    """This browser's CSRF token (set as a cookie by the page response if new)."""
    token = request.cookies.get(CSRF_COOKIE)
    if not token:
        token = request.state.__dict__.setdefault("new_csrf", secrets.token_urlsafe(24))
    return token


def check_csrf(request: Request, submitted: str | None) -> None:
    """Refuse a form POST whose hidden token does not match this browser's cookie."""
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if not cookie or not submitted or not hmac.compare_digest(cookie, submitted):
        raise HTTPException(403, "the form's CSRF token is missing or wrong: reload the page")
    origin = request.headers.get("origin")
    if origin and origin != "null" and origin.split("://", 1)[-1] != request.headers.get("host"):
        raise HTTPException(403, f"cross-site form from {origin} refused")
