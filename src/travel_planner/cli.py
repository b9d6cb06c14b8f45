"""`travel-planner`: one-shot (`travel-planner "REQUEST"`) or an interactive session.

Progress goes to stderr, the plan to stdout. Exit codes: 0 ok, 2 invalid request or
configuration, 3 a dependency unavailable (Ollama, the model, the MCP server).

`travel-planner --wait-ready` only waits until Ollama answers and lists the configured model
(the `model-ready` gate of the compose file): exit 0 when it does, 3 otherwise.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markdown import Markdown
from rich.markup import escape
from rich.status import Status

from travel_planner.config import Settings, load_settings
from travel_planner.errors import InvalidRequestError, PlannerError
from travel_planner.trip import merge_follow_up, parse_request

if TYPE_CHECKING:
    from travel_planner.workflow import PlanEvent, PlanResult

logger = logging.getLogger("travel_planner")


def seconds_since_process_start() -> float:
    """Time since the interpreter started (Linux /proc), else since this module was loaded."""
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return max(0.0, uptime - started)
    except (OSError, ValueError, IndexError):
        return time.monotonic() - _MODULE_LOADED


_MODULE_LOADED = time.monotonic()

EXIT_WORDS = {"exit", "quit", "q", ":q", "bye"}
EXAMPLE = "4 days in Lisbon from 2027-05-10, food and museums"


def _configure_logging(level: str, verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else getattr(logging, level),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if not verbose and level != "DEBUG":
        # Library errors the plan already degrades around (a failed tool call, a retried model
        # call) are reported as warnings by the planner; their own logs would repeat them.
        for noisy in ("httpx", "httpx2", "httpcore", "mcp", "agent_framework", "asyncio"):
            logging.getLogger(noisy).setLevel(logging.CRITICAL)


class Progress:
    """Shows each step's progress: a spinner on a terminal, plain lines otherwise."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.status: Status | None = None
        self.lines = not console.is_terminal

    def __enter__(self) -> Progress:
        if not self.lines:
            self.status = self.console.status("Starting…", spinner="dots")
            self.status.start()
        return self

    def __exit__(self, *_: object) -> None:
        if self.status is not None:
            self.status.stop()

    def __call__(self, event: PlanEvent) -> None:
        if event.kind == "plan":
            return
        label = {"status": "…", "done": "✓", "warning": "!"}[event.kind]
        style = {"status": "dim", "done": "green", "warning": "yellow"}[event.kind]
        prefix = "" if event.text.startswith(f"{event.step}:") else f"{event.step}: "
        text = escape(f"{label} {prefix}{event.text}")
        if event.kind == "status" and self.status is not None:
            self.status.update(text)
            return
        self.console.print(f"[{style}]{text}[/]", highlight=False, soft_wrap=True)


def _fail(console: Console, error: PlannerError) -> int:
    console.print(f"[bold red]Error:[/] {escape(str(error))}", highlight=False, soft_wrap=True)
    return error.exit_code


def _plan_sink(progress: Progress, write: Callable[[str], None]) -> Callable[[PlanEvent], None]:
    def sink(event: PlanEvent) -> None:
        if event.kind == "plan":
            write(event.text)
        else:
            progress(event)

    return sink


def run_once(request: str, settings: Settings, *, as_json: bool) -> int:
    from travel_planner.workflow import plan_trip

    err = Console(stderr=True)
    # While the spinner runs, rich routes sys.stdout through the (stderr) console. That is
    # right when both are the terminal; when stdout is redirected the plan must go there.
    stdout = sys.stdout
    to_terminal = stdout.isatty()

    def write(text: str) -> None:
        if not as_json:
            target = sys.stdout if to_terminal else stdout
            target.write(text)
            target.flush()

    try:
        with Progress(err) as progress:
            result = asyncio.run(plan_trip(request, settings, on_event=_plan_sink(progress, write)))
    except PlannerError as error:
        logger.debug("plan failed", exc_info=True)
        return _fail(err, error)
    if as_json:
        output = result.to_json()
        elapsed = seconds_since_process_start()
        output["timings"]["startup_s"] = round(max(0.0, elapsed - result.timings["total_s"]), 3)
        sys.stdout.write(json.dumps(output, ensure_ascii=False) + "\n")
    err.print(
        f"[dim]Done in {result.timings.get('total_s', 0):.1f}s · {result.usage.llm_calls} model "
        f"calls · {result.usage.tool_calls} tool calls[/]",
        highlight=False,
    )
    return 0


ANSWER_TIMEOUT_SECONDS = 120.0
NO_OLLAMA_FIX = (
    "start Ollama. With Docker Compose, Ollama runs only under a profile: "
    "`docker compose --profile cpu up` or `docker compose --profile gpu up` (a bare "
    "`docker compose up` starts no Ollama, and `docker compose run` starts only the "
    "orchestrator's dependencies, so bring the stack up with a profile first). With a "
    "profile given, see `docker compose logs ollama`. Outside Compose: `ollama serve`, "
    "and check OLLAMA_HOST."
)


