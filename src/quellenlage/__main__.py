"""``python -m quellenlage`` runs the command-line interface."""

from quellenlage.cli import main

if __name__ == "__main__":
    main()
