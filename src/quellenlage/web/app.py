"""The FastAPI application: pages (server-rendered, Jinja2 autoescaped), JSON API, static files.

``create_app(db)`` opens the database once; every route calls :mod:`quellenlage.api`
with that handle and renders what it returns.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException as StarletteHTTPException

from quellenlage import api
from quellenlage.web import charts, highlight
from quellenlage.web.security import (
    CSRF_COOKIE,
    MAX_BODY,
    EditGuard,
    SecurityMiddleware,
    csrf_token,
)

PACKAGE = files("quellenlage.web")


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(PACKAGE.joinpath("templates")))
    env = templates.env
    env.autoescape = True  # every {{ value }} is escaped, whatever the file name
    env.globals |= {
        "highlighted": highlight.highlighted,
        "anchor": highlight.anchor,
        "legend": highlight.LEGEND,
        "timeline_svg": charts.timeline_svg,
        "citation_svg": charts.citation_svg,
        "safe_text": highlight.safe_text,
    }
    env.filters["number"] = charts.number
    env.filters["mark_words"] = highlight.mark_words
    return templates


def create_app(
    db: str | Path | Any, *, allow_edits: bool = False, token: str | None = None,
    max_body: int = MAX_BODY,
) -> FastAPI:  # fmt: skip
    """The application over one database; ``token`` fixed for tests, else random."""
    app = FastAPIOffline(
        title="quellenlage",
        description="Claims, sources, figures and timelines in news reports (read-only "
        "unless the server runs with --allow-edits).",
        version="0.1",
        redoc_url=None,
    )
    app.state.store = api.open_database(db)
    app.state.guard = EditGuard(allow_edits, **({"token": token} if token else {}))
    app.state.templates = _templates()
    app.add_middleware(SecurityMiddleware, max_body=max_body)
    app.mount("/static", StaticFiles(directory=str(PACKAGE.joinpath("static"))), name="static")

    from quellenlage.web import json_api, pages

    app.include_router(pages.router)
    app.include_router(json_api.router, prefix="/api")

    @app.exception_handler(api.NotFound)
    async def not_found(request: Request, exc: api.NotFound):
        return _error(request, 404, str(exc))

    @app.exception_handler(ValueError)
    async def bad_value(request: Request, exc: ValueError):
        return _error(request, 400, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return _error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'][1:]) or 'request'}: {e['msg']}"
            for e in exc.errors()
        )
        return _error(request, 422, f"bad request: {problems}")

    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "html" not in request.headers.get(
        "accept", "html"
    )


def _error(request: Request, status: int, message: str):
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=status)
    return render(request, "error.html", {"status": status, "message": message}, status=status)


def render(
    request: Request, name: str, context: dict[str, Any], *, status: int = 200
) -> HTMLResponse:
    """A page, with what every page needs (CSRF token, edit state, query-string helper)."""
    guard: EditGuard = request.app.state.guard
    token = csrf_token(request)
    context = {
        "request": request,
        "csrf": token,
        "edits_allowed": guard.allowed,
        "unlocked": guard.unlocked(request),
        "url_with": lambda **changes: _url_with(request, **changes),
        **context,
    }
    response = request.app.state.templates.TemplateResponse(
        request, name, context, status_code=status
    )
    if request.cookies.get(CSRF_COOKIE) != token:
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict")
    return response


def _url_with(request: Request, **changes: Any) -> str:
    """This page's URL with some query parameters changed (None removes one)."""
    params = dict(request.query_params)
    params.pop("offset", None)
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    return f"{request.url.path}?{urlencode(params)}" if params else request.url.path
