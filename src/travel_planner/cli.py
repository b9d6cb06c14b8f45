"""`travel-planner`: one-shot (`travel-planner "REQUEST"`), an interactive session, or the web
app (`travel-planner serve`).

Progress goes to stderr, the plan to stdout. Exit codes: 0 plan printed; 2 the request or the
configuration cannot be used (the message says what to add); 3 a dependency is unavailable
(Ollama, the model, the MCP server) or the model wrote nothing usable; 130 interrupted
(Ctrl-C), 143 terminated (SIGTERM); 141 stdout was closed before the plan was written out
(`travel-planner ... | head`: the plan is cancelled without a word, as shells report a
pipe's writer that SIGPIPE ended); 1 an unexpected failure.

`travel-planner --wait-ready` only waits until Ollama answers and lists the configured model
(the `model-ready` gate of the compose file): exit 0 when it does, 3 otherwise.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import signal
import sys
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from rich.markup import escape

from travel_planner.errors import ConfigurationError, PlannerError
from travel_planner.i18n import (
    DEFAULT_LANGUAGE,
    Language,
    as_language,
    system_language,
    translator,
)
from travel_planner.signals import (
    CLOSED_STDOUT_EXIT,
    Interrupted,
    discard_output,
    run_cancellable,
    seconds_since_process_start,
    terminate,
)
from travel_planner.terminal import (
    PlanPrinter,
    Progress,
    Terminal,
    done_line,
    incomplete_marker,
    read_message,
    stdout_writer,
)

# The agent framework, the MCP client and the settings are imported when a command needs
# them: `--help` stays fast, and a plan's first line appears before they are loaded.
if TYPE_CHECKING:
    from travel_planner.config import Settings
    from travel_planner.planner import Outcome, Planner
    from travel_planner.readiness import Waiting

logger = logging.getLogger("travel_planner")
T = TypeVar("T")

EXIT_WORDS = {"exit", "quit", "q", ":q", "bye", "salir", "sair", "quitter", "beenden", "esci"}
EXAMPLE = "4 days in Lisbon from 2027-05-10, food and museums"


def _configure_logging(level: str, verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else getattr(logging, level),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if not verbose and level != "DEBUG":
        # Library errors the plan already degrades around (a failed tool call, a retried model
        # call) are reported as notices by the planner; their own logs would repeat them.
        for noisy in ("httpx", "httpx2", "httpcore", "mcp", "agent_framework", "asyncio"):
            logging.getLogger(noisy).setLevel(logging.CRITICAL)


def _fail(console: Terminal, error: BaseException) -> None:
    console.print(f"[bold red]Error:[/] {escape(str(error))}", highlight=False, soft_wrap=True)


class Telemetry:
    """Tracing, set up in the planner's loading thread (it imports the exporter and the agent
    framework's instrumentation), shut down within a bounded wait at exit."""

    def __init__(self, settings: Settings, verbose: bool) -> None:
        self.settings = settings
        self.verbose = verbose
        self._shutdown: Callable[[], None] | None = None

    def start(self) -> None:
        from travel_planner.telemetry import setup_telemetry

        self._shutdown = setup_telemetry(self.settings, verbose=self.verbose)

    def stop(self) -> None:
        if self._shutdown is not None:
            self._shutdown()


async def _with_planner(
    settings: Settings, telemetry: Telemetry, use: Callable[[Planner], Awaitable[T]]
) -> T:
    from travel_planner.planner import Planner

    async with Planner(settings, prepare=telemetry.start) as planner:
        return await use(planner)


