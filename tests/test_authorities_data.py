"""Checks on the bundled list of English local authorities with children's services."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

DATA_FILE = Path(__file__).parent.parent / "scopewiz" / "data" / "local-authorities.csv"

REGIONS = {
    "North East",
    "North West",
    "Yorkshire and The Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
}

# The GSS entity code (first three characters) that each type of council carries.
PREFIX_FOR_TYPE = {
    "county": "E10",
    "unitary": "E06",
    "metropolitan district": "E08",
    "London borough": "E09",
    "City of London": "E09",
}

GSS_PATTERN = re.compile(r"^E(06|08|09|10)\d{6}$")


def load_rows() -> list[dict[str, str]]:
    """Read the data file as a list of rows keyed by the header."""
    with DATA_FILE.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == ["name", "gss", "type", "region"]
        return list(reader)


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return load_rows()


@pytest.fixture(scope="module")
def by_name(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {row["name"]: row for row in rows}


def test_there_are_153_authorities(rows: list[dict[str, str]]) -> None:
    assert len(rows) == 153


def test_names_are_unique_ignoring_case(rows: list[dict[str, str]]) -> None:
    counts = Counter(row["name"].casefold() for row in rows)
    assert [name for name, n in counts.items() if n > 1] == []


def test_rows_are_sorted_by_name(rows: list[dict[str, str]]) -> None:
    names = [row["name"] for row in rows]
    assert names == sorted(names, key=str.casefold)


def test_no_blank_or_padded_fields(rows: list[dict[str, str]]) -> None:
    for row in rows:
        for key, value in row.items():
            assert value, f"{row['name']!r} has an empty {key}"
            assert value == value.strip(), f"{row['name']!r} has spaces around {key}"


def test_gss_codes_are_unique_and_well_formed(rows: list[dict[str, str]]) -> None:
    codes = [row["gss"] for row in rows]
    assert len(set(codes)) == len(codes)
    bad = [code for code in codes if not GSS_PATTERN.match(code)]
    assert bad == []


def test_counts_per_type(rows: list[dict[str, str]]) -> None:
    assert Counter(row["type"] for row in rows) == {
        "county": 21,
        "unitary": 63,
        "metropolitan district": 36,
        "London borough": 32,
        "City of London": 1,
    }


def test_code_prefix_agrees_with_type(rows: list[dict[str, str]]) -> None:
    for row in rows:
        assert row["type"] in PREFIX_FOR_TYPE, row
        assert row["gss"].startswith(PREFIX_FOR_TYPE[row["type"]]), row


def test_city_of_london(by_name: dict[str, dict[str, str]]) -> None:
    assert by_name["City of London"] == {
        "name": "City of London",
        "gss": "E09000001",
        "type": "City of London",
        "region": "London",
    }


def test_every_region_is_one_of_the_nine(rows: list[dict[str, str]]) -> None:
    assert {row["region"] for row in rows} <= REGIONS


def test_london_boroughs_and_the_city_are_in_london(rows: list[dict[str, str]]) -> None:
    london_types = {"London borough", "City of London"}
    in_london_types = [row for row in rows if row["type"] in london_types]
    assert len(in_london_types) == 33
    assert all(row["region"] == "London" for row in in_london_types)
    # Nothing outside the 33 London authorities claims the London region.
    in_london_region = [row for row in rows if row["region"] == "London"]
    assert len(in_london_region) == 33


@pytest.mark.parametrize(
    ("name", "gss", "kind", "region"),
    [
        ("Leeds", "E08000035", "metropolitan district", "Yorkshire and The Humber"),
        ("Westmorland and Furness", "E06000064", "unitary", "North West"),
        ("Cumberland", "E06000063", "unitary", "North West"),
        ("Isles of Scilly", "E06000053", "unitary", "South West"),
        ("North Yorkshire", "E06000065", "unitary", "Yorkshire and The Humber"),
        ("Somerset", "E06000066", "unitary", "South West"),
        ("Bournemouth, Christchurch and Poole", "E06000058", "unitary", "South West"),
        ("Dorset", "E06000059", "unitary", "South West"),
        ("Buckinghamshire", "E06000060", "unitary", "South East"),
        ("North Northamptonshire", "E06000061", "unitary", "East Midlands"),
        ("West Northamptonshire", "E06000062", "unitary", "East Midlands"),
        ("Cambridgeshire", "E10000003", "county", "East of England"),
    ],
)
def test_spot_checks(
    by_name: dict[str, dict[str, str]], name: str, gss: str, kind: str, region: str
) -> None:
    assert by_name[name] == {"name": name, "gss": gss, "type": kind, "region": region}


@pytest.mark.parametrize(
    "abolished", ["Cumbria", "Northamptonshire", "Poole", "Bournemouth", "Aylesbury Vale"]
)
def test_abolished_councils_are_absent(by_name: dict[str, dict[str, str]], abolished: str) -> None:
    assert abolished not in by_name


def test_no_codes_of_abolished_councils(rows: list[dict[str, str]]) -> None:
    retired = {
        "E10000002",  # Buckinghamshire county council, to 2020
        "E10000006",  # Cumbria, to 2023
        "E10000009",  # Dorset county council, to 2019
        "E10000021",  # Northamptonshire, to 2021
        "E10000023",  # North Yorkshire county council, to 2023
        "E10000027",  # Somerset county council, to 2023
        "E06000028",  # Bournemouth, to 2019
        "E06000029",  # Poole, to 2019
    }
    assert retired.isdisjoint(row["gss"] for row in rows)
