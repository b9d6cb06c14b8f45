"""The page in a real headless Chromium (Debian's), driven by Playwright: plan a trip and watch
the days stream in, Stop, reload in the middle and see the stream resume, history after a
server restart, refine, questions answered in place, the calendar download, a login, labels
in the traveller's language, model HTML shown as text, phone width, print.

Screenshots go to build/test-artifacts/web/ (TEST_ARTIFACTS overrides the folder)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from icalendar import Calendar

from ollama_double.launcher import DoubleControl
from tests.web.conftest import ServerFactory
from tests.web.servers import REPO_ROOT, WebServer

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS", REPO_ROOT / "build" / "test-artifacts")) / "web"
LISBON = "4 days in Lisbon from 2027-05-10, food and museums"
PLAN_WAIT_MS = 180_000

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.integration,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Chromium is not installed: `apt-get install -y chromium` runs the browser "
        "tests (CI installs it)",
    ),
]
Page = playwright_api.Page
expect = playwright_api.expect
expect.set_options(timeout=PLAN_WAIT_MS)


@pytest.fixture(scope="module")
def browser() -> Iterator[playwright_api.Browser]:
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: playwright_api.Browser) -> Iterator[Page]:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-GB", accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(PLAN_WAIT_MS)
    page.on("dialog", lambda dialog: dialog.accept())
    yield page
    context.close()


def shot(page: Page, name: str, full_page: bool = False) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def ask(page: Page, web: WebServer, request: str = LISBON) -> str:
    """Open the page, plan a trip; the trip's id (from the deep link)."""
    page.goto(web.url)
    page.get_by_label("Describe your trip").fill(request)
    page.get_by_role("button", name="Plan my trip").click()
    page.wait_for_url(re.compile(r"/trips/\w+$"))
    return page.url.rsplit("/", 1)[1]


def wait_until_planned(page: Page) -> None:
    expect(page.locator("#status")).to_have_text("Your plan is ready.", timeout=PLAN_WAIT_MS)


def test_a_trip_streams_in_day_by_day(page: Page, server: WebServer, double: DoubleControl) -> None:
    double.use("slow")
    trip_id = ask(page, server)
    # Focus moves to the trip, so a screen reader hears where it is.
    assert page.evaluate("document.activeElement.id") == "trip-title"
    # The day being written shows as a live preview, then as checked Markdown.
    expect(page.locator("#draft")).to_be_visible()
    expect(page.locator("#plan h3").first).to_be_visible()
    assert page.get_by_role("button", name="Stop").is_visible()
    shot(page, "streaming")

    wait_until_planned(page)
    expect(page.locator("#plan h3")).to_have_count(4)
    assert not page.get_by_role("button", name="Stop").is_visible()
    assert page.locator("#draft").is_hidden()
    saved = httpx.get(f"{server.url}/api/trips/{trip_id}").json()
    assert page.locator("#plan h1").inner_text() == saved["plan"]["plan"].splitlines()[0][2:]
    expect(page.locator("#trip-title")).to_have_text(saved["title"])
    shot(page, "plan", full_page=True)


def test_stop_ends_the_plan(page: Page, server: WebServer, double: DoubleControl) -> None:
    double.use("slow")
    trip_id = ask(page, server)
    expect(page.locator("#draft")).to_be_visible()
    page.get_by_role("button", name="Stop").click()
    expect(page.locator("#status")).to_have_text("Stopped. Nothing was changed.")
    assert not page.get_by_role("button", name="Stop").is_visible()
    shot(page, "stopped")
    trip = httpx.get(f"{server.url}/api/trips/{trip_id}").json()
    assert trip["runs"][-1]["status"] == "cancelled" and trip["active_run_id"] is None


def test_a_reload_mid_stream_resumes_the_plan(
    page: Page, server: WebServer, double: DoubleControl
) -> None:
    double.use("slow")
    trip_id = ask(page, server)
    expect(page.locator("#plan h3").first).to_be_visible()
    page.reload()
    # The deep link survives, and the stream picks up where the run is.
    assert page.url.endswith(f"/trips/{trip_id}")
    expect(page.locator("#plan h3").first).to_be_visible()
    assert page.get_by_role("button", name="Stop").is_visible()
    shot(page, "resumed")
    wait_until_planned(page)
    headings = page.locator("#plan h3").all_inner_texts()
    assert [h.split(" — ")[0] for h in headings] == ["Day 1", "Day 2", "Day 3", "Day 4"]


def test_history_after_restart_refine_and_calendar(
    page: Page, make_server: ServerFactory, double: DoubleControl, tmp_path: Path
) -> None:
    web = make_server(data_dir=tmp_path / "kept")
    trip_id = ask(page, web)
    wait_until_planned(page)
    web.stop()
    web.start()

    page.goto(web.url)
    link = page.locator(f'#trips a[data-id="{trip_id}"]')
    expect(link).to_contain_text("4 days in Lisbon")
    link.click()
    expect(page.locator("#plan h3")).to_have_count(4)

    page.get_by_label("Ask for a change").fill("make day 2 more relaxed")
    page.get_by_role("button", name="Send").click()
    wait_until_planned(page)
    expect(page.locator("#conversation li")).to_have_count(4)
    shot(page, "refined")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to calendar (.ics)").click()
    saved = tmp_path / "trip.ics"
    download_info.value.save_as(saved)
    events = Calendar.from_ical(saved.read_bytes()).walk("VEVENT")
    assert len(events) == 4 and download_info.value.suggested_filename.endswith(".ics")

    # Rename and delete from the history list, with the keyboard.
    page.get_by_role("button", name=re.compile("^Rename")).first.click()
    page.get_by_label("New name").fill("Lisbon with Ana")
    page.keyboard.press("Enter")
    expect(page.locator(f'#trips a[data-id="{trip_id}"]')).to_contain_text("Lisbon with Ana")
    page.get_by_role("button", name=re.compile("^Delete")).first.click()
    expect(page.locator(f'#trips a[data-id="{trip_id}"]')).to_have_count(0)
    assert page.url.rstrip("/") == web.url


