"""Write scopewiz/data/bank-holidays-england.csv from the ``holidays`` library.

scopewiz reads bank holidays from this small table rather than importing
``holidays`` at run time: the library costs about 0.3 s to import, more than a
whole ``scopewiz render``. tests/test_dates.py checks the table against the
library, so when the library changes (or the years run out) the test fails and
this script is the fix:

    python scripts/make_bank_holidays.py

England and Wales share one list (subdivision ``ENG``; ``WLS`` is identical).
The table keeps:

* every day the library lists that falls Monday to Friday, one-off days
  (jubilee, state funeral, coronation) included: they were real bank holidays;
* not the weekend days the library also lists (Boxing Day on Saturday 26
  December 2026): on those years the bank holiday is the substitute day
  (Monday 28 December 2026), as on GOV.UK.

Names follow GOV.UK ("Early May bank holiday", "Boxing Day (substitute day)")
rather than the library's ("May Day", "Boxing Day (observed)"); names the
mapping does not know (future one-off days) are kept as the library gives them.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

FIRST_YEAR = 2020
LAST_YEAR = 2035
OUTPUT = Path(__file__).resolve().parent.parent / "scopewiz" / "data" / "bank-holidays-england.csv"

# The library's names (holidays 0.x, language en_GB) -> GOV.UK's names.
GOVUK_NAMES = {
    "New Year's Day": "New Year's Day",
    "Good Friday": "Good Friday",
    "Easter Monday": "Easter Monday",
    "May Day": "Early May bank holiday",
    "Spring Bank Holiday": "Spring bank holiday",
    "Late Summer Bank Holiday": "Summer bank holiday",
    "Christmas Day": "Christmas Day",
    "Boxing Day": "Boxing Day",
    "Platinum Jubilee of Elizabeth II": "Platinum Jubilee bank holiday",
    "State Funeral of Queen Elizabeth II": "Bank holiday for the State Funeral of Queen Elizabeth II",
    "Coronation of Charles III": "Bank holiday for the coronation of King Charles III",
}
_OBSERVED = " (observed)"
_SUBSTITUTE = " (substitute day)"


def govuk_name(library_name: str) -> str:
    """The GOV.UK name for a holiday the library calls ``library_name``."""
    if library_name.endswith(_OBSERVED):
        return govuk_name(library_name[: -len(_OBSERVED)]) + _SUBSTITUTE
    return GOVUK_NAMES.get(library_name, library_name)


def england_bank_holidays(years: range) -> dict[dt.date, str]:
    """England and Wales bank holidays in ``years`` (weekdays only), by date."""
    import holidays  # only this script and the test pay for the import

    listed = holidays.country_holidays("GB", subdiv="ENG", years=years, language="en_GB")
    return {
        day: govuk_name(name)
        for day, name in sorted(listed.items())
        if day.weekday() < 5  # Saturday/Sunday entries are replaced by substitute days
    }


def write_table(table: dict[dt.date, str], path: Path) -> None:
    """Write ``table`` as ``date,name`` rows, ISO dates, sorted."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["date", "name"])
        for day in sorted(table):
            writer.writerow([day.isoformat(), table[day]])


def main() -> None:
    """Regenerate the table and say what was written."""
    years = range(FIRST_YEAR, LAST_YEAR + 1)
    table = england_bank_holidays(years)
    write_table(table, OUTPUT)
    unmapped = sorted({name for name in table.values() if name not in GOVUK_NAMES.values()})
    unmapped = [name for name in unmapped if not name.endswith(_SUBSTITUTE)]
    print(f"Wrote {len(table)} bank holidays for {FIRST_YEAR}-{LAST_YEAR} to {OUTPUT}")
    for year in years:
        count = sum(1 for day in table if day.year == year)
        print(f"  {year}: {count}")
    if unmapped:
        print("Kept as the library names them (add to GOVUK_NAMES?): " + "; ".join(unmapped))


if __name__ == "__main__":
    main()
