"""The JSON API under ``/api``: the same use cases as the pages, paginated, in OpenAPI."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Request
from pydantic import BaseModel, Field

from quellenlage import api
from quellenlage.web.highlight import anchor
from quellenlage.web.params import ClaimQueryDep, Limit, Offset

router = APIRouter(tags=["quellenlage"])


def _store(request: Request):
    return request.app.state.store


def _page(rows: list, total: int, limit: int, offset: int) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": rows}


@router.get("/overview")
def overview(request: Request) -> dict[str, Any]:
    """Counts, documents by outlet, language and month, top figures, recent failures."""
    return api.overview(_store(request))


@router.get("/documents")
def documents(request: Request, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    rows, total = api.document_list(_store(request), limit=limit, offset=offset)
    return _page(rows, total, limit, offset)


@router.get("/documents/{doc_id}")
def document(request: Request, doc_id: int, raw: bool = False) -> dict[str, Any]:
    """A document's metadata (each value with where it came from), text and claims."""
    view = api.document_view(doc_id, _store(request))
    doc = dataclasses.asdict(view.document)
    if not raw:
        doc.pop("raw")
    claims = [
        {
            "id": c.id,
            "anchor": anchor(c, i),
            "source_name": c.source_name,
            "figures": list(c.figures),
            **c.claim.to_dict(),
        }
        for i, c in enumerate(view.claims)
    ]
    return {"document": doc, "claims": claims}


@router.get("/claims")
def claims(request: Request, where: ClaimQueryDep, facets: bool = True) -> dict[str, Any]:
    """Full-text search with facet filters; ``facets`` adds counts per facet value."""
    page = api.search_claims(where, _store(request), with_facets=facets)
    out = _page(page.rows, page.total, where.limit, where.offset)
    if facets:
        out["facets"] = {
            k: [{"value": v, "count": n} for v, n in page.facets[k]] for k in page.facets
        }
    return out


@router.get("/figures")
def figures(request: Request, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    """Figures, disputed first."""
    rows, total = api.figure_list(_store(request), limit=limit, offset=offset)
    return _page(rows, total, limit, offset)


@router.get("/figures/{name}")
def figure(request: Request, name: str) -> dict[str, Any]:
    """A figure's timeline with evidence, its disagreements and corrections."""
    return api.figure(name, _store(request))


class Edit(BaseModel):
    action: Literal["confirm", "split", "merge"]
    key: str = Field(max_length=48, description="Observation key of the value")
    other: str | None = Field(None, max_length=48, description="Second value (merge)")
    note: str | None = Field(None, max_length=2000)


@router.post("/edits")
def edit(request: Request, edit: Annotated[Edit, Body()]) -> dict[str, Any]:
    """Confirm, split or merge (needs --allow-edits and ``Authorization: Bearer <token>``)."""
    request.app.state.guard.require(request)
    store = _store(request)
    done = api.edit_figure(edit.action, edit.key, edit.other, note=edit.note, db=store)
    return {"done": done, "figure": api.figure_of_value(edit.key, store)}


@router.get("/edits")
def edits(request: Request, limit: Limit = 100) -> dict[str, Any]:
    """The audit log of corrections, newest first."""
    rows = api.edit_log(_store(request), limit=limit)
    return {"items": rows}


@router.get("/sources")
def sources(request: Request, kind: str | None = None, limit: Limit = 200) -> dict[str, Any]:
    rows = api.source_list(_store(request), kind=kind, limit=limit)
    return {"items": rows}


@router.get("/sources/{source_id}")
def source(request: Request, source_id: int) -> dict[str, Any]:
    return api.source_detail(source_id, _store(request))


@router.get("/citations")
def citations(request: Request) -> dict[str, Any]:
    """Every citation edge (who cites whom, how often)."""
    return {"items": api.citation_edges(_store(request))}
