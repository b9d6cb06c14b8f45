"""`python -m travel_planner.web [--host H] [--port P]`, the same as `travel-planner serve`."""

import sys

from travel_planner.web.cli import serve_main

serve_main(sys.argv[1:])
