"""Mutation testing of the core modules with mutmut, one target at a time.

    python scripts/mutation.py run [TARGET...]       mutate and test (incremental: results kept)
    python scripts/mutation.py retest [TARGET...]    test the survivors again (after new tests)
    python scripts/mutation.py report [TARGET...]    score per module and the surviving mutants
    python scripts/mutation.py show MUTANT           the diff of one mutant

    --only PATTERN (run, retest; repeatable): only the mutants whose names match, e.g.
    'travel_planner.understanding.money.*' for one module: `run` tests those not tested yet,
    `retest` their survivors.

Each target mutates one part of the code and runs only the tests that exercise it. It works in
its own folder, .cache/mutation/TARGET/, where mutmut keeps the mutated copies and its results,
so a second run only tests what changed. The slow end-to-end tests that run a real model are left
out: they would multiply the run time and a unit test names the behaviour more precisely.

Tests that read requests need the real MCP server: one server is started for the whole run and
every mutant's test session uses it (scripts/mutation_plugin.py), instead of one per mutant.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / ".cache" / "mutation"
MUTMUT = Path(sys.executable).with_name("mutmut")
# Two workers: the machine this runs on is small and shared.
CHILDREN = os.environ.get("MUTATION_CHILDREN", "2")
# A mutant that makes a test hang fails that test instead of stalling the run.
TEST_TIMEOUT_S = "60"
SKIPPED = 34


@dataclass(frozen=True)
class Target:
    name: str
    source: str  # the folder holding the package, relative to the repository
    tests: str  # the test folder copied beside it as tests/
    mutate: tuple[str, ...]  # globs of the files to mutate, relative to the source folder
    select: tuple[str, ...]  # pytest arguments choosing the tests, relative to the test folder
    mcp_server: bool = False  # the tests need the real MCP server
    preload: bool = False  # load the MCP server's datasets once (scripts/mutation_preload.py)
    # Mutants not run, by name pattern: code that runs only while the preloaded datasets load
    # never sees a mutant, so its mutants would "survive" every test (docs/mutation.md).
    skip: tuple[str, ...] = ()


MCP_TOOLS = (
    "places",
    "place_lookup",
    "weather",
    "sun",
    "currency",
    "public_holidays",
    "local_time",
    "countries",
    "distance",
    "suggestions",
)

# The plan's unit tests; the end-to-end ones run the CLI as a child process, out of reach of
# the mutants (and its main.py is not in a target's folder).
PLAN_TESTS = (
    "tests/plan",
    "--ignore=tests/plan/test_quality_end_to_end.py",
    "--ignore=tests/plan/test_brief_outcomes.py",
)

TARGETS = {
    target.name: target
    for target in (
        Target(
            "plan",
            "src",
            "tests",
            ("travel_planner/plan/*",),
            PLAN_TESTS,
        ),
        Target(
            "facts",
            "src",
            "tests",
            ("travel_planner/facts/*",),
            PLAN_TESTS,
        ),
        Target(
            "understanding",
            "src",
            "tests",
            ("travel_planner/understanding/*",),
            # The corpus test scores hundreds of requests against an accuracy goal: slow for
            # every mutant, and one misread request more still meets the goal.
            ("tests/understanding", "--ignore=tests/understanding/test_corpus.py"),
            mcp_server=True,
            # The model's schema parts and the word lists are made once, when their module is
            # imported: before any mutant is switched on.
            skip=(
                "travel_planner.understanding.model.x__nullable*",
                "travel_planner.understanding.lexicon.x__words*",
            ),
        ),
        Target(
            "mcp-tools",
            "mcp-server/src",
            "mcp-server/tests",
            tuple(f"travel_mcp_server/{tool}.py" for tool in MCP_TOOLS),
            # The HTTP tests run the server as a child process, out of reach of the mutants;
            # the dataset builder is a script beside the package, not a tool.
            (
                "tests",
                "--ignore=tests/test_server_http.py",
                "--ignore=tests/test_dataset_builder.py",
            ),
            preload=True,
            skip=(
                "travel_mcp_server.places.xǁPlaceIndexǁ__init__*",
                "travel_mcp_server.places.xǁPlaceIndexǁ_place_*",
                "travel_mcp_server.places.xǁPlaceIndexǁ_own_names*",
                "travel_mcp_server.places.x__ascii*",
                "travel_mcp_server.countries.xǁCountryDirectoryǁload_*",
            ),
        ),
    )
}


def prepare(target: Target) -> Path:
    """The target's folder: the source and tests linked in, mutmut's settings written."""
    folder = WORK / target.name
    folder.mkdir(parents=True, exist_ok=True)
    for name, source in (("src", target.source), ("tests", target.tests)):
        link = folder / name
        if not link.is_symlink():
            link.symlink_to(REPO / source, target_is_directory=True)
    settings: dict[str, str | list[str]] = {
        "source_paths": ["src"],
        "only_mutate": [f"src/{glob}" for glob in target.mutate],
        "pytest_add_cli_args_test_selection": list(target.select),
        "pytest_add_cli_args": [f"--timeout={TEST_TIMEOUT_S}", "-p", "mutation_plugin"],
    }
    if target.preload:
        # Each mutant's process is forked from one that has imported the preload module.
        (folder / "preload.txt").write_text("mutation_preload\n", encoding="utf-8")
        settings |= {
            "process_isolation": "forkserver",
            "forkserver_warmup": "import",
            "preload_modules_file": str(folder / "preload.txt"),
        }
    # JSON strings and lists of strings are TOML too.
    mutmut_table = "\n[tool.mutmut]\n" + "".join(
        f"{key} = {json.dumps(value)}\n" for key, value in settings.items()
    )
    # The repository's pytest settings (asyncio mode, markers) with mutmut's table added.
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8") + mutmut_table
    path = folder / "pyproject.toml"
    if not path.exists() or path.read_text(encoding="utf-8") != pyproject:
        path.write_text(pyproject, encoding="utf-8")
    refresh(folder, target)
    return folder


def refresh(folder: Path, target: Target) -> None:
    """Drop the copies mutmut would keep although the working tree changed.

    mutmut copies the data files beside the code once and never again, and keeps the mutated
    copy of a file that is gone; a later run would test against stale code. Mutated files
    that still exist are left alone: mutmut regenerates them when their source is newer."""
    shutil.rmtree(folder / "mutants" / "tests", ignore_errors=True)
    copies = folder / "mutants" / "src"
    if not copies.is_dir():
        return
    for copy in [p for p in copies.rglob("*") if p.is_file()]:
        relative = copy.relative_to(copies)
        source = folder / "src" / str(relative).removesuffix(".meta").removesuffix(".spans")
        mutated = any(fnmatch(str(source.relative_to(folder / "src")), g) for g in target.mutate)
        if not source.exists() or not mutated:
            copy.unlink()
    # A file edited while mutmut read it can leave a mutated copy newer than its source but
    # made from the old text: compare contents with what the last run started from.
    record = folder / "sources.json"
    started = json.loads(record.read_text(encoding="utf-8")) if record.exists() else {}
    now = {}
    for source in sorted((folder / "src").rglob("*.py")):
        name = str(source.relative_to(folder / "src"))
        if any(fnmatch(name, glob) for glob in target.mutate):
            now[name] = hashlib.sha256(source.read_bytes()).hexdigest()
            if started.get(name) != now[name]:
                (copies / name).unlink(missing_ok=True)
    record.write_text(json.dumps(now, indent=1), encoding="utf-8")


@contextmanager
def shared_mcp_server(target: Target) -> Iterator[dict[str, str]]:
    """The environment of the mutmut process: the plugin's folder, and the shared server."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "scripts")}
    if not target.mcp_server:
        yield env
        return
    from travel_mcp_server.process import running_mcp_server

    with running_mcp_server(data_mode="offline") as url:
        yield {**env, "MUTATION_MCP_URL": url}


