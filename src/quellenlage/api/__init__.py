"""The Python API: every use case of quellenlage, callable from code.

The CLI and the web interface are thin layers over these functions. Each
takes ``db=`` (a file path, a database URL, or an open ``Store``); heavy
libraries (spaCy, pyarrow, matplotlib) load only in the use cases that
need them, so that importing this package is quick.

>>> from quellenlage import api
>>> report = api.ingest(["news/"], db="quellenlage.db")
>>> report.added, len(report.failed)
>>> api.analyze(db="quellenlage.db")            # every document not analysed yet
>>> api.figures(db="quellenlage.db")[0]["label"]

One module per topic; a new use case goes into the fitting module (or a
new ``api/<topic>.py``) and is re-exported here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from quellenlage.api.analysis import (
    AnalysedItem,
    FileAnalysis,
    analyze,
    analyze_file,
    check_date,
    pending_analysis,
)
from quellenlage.api.common import DEFAULT_DB, DbArg, NotFound, StoreError, UsageError, open_db
from quellenlage.api.documents import count_documents, demo_corpus, document, documents, failures
from quellenlage.api.evaluate import (
    EvaluationError,
    evaluate_polnear,
    evaluate_spkatt,
    evaluate_wikinews,
)
from quellenlage.api.export import EXPORT_FORMATS, ExportFailed, export
from quellenlage.api.fetch import (  # web pages, feeds, sitemaps, the archive (issue 17)
    ArchivedCopy,
    archived,
    document_versions,
    ingest_urls,
    is_url,
    politeness,
    read_url_list,
)
from quellenlage.api.ingest import IngestedItem, IngestReport, IngestStatus, ingest
from quellenlage.api.spark import import_parquet, spark_analyze, spark_link
from quellenlage.api.tracking import (
    CERTAINTIES,
    MODES,
    ClaimFilter,
    LinkSummary,
    claims,
    confirm,
    date_disagreements,
    figures,
    is_stale,
    link,
    merge,
    plot_timeline,
    sources,
    split,
    timeline,
    value_key,
)
from quellenlage.api.watch import Poll, parse_interval, watch

if TYPE_CHECKING:
    from quellenlage.api.web import (  # the web interface's use cases (issue 13)
        CLAIM_EXPORT_FORMATS,
        FACETS,
        ClaimPage,
        ClaimQuery,
        ClaimView,
        DocumentView,
        analyze_text,
        citation_edges,
        document_list,
        document_view,
        edit_figure,
        edit_log,
        export_claims,
        figure,
        figure_list,
        figure_of_value,
        open_database,
        overview,
        search_claims,
        source_detail,
        source_list,
        store_text,
    )

#: Names of :mod:`quellenlage.api.web`, loaded on first use: they need the store's search
#: (SQLAlchemy), which the CLI does not need to start.
_WEB = frozenset(
    {
        "CLAIM_EXPORT_FORMATS",
        "FACETS",
        "ClaimPage",
        "ClaimQuery",
        "ClaimView",
        "DocumentView",
        "analyze_text",
        "citation_edges",
        "document_list",
        "document_view",
        "edit_figure",
        "edit_log",
        "export_claims",
        "figure",
        "figure_list",
        "figure_of_value",
        "open_database",
        "overview",
        "search_claims",
        "source_detail",
        "source_list",
        "store_text",
    }
)


def __getattr__(name: str) -> Any:
    if name in _WEB:
        from quellenlage.api import web

        return getattr(web, name)
    raise AttributeError(f"module 'quellenlage.api' has no attribute {name!r}")


__all__ = [
    "CERTAINTIES",
    "CLAIM_EXPORT_FORMATS",
    "DEFAULT_DB",
    "EXPORT_FORMATS",
    "FACETS",
    "MODES",
    "AnalysedItem",
    "ArchivedCopy",
    "ClaimFilter",
    "ClaimPage",
    "ClaimQuery",
    "ClaimView",
    "DbArg",
    "DocumentView",
    "EvaluationError",
    "ExportFailed",
    "FileAnalysis",
    "IngestReport",
    "IngestStatus",
    "IngestedItem",
    "LinkSummary",
    "NotFound",
    "Poll",
    "StoreError",
    "UsageError",
    "analyze",
    "analyze_file",
    "analyze_text",
    "archived",
    "check_date",
    "citation_edges",
    "claims",
    "confirm",
    "count_documents",
    "date_disagreements",
    "demo_corpus",
    "document",
    "document_list",
    "document_versions",
    "document_view",
    "documents",
    "edit_figure",
    "edit_log",
    "evaluate_polnear",
    "evaluate_spkatt",
    "evaluate_wikinews",
    "export",
    "export_claims",
    "failures",
    "figure",
    "figure_list",
    "figure_of_value",
    "figures",
    "import_parquet",
    "ingest",
    "ingest_urls",
    "is_stale",
    "is_url",
    "link",
    "merge",
    "open_database",
    "open_db",
    "overview",
    "parse_interval",
    "pending_analysis",
    "plot_timeline",
    "politeness",
    "read_url_list",
    "search_claims",
    "source_detail",
    "source_list",
    "sources",
    "spark_analyze",
    "spark_link",
    "split",
    "store_text",
    "timeline",
    "value_key",
    "watch",
]