def run_once(
    request: str,
    settings: Settings,
    telemetry: Telemetry,
    *,
    as_json: bool,
    language: Language | None,
) -> int:
    err = Terminal(stderr=True)
    write = stdout_writer(as_json)
    with Progress(err) as progress:
        printer = PlanPrinter(progress, write)
        try:
            with asyncio.Runner() as runner:
                outcome = run_cancellable(
                    runner,
                    _with_planner(
                        settings, telemetry, lambda p: printer.run(p, request, language=language)
                    ),
                )
        except (PlannerError, Interrupted) as error:
            logger.debug("plan failed", exc_info=True)
            if printer.wrote_plan:
                write(incomplete_marker(error))
            progress.stop()
            if isinstance(error, Interrupted):
                err.print(f"Stopped ({error}): no plan was finished.", highlight=False)
            else:
                _fail(err, error)
            return error.exit_code
    # Imported once the plan is done: the facts and plan models (and the MCP client they
    # import) would otherwise delay the first progress line by half a second.
    from travel_planner.planner import outcome_json
    from travel_planner.result import PlanResult

    if not isinstance(outcome, PlanResult):
        # Not plannable as written: say what to add (exit 2).
        if as_json:
            sys.stdout.write(json.dumps(outcome_json(outcome), ensure_ascii=False) + "\n")
        err.print(escape(outcome.message), highlight=False, soft_wrap=True)
        for option in outcome.options:
            err.print(f"  • {escape(option)}", highlight=False, soft_wrap=True)
        return 2
    if as_json:
        output = outcome.to_json()
        elapsed = seconds_since_process_start()
        output["timings"]["startup_s"] = round(max(0.0, elapsed - outcome.timings["total_s"]), 3)
        sys.stdout.write(json.dumps(output, ensure_ascii=False) + "\n")
        sys.stdout.flush()  # a closed stdout is found here, not at exit
    err.print(f"[dim]{escape(done_line(outcome))}[/]", highlight=False)
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
    from travel_planner.readiness import wait_until_ready

    err = Terminal(stderr=True, highlight=False, soft_wrap=True)
    host, model = settings.ollama_host, settings.ollama_model_id
    answer_timeout = min(answer_timeout, settings.ollama_ready_timeout_seconds)
    err.print(
        f"Waiting for Ollama at {host} to list the model {model} (up to "
        f"{settings.ollama_ready_timeout_seconds:.0f}s; {answer_timeout:.0f}s for Ollama to "
        "answer at all) …"
    )

    async def note(waiting: Waiting) -> None:
        err.print(escape(waiting.describe()))

    try:
        with asyncio.Runner() as runner:
            waited = run_cancellable(
                runner,
                wait_until_ready(
                    settings, note, answer_timeout=answer_timeout, no_answer_fix=NO_OLLAMA_FIX
                ),
            )
    except (PlannerError, Interrupted) as error:
        logger.debug("not ready", exc_info=True)
        _fail(err, error)
        return error.exit_code
    err.print(f"Ready: Ollama at {host} lists the model {model} (waited {waited:.1f}s).")
    return 0


def _banner(_: Callable[[str], str], model: str) -> str:
    """The session's first lines (rich markup), in the language of `_`."""
    title = _("Travel planner · model {model}").format(model=model)
    describe = _(
        "Describe your trip, e.g. {example}. Then ask for changes ({change}). Type {exit} to quit."
    )
    return f"[bold]{escape(title)}[/]\n" + escape(describe).format(
        example=f"[italic]{escape(_(EXAMPLE))}[/]",
        change=escape(f'"{_("make day 2 more relaxed")}"'),
        exit=f"[bold]{escape(_('exit'))}[/]",
    )


def interactive(settings: Settings, telemetry: Telemetry, language: Language | None) -> int:
    from rich.markdown import Markdown

    from travel_planner.planner import Planner
    from travel_planner.result import PlanResult

    console = Terminal()
    tty = console.is_terminal
    # On a terminal everything shares the screen; through pipes, stdout carries only plans
    # (the banner, the prompts, questions and progress go to stderr).
    status = console if tty else Terminal(stderr=True)
    # The session speaks the language asked for, else the terminal's, then each plan's.
    lang: Language = language or system_language() or DEFAULT_LANGUAGE
    _ = translator(lang, "ui").gettext
    status.print(_banner(_, settings.ollama_model_id), highlight=False)

    def write(text: str) -> None:
        if tty:
            console.print(Markdown(text))
        else:
            sys.stdout.write(text)
            sys.stdout.flush()

    current: Outcome | None = None
    with asyncio.Runner() as runner:
        planner = Planner(settings, prepare=telemetry.start)
        runner.run(planner.__aenter__())
        try:
            while True:
                try:
                    message = read_message(status, tty, _("You"))
                except (EOFError, KeyboardInterrupt):
                    status.print()
                    return 0
                message = message.strip()
                if not message:
                    continue
                if message.lower() in EXIT_WORDS:
                    return 0
                with Progress(status) as progress:
                    printer = PlanPrinter(progress, write)
                    try:
                        outcome = run_cancellable(
                            runner,
                            printer.run(planner, message, current=current, language=language),
                        )
                    except Interrupted as stop:
                        if printer.wrote_plan:
                            write(incomplete_marker(stop))
                        progress.stop()
                        if stop.signum == signal.SIGTERM:
                            status.print(f"{_('Stopped.')} (SIGTERM)")
                            return stop.exit_code
                        status.print(
                            _("Stopped: the plan was cancelled. Ask again, or type {exit}.")
                            .format(exit=_("exit")), highlight=False,
                        )  # fmt: skip
                        continue
                    except PlannerError as error:
                        logger.debug("plan failed", exc_info=True)
                        if printer.wrote_plan:
                            write(incomplete_marker(error))
                        progress.stop()
                        _fail(status, error)
                        if error.exit_code == 3:
                            return 3
                        continue
                current = outcome
                lang = (
                    outcome.trip.language if isinstance(outcome, PlanResult) else outcome.language
                )
                _ = translator(lang, "ui").gettext
                if isinstance(outcome, PlanResult):
                    again = _("Ask for a change, describe another trip, or type {exit}.")
                    status.print(f"[dim]{escape(again.format(exit=_('exit')))}[/]", highlight=False)
                else:
                    # A question back: the next message answers it.
                    status.print(escape(outcome.message), highlight=False, soft_wrap=True)
                    for n, option in enumerate(outcome.options, start=1):
                        status.print(f"  {n}. {escape(option)}", highlight=False, soft_wrap=True)
        finally:
            runner.run(planner.__aexit__(None, None, None))


