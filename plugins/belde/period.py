"""Dates as precise as their source: a day, a month, a year, or an interval of them.

A press item often states no day ("after the March elections"); Belde records what is
known as a Period and sorts it by its start.
"""

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property

from .turkish import format_period

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?")

EARLIEST_YEAR = 1900
LATEST_YEAR = 2100


@dataclass(frozen=True, order=True)
class Period:
    """[start, end], both days included; precision says how the source stated it."""

    start: dt.date
    end: dt.date
    precision: str = "day"  # 'day', 'month' or 'year'
    time: dt.time | None = None

    @property
    def is_exact(self) -> bool:
        return self.precision == "day" and self.start == self.end

    def words(self, weekday: bool = True) -> str:
        """'22 Nisan 2024 Pazartesi', 'Nisan–Haziran 2024', '2024'."""
        return self._words if weekday else self._words_without_weekday

    # An item's date is printed in every list it is in: worded once per period.
    @cached_property
    def _words(self) -> str:
        return format_period(self.start, self.end, self.precision, weekday=True)

    @cached_property
    def _words_without_weekday(self) -> str:
        return format_period(self.start, self.end, self.precision, weekday=False)

    @cached_property
    def _iso(self) -> str:
        return self._iso_text()

    def iso(self) -> str:
        """The form an editor writes, for machine-readable attributes."""
        return self._iso

    def _iso_text(self) -> str:
        def one(day):
            if self.precision == "year":
                return f"{day.year:04d}"
            if self.precision == "month":
                return f"{day.year:04d}-{day.month:02d}"
            return day.isoformat()

        first, last = one(self.start), one(self.end)
        return first if first == last else f"{first}/{last}"

    def overlaps(self, start: dt.date, end: dt.date | None) -> bool:
        """Does [start, end) (end None = open) share a day with this period?"""
        return start <= self.end and (end is None or self.start < end)


def _bounds(text: str) -> tuple[dt.date, dt.date, str, dt.time | None]:
    if match := _DATETIME.match(text):
        day = dt.date.fromisoformat(match.group(1))
        moment = dt.time(int(match.group(2)), int(match.group(3)), int(match.group(4) or 0))
        return day, day, "day", moment
    if match := _DAY.match(text):
        day = dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        return day, day, "day", None
    if match := _MONTH.match(text):
        year, month = int(match.group(1)), int(match.group(2))
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, 1), dt.date(year, month, last), "month", None
    if match := _YEAR.match(text):
        year = int(match.group(1))
        return dt.date(year, 1, 1), dt.date(year, 12, 31), "year", None
    raise ValueError(f"'{text}' is not a date; write 2024-04-22, 2024-04, 2024 or 2024-04/2024-06")


def parse_period(value) -> Period:
    """Parse what an editor writes (or what YAML already turned into a date).

    Raises ValueError with a message that says what to write instead.
    """
    if isinstance(value, dt.datetime):
        return Period(value.date(), value.date(), "day", value.time().replace(tzinfo=None))
    if isinstance(value, dt.date):
        return Period(value, value, "day")
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(f"expected a date, got {type(value).__name__}; write 2024-04-22")
    text = value.strip()
    try:
        if "/" in text:
            first, _, last = text.partition("/")
            start, _, precision, _ = _bounds(first.strip())
            _, end, last_precision, _ = _bounds(last.strip())
            if precision != last_precision:
                raise ValueError(
                    f"'{text}' mixes precisions; write both ends alike (2024-04/2024-06)"
                )
            if end < start:
                raise ValueError(f"'{text}' ends before it starts; swap the two ends")
            period = Period(start, end, precision)
        else:
            start, end, precision, moment = _bounds(text)
            period = Period(start, end, precision, moment)
    except ValueError as error:
        if any(hint in str(error) for hint in ("out of range", "month must be", "month number")):
            raise ValueError(f"'{text}' is not a day of the calendar; check the day and month") from None
        raise
    if period.start.year < EARLIEST_YEAR or period.end.year > LATEST_YEAR:
        raise ValueError(f"'{text}' is out of range; dates run from {EARLIEST_YEAR} to {LATEST_YEAR}")
    return period
