"""What each command loads, and how the cost of an answer grows (issue 6).

A command that never prompts must never load questionary or prompt_toolkit:
whatever is imported on a path is paid on every run. Each command runs in a
fresh interpreter, and the test reads ``sys.modules`` after it. Speed itself is
measured by ``python bench/run.py``; no test here asserts a time. Growth is
checked by counting what is deterministic: function calls and bytes written.
"""

from __future__ import annotations

import gc
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer.main

from bench import sessions
from bench.run import RUN_ARGS
from scopewiz.cli import app
from scopewiz.engine import next_step
from scopewiz.render import render

GOLDEN = Path(__file__).resolve().parent / "golden" / "leeds-2026-12-01.scopewiz.yaml"
PROMPT_MODULES = ("questionary", "prompt_toolkit")

#: Commands that ask questions; every other command must not load PROMPT_MODULES.
PROMPTING = {"new", "resume", "edit"}
#: Commands that run until stopped (checked by importing what they run, below).
SERVING = {"present"}
#: Arguments that run a command to its end ({session}: a complete session, alone
#: in the folder the command runs in): the bench's. A command missing there gets
#: the session for each required argument.
ARGS = RUN_ARGS

# Runs the command line (or, for none, imports one module) in this interpreter, then
# reports the exit code and every module loaded that starts with one of the given names.
_PROBE = """\
import importlib, json, sys
args, prefixes, report = json.loads(sys.argv[1]), tuple(json.loads(sys.argv[2])), sys.argv[3]
code = 0
try:
    if args is not None:
        sys.argv = ["scopewiz", *args]
        from scopewiz.cli import main
        main()
    else:
        importlib.import_module(sys.argv[4])
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
with open(report, "w", encoding="utf-8") as out:
    json.dump({"code": code, "loaded": sorted(m for m in sys.modules if m.startswith(prefixes))}, out)
"""