def mutmut(target: Target, *args: str) -> int:
    folder = prepare(target)
    mark_skipped(target)
    forget_stale_coverage(folder, target, [a for a in args[1:] if "__mutmut_" in a])
    context = shared_mcp_server(target) if args[:1] == ("run",) else nullcontext(None)
    with context as env:
        command = [str(MUTMUT), *args]
        return subprocess.run(command, cwd=folder, env=env, check=False).returncode


def forget_stale_coverage(folder: Path, target: Target, names: list[str]) -> None:
    """mutmut maps tests to functions once, and again only for tests with new names: a
    function added since (its mutants read "no tests") or a test edited under its old name
    keeps the old map. Then the map is made again, from one pass over the tests, before
    these mutants run."""
    stats = folder / "mutants" / "mutmut-stats.json"
    if not names or not stats.exists():
        return
    made = stats.stat().st_mtime
    tests = (folder / target.select[0]).rglob("*.py")
    edited = any(test.stat().st_mtime > made for test in tests)
    known = json.loads(stats.read_text(encoding="utf-8")).get("tests_by_mangled_function_name", {})
    if edited or any(name.rsplit("__mutmut_", 1)[0] not in known for name in names):
        stats.unlink()


def mark_skipped(target: Target) -> None:
    """Record the target's skipped mutants as skipped (mutmut's code 34), so none is run."""
    for meta in (WORK / target.name / "mutants" / "src").rglob("*.py.meta"):
        data = json.loads(meta.read_text(encoding="utf-8"))
        codes = data.get("exit_code_by_key", {})
        skipped = [k for k in codes if any(fnmatch(k, pattern) for pattern in target.skip)]
        if any(codes[k] != SKIPPED for k in skipped):
            codes.update(dict.fromkeys(skipped, SKIPPED))
            meta.write_text(json.dumps(data), encoding="utf-8")


def results(target: Target) -> dict[str, dict[str, int | None]]:
    """Exit code of each mutant's test run, per mutated file (None: not tested yet)."""
    mutants = WORK / target.name / "mutants" / "src"
    found: dict[str, dict[str, int | None]] = {}
    for meta in sorted(mutants.rglob("*.py.meta")):
        codes = json.loads(meta.read_text(encoding="utf-8")).get("exit_code_by_key", {})
        if codes:
            found[str(meta.relative_to(mutants))[: -len(".meta")]] = codes
    return found