def test_a_question_is_answered_in_place(
    page: Page, server: WebServer, double: DoubleControl
) -> None:
    ask(page, server, "hello there")
    question = page.locator("#question")
    expect(question).to_be_visible()
    assert page.locator("#question-text").inner_text()
    shot(page, "question")
    page.get_by_label("Your answer").fill(LISBON)
    page.get_by_label("Your answer").press("Control+Enter")
    wait_until_planned(page)
    expect(page.locator("#plan h3")).to_have_count(4)
    assert question.is_hidden()


HOSTILE = (
    "### Day 1\n- **Morning:** <img src=x onerror=alert(1)> the <b>castle</b>"
    " [tickets](javascript:alert(2))\n- Afternoon: <script>alert(3)</script> a tasca\n"
    "- Evening: Fado in [Alfama](https://example.org/alfama)\n\n<iframe src=/></iframe>\n"
)


def test_text_from_the_model_is_never_markup(page: Page, server: WebServer) -> None:
    """Whatever a model writes reaches the page as plan text: the page's renderer shows
    HTML as text and keeps only safe links."""
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: dialogs.append(dialog.message))
    page.goto(server.url)
    page.evaluate(
        """async (text) => {
            const { renderMarkdown } = await import("/static/markdown.js");
            const plan = document.createElement("article");
            plan.id = "rendered";
            plan.append(renderMarkdown(text));
            document.body.append(plan);
        }""",
        HOSTILE,
    )
    plan = page.locator("#rendered")
    assert plan.locator("img, script, b, iframe").count() == 0
    assert "<img src=x onerror=alert(1)>" in plan.inner_text()
    assert plan.locator("strong").first.inner_text() == "Morning:"
    assert plan.locator('a[href^="javascript"]').count() == 0
    assert plan.get_by_role("link", name="Alfama").get_attribute("href") == (
        "https://example.org/alfama"
    )
    page.wait_for_timeout(200)
    assert dialogs == []


def test_a_login_guards_the_page(
    page: Page, make_server: ServerFactory, double: DoubleControl
) -> None:
    web = make_server(WEB_AUTH_TOKEN="correct-horse-battery-staple-42")
    page.goto(web.url)
    expect(page.get_by_label("Access token")).to_be_focused()
    page.get_by_label("Access token").fill("wrong-token-wrong-token")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#login-error")).to_have_text("That token is not right.")
    page.get_by_label("Access token").fill("correct-horse-battery-staple-42")
    page.get_by_role("button", name="Log in").click()
    # Logged in, the page plans (its changes carry the CSRF token) and follows the stream.
    ask(page, web)
    wait_until_planned(page)
    shot(page, "logged-in")


def test_labels_follow_the_travellers_language(
    browser: playwright_api.Browser, server: WebServer
) -> None:
    context = browser.new_context(locale="es-ES")
    page = context.new_page()
    page.goto(server.url)
    expect(page.get_by_role("button", name="Planificar mi viaje")).to_be_visible()
    assert page.get_by_label("Describe tu viaje").is_visible()
    assert page.evaluate("document.documentElement.lang") == "es"
    context.close()


def test_a_failed_plan_is_explained_in_the_travellers_language_without_hosts(
    browser: playwright_api.Browser, server: WebServer, double: DoubleControl
) -> None:
    double.use("errors")  # every model call fails
    context = browser.new_context(locale="es-ES")
    page = context.new_page()
    page.set_default_timeout(PLAN_WAIT_MS)
    page.goto(server.url)
    page.get_by_label("Describe tu viaje").fill("4 días en Lisboa desde el 2027-05-10")
    page.get_by_role("button", name="Planificar mi viaje").click()
    error = page.locator("#run-error")
    expect(error).to_have_text(
        "El modelo no ha podido escribir un plan utilizable esta vez. "
        "Vuelve a intentarlo o describe tu viaje con otras palabras."
    )
    # Both briefs failed and each step reports it: the page says the sentence once.
    notices = page.locator("#notice-list li").all_inner_texts()
    assert notices == ["El modelo no pudo escribir una parte del plan."], notices
    shot(page, "failed-es")
    # The model, the host and the fix stay in the API's answer and the server's log.
    trip = httpx.get(f"{server.url}/api/trips/{page.url.rsplit('/', 1)[1]}", timeout=10).json()
    failure = trip["runs"][-1]["error"]
    assert failure["code"] == "unusable_model_output"
    assert server.env["OLLAMA_HOST"] in failure["message"]
    context.close()


def test_phone_width_and_print(
    browser: playwright_api.Browser, server: WebServer, double: DoubleControl
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(PLAN_WAIT_MS)
    ask(page, server)
    wait_until_planned(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(page, "phone")
    page.emulate_media(media="print")
    for hidden in ("#history", "#message-form", "#exports", ".bar"):
        assert page.locator(hidden).is_hidden()
    expect(page.locator("#plan h3")).to_have_count(4)
    shot(page, "print", full_page=True)
    context.close()
