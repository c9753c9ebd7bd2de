"""Lets ``python -m rushes`` behave like the ``rushes`` console script."""

from rushes.cli import main

main()
