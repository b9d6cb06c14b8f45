"""Travel tools MCP server: places, countries, holidays, money, time, daylight, weather."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("travel-mcp-server")
except PackageNotFoundError:  # running from a source tree without installed metadata
    __version__ = "0.0.0"

__all__ = ["__version__"]
