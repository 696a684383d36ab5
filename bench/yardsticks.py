"""The yardsticks: tiny typer programs the bench writes itself and runs beside scopewiz.

Each one does the least a program of its kind can do with scopewiz's own
dependencies, imported the plain way (at the top), so that a ratio to it shows
what scopewiz adds on top of typer, rich, questionary and PyYAML.

Their parameters look like scopewiz's (a PATH argument, an ``--output``
option). Since typer 0.2x checks parameters with pydantic, every run that gets
past the top-level ``--help`` imports pydantic, whatever the parameters: the
yardsticks pay that as scopewiz does, so it cancels out of the ratios.
"""

from __future__ import annotations

from pathlib import Path

T_HELP = '''\
"""T-help: a two-command typer app with typer's default (rich) help."""

from pathlib import Path
from typing import Annotated, Optional

import typer

app = typer.Typer(help="A two-command typer app: the yardstick for --help.", add_completion=False)


@app.command()
def show(
    file: Annotated[Path, typer.Argument(help="The file to show.")],
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", help="Write it here instead.")
    ] = None,
) -> None:
    """Show a file."""


@app.command()
def check(
    file: Annotated[Path, typer.Argument(help="The file to check.")],
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
) -> None:
    """Check a file."""


if __name__ == "__main__":
    app()
'''

T_YAML = '''\
"""T-yaml: a typer command that loads a YAML file and prints it."""

import sys
from pathlib import Path

import typer
import yaml

try:
    from yaml import CSafeDumper as Dumper, CSafeLoader as Loader
except ImportError:
    from yaml import SafeDumper as Dumper, SafeLoader as Loader

app = typer.Typer(add_completion=False)


@app.command()
def show(file: Path) -> None:
    """Print a YAML file."""
    data = yaml.load(file.read_text(encoding="utf-8"), Loader=Loader)
    sys.stdout.write(yaml.dump(data, Dumper=Dumper, sort_keys=False, allow_unicode=True))


if __name__ == "__main__":
    app()
'''

T_PROMPT_TEXT = "T-prompt: what is your name?"

T_PROMPT = f'''\
"""T-prompt: a typer command that shows one questionary text prompt."""

from pathlib import Path
from typing import Annotated, Optional

import questionary
import typer

app = typer.Typer(add_completion=False)


@app.command()
def ask(
    output: Annotated[Optional[Path], typer.Option("--output", "-o")] = None,
) -> None:
    """Ask one question."""
    questionary.text({T_PROMPT_TEXT!r}).unsafe_ask()


if __name__ == "__main__":
    app()
'''

#: T-help's subcommand whose ``--help`` stands beside ``scopewiz COMMAND --help``.
T_HELP_COMMAND = "show"


def write_yardsticks(folder: Path) -> dict[str, Path]:
    """Write the three programs into ``folder``; return their paths by name."""
    paths = {}
    for name, text in (("T-help", T_HELP), ("T-yaml", T_YAML), ("T-prompt", T_PROMPT)):
        path = folder / f"{name.lower().replace('-', '_')}.py"
        path.write_text(text, encoding="utf-8")
        paths[name] = path
    return paths
