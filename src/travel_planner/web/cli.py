"""`travel-planner serve`: placeholder until the web app lands."""

from __future__ import annotations

import sys


def serve_main(argv: list[str]) -> None:
    print("travel-planner serve: the web app is not available in this build.", file=sys.stderr)
    raise SystemExit(2)