def _print_version(asked: bool) -> None:
    if asked:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("travel-planner")
        except PackageNotFoundError:  # run from a source tree that was never installed
            number = "unknown"
        typer.echo(f"travel-planner {number}")
        raise typer.Exit(0)


def command(
    request: Annotated[
        str | None,
        typer.Argument(
            metavar="REQUEST", help=f'What you want, e.g. "{EXAMPLE}". Omit for a session.'
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    language: Annotated[
        str | None,
        typer.Option(
            "--language",
            "-l",
            metavar="CODE",
            help="Language of the plan (en, es, fr, de, pt, it); default: the request's.",
        ),
    ] = None,
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
            metavar="SECONDS",
            help="With --wait-ready: give up sooner when Ollama never answers at all.",
        ),
    ] = ANSWER_TIMEOUT_SECONDS,
    _version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_print_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """Plan a trip with local models: a day-by-day plan grounded in real facts."""
    from travel_planner.config import load_settings

    err = Terminal(stderr=True)
    signal.signal(signal.SIGTERM, terminate)
    try:
        settings = load_settings()
        chosen = as_language(language) if language is not None else settings.travel_language
        if language is not None and chosen is None:
            raise ConfigurationError(
                f"--language {language!r} is not supported: use one of en, es, fr, de, pt, it."
            )
    except PlannerError as error:
        _fail(err, error)
        raise typer.Exit(error.exit_code) from None
    _configure_logging(settings.log_level, verbose)
    if wait_ready_only:
        if request is not None:
            err.print("[bold red]Error:[/] --wait-ready takes no request.")
            raise typer.Exit(2)
        raise typer.Exit(wait_ready(settings, answer_timeout))

    telemetry = Telemetry(settings, verbose)
    code = 0
    try:
        if request is not None and request.strip():
            code = run_once(request.strip(), settings, telemetry, as_json=as_json, language=chosen)
        elif request is not None:
            err.print(f'[bold red]Error:[/] the request is empty. Try: travel-planner "{EXAMPLE}"')
            code = 2
        else:
            code = interactive(settings, telemetry, chosen)
    except Interrupted as stop:
        code = stop.exit_code
    except BrokenPipeError:
        # Whoever read the plan stopped reading (`| head`): nothing left to say, and no one
        # to say it to on stdout; later flushes go nowhere instead of failing again.
        discard_output()
        code = CLOSED_STDOUT_EXIT
    except Exception as exc:  # last resort: one line, details in the debug log
        logger.debug("unexpected failure", exc_info=True)
        err.print(
            f"[bold red]Unexpected error:[/] {escape(str(exc))} (run with --verbose for details)",
            soft_wrap=True,
        )
        code = 1
    finally:
        telemetry.stop()
    raise typer.Exit(code)


def main() -> None:
    """Console-script entry point: `travel-planner serve ...` runs the web app."""
    if len(sys.argv) > 1 and sys.argv[1] == "serve":
        from travel_planner.web.cli import serve_main

        serve_main(sys.argv[2:])
        return
    # Plain help (click's formatter): rich's help panels would import Markdown and more for
    # a screen of text, doubling the time `--help` takes.
    app = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False, add_completion=False)
    app.command()(command)
    try:
        app(prog_name="travel-planner")
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    # Everything is printed and telemetry has had its bounded flush: leave now instead of
    # waiting for the interpreter to tear down the agent framework and its threads (≈0.4 s).
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    logging.shutdown()
    os._exit(code)
