"""Allow ``python -m travel_mcp_server``."""

from travel_mcp_server.server import main

if __name__ == "__main__":
    raise SystemExit(main())
