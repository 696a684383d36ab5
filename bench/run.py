"""Measure scopewiz against its speed budgets (issue 6) and print one table.

    python bench/run.py [--quick] [--repeat N]

Run it with the Python of the environment where scopewiz is installed: the
yardsticks run with that same interpreter, and the ``scopewiz`` script is the
one beside it. The bench installs nothing; a comparison tool it cannot find is
reported as "not installed". See bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import sessions
from bench.yardsticks import T_HELP_COMMAND, T_PROMPT_TEXT, write_yardsticks

#: The record's other formats (issue 13), timed beside T-yaml: Word within 2.5 times
#: it; HTML and the calendar for information.
FORMATS: dict[str, float | None] = {"docx": 2.5, "html": None, "ics": None}
#: Commands that prompt; the others are timed beside T-yaml.
PROMPTING = ("new", "resume", "edit")
#: The commands the budgets name; those this scopewiz lacks are reported as skipped.
NAMED = ("new", "resume", "render", "status", "list", "check", "template")
#: Arguments to time a command that reads files with ({session}: a complete session,
#: alone in the folder the command runs in).
RUN_ARGS: dict[str, list[str]] = {
    "render": ["{session}"],
    "status": ["{session}"],
    "show": ["{session}"],
    "list": [],
    "template": [],
    "check": [],
}
#: What `scopewiz new` shows first; the pseudo-terminal measure waits for it.
FIRST_QUESTION = "hosting the peer challenge?"
TAIL = 20  # answers timed at the end of each scaled session
#: A cost that grows linearly grows tenfold with a session ten times the size;
#: timings wobble, so up to 12.5-fold passes. n log n would be 15-fold from
#: 100 to 1,000 items, quadratic 100-fold. tests/test_imports.py checks growth
#: exactly, by counting calls and bytes.
LINEAR_SLACK = 1.25
SCALES = (1, 10, sessions.STRESS_SCALE)


# -- the table -------------------------------------------------------------------


@dataclass
class Row:
    """One line of the table: a median for scopewiz, maybe one for its yardstick, a budget."""

    what: str
    ours: float | None
    theirs: float | None = None
    unit: str = "s"
    max_ratio: float | None = None
    max_value: float | None = None
    missing: str = ""  # why there is no figure: "not installed", "failed: ..."
    paired: float | None = None  # the median of the ratios within each round, where measured so

    @property
    def ratio(self) -> float | None:
        if self.paired is not None:
            return self.paired
        if self.ours is None or not self.theirs:
            return None
        return self.ours / self.theirs

    def budget(self) -> str:
        if self.max_ratio is not None:
            return f"<= {self.max_ratio:g}x"
        if self.max_value is not None:
            return f"<= {figure(self.max_value, self.unit)}"
        return "-"

    def verdict(self) -> str:
        if self.missing:
            return self.missing
        if self.max_ratio is not None and self.ratio is not None:
            return "within" if self.ratio <= self.max_ratio else "NOT WITHIN"
        if self.max_value is not None and self.ours is not None:
            return "within" if self.ours <= self.max_value else "NOT WITHIN"
        return "info"

    def cells(self) -> list[str]:
        ratio = self.ratio
        return [
            self.what,
            figure(self.ours, self.unit),
            figure(self.theirs, self.unit),
            "-" if ratio is None else f"{ratio:.2f}x",
            self.budget(),
            self.verdict(),
        ]


def figure(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "ms":
        return f"{value:.1f} ms" if value >= 10 else f"{value:.2f} ms"
    return f"{value:.1f} {unit}"


def print_table(rows: Sequence[Row]) -> None:
    head = ["what", "scopewiz", "yardstick", "ratio", "budget", "result"]
    lines = [head, *(row.cells() for row in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    right = {1, 2, 3}

    def show(cells: list[str]) -> str:
        return "  ".join(
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    print(show(head))
    print(show(["-" * w for w in widths]))
    for line in lines[1:]:
        print(show(line))


def median(samples: Sequence[float] | str | None) -> float | None:
    return statistics.median(samples) if isinstance(samples, list) and samples else None


def row(
    what: str,
    ours: list[float] | str,
    theirs: list[float] | str | None = None,
    *,
    unit: str = "s",
    scale: float = 1.0,
    max_ratio: float | None = None,
    max_value: float | None = None,
    paired: bool = False,
) -> Row:
    """A row from samples; a string instead of samples says why there are none.

    With ``paired``, sample i of ``ours`` and of ``theirs`` come from the same
    round (run one after the other, in a shuffled order), and the ratio is the
    median of the rounds' ratios: a slow patch on a shared machine then slows
    both sides of a ratio instead of one side of the medians.
    """
    ours_m, theirs_m = median(ours), median(theirs)
    missing = next((s for s in (ours, theirs) if isinstance(s, str)), "")
    ratio = None
    if paired and isinstance(ours, list) and isinstance(theirs, list) and ours and theirs:
        assert len(ours) == len(theirs), "paired samples come one of each per round"
        ratio = statistics.median(a / b for a, b in zip(ours, theirs, strict=True))
    return Row(
        what,
        None if ours_m is None else ours_m * scale,
        None if theirs_m is None else theirs_m * scale,
        unit=unit,
        max_ratio=max_ratio,
        max_value=max_value,
        missing=missing,
        paired=ratio,
    )


def paired_row(what: str, ours: list[float] | str, theirs: list[float] | str, **kw: Any) -> Row:
    """A row of two programs timed round by round (time_runs, time_first_prompt)."""
    return row(what, ours, theirs, paired=True, **kw)


def added(what: str, ours: list[float] | str, theirs: list[float] | str, **kw: Any) -> Row:
    """A row of how much longer ``ours`` takes than ``theirs``: the median of each round's difference."""
    if isinstance(ours, str) or isinstance(theirs, str):
        return row(what, ours if isinstance(ours, str) else theirs, **kw)
    return row(what, [a - b for a, b in zip(ours, theirs, strict=True)], **kw)


