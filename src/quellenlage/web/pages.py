"""The HTML pages; each calls one or two ``quellenlage.api`` functions and renders a template."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, StreamingResponse

from quellenlage import api
from quellenlage.web.app import render
from quellenlage.web.params import ClaimQueryDep, Limit, Offset, iso_date
from quellenlage.web.security import EDIT_COOKIE, EditGuard, check_csrf

router = APIRouter(include_in_schema=False)
MAX_TEXT = 1_000_000  # characters of pasted or uploaded text analysed at once
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson",
    "parquet": "application/vnd.apache.parquet",
}


def _store(request: Request):
    return request.app.state.store


def _guard(request: Request) -> EditGuard:
    return request.app.state.guard


@router.get("/")
def overview(request: Request):
    return render(request, "overview.html", {"data": api.overview(_store(request))})


@router.get("/documents")
def documents(request: Request, limit: Limit = 50, offset: Offset = 0):
    rows, total = api.document_list(_store(request), limit=limit, offset=offset)
    return render(
        request,
        "documents.html",
        {"rows": rows, "total": total, "limit": limit, "offset": offset},
    )


@router.get("/documents/{doc_id}")
def document(request: Request, doc_id: int):
    view = api.document_view(doc_id, _store(request))
    return render(request, "document.html", {"view": view})


@router.get("/claims")
def claims(request: Request, where: ClaimQueryDep):
    page = api.search_claims(where, _store(request))
    return render(request, "claims.html", {"page": page, "where": where})


@router.get("/claims/export")
def export(request: Request, where: ClaimQueryDep, format: str = "csv"):
    if format not in api.CLAIM_EXPORT_FORMATS:
        raise ValueError(f"format {format!r} is not one of {', '.join(api.CLAIM_EXPORT_FORMATS)}")
    chunks = api.export_claims(where, format, _store(request))  # type: ignore[arg-type]
    return StreamingResponse(
        chunks,
        media_type=MEDIA_TYPES[format],
        headers={"content-disposition": f'attachment; filename="claims.{format}"'},
    )


@router.get("/figures")
def figures(request: Request, limit: Limit = 100, offset: Offset = 0):
    rows, total = api.figure_list(_store(request), limit=limit, offset=offset)
    return render(
        request, "figures.html", {"rows": rows, "total": total, "limit": limit, "offset": offset}
    )


@router.get("/figures/{name}")
def figure(request: Request, name: str, done: str | None = None):
    data = api.figure(name, _store(request))
    done = done if done in ("confirm", "split", "merge") else None
    # Looked up by key once here: in the template a figure with hundreds of values and
    # disagreements would search its list for every disagreement (quadratic).
    by_key = {v["key"]: v for v in data["timeline"]}
    disputed = {k for d in data["disagreements"] for k in (d["first"], d["second"])}
    context = {"figure": data, "done": done, "by_key": by_key, "disputed_keys": disputed}
    return render(request, "figure.html", context)


@router.post("/figures/{name}/edit")
def edit_figure(
    request: Request,
    name: str,
    action: Annotated[str, Form(max_length=8)],
    key: Annotated[str, Form(max_length=48)],
    other: Annotated[str | None, Form(max_length=48)] = None,
    note: Annotated[str | None, Form(max_length=2000)] = None,
    csrf: Annotated[str | None, Form()] = None,
):
    check_csrf(request, csrf)
    _guard(request).require(request)
    if action not in ("confirm", "split", "merge"):
        raise ValueError(f"action {action!r} is not confirm, split or merge")
    api.edit_figure(action, key, other or None, note=note, db=_store(request))  # type: ignore[arg-type]
    figure_id = api.figure_of_value(key, _store(request)) or name
    # Only the action travels in the URL: a link cannot make the page say anything else.
    return RedirectResponse(f"/figures/{figure_id}?done={action}", status_code=303)


@router.get("/edits")
def edits(request: Request):
    return render(request, "edits.html", {"rows": api.edit_log(_store(request))})


@router.get("/sources")
def sources(request: Request, kind: str | None = None, limit: Limit = 200):
    store = _store(request)
    rows = api.source_list(store, kind=kind or None, limit=limit)
    return render(
        request,
        "sources.html",
        {
            "rows": rows,
            "edges": api.citation_edges(store, among=[r["id"] for r in rows]),
            "kind": kind,
        },
    )


@router.get("/sources/{source_id}")
def source(request: Request, source_id: int, offset: Offset = 0):
    store = _store(request)
    data = api.source_detail(source_id, store)
    page = api.search_claims(
        api.ClaimQuery(source=data["name"], offset=offset), store, with_facets=False
    )
    return render(request, "source.html", {"source": data, "page": page})


@router.get("/analyze")
def analyze_form(request: Request):
    return render(request, "analyze.html", {"view": None, "form": {}})


@router.post("/analyze")
async def analyze(
    request: Request,
    text: Annotated[str, Form(max_length=MAX_TEXT)] = "",
    file: Annotated[UploadFile | None, File()] = None,
    published: Annotated[str, Form(max_length=32)] = "",
    language: Annotated[str, Form(max_length=16)] = "",
    outlet: Annotated[str, Form(max_length=300)] = "",
    store: Annotated[str, Form(max_length=8)] = "",
    csrf: Annotated[str | None, Form()] = None,
):
    check_csrf(request, csrf)
    content = text.encode()
    if file is not None and file.filename:
        content = await file.read(MAX_TEXT * 4 + 1)
        if len(content) > MAX_TEXT * 4:
            raise ValueError(f"file {file.filename!r} is larger than {MAX_TEXT * 4} bytes")
    if not content.strip():
        raise ValueError("paste a text or choose a file to analyse")
    options = {
        "published": iso_date(published, "published"),
        "language": language or None,
        "outlet": outlet or None,
    }
    if store:
        _guard(request).require(request)
        doc_id = api.store_text(content, db=_store(request), **options)
        return RedirectResponse(f"/documents/{doc_id}", status_code=303)
    view = api.analyze_text(content, **options)
    form = {"text": text, "published": published, "language": language, "outlet": outlet}
    return render(request, "analyze.html", {"view": view, "form": form})


@router.get("/unlock")
def unlock_form(request: Request):
    return render(request, "unlock.html", {"wrong": False})


@router.post("/unlock")
def unlock(
    request: Request,
    token: Annotated[str, Form(max_length=200)],
    csrf: Annotated[str | None, Form()] = None,
):
    check_csrf(request, csrf)
    guard = _guard(request)
    if not guard.allowed:
        return render(request, "unlock.html", {"wrong": False}, status=403)
    if not guard.token_matches(token):
        return render(request, "unlock.html", {"wrong": True}, status=403)
    response = RedirectResponse("/figures", status_code=303)
    response.set_cookie(EDIT_COOKIE, guard.cookie_value(), httponly=True, samesite="strict")
    return response