def verdict(code: int | None) -> str:
    """mutmut's reading of a test run's exit code."""
    if code in (1, 3):
        return "killed"
    if code in (24, -24, 152, 255, 36):  # the tests ran out of time: killed too
        return "timeout"
    return {0: "survived", 5: "no tests", 33: "no tests", 34: "skipped", None: "not checked"}.get(
        code, "suspicious"
    )


def survivors(target: Target) -> list[str]:
    return [
        name
        for codes in results(target).values()
        for name, code in codes.items()
        if verdict(code) in ("survived", "no tests")
    ]


def untested(target: Target, patterns: list[str]) -> list[str]:
    """The mutants --only names that have no result yet."""
    return [
        name
        for codes in results(target).values()
        for name, code in codes.items()
        if code is None and chosen(name, patterns)
    ]


def chosen(name: str, patterns: list[str]) -> bool:
    """Whether a mutant is among those --only names (all of them without --only)."""
    return not patterns or any(fnmatch(name, pattern) for pattern in patterns)


def report(targets: list[Target]) -> None:
    """Per module: mutants, how many the tests killed, the score over the mutants tested
    (skipped and not yet tested ones aside), and the survivors by name."""
    rows = []
    for target in targets:
        for path, codes in results(target).items():
            count = Counter(verdict(code) for code in codes.values())
            caught = count["killed"] + count["timeout"]
            tested = len(codes) - count["skipped"] - count["not checked"]
            rows.append((f"{target.source}/{path}", len(codes), tested, caught, count))
    print(
        f"| {'module':<58} | mutants | tested | killed | score | survived | no tests "
        "| skipped | not tested |"
    )
    print(f"|{'-' * 60}|---------|--------|--------|-------|----------|----------|---------|"
          "------------|")  # fmt: skip
    for path, total, tested, caught, count in rows:
        score = f"{100 * caught / tested:4.0f}%" if tested else "    -"
        print(
            f"| {path:<58} | {total:>7} | {tested:>6} | {caught:>6} | {score} "
            f"| {count['survived']:>8} | {count['no tests']:>8} | {count['skipped']:>7} "
            f"| {count['not checked']:>10} |"
        )
    tested = sum(row[2] for row in rows)
    caught = sum(row[3] for row in rows)
    if tested:
        print(f"\nall: {caught}/{tested} tested mutants killed ({100 * caught / tested:.1f}%)")
    for target in targets:
        for name in survivors(target):
            print(f"  survivor [{target.name}] {name}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("command", choices=("run", "retest", "report", "show"))
    parser.add_argument("names", nargs="*", help="targets (default: all), or the mutant to show")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="PATTERN",
        help="run/retest only the mutants whose names match (fnmatch), e.g. 'pkg.module.*'",
    )
    options = parser.parse_args()
    if options.command == "show":
        # A mutant's name starts with its module: the target that mutates that module shows it.
        name = options.names[0]
        module = name.split(".x", 1)[0].replace(".", "/") + ".py"
        target = next(
            (t for t in TARGETS.values() if any(fnmatch(module, g) for g in t.mutate)), None
        )
        if target is None:
            parser.error(f"no target mutates {module} (the module of {name})")
        if not (WORK / target.name / "mutants" / "src" / module).is_file():
            print(
                f"The mutated copy of {module} is gone (results are kept, copies are not); "
                f"run `make mutation TARGETS={target.name}` again to show {name}.",
                file=sys.stderr,
            )
            return 2
        # Read only: preparing the folder would drop the copied tests and the test map under
        # a run in progress (its mutants would then meet no tests).
        folder = WORK / target.name
        return subprocess.run([str(MUTMUT), "show", name], cwd=folder, check=False).returncode
    unknown = [name for name in options.names if name not in TARGETS]
    if unknown:
        parser.error(f"unknown target(s) {', '.join(unknown)}; known: {', '.join(TARGETS)}")
    targets = [TARGETS[name] for name in options.names] or list(TARGETS.values())
    if options.command == "report":
        report(targets)
        return 0
    status = 0
    for target in targets:
        print(f"== {target.name}", flush=True)
        args = ["run", "--max-children", CHILDREN]
        if options.command == "retest":
            mark_skipped(target)
            names = [n for n in survivors(target) if chosen(n, options.only)]
            if not names:
                continue
            args += names
        elif options.only:
            first = untested(target, options.only)
            if results(target) and not first:
                continue
            status = max(status, mutmut(target, *args, *(first or options.only)))
            # mutmut makes the mutants of a function edited since the last run when it
            # starts: names the list above could not know yet. Test those too.
            more = [name for name in untested(target, options.only) if name not in first]
            if more:
                status = max(status, mutmut(target, *args, *more))
            continue
        status = max(status, mutmut(target, *args))
    report(targets)
    return status


if __name__ == "__main__":
    sys.exit(main())
