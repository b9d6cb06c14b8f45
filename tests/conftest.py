"""Shared fixtures: the real MCP server and a loopback OTLP receiver, started on demand."""

from collections.abc import Iterator

import pytest

from tests.support.otlp_receiver import OtlpReceiver


@pytest.fixture(scope="session")
def mcp_server_url() -> Iterator[str]:
    """The real travel-tools MCP server (offline data) for the whole test session."""
    from travel_mcp_server.process import running_mcp_server

    with running_mcp_server(data_mode="offline") as url:
        yield url


@pytest.fixture
def otlp_receiver() -> Iterator[OtlpReceiver]:
    """An in-process OTLP/HTTP trace receiver on a free loopback port."""
    with OtlpReceiver() as receiver:
        yield receiver
