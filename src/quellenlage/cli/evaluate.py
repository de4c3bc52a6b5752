"""``quellenlage eval``: measure claim extraction on annotated research data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from quellenlage import api
from quellenlage.cli import render
from quellenlage.cli.app import app
from quellenlage.cli.common import JsonOption, check_paths, console, handles_errors, print_json

eval_app = typer.Typer(
    help="Evaluate claim extraction on annotated research data.", no_args_is_help=True
)
app.add_typer(eval_app, name="eval")

#: Rows of the score table, in the order printed.
TABLE_GROUPS = ("quote", "speaker", "cue", "frame", "addressee", "roles", "joint")


SpkAttOption = Annotated[
    bool,
    typer.Option(
        "--spkatt/--no-spkatt",
        help="Apply the SpkAtt attribution model after the rules (bundled; CC BY-SA 4.0).",
    ),
]
SpkAttModelOption = Annotated[
    Path | None,
    typer.Option("--spkatt-model", help="A SpkAtt model folder instead of the bundled one."),
]
SpkAttPartsOption = Annotated[
    str,
    typer.Option(
        "--spkatt-parts",
        help="Parts of the SpkAtt model to use, comma-separated: cue, source, add.",
    ),
]


def _parts(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


@eval_app.command("wikinews")
@handles_errors
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
    spkatt: SpkAttOption = False,
    spkatt_model: SpkAttModelOption = None,
    spkatt_parts: SpkAttPartsOption = "cue,source,add",
    as_json: JsonOption = False,
) -> None:
    """Predict quotation annotations for Wikinews JSONL and score them against its gold.

    With gold annotations in the input, prints precision, recall and F1 for quote, each role,
    roles and joint, and the type accuracy (the data set's own metric). An input whose
    documents all have empty ``annotations`` only gets predictions written.
    """
    check_paths([input_path])
    run = api.evaluate_wikinews(
        input_path,
        predictions,
        limit=limit,
        learned=learned,
        spkatt=spkatt_model or spkatt,
        spkatt_parts=_parts(spkatt_parts),
    )
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
    console.print(render.scores_table(run.result, TABLE_GROUPS))
    console.print(
        f"type accuracy {run.result.type_accuracy:.3f} over {run.result.pairs} pairs "
        f"({run.result.gold} gold, {run.result.predicted} predicted annotations)"
    )


@eval_app.command("polnear")
@handles_errors
def polnear(
    folder: Annotated[
        Path, typer.Argument(metavar="DIR", help="PolNeAR folder with text/ and attributions/.")
    ],
    part: Annotated[
        str,
        typer.Option(
            "--part",
            help="all, or the fixed split: tune (two of three articles) or heldout (every third).",
        ),
    ] = "all",
    as_json: JsonOption = False,
) -> None:
    """Score the English attribution on PolNeAR (brat standoff) and print the table.

    A predicted claim (not an assertion) matches a gold Content at token-overlap F1 >= 0.5
    (one-to-one, best first); then the source and cue of each pair are checked; joint counts
    pairs with content and source right. Misses are broken down by category.
    """
    check_paths([folder])
    result = api.evaluate_polnear(folder, part=part)
    if as_json:
        print_json(result.to_dict())
        return
    console.print(render.polnear_table(result))
    console.print(
        f"{result.gold} gold attributions, {result.predicted} predicted claims, "
        f"{result.matched} matched"
    )
    misses = result.to_dict(top=8)["misses"]
    for name, counts in misses.items():
        console.print(
            f"{name.replace('_', ' ')}: " + ", ".join(f"{k} {v}" for k, v in counts.items())
        )


@eval_app.command("spkatt")
@handles_errors
def spkatt_command(
    folder: Annotated[
        Path,
        typer.Argument(metavar="DIR", help="SpkAtt-2023 speeches: a task1/ folder of *.json."),
    ],
    limit: Annotated[int | None, typer.Option(min=1, help="Only the first N speeches.")] = None,
    spkatt: SpkAttOption = False,
    spkatt_model: SpkAttModelOption = None,
    spkatt_parts: SpkAttPartsOption = "cue,source,add",
    learned: Annotated[
        Path | None,
        typer.Option("--learned", help="Learned attribution model folder (CC BY-NC-SA)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Run the German attribution on SpkAtt-2023 speeches and score cues and roles.

    Token-level precision, recall and F1 of cues and of each role (Source, Message, Addr,
    Topic, Medium, Evidence, PTC) under one-to-one cue-aligned events, and all roles pooled;
    see ``quellenlage.research.spkatt`` for the exact definition.
    """
    check_paths([folder])
    result = api.evaluate_spkatt(
        folder,
        spkatt=spkatt_model or spkatt,
        spkatt_parts=_parts(spkatt_parts),
        learned=learned,
        limit=limit,
    ).to_dict()
    if as_json:
        print_json(result)
        return
    console.print(render.spkatt_table(result))
    console.print(
        f"{result['gold_events']} gold events, {result['predicted_events']} predicted events"
    )
