"""Numbers and dates in words, generated with ``num2words`` and ``babel`` (deterministic, no files).

* :func:`number_words`, :func:`human_numbers`: English number words and fastbook's "Human Numbers" corpus
  (the word-level language model of chapters 6 and 7);
* :func:`make_number_pairs`: (digits, English words) pairs;
* :func:`russian_date`, :func:`make_date_pairs`: (English date, Russian words) pairs for the translation of
  chapter 8.
"""
from __future__ import annotations

import datetime as _dt
import functools
import re

import numpy as np

__all__ = ["DATE_FORMATS", "human_numbers", "make_date_pairs", "make_number_pairs", "number_words",
           "russian_date"]

def number_words(n: int) -> str:
    """English words of a non-negative integer in fastbook's "Human Numbers" style: no hyphens, commas or
    "and" (``1234`` → ``"one thousand two hundred thirty four"``). Made with ``num2words``."""
    from num2words import num2words

    if n < 0:
        raise ValueError(f"n must be non-negative, not {n}")
    words = re.sub(r"[-,]", " ", num2words(int(n), lang="en")).split()
    return " ".join(w for w in words if w != "and")


@functools.lru_cache(maxsize=1)
def _human_numbers() -> tuple[tuple[str, ...], tuple[str, ...]]:
    # num2words is slow (~0.1 ms a call): words for 1 … 999 once, thousands composed from them; the result
    # equals number_words(i) for every i (checked in tests/test_data.py).
    small = [""] + [number_words(i) for i in range(1, 1000)]

    def tokens(numbers: range) -> tuple[str, ...]:
        out: list[str] = []
        for i in numbers:
            thousands, rest = divmod(i, 1000)
            if thousands:
                out.extend(small[thousands].split())
                out.append("thousand")
            if rest:
                out.extend(small[rest].split())
            out.append(".")
        return tuple(out)

    return tokens(range(1, 8001)), tokens(range(8001, 10000))


def human_numbers() -> tuple[list[str], list[str]]:
    """fastbook's (Howard & Gugger, ch. 12) "Human Numbers": 1 … 9,999 in English words, as token lists.

    Returns ``(train_tokens, valid_tokens)``: lists of str for the numbers 1–8,000 and 8,001–9,999, each
    number's words followed by a ``"."`` token: ``["one", ".", "two", ".", ..., "eight", "thousand", "."]``.
    Vocabulary: 30 tokens (29 words and ``"."``); 63,099 tokens in total (50,082 train, 13,017 valid).
    Generated with ``num2words`` (hyphens, commas and "and" removed); cached.
    """
    train, valid = _human_numbers()
    return list(train), list(valid)


def make_number_pairs(n: int, seed: int = 0, max_value: int = 9999) -> list[tuple[str, str]]:
    """``n`` random pairs (digits, English words), e.g. ``("1234", "one thousand two hundred thirty four")``.

    Numbers are drawn uniformly from 1 … ``max_value`` with ``numpy.random.default_rng(seed)``; deterministic.
    Words as in :func:`number_words` (no hyphens, commas or "and"). Returns a list of ``n`` tuples of str.
    """
    if max_value < 1:
        raise ValueError(f"max_value must be at least 1, not {max_value}")
    rng = np.random.default_rng(seed)
    return [(str(int(v)), number_words(int(v))) for v in rng.integers(1, max_value + 1, size=n)]


DATE_FORMATS: dict[str, str] = {
    "long": "June 30, 1983",
    "dotted": "30.06.1983",
    "day_month": "30 June 1983",
    "iso": "1983-06-30",
}
"""The English date formats :func:`make_date_pairs` can write, each shown on 30 June 1983."""

_FIRST_DAY = _dt.date(1900, 1, 1).toordinal()
_LAST_DAY = _dt.date(2099, 12, 31).toordinal()


@functools.lru_cache(maxsize=1)
def _month_names() -> tuple[dict[int, str], dict[int, str]]:
    from babel.dates import get_month_names

    english = dict(get_month_names("wide", context="format", locale="en"))
    russian_genitive = dict(get_month_names("wide", context="format", locale="ru"))  # "января", ...
    return english, russian_genitive


def _english_date(day: _dt.date, fmt: str, english_months: dict[int, str]) -> str:
    month = english_months[day.month]
    if fmt == "long":
        return f"{month} {day.day}, {day.year}"
    if fmt == "dotted":
        return f"{day.day:02d}.{day.month:02d}.{day.year}"
    if fmt == "day_month":
        return f"{day.day} {month} {day.year}"
    if fmt == "iso":
        return day.isoformat()
    raise ValueError(f"unknown date format {fmt!r}; choose from {sorted(DATE_FORMATS)}")


def russian_date(day: _dt.date) -> str:
    """A date in Russian words as it is read aloud: ``date(1983, 6, 30)`` →
    ``"тридцатое июня тысяча девятьсот восемьдесят третьего года"`` (day: neuter nominative ordinal; month:
    genitive; year: genitive ordinal + "года"). Made with ``num2words(lang="ru")`` and ``babel``."""
    from num2words import num2words

    _, months = _month_names()
    day_words = num2words(day.day, lang="ru", to="ordinal", case="n", gender="n")
    year_words = num2words(day.year, lang="ru", to="ordinal", case="g", gender="m")
    return f"{day_words} {months[day.month]} {year_words} года"


def make_date_pairs(n: int, seed: int = 0, formats: tuple[str, ...] = ("long",)) -> list[tuple[str, str]]:
    """``n`` random (English date, Russian words) pairs for translation.

    Example: ``("June 30, 1983", "тридцатое июня тысяча девятьсот восемьдесят третьего года")``.
    Days are drawn uniformly from 1900-01-01 … 2099-12-31; each pair's English format is drawn uniformly
    from ``formats`` (keys of :data:`DATE_FORMATS`: ``"long"`` "June 30, 1983", ``"dotted"`` "30.06.1983",
    ``"day_month"`` "30 June 1983", ``"iso"`` "1983-06-30"). Seeded (``numpy.random.default_rng(seed)``),
    deterministic. Returns a list of ``n`` tuples of str. Russian as in :func:`russian_date`.
    """
    unknown = [f for f in formats if f not in DATE_FORMATS]
    if unknown or not formats:
        raise ValueError(f"unknown date formats {unknown}; choose from {sorted(DATE_FORMATS)}")
    english_months, _ = _month_names()
    rng = np.random.default_rng(seed)
    days = rng.integers(_FIRST_DAY, _LAST_DAY + 1, size=n)
    which = rng.integers(0, len(formats), size=n)
    pairs = []
    for ordinal, f in zip(days, which, strict=True):
        day = _dt.date.fromordinal(int(ordinal))
        pairs.append((_english_date(day, formats[f], english_months), russian_date(day)))
    return pairs
