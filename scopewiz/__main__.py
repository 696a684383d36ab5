"""``python -m scopewiz`` runs the same command line as ``scopewiz``."""

from __future__ import annotations

from .cli import main

if __name__ == "__main__":
    main()
