"""The Binder configuration installs what learners need, CPU-only, and nothing else (checked offline)."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if "==" in line and not line.startswith("-"):
            name, version = line.split("==")
            pins[name.lower()] = version
    return pins


def _learner_block() -> dict[str, str]:
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    block = text.split("# running the notebooks", 1)[1].split("\n\n", 1)[0]
    tmp = {}
    for line in block.splitlines():
        if "==" in line:
            name, version = line.strip().split("==")
            tmp[name.lower()] = version
    return tmp


def test_binder_pins_equal_the_learner_requirements():
    assert _pins(ROOT / "binder" / "requirements.txt") == _learner_block()


def test_binder_uses_cpu_torch_and_no_book_or_test_tools():
    text = (ROOT / "binder" / "requirements.txt").read_text(encoding="utf-8")
    assert "--extra-index-url https://download.pytorch.org/whl/cpu" in text
    dev = _pins(ROOT / "requirements-dev.txt")
    assert dev and not set(dev) & set(_pins(ROOT / "binder" / "requirements.txt"))


def test_binder_installs_the_helpers_and_the_learner_copies():
    post = (ROOT / "binder" / "postBuild").read_text(encoding="utf-8")
    assert "pip install --no-deps -e ." in post and "scripts.make_student" in post
    assert (ROOT / "binder" / "postBuild").stat().st_mode & 0o111, "postBuild must be executable"
    assert (ROOT / "binder" / "runtime.txt").read_text().strip().startswith("python-3.")
