"""Dates in Turkish words, through Babel's CLDR data rather than an OS locale."""

import datetime as dt
from functools import lru_cache

from babel.dates import format_date

LOCALE = "tr_TR"


@lru_cache(maxsize=65536)
def format_day(day: dt.date, weekday: bool = True) -> str:
    """22 Nisan 2024 Pazartesi (or 22 Nisan 2024 without the weekday)."""
    return format_date(day, "d MMMM y EEEE" if weekday else "d MMMM y", locale=LOCALE)


def format_month(day: dt.date, year: bool = True) -> str:
    """Nisan 2024, or Nisan alone."""
    return format_date(day, "LLLL y" if year else "LLLL", locale=LOCALE)


@lru_cache(maxsize=65536)  # an archive has few distinct dates, each worded many times
def format_period(start: dt.date, end: dt.date, precision: str, weekday: bool = True) -> str:
    """Word a date as precisely as the source allows.

    precision is 'day', 'month' or 'year' and applies to both ends; start == end
    for a single date. 'Nisan–Haziran 2024', '2023–2024', '22–24 Nisan 2024'.
    """
    if precision == "year":
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    if precision == "month":
        if (start.year, start.month) == (end.year, end.month):
            return format_month(start)
        if start.year == end.year:
            return f"{format_month(start, year=False)}–{format_month(end)}"
        return f"{format_month(start)}–{format_month(end)}"
    if start == end:
        return format_day(start, weekday=weekday)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{format_day(end, weekday=False)}"
    if start.year == end.year:
        return f"{format_date(start, 'd MMMM', locale=LOCALE)}–{format_day(end, weekday=False)}"
    return f"{format_day(start, weekday=False)}–{format_day(end, weekday=False)}"
