"""Entry point for `python main.py` (the container image runs this)."""

from travel_planner.cli import main

if __name__ == "__main__":
    main()
