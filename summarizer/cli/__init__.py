"""The command line: parse options, call the pipeline API, print. rich and click live only here."""

from .commands import main

__all__ = ["main"]