def wait_ready(settings: Settings, answer_timeout: float) -> int:
    """Wait for Ollama and the model, printing progress lines; 0 when ready, 3 otherwise."""
    from travel_planner.llm import wait_until_ready

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    host, model = settings.ollama_host, settings.ollama_model_id
    answer_timeout = min(answer_timeout, settings.ollama_ready_timeout_seconds)
    err.print(
        f"Waiting for Ollama at {host} to list the model {model} (up to "
        f"{settings.ollama_ready_timeout_seconds:.0f}s; {answer_timeout:.0f}s for Ollama to "
        "answer at all) …"
    )
    try:
        waited = asyncio.run(
            wait_until_ready(
                settings,
                lambda text: err.print(escape(text)),
                answer_timeout=answer_timeout,
                no_answer_fix=NO_OLLAMA_FIX,
            )
        )
    except PlannerError as error:
        logger.debug("not ready", exc_info=True)
        return _fail(err, error)
    err.print(f"Ready: Ollama at {host} lists the model {model} (waited {waited:.1f}s).")
    return 0


def is_new_trip(message: str, today: date) -> bool:
    """Whether a follow-up asks for a different trip (dates, length, 'new trip') rather than
    a change to the current plan's days."""
    if re.match(r"\s*(new trip|plan (a|another|me)|start over)\b", message, re.I):
        return True
    try:
        hints = parse_request(message, today)
    except InvalidRequestError:
        return True
    return any(x is not None for x in (hints.start, hints.month, hints.duration_days))


def interactive(settings: Settings) -> int:
    from travel_planner.workflow import plan_trip, refine_plan

    console = Console()
    tty = console.is_terminal
    # On a terminal everything shares the screen; through pipes, stdout carries only plans.
    status = console if tty else Console(stderr=True)
    console.print(
        f"[bold]Travel planner[/] · model {settings.ollama_model_id}\n"
        f"Describe your trip, e.g. [italic]{EXAMPLE}[/]. Then ask for changes "
        '("make day 2 more relaxed"). Type [bold]exit[/] to quit.',
        highlight=False,
    )
    previous: PlanResult | None = None
    pending: str | None = None
    while True:
        try:
            message = console.input("[bold cyan]You>[/] ") if tty else input("You> ")
        except (EOFError, KeyboardInterrupt):
            console.print()
            return 0
        message = message.strip()
        if not message:
            continue
        if message.lower() in EXIT_WORDS:
            return 0

        def write(text: str) -> None:
            if tty:
                console.print(Markdown(text))
            else:
                sys.stdout.write(text)
                sys.stdout.flush()

        # A request that could not be planned waits for the missing part ("Madrid",
        # "from 2027-05-10"), which is merged into it.
        request: str | None = None
        if pending is not None:
            request = merge_follow_up(pending, message, date.today())
        elif previous is None:
            request = message
        elif is_new_trip(message, date.today()):
            request = merge_follow_up(previous.trip.request, message, date.today())
        try:
            with Progress(status) as progress:
                sink = _plan_sink(progress, write)
                if request is not None:
                    previous = asyncio.run(plan_trip(request, settings, on_event=sink))
                elif previous is not None:
                    previous = asyncio.run(refine_plan(previous, message, settings, on_event=sink))
        except InvalidRequestError as error:
            logger.debug("request not plannable", exc_info=True)
            _fail(status, error)
            pending = request
            status.print("Add what is missing (a place, dates), describe another trip, or exit.")
            continue
        except PlannerError as error:
            logger.debug("plan failed", exc_info=True)
            _fail(status, error)
            if error.exit_code == 3:
                return 3
            continue
        pending = None
        status.print(
            "[dim]Ask for a change, describe another trip, or type exit.[/]", highlight=False
        )


def command(
    request: Annotated[
        str | None, typer.Argument(help=f'What you want, e.g. "{EXAMPLE}". Omit for a session.')
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Debug logs on stderr.")] = False,
    wait_ready_only: Annotated[
        bool,
        typer.Option(
            "--wait-ready",
            help="Only wait until Ollama lists the model (OLLAMA_READY_TIMEOUT_SECONDS), "
            "then exit 0; exit 3 if it does not.",
        ),
    ] = False,
    answer_timeout: Annotated[
        float,
        typer.Option(
            "--answer-timeout",
            min=1,
            help="With --wait-ready: give up sooner when Ollama never answers at all.",
        ),
    ] = ANSWER_TIMEOUT_SECONDS,
) -> None:
    """Plan a trip with local models: a day-by-day plan grounded in real facts."""
    err = Console(stderr=True)
    try:
        settings = load_settings()
    except PlannerError as error:
        raise typer.Exit(_fail(err, error)) from None
    _configure_logging(settings.log_level, verbose)
    if wait_ready_only:
        if request is not None:
            err.print("[bold red]Error:[/] --wait-ready takes no request.")
            raise typer.Exit(2)
        raise typer.Exit(wait_ready(settings, answer_timeout))

    from travel_planner.telemetry import setup_telemetry

    shutdown = setup_telemetry(settings, verbose=verbose)
    code = 0
    try:
        if request is not None and request.strip():
            code = run_once(request.strip(), settings, as_json=as_json)
        elif request is not None:
            err.print(f'[bold red]Error:[/] the request is empty. Try: travel-planner "{EXAMPLE}"')
            code = 2
        else:
            code = interactive(settings)
    except KeyboardInterrupt:
        code = 130
    except Exception as exc:  # last resort: one line, details in the debug log
        logger.debug("unexpected failure", exc_info=True)
        err.print(
            f"[bold red]Unexpected error:[/] {escape(str(exc))} (run with --verbose for details)",
            soft_wrap=True,
        )
        code = 1
    finally:
        shutdown()
    raise typer.Exit(code)


def main() -> None:
    """Console-script entry point."""
    typer.run(command)
