"""One way to test an exercise checker, shared by every ``tests/test_checks_*.py``.

    accepts(checks.rnn_step, good)                     # prints one ✅ line (returned)
    pending(checks.rnn_step, stub)                     # prints one ⏳ line (returned)
    rejects_with(checks.rnn_step, wrong, case=1, hint_contains="tanh is missing")   # the message

Every message is also checked for the contract: at most ``core.WIDTH`` characters a line, a ``Hint:``
paragraph, no ✅ printed before a failure. Fragments are matched with whitespace normalised, so that a
phrase wrapped over two lines is still found.
"""
from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Callable, Sequence
from typing import Any

from utils.checks import core


def flat(text: str) -> str:
    """``text`` with every run of whitespace (line breaks included) turned into one space."""
    return " ".join(text.split())


def _fragments(value: str | Sequence[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def assert_short_lines(text: str) -> None:
    for line in text.splitlines():
        assert len(line) <= core.WIDTH, f"a line over {core.WIDTH} characters:\n{line}"


def run(checker: Callable[..., None], fn: Any, **options: Any) -> tuple[str, BaseException | None]:
    """Call ``checker(fn, **options)``; return what it printed and what it raised (or None)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            checker(fn, **options)
        except BaseException as exc:  # noqa: B036 - the caller decides what was expected
            return out.getvalue(), exc
    return out.getvalue(), None


def _one_line(checker: Callable[..., None], fn: Any, mark: str, options: dict[str, Any]) -> str:
    out, error = run(checker, fn, **options)
    if error is not None:
        raise AssertionError(f"{checker.__name__} raised instead of printing {mark}:\n{error!r}\n{error}") from error
    assert_short_lines(out)
    lines = out.strip().splitlines()
    assert lines, f"{checker.__name__} printed nothing"
    assert lines[-1].startswith(f"{mark} {checker.__name__}:"), out
    if not options.get("reveal"):
        assert len(lines) == 1, out
    return lines[-1]


def accepts(checker: Callable[..., None], fn: Any, **options: Any) -> str:
    """Assert that ``checker`` accepts ``fn`` with one ✅ line, and return that line."""
    return _one_line(checker, fn, "✅", options)


def pending(checker: Callable[..., None], fn: Any, **options: Any) -> str:
    """Assert that ``checker`` reports ``fn`` as not attempted with one ⏳ line, and return that line."""
    return _one_line(checker, fn, "⏳", options)


def rejects_with(checker: Callable[..., None], fn: Any, case: int | None = None,
                 hint_contains: str | Sequence[str] = (), message_contains: str | Sequence[str] = (),
                 hint_lacks: str | Sequence[str] = ()) -> str:
    """Assert that ``checker`` raises ``ExerciseError`` for ``fn`` — on case number ``case`` when given — with
    every fragment of ``hint_contains`` in its hint (and none of ``hint_lacks``) and every fragment of
    ``message_contains`` somewhere in the message; return the message."""
    out, error = run(checker, fn)
    assert isinstance(error, core.ExerciseError), (
        f"{checker.__name__} did not raise ExerciseError; printed {out!r}, raised {error!r}")
    assert "✅" not in out, out
    message = str(error)
    assert_short_lines(message)
    name = checker.__name__
    if case is not None:
        assert re.match(rf"{re.escape(name)}, case {case} \(", message), f"expected case {case}:\n{message}"
    assert "\nHint: " in message, message
    hint = flat(message.split("\nHint: ", 1)[1])
    for fragment in _fragments(hint_contains):
        assert flat(fragment) in hint, f"hint lacks {fragment!r}:\n{message}"
    for fragment in _fragments(hint_lacks):
        assert flat(fragment) not in hint, f"hint has {fragment!r}:\n{message}"
    for fragment in _fragments(message_contains):
        assert flat(fragment) in flat(message), f"message lacks {fragment!r}:\n{message}"
    return message
