"""``python -m quellenlage`` runs the command-line interface."""

from quellenlage.cli import main

main()