def _commands() -> dict[str, Any]:
    return dict(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


COMMANDS = _commands()


def probe(
    args: list[str] | None, prefixes: tuple[str, ...], cwd: Path, module: str = "scopewiz.cli"
) -> dict[str, Any]:
    """Run ``scopewiz ARGS`` (or only ``import MODULE`` for None) in a new interpreter."""
    report = cwd / "report.json"
    report.unlink(missing_ok=True)
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(args), json.dumps(prefixes), str(report), module],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert report.exists(), f"the probe did not finish:\n{done.stderr}"
    result: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    result["stderr"] = done.stderr
    return result


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder holding one complete session, as ``list`` would find it."""
    shutil.copy2(GOLDEN, tmp_path / GOLDEN.name)
    return tmp_path


def args_for(name: str, session: Path) -> list[str]:
    """The command line that runs command ``name`` to its end."""
    if name in ARGS:
        args = ARGS[name]
    else:
        params = COMMANDS[name].params
        args = ["{session}" for p in params if p.param_type_name == "argument" and p.required]
    return [name, *(a.format(session=session) for a in args)]


def test_the_live_page_loads_no_prompt_modules(folder: Path) -> None:
    result = probe(None, PROMPT_MODULES, folder, module="scopewiz.present")
    assert result["code"] == 0, result["stderr"]
    assert result["loaded"] == []


@pytest.mark.parametrize("name", sorted(set(COMMANDS) - PROMPTING - SERVING))
def test_command_that_never_prompts_loads_no_prompt_modules(name: str, folder: Path) -> None:
    args = args_for(name, folder / GOLDEN.name)
    result = probe(args, PROMPT_MODULES, folder)
    assert result["code"] == 0, (
        f"scopewiz {' '.join(args)} exited {result['code']}; if it asks questions add it "
        f"to PROMPTING, else give its arguments in ARGS.\n{result['stderr']}"
    )
    assert result["loaded"] == [], f"scopewiz {name} loaded {result['loaded'][:5]}"


@pytest.mark.parametrize(
    "args", [["--help"], *([name, "--help"] for name in sorted(COMMANDS))], ids=" ".join
)
def test_help_loads_no_prompt_modules(args: list[str], folder: Path) -> None:
    result = probe(args, PROMPT_MODULES, folder)
    assert result["code"] == 0, result["stderr"]
    assert result["loaded"] == []


def test_importing_the_cli_loads_no_prompts_rich_or_markdown(folder: Path) -> None:
    result = probe(None, (*PROMPT_MODULES, "rich", "markdown_it"), folder)
    assert result["code"] == 0, result["stderr"]
    assert result["loaded"] == []


#: What a prompter works without: it needs only the seam, scopewiz.asking (issue 10).
NOT_FOR_PROMPTERS = (
    "scopewiz.runner",
    "scopewiz.session",
    "scopewiz.render",
    "scopewiz.answers",
    "scopewiz.checks",
)


def test_importing_the_prompters_loads_no_runner_session_or_render(tmp_path: Path) -> None:
    result = probe(None, NOT_FOR_PROMPTERS, tmp_path, module="scopewiz.prompts")
    assert result["code"] == 0, result["stderr"]
    assert result["loaded"] == [], f"import scopewiz.prompts loaded {result['loaded']}"


def test_the_seam_between_runner_and_prompters_imports_no_other_module(tmp_path: Path) -> None:
    result = probe(None, ("scopewiz",), tmp_path, module="scopewiz.asking")
    assert result["code"] == 0, result["stderr"]
    assert result["loaded"] == ["scopewiz", "scopewiz.asking"]


def test_the_named_commands_are_covered() -> None:
    """Each command the budgets name is either prompting or run by the tests above."""
    for name in ("render", "status", "list", "check", "template"):
        assert name not in PROMPTING
        if name in COMMANDS:
            assert name in ARGS


# -- the cyclic garbage collector at start-up ------------------------------------------


def test_collector_is_off_while_loading_and_on_for_the_interview(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """main() holds the collector off while modules load; the interview runs with it on."""
    import scopewiz.render
    from scopewiz import cli

    seen: dict[str, bool] = {}
    real_render = scopewiz.render.render

    def render(*args: Any, **kwargs: Any) -> str:
        seen["render"] = gc.isenabled()
        return real_render(*args, **kwargs)

    def interview(*_args: Any, **_kwargs: Any) -> None:
        seen["interview"] = gc.isenabled()
        raise typer.Exit(3)

    monkeypatch.setattr(scopewiz.render, "render", render)
    monkeypatch.setattr(cli, "_run_interview", interview)
    monkeypatch.chdir(folder)
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    try:
        for args, code in ((["render", GOLDEN.name], 0), (["new", "--plain"], 3)):
            monkeypatch.setattr(sys, "argv", ["scopewiz", *args])
            with pytest.raises(SystemExit) as stop:
                cli.main()
            assert stop.value.code == code
            assert gc.isenabled(), f"scopewiz {args[0]} left the collector off"
        assert seen == {"render": False, "interview": True}
        assert gc.get_freeze_count() > frozen  # what was loaded is kept out of its passes
    finally:
        gc.unfreeze()
        gc.enable()


def test_commands_run_without_main_leave_the_collector_alone() -> None:
    """Only main() changes the collector: tests and callers of ``app`` keep theirs."""
    from scopewiz.cli import _prompter

    frozen = gc.get_freeze_count()
    gc.disable()
    try:
        _prompter(plain=True)
        assert not gc.isenabled()
    finally:
        gc.enable()
    _prompter(plain=True)
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


# -- growth ----------------------------------------------------------------------------

SCALES = (1, 4, 16)


def count_calls(action: Callable[[], object]) -> int:
    """How many Python and built-in functions ``action`` calls: the same on every run."""
    calls = 0

    def profiler(frame: object, event: str, arg: object) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(profiler)
    try:
        action()
    finally:
        sys.setprofile(None)
    return calls


def assert_linear(what: str, figures: dict[int, int]) -> None:
    """From 1x to 4x to 16x, the second step adds at most as much per unit as the first."""
    small, middle, large = (figures[s] for s in SCALES)
    first = (middle - small) / (SCALES[1] - SCALES[0])
    second = (large - middle) / (SCALES[2] - SCALES[1])
    assert second <= first * 1.25, f"{what} grows faster than the session: {figures}"


def one_more_answer(folder: Path, scale: int) -> dict[str, int]:
    """For a session at ``scale`` with one answer left: the cost of giving it, and of render()."""
    bank, session = sessions.write_session(folder, "s.scopewiz.yaml", scale)
    target = session.state.answers
    state = session.state = sessions.partial_state(
        bank, target, sessions.count_answers(bank, target) - 1
    )
    answer_calls = count_calls(lambda: sessions.give_next_answer(bank, session, target))
    assert session.path is not None and next_step(bank, state) is None
    return {
        "answer calls": answer_calls,
        "bytes saved": session.path.stat().st_size,
        "render calls": count_calls(lambda: render(bank, state)),
    }


@pytest.fixture(scope="module")
def last_answers(tmp_path_factory: pytest.TempPathFactory) -> dict[int, dict[str, int]]:
    one_more_answer(tmp_path_factory.mktemp("warm"), 1)  # fill caches (compiled regexes...) first
    return {
        scale: one_more_answer(tmp_path_factory.mktemp(f"scale{scale}"), scale) for scale in SCALES
    }


@pytest.mark.parametrize("what", ["answer calls", "bytes saved", "render calls"])
def test_cost_grows_linearly_with_the_session(
    what: str, last_answers: dict[int, dict[str, int]]
) -> None:
    assert_linear(what, {scale: figures[what] for scale, figures in last_answers.items()})


def test_sessions_grow_as_the_bench_says(last_answers: dict[int, dict[str, int]]) -> None:
    """The inputs really grow: 16 times the items and text is many times the bytes."""
    assert last_answers[16]["bytes saved"] > 8 * last_answers[1]["bytes saved"]


#: What the other formats of the record load (issue 13): never for Markdown.
FORMAT_MODULES = ("docx", "icalendar", "markdown_it", "lxml")


@pytest.mark.parametrize(
    ("fmt", "needs"),
    [
        ("md", []),
        ("docx", ["docx", "lxml", "markdown_it"]),
        ("html", ["markdown_it"]),
        ("ics", ["icalendar"]),
    ],
)
def test_each_format_loads_only_its_own_writer(fmt: str, needs: list[str], folder: Path) -> None:
    out = folder / f"record.{fmt}"
    result = probe(["render", GOLDEN.name, "-o", str(out)], FORMAT_MODULES, folder)
    assert result["code"] == 0, result["stderr"]
    assert sorted({m.split(".")[0] for m in result["loaded"]}) == needs
    assert out.exists()