def note(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# -- running programs --------------------------------------------------------------


@dataclass
class Run:
    """A program to time: its command line and the folder it runs in."""

    argv: list[str]
    cwd: Path


def program_env(work: Path) -> dict[str, str]:
    """The environment every measured program gets.

    Bytecode is cached, as it is for an installed package (pip compiles it),
    but in a folder of the bench's own (``PYTHONPYCACHEPREFIX``): the bench
    writes nothing into the source tree, and a ``PYTHONDONTWRITEBYTECODE``
    set here would otherwise have scopewiz compile its own modules on every
    start while its dependencies load compiled.
    """
    env = dict(os.environ, PYTHONPYCACHEPREFIX=str(work / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def time_runs(
    runs: dict[str, Run], repeat: int, rng: random.Random, env: dict[str, str]
) -> dict[str, list[float] | str]:
    """Wall time of each run, ``repeat`` times, in a shuffled order each round.

    Every program runs once first, unmeasured, so that caches are warm and a
    program that fails is reported instead of timed.
    """
    results: dict[str, list[float] | str] = {}
    for name, run in runs.items():
        done = subprocess.run(
            run.argv, cwd=run.cwd, env=env, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            first = (done.stderr.strip().splitlines() or ["no message"])[-1]
            results[name] = f"failed (exit {done.returncode}: {first[:60]})"
        else:
            results[name] = []
    live = [name for name, samples in results.items() if isinstance(samples, list)]
    for _ in range(repeat):
        rng.shuffle(live)
        for name in live:
            run = runs[name]
            start = time.perf_counter()
            subprocess.run(
                run.argv,
                cwd=run.cwd,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=False,
            )
            elapsed = time.perf_counter() - start
            samples = results[name]
            assert isinstance(samples, list)
            samples.append(elapsed)
    return results


@dataclass
class PtyRun:
    """A program to start in a pseudo-terminal, and the text that says its prompt is up."""

    argv: list[str]
    expect: str
    copy: Path | None = None  # a file to copy into the empty folder it starts in


def time_first_prompt(
    runs: dict[str, PtyRun], repeat: int, rng: random.Random, env: dict[str, str], work: Path
) -> dict[str, list[float] | str]:
    """Seconds from starting each program in a pseudo-terminal to its prompt on screen."""
    try:
        import pexpect  # type: ignore[import-untyped]
    except ImportError:
        return dict.fromkeys(runs, "not installed (pexpect)")
    # No cursor-position request: without a terminal to answer it, prompt_toolkit waits.
    # BROWSER=true: --present's page is served but no browser is opened.
    env = dict(env, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm-256color", NO_COLOR="1", BROWSER="true")
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    results: dict[str, list[float] | str] = {name: [] for name in runs}
    counter = 0

    def once(name: str) -> None:
        nonlocal counter
        counter += 1
        folder = work / f"pty-{counter}"
        folder.mkdir()
        run = runs[name]
        if run.copy is not None:
            shutil.copy2(run.copy, folder / run.copy.name)
        start = time.perf_counter()
        child = pexpect.spawn(
            run.argv[0],
            run.argv[1:],
            cwd=str(folder),
            env=env,
            encoding="utf-8",
            dimensions=(40, 140),
            timeout=20,
        )
        try:
            child.expect_exact(run.expect)
            elapsed = time.perf_counter() - start
        except (pexpect.TIMEOUT, pexpect.EOF):
            results[name] = f"failed ({run.expect!r} never shown)"
            return
        finally:
            child.close(force=True)
        samples = results[name]
        if isinstance(samples, list):
            samples.append(elapsed)

    for name in runs:  # warm up, and drop what does not work
        once(name)
        if isinstance(results[name], list):
            results[name] = []
    for _ in range(repeat):
        live = [name for name, samples in results.items() if isinstance(samples, list)]
        rng.shuffle(live)
        for name in live:
            once(name)
    return results


_PEAK = """\
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def peak_memory(
    runs: dict[str, Run], repeat: int, env: dict[str, str]
) -> dict[str, list[float] | str]:
    """Peak resident memory (MB) of each run, read by a fresh helper that runs only it."""
    try:
        import resource  # noqa: F401 - only to learn whether it exists here
    except ImportError:
        return dict.fromkeys(runs, "not available (no resource module)")
    per_unit = 1024 * 1024 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes or KiB
    results: dict[str, list[float] | str] = {}
    for name, run in runs.items():
        samples: list[float] = []
        results[name] = samples
        for _ in range(repeat):
            out = subprocess.run(
                [sys.executable, "-c", _PEAK, *run.argv],
                cwd=run.cwd,
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()
            if out[0] != "0":
                results[name] = f"failed (exit {out[0]})"
                break
            samples.append(int(out[1]) * per_unit / 1e6)
    return results


def find_tool(name: str) -> str | None:
    """A comparison tool: beside this Python first, else on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.is_file():
        return str(beside)
    return shutil.which(name)


def scopewiz_commands() -> list[str]:
    """The commands of the installed scopewiz, read from its typer app."""
    import typer.main

    from scopewiz.cli import app

    group = typer.main.get_command(app)
    return list(getattr(group, "commands", {}))


# -- in-process measures -------------------------------------------------------------


def answer_times(
    folder: Path, name: str, scale: int, *, tail: int | None, repeat: int
) -> list[float]:
    """Seconds per answer: next step, its prompt, checking and applying the answer, saving.

    The session is replayed from its answers: the whole interview when ``tail``
    is None, else its last ``tail`` answers.
    """
    bank, session = sessions.write_session(folder, name, scale)
    target = session.state.answers
    total = sessions.count_answers(bank, target)
    start = 0 if tail is None else max(0, total - tail)
    times: list[float] = []
    for _ in range(repeat):
        session.state = sessions.partial_state(bank, target, start)
        for _ in range(total - start):
            began = time.perf_counter()
            sessions.give_next_answer(bank, session, target)
            times.append(time.perf_counter() - began)
    return times


def render_times(folder: Path, rounds: int) -> dict[int, list[float]]:
    """Seconds for ``render()`` of a whole session at each scale, in this process.

    The scales take turns, one render each per round, so that sample i of every
    scale comes from the same round (see paired_row).
    """
    from scopewiz.render import render

    built = {
        scale: sessions.write_session(folder, f"render-{scale}.scopewiz.yaml", scale)
        for scale in SCALES
    }
    times: dict[int, list[float]] = {scale: [] for scale in SCALES}
    for _ in range(rounds):
        for scale, (bank, session) in built.items():
            began = time.perf_counter()
            render(
                bank, session.state, source=f"render-{scale}.scopewiz.yaml", saved=session.updated
            )
            times[scale].append(time.perf_counter() - began)
    return times


def size_label(scale: int) -> str:
    items = sessions.ITEMS_PER_SCALE * scale
    text = sessions.TEXT_PER_SCALE * scale
    size = f"{text // 1000} kB" if text < 1_000_000 else f"{text // 1_000_000} MB"
    return f"{scale}x ({items:,} items, {size})"


def in_process_rows(folder: Path, repeat: int) -> list[Row]:
    """Item 4: the cost of one answer, and of rendering, as sessions grow."""
    rows = [
        row(
            "per answer, complete default session",
            answer_times(folder, "answer-default.scopewiz.yaml", 0, tail=None, repeat=repeat),
            unit="ms",
            scale=1000,
            max_value=10,
        )
    ]
    answer: dict[int, list[float]] = {}
    for scale in SCALES:
        note(f"  per answer at {size_label(scale)}")
        answer[scale] = answer_times(
            folder, f"answer-{scale}.scopewiz.yaml", scale, tail=TAIL, repeat=repeat
        )
    note("  render() at each size, in turns")
    rendered = render_times(folder, 3 * repeat)
    for label, samples, stress_budget, paired in (
        (f"per answer (last {TAIL})", answer, 50.0, False),
        ("render() in-process", rendered, 200.0, True),
    ):
        previous: int | None = None
        for scale in SCALES:
            rows.append(
                row(
                    f"{label}, {size_label(scale)}" + (f" vs {previous}x" if previous else ""),
                    samples[scale],
                    samples[previous] if previous else None,
                    unit="ms",
                    scale=1000,
                    # Linear growth: ten times the session costs ten times as much, give
                    # or take the noise of a timing (LINEAR_SLACK).
                    max_ratio=LINEAR_SLACK * scale / previous if previous else None,
                    paired=paired,
                )
            )
            previous = scale
        rows.append(
            row(
                f"{label}, stress session",
                samples[sessions.STRESS_SCALE],
                unit="ms",
                scale=1000,
                max_value=stress_budget,
            )
        )
    return rows


# -- the whole bench ---------------------------------------------------------------


@dataclass
class Bench:
    """What every measure needs: programs, inputs, and how often to run them."""

    work: Path
    inputs: Path
    python: list[str]
    scopewiz: list[str]
    yardsticks: dict[str, Path]
    commands: list[str]
    default: Path  # a complete default-bank session
    stress: Path  # the stress session: 1,000 list items, 1 MB of text
    tools: dict[str, str | None]  # comparison tools: where they are, or None
    repeat: int
    rng: random.Random
    env: dict[str, str]


def help_rows(b: Bench) -> list[Row]:
    """Item 1: ``--help`` of scopewiz and of each of its commands."""
    t_help = [*b.python, str(b.yardsticks["T-help"])]
    runs = {
        "T-help": Run([*t_help, "--help"], b.work),
        "T-help command": Run([*t_help, T_HELP_COMMAND, "--help"], b.work),
        "scopewiz": Run([*b.scopewiz, "--help"], b.work),
    }
    for command in b.commands:
        runs[command] = Run([*b.scopewiz, command, "--help"], b.work)
    for name, path in b.tools.items():
        if path:
            runs[name] = Run([path, "--help"], b.work)
    times = time_runs(runs, b.repeat, b.rng, b.env)
    rows = [
        paired_row(
            "scopewiz --help vs T-help --help", times["scopewiz"], times["T-help"], max_ratio=1.2
        )
    ]
    for command in b.commands:
        rows.append(
            paired_row(
                f"scopewiz {command} --help vs T-help {T_HELP_COMMAND} --help",
                times[command],
                times["T-help command"],
                max_ratio=1.2,
            )
        )
    for name, limit in (("cookiecutter", 0.6), ("copier", None)):
        rows.append(
            paired_row(
                f"scopewiz --help vs {name} --help",
                times["scopewiz"],
                times[name] if b.tools[name] else "not installed",
                max_ratio=limit,
            )
        )
    return rows


def file_rows(b: Bench) -> list[Row]:
    """Item 2: the commands that read a session, beside T-yaml reading the same file."""
    t_yaml = [*b.python, str(b.yardsticks["T-yaml"])]
    alone = b.work / "one-session"  # what `list` finds: the default session and nothing else
    alone.mkdir()
    session = alone / b.default.name
    shutil.copy2(b.default, session)
    runs = {
        "T-yaml": Run([*t_yaml, str(session)], alone),
        "T-yaml stress": Run([*t_yaml, str(b.stress)], b.inputs),
        "render stress": Run([*b.scopewiz, "render", str(b.stress)], b.inputs),
    }
    timed = [c for c in b.commands if c in RUN_ARGS]
    for command in timed:
        args = [a.format(session=session) for a in RUN_ARGS[command]]
        runs[command] = Run([*b.scopewiz, command, *args], alone)
    if "render" in b.commands:
        for fmt in FORMATS:
            written = b.work / f"record.{fmt}"  # a file: time_runs reads stdout as text
            runs[f"render {fmt}"] = Run(
                [*b.scopewiz, "render", str(session), "-o", str(written)], alone
            )
    times = time_runs(runs, b.repeat, b.rng, b.env)
    rows = []
    for command in timed:
        shown = " ".join([command, *(["FILE"] if RUN_ARGS[command] else [])])
        rows.append(
            paired_row(
                f"scopewiz {shown} vs T-yaml FILE (default session)",
                times[command],
                times["T-yaml"],
                max_ratio=1.3 if command == "render" else None,
            )
        )
    rows.append(
        paired_row(
            "scopewiz render FILE vs T-yaml FILE (stress session)",
            times["render stress"],
            times["T-yaml stress"],
        )
    )
    for fmt, budget in FORMATS.items():
        if f"render {fmt}" in times:
            rows.append(
                paired_row(
                    f"scopewiz render FILE -o record.{fmt} vs T-yaml FILE (default session)",
                    times[f"render {fmt}"],
                    times["T-yaml"],
                    max_ratio=budget,
                )
            )
    return rows


def prompt_rows(b: Bench) -> list[Row]:
    """Item 3: from launch to the first question on screen, in a pseudo-terminal."""
    resume = sessions.write_partial(b.inputs, "resume.scopewiz.yaml", missing=1)
    resume_big = sessions.write_partial(
        b.inputs, "resume-stress.scopewiz.yaml", sessions.STRESS_SCALE, missing=1
    )
    runs = {
        "T-prompt": PtyRun([*b.python, str(b.yardsticks["T-prompt"])], T_PROMPT_TEXT),
        "new": PtyRun([*b.scopewiz, "new"], FIRST_QUESTION),
        "new --present": PtyRun([*b.scopewiz, "new", "--present"], FIRST_QUESTION),
        "resume": PtyRun([*b.scopewiz, "resume", resume.path.name], resume.expect, resume.path),
        "resume stress": PtyRun(
            [*b.scopewiz, "resume", resume_big.path.name], resume_big.expect, resume_big.path
        ),
    }
    # Twice the rounds: a terminal session start varies the most from run to run.
    times = time_first_prompt(runs, 2 * b.repeat, b.rng, b.env, b.work)
    return [
        paired_row(
            "scopewiz new: first question vs T-prompt",
            times["new"],
            times["T-prompt"],
            max_ratio=1.2,
        ),
        added(
            "scopewiz new --present: time the live page adds to the first question",
            times["new --present"],
            times["new"],
            max_value=0.1,
        ),
        paired_row(
            "scopewiz resume FILE (default, 1 answer left) vs T-prompt",
            times["resume"],
            times["T-prompt"],
            max_ratio=1.2,
        ),
        paired_row(
            "scopewiz resume FILE (stress, 1 answer left) vs T-prompt",
            times["resume stress"],
            times["T-prompt"],
        ),
    ]


def memory_rows(b: Bench) -> list[Row]:
    """Item 5: peak memory of rendering the stress session."""
    runs = {
        "render": Run([*b.scopewiz, "render", str(b.stress)], b.inputs),
        "T-yaml": Run([*b.python, str(b.yardsticks["T-yaml"]), str(b.stress)], b.inputs),
    }
    peaks = peak_memory(runs, 3, b.env)
    return [
        row(
            "peak memory, scopewiz render (stress) vs T-yaml",
            peaks["render"],
            peaks["T-yaml"],
            unit="MB",
            max_value=80,
        )
    ]


#: The groups of rows, in the order the table prints them (``--only`` picks some).
GROUPS = ("answer", "help", "files", "prompt", "memory")


def main(argv: Sequence[str] | None = None) -> int:
    """Build the inputs, run every measure, print the table."""
    parser = argparse.ArgumentParser(description="Measure scopewiz against its speed budgets.")
    parser.add_argument("--quick", action="store_true", help="fewer runs (5), for a rough look")
    parser.add_argument("--repeat", type=int, help="runs of each program (default 15)")
    parser.add_argument(
        "--only",
        choices=GROUPS,
        action="append",
        help="run only this group of rows (may be given more than once; default: all)",
    )
    args = parser.parse_args(argv)
    groups = args.only or list(GROUPS)
    repeat = args.repeat or (5 if args.quick else 15)
    replays = 2 if args.quick else 5  # in-process replays; each gives many samples

    script = Path(sys.executable).parent / "scopewiz"
    if not script.is_file():
        note(f"No scopewiz script beside {sys.executable}: run the bench with the Python")
        note("of the environment where scopewiz is installed (pip install -e .).")
        return 1
    import typer

    from scopewiz import __version__

    commands = scopewiz_commands()
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    with tempfile.TemporaryDirectory(prefix="scopewiz-bench-") as tmp:
        work = Path(tmp)
        inputs = work / "inputs"
        inputs.mkdir()
        note("building inputs")
        _, default = sessions.write_session(inputs, "default.scopewiz.yaml")
        _, stress = sessions.write_session(inputs, "stress.scopewiz.yaml", sessions.STRESS_SCALE)
        assert default.path is not None and stress.path is not None
        b = Bench(
            work=work,
            inputs=inputs,
            python=[sys.executable],
            scopewiz=[sys.executable, str(script)],
            yardsticks=write_yardsticks(work),
            commands=commands,
            tools={name: find_tool(name) for name in ("cookiecutter", "copier")},
            default=default.path,
            stress=stress.path,
            repeat=repeat,
            rng=random.Random(6),
            env=program_env(work),
        )
        rows: list[Row] = []
        if "answer" in groups:
            note("per answer and render() in-process (item 4)")
            (work / "answers").mkdir()
            rows += in_process_rows(work / "answers", replays)
        if "help" in groups:
            note("--help (item 1)")
            rows += help_rows(b)
        if "files" in groups:
            note("commands that read a session (item 2)")
            rows += file_rows(b)
        if "prompt" in groups:
            note("first question in a pseudo-terminal (item 3)")
            rows += prompt_rows(b)
        if "memory" in groups:
            note("peak memory (item 5)")
            rows += memory_rows(b)

    skipped = [c for c in NAMED if c not in commands]
    untimed = [c for c in commands if c not in RUN_ARGS and c not in PROMPTING]
    print(
        f"scopewiz {__version__}, Python {sys.version.split()[0]}, typer {typer.__version__}, "
        f"{os.cpu_count()} CPUs; medians of {repeat} runs of each program ({2 * repeat} in a "
        "pseudo-terminal), interleaved; ratios are medians of each round's ratio; "
        "bytecode cached as after pip install"
    )
    if load_before is not None:
        print(
            f"load average (1 min) {load_before:.2f} before, {os.getloadavg()[0]:.2f} after: "
            "other work on the machine slows both columns, and the in-process rows outright"
        )
    print(f"commands found: {', '.join(commands)}")
    print(
        f"commands the budgets name that this scopewiz lacks (skipped): {', '.join(skipped) or 'none'}"
    )
    if untimed:
        print(f"commands timed for --help only (no arguments known): {', '.join(untimed)}")
    for name, path in b.tools.items():
        print(f"{name}: {path or 'not installed (see bench/README.md)'}")
    print()
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
