"""Data that ships with scopewiz rather than in a bank: the English local authorities."""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

_DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Authority:
    """An English local authority with children's services responsibilities."""

    name: str
    gss: str
    type: str
    region: str


@functools.cache
def local_authorities() -> tuple[Authority, ...]:
    """The 153 authorities, sorted by name, from the packaged CSV."""
    with (_DATA / "local-authorities.csv").open(encoding="utf-8", newline="") as fh:
        return tuple(
            Authority(row["name"], row["gss"], row["type"], row["region"])
            for row in csv.DictReader(fh)
        )


def find_authority(name: str) -> Authority | None:
    """The authority with exactly this name (ignoring case), if any."""
    wanted = name.strip().casefold()
    for authority in local_authorities():
        if authority.name.casefold() == wanted:
            return authority
    return None


def suggestions(name: str) -> tuple[str, ...]:
    """The names a ``suggestions_from`` data set offers."""
    if name == "local-authorities":
        return tuple(a.name for a in local_authorities())
    raise KeyError(name)
