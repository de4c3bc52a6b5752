"""``quellenlage eval``: measure claim extraction on annotated research data."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from quellenlage.cli.app import app
from quellenlage.cli.common import JsonOption, check_paths, console, errors, print_json
from quellenlage.records import Claim

eval_app = typer.Typer(
    help="Evaluate claim extraction on annotated research data.", no_args_is_help=True
)
app.add_typer(eval_app, name="eval")

#: Rows of the score table, in the order printed.
TABLE_GROUPS = ("quote", "speaker", "cue", "frame", "addressee", "roles", "joint")


def _extractor(learned: Path | None) -> Callable[[Any], Sequence[Claim]]:
    """The rule extractor, followed by the learned attribution when a model folder is given."""
    from quellenlage.claims import extract_claims
    from quellenlage.claims.learned import LearnedAttribution
    from quellenlage.claims.ranker import RankerError

    if learned is None:

        def extract(doc: Any) -> Sequence[Claim]:
            return extract_claims(doc, include_assertions=False)

        return extract
    try:
        model = LearnedAttribution.load(learned)
    except RankerError as exc:
        errors.print(f"[red]error:[/] {exc}")
        raise typer.Exit(1) from exc

    def extract_learned(doc: Any) -> Sequence[Claim]:
        return model.apply(extract_claims(doc, include_assertions=False), doc)

    return extract_learned


def _load_pipeline() -> Callable[[str], Any]:
    from quellenlage import nlp

    try:
        return nlp.load("de")
    except Exception as exc:  # a missing or broken model: say so and stop
        errors.print(f"[red]error:[/] cannot load the German pipeline: {exc}")
        raise typer.Exit(1) from exc


@eval_app.command("wikinews")
def wikinews(
    input_path: Annotated[
        Path, typer.Argument(metavar="INPUT.jsonl", help="Documents in the Wikinews JSONL format.")
    ],
    predictions: Annotated[
        Path, typer.Option("--predictions", help="Where to write the predicted annotations.")
    ],
    limit: Annotated[int | None, typer.Option(min=1, help="Only the first N documents.")] = None,
    learned: Annotated[
        Path | None,
        typer.Option(
            "--learned",
            help="Learned attribution model folder (models/wikinews-attribution; CC BY-NC-SA).",
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Predict quotation annotations for Wikinews JSONL and score them against its gold.

    With gold annotations in the input, prints precision, recall and F1 for quote, each role,
    roles and joint, and the type accuracy (the data set's own metric). An input whose
    documents all have empty ``annotations`` only gets predictions written.
    """
    from quellenlage.claims.wikinews import WikinewsFormatError, run_wikinews

    check_paths([input_path])
    nlp = _load_pipeline()
    extractor = _extractor(learned)
    try:
        run = run_wikinews(input_path, predictions, nlp=nlp, extractor=extractor, limit=limit)
    except WikinewsFormatError as exc:
        errors.print(f"[red]error:[/] {exc}")
        raise typer.Exit(1) from exc
    except OSError as exc:
        errors.print(f"[red]error:[/] cannot write {predictions}: {exc.strerror or exc}")
        raise typer.Exit(1) from exc
    if as_json:
        print_json(
            {
                "documents": run.documents,
                "annotations": run.annotations,
                "predictions": str(predictions),
                "evaluation": run.result.to_dict() if run.result else None,
            }
        )
        return
    console.print(
        f"Wrote {run.annotations} annotations for {run.documents} documents to {predictions}."
    )
    if run.result is None:
        console.print("No gold annotations in the input: nothing to score.")
        return
    table = Table(title=f"Wikinews attribution ({run.result.documents} documents)")
    for column in ("", "precision", "recall", "F1"):
        table.add_column(column, justify="right" if column else "left")
    for group in TABLE_GROUPS:
        score = run.result.scores[group]
        table.add_row(group, f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}")
    console.print(table)
    console.print(
        f"type accuracy {run.result.type_accuracy:.3f} over {run.result.pairs} pairs "
        f"({run.result.gold} gold, {run.result.predicted} predicted annotations)"
    )
