"""The destination is checked with the tools, never taken on the model's word."""

import pytest

from tests.orchestrator.conftest import Double, plan_with
from travel_planner.config import load_settings
from travel_planner.result import PlanResult


@pytest.mark.integration
@pytest.mark.parametrize(
    ("request_text", "destination", "assumption"),
    [
        ("4 days in lisbon from 2027-05-10", "Lisbon", None),
        ("a week in Portugal from 2027-05-10", "Lisbon", "Portugal"),
    ],
)
async def test_destination_resolved_by_the_tools(
    tools_double: Double,
    mcp_server_url: str,
    request_text: str,
    destination: str,
    assumption: str | None,
) -> None:
    settings = load_settings(ollama_host=tools_double.url, mcp_server_url=mcp_server_url)
    result, _ = await plan_with(settings, request_text)
    assert isinstance(result, PlanResult)
    assert result.trip.destination == destination
    assert result.trip.country_code == "PT"
    if assumption:
        assert any(assumption in a.text for a in result.trip.assumptions)
        assert assumption in result.plan
