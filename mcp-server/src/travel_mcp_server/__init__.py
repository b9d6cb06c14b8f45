"""Travel tools MCP server."""
