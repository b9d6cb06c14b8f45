"""What a run says about its two briefs, through the CLI against the Ollama-API double and the
real MCP server: a usable brief is in the plan; one the checks reject is never silent (the step
line, the warnings and the quality report of `--json` say so)."""

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from ollama_double.launcher import running_ollama_double
from tests.plan.conftest import cli

pytestmark = pytest.mark.integration

CORPUS = Path(__file__).parent / "corpus" / "answers.json"
START = date.today() + timedelta(weeks=8)


def corpus_text(answer_id: str) -> str:
    answers = json.loads(CORPUS.read_text(encoding="utf-8"))["answers"]
    return str(next(a["text"] for a in answers if a["id"] == answer_id))


@pytest.fixture(scope="module")
def bad_briefs_double(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Real bad answers for both briefs (a copied label list, a looping phrase); the planner is
    the scripted one, which plans every day."""
    rules = [
        {"match": "(?s)Researcher:", "content": corpus_text("reported-country-echo")},
        {"match": "(?s)Weather analyst:", "content": corpus_text("tiny-paris-weather")},
    ]
    path = Path(tmp_path_factory.mktemp("replay")) / "rules.json"
    path.write_text(json.dumps(rules), encoding="utf-8")
    with running_ollama_double(behaviour="replay", extra_args=("--replay", str(path))) as url:
        yield url


@pytest.fixture(scope="module")
def scripted_double() -> Iterator[str]:
    with running_ollama_double(behaviour="tools") as url:
        yield url


def planned(request: str, ollama: str, mcp: str) -> tuple[str, dict[str, Any]]:
    """One `--json` run that printed a plan: its progress lines and its JSON."""
    result = cli(request, "--json", OLLAMA_HOST=ollama, MCP_SERVER_URL=mcp)
    assert result.returncode == 0, result.stderr
    return result.stderr, json.loads(result.stdout)


def test_rejected_briefs_are_told_in_the_steps_the_warnings_and_the_quality_report(
    bad_briefs_double: str, mcp_server_url: str
) -> None:
    request = f"3 jours à Paris à partir du {START.isoformat()}, art et cuisine"
    progress, data = planned(request, bad_briefs_double, mcp_server_url)
    assert data["language"] == "fr"
    # Both steps say the brief was not usable, in the traveller's language.
    assert progress.count("Aucune synthèse utilisable") == 2, progress
    assert "Synthèse prête" not in progress
    codes = {w["code"]: w for w in data["warnings"]}
    assert {"research_brief_unusable", "weather_brief_unusable"} <= set(codes)
    research = codes["research_brief_unusable"]
    assert "echo" in research["detail"] and "echo" not in research["text"]
    assert "fragment" in codes["weather_brief_unusable"]["detail"]
    rejected = data["quality"]["rejected"]
    assert rejected.get("research_brief_echo", 0) >= 1
    assert rejected.get("weather_brief_fragment", 0) >= 1
    # The plan itself says there is no overview, and carries no developer detail.
    plan = data["plan"]
    overview = plan.split("## Aperçu", 1)[1].split("## ", 1)[0]
    assert "Pas de synthèse de recherche" in overview and "Arpitan" not in overview
    assert "research_brief" not in plan and "echo" not in plan
    assert data["quality"]["model_days"] == [1, 2, 3]


def test_usable_briefs_are_in_the_plan_and_nothing_is_reported(
    scripted_double: str, mcp_server_url: str
) -> None:
    request = f"3 days in Lisbon from {START.isoformat()}, food and museums"
    progress, data = planned(request, scripted_double, mcp_server_url)
    assert progress.count("Brief ready") == 2, progress
    assert "No usable brief" not in progress
    assert not [w for w in data["warnings"] if w["code"].endswith("_brief_unusable")]
    assert not [k for k in data["quality"]["rejected"] if "_brief_" in k]
    plan = data["plan"]
    overview = plan.split("## Overview", 1)[1].split("## ", 1)[0]
    assert "No research brief" not in overview
    # The researcher names places that fit the interests (food, museums).
    assert "Central Market" in overview and "City Museum" in overview
    outlook = plan.split("## Weather outlook", 1)[1].split("## ", 1)[0]
    assert "Wear " in outlook  # the weather analyst's advice follows the code's summary
