"""Who may use the server: loopback by default, a bearer token or a page login when
WEB_AUTH_TOKEN is set, no cookie-only changes (CSRF), no foreign host names (DNS rebinding),
and a clear refusal to serve beyond this machine without a login."""

from __future__ import annotations

import subprocess
import sys

import httpx
import pytest

from tests.web.conftest import Deps, ServerFactory
from tests.web.servers import read_events, web_env
from travel_planner.config import Settings
from travel_planner.errors import ConfigurationError
from travel_planner.web.security import check_bind

TOKEN = "correct-horse-battery-staple-42"
LISBON = "4 days in Lisbon from 2027-05-10, food and museums"


@pytest.mark.integration
def test_a_token_guards_the_api_and_the_page_logs_in_with_it(
    make_server: ServerFactory, deps: Deps
) -> None:
    deps.double.use("tools")
    web = make_server(WEB_AUTH_TOKEN=TOKEN)
    with httpx.Client(base_url=web.url) as anonymous:
        refused = anonymous.get("/api/trips")
        wrong = anonymous.get("/api/trips", headers={"Authorization": "Bearer nope"})
        open_paths = [anonymous.get(p).status_code for p in ("/health", "/", "/static/app.js")]
        session = anonymous.get("/api/session").json()
        bad_login = anonymous.post("/api/session", json={"token": "nope"})
    assert (refused.status_code, refused.json()["error"]["code"]) == (401, "unauthorized")
    assert wrong.status_code == 401
    assert open_paths == [200, 200, 200]
    assert session["auth_required"] is True and session["authenticated"] is False
    assert (bad_login.status_code, bad_login.json()["error"]["code"]) == (401, "wrong_token")

    bearer = {"Authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=web.url, headers=bearer) as api:
        accepted = api.post("/api/trips", json={"request": LISBON})
    assert accepted.status_code == 202
    events = read_events(f"{web.url}/api/runs/{accepted.json()['run_id']}/events", headers=bearer)
    assert events[-1].data == {"status": "done"}

    with httpx.Client(base_url=web.url) as page:
        login = page.post("/api/session", json={"token": TOKEN})
        cookies = dict(page.cookies)
        listed = page.get("/api/trips")
        forged = page.post("/api/trips", json={"request": LISBON})
        csrf = {"X-CSRF-Token": cookies["tp_csrf"]}
        allowed = page.post("/api/trips", json={"request": LISBON}, headers=csrf)
        page.post(f"/api/runs/{allowed.json()['run_id']}/cancel", headers=csrf)
        page.delete("/api/session")
        after_logout = page.get("/api/trips")
    assert login.status_code == 204 and "httponly" in login.headers["set-cookie"].lower()
    assert listed.status_code == 200 and listed.json()["items"]
    # A cookie alone cannot change anything: a cross-site form would have only the cookie.
    assert (forged.status_code, forged.json()["error"]["code"]) == (403, "csrf")
    assert allowed.status_code == 202
    assert after_logout.status_code == 401


@pytest.mark.integration
def test_an_open_server_answers_only_to_local_names(make_server: ServerFactory) -> None:
    web = make_server()
    with httpx.Client(base_url=web.url) as http:
        rebound = http.get("/api/trips", headers={"Host": f"planner.example.com:{web.port}"})
        service_name = http.get("/api/trips", headers={"Host": f"web:{web.port}"})
        health = http.get("/health", headers={"Host": f"planner.example.com:{web.port}"})
    assert (rebound.status_code, rebound.json()["error"]["code"]) == (403, "untrusted_host")
    assert service_name.status_code == 200
    assert health.status_code == 200  # probes never need a name


def _serve(*args: str, timeout: float = 120, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "travel_planner.web", *args],
        cwd=env["TRAVEL_PLANNER_DATA_DIR"],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.mark.integration
def test_serving_beyond_loopback_without_a_login_is_refused(deps: Deps, tmp_path) -> None:
    env = web_env(deps.ollama, deps.mcp, tmp_path)
    open_bind = _serve("--host", "0.0.0.0", "--port", "8099", **env)
    short = _serve(**{**env, "WEB_AUTH_TOKEN": "short"})
    bad_url = _serve(**{**env, "DATABASE_URL": "mysql://db/trips"})
    assert open_bind.returncode == 2
    assert "WEB_AUTH_TOKEN" in open_bind.stderr and "WEB_ALLOW_ANONYMOUS" in open_bind.stderr
    assert "Traceback" not in open_bind.stderr
    assert short.returncode == 2 and "at least 16 characters" in short.stderr
    assert bad_url.returncode == 2 and "DATABASE_URL" in bad_url.stderr


@pytest.mark.integration
@pytest.mark.slow
def test_an_unreachable_database_exits_3_naming_it(deps: Deps, tmp_path) -> None:
    env = web_env(deps.ollama, deps.mcp, tmp_path)
    result = _serve(**{**env, "DATABASE_URL": "postgresql://trips:secret@127.0.0.1:9/trips"})
    assert result.returncode == 3
    assert "The database" in result.stderr and "127.0.0.1:9" in result.stderr
    assert "secret" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.unit
@pytest.mark.parametrize(
    ("host", "settings", "allowed"),
    [
        ("127.0.0.1", {}, True),
        ("localhost", {}, True),
        ("::1", {}, True),
        ("0.0.0.0", {}, False),
        ("192.168.1.20", {}, False),
        ("0.0.0.0", {"web_allow_anonymous": True}, True),
        ("0.0.0.0", {"web_auth_token": TOKEN}, True),
    ],
)
def test_which_binds_need_a_login(host: str, settings: dict, allowed: bool) -> None:
    if allowed:
        check_bind(host, Settings(**settings))
    else:
        with pytest.raises(ConfigurationError, match="WEB_AUTH_TOKEN"):
            check_bind(host, Settings(**settings))
