"""Entry point for `python main.py` (and `opentelemetry-instrument python main.py`)."""

from travel_planner.cli import main

if __name__ == "__main__":
    main()
