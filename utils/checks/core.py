"""The checker contract shared by every exercise, and the kit a chapter's checkers are built from.

A checker calls the learner's function on several seeded cases and compares each answer with the
reference solution:

- every case matches                          → prints one line starting with ``✅``;
- the function has no answer on *every* case  → prints one line starting with ``⏳`` (not attempted yet):
  it returns ``None`` (or ``...``) or raises ``NotImplementedError``, and leaves its inputs alone;
- anything else                               → raises ``ExerciseError`` naming the case, what was
  expected and what came back, with a hint. A function that raises, changes its inputs in place, runs
  past the time limit, calls ``sys.exit()`` or a forbidden operator, or returns ``None`` on some cases
  only, is reported the same way, never as a crash of the checker.

Hints come from a catalogue of typical mistakes: each ``Mistake`` is a small wrong implementation; when
the learner's answer equals a mistake's answer on the failing case, its hint is shown (the mistake that
agrees with the learner on the most cases wins). Hints point at the idea, never at the solution's code;
``checks.<name>(fn, reveal=True)`` prints the reference solution.

A chapter module declares each exercise once, as an ``Exercise`` (which registers it in ``REGISTRY``),
and exposes a one-line public function ``def name(fn, reveal=False)`` that calls ``Exercise.check``.
Test data comes from ``seeded``. Every learner-facing sentence goes through ``utils.i18n.tr`` and is
wrapped to ``WIDTH`` characters.
"""
from __future__ import annotations

import inspect
import re
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import torch

from utils.i18n import tr

from . import sandbox
from .matching import compare, describe
from .sandbox import Forbidden

__all__ = ["ExerciseError", "CheckInterrupted", "Case", "Mistake", "Forbidden", "Exercise", "REGISTRY",
           "run_checks", "compare", "seeded", "templates", "TIME_LIMIT", "WIDTH"]

TIME_LIMIT = 5.0   # seconds per case; 0 or None switches the limit off (it is always off on Windows)
WIDTH = 90         # the longest line of any message


def _wrap(text: str, width: int = WIDTH) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines += textwrap.wrap(paragraph, width, break_long_words=False, break_on_hyphens=False) or [""]
    return lines


class ExerciseError(AssertionError):
    """Raised by a checker when the learner's answer is wrong. The message says which case, what was
    expected, what came back, and a hint; in Jupyter it is shown without a traceback."""

    def __init__(self, message: str = ""):
        self.text = message
        super().__init__("\n".join(_wrap(message)))

    def _render_traceback_(self) -> list[str]:  # IPython shows these lines instead of a traceback
        first, *rest = _wrap("ExerciseError: " + self.text) or [""]
        return ["\x1b[0;31mExerciseError\x1b[0m" + first[len("ExerciseError"):], *rest]


class CheckInterrupted(KeyboardInterrupt):
    """Ctrl-C (or "interrupt the kernel") while a checker ran: one line, no traceback."""

    def _render_traceback_(self) -> list[str]:
        return [str(self)]


@dataclass(frozen=True)
class Case:
    """One call of the learner's function: a short description and the arguments. ``name`` is a template
    (shown through ``tr``) whose ``{placeholders}`` are filled from ``values``."""

    name: str
    args: tuple
    kwargs: dict = field(default_factory=dict)
    values: dict = field(default_factory=dict)

    @property
    def title(self) -> str:
        return tr(self.name, **self.values)


@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer: ``wrong(*args, **kwargs)`` computes it, ``hint`` names the mistake and how to
    think about fixing it (never the solution's code)."""

    hint: str
    wrong: Callable[..., Any]


REGISTRY: dict[str, Exercise] = {}


@dataclass(frozen=True)
class Exercise:
    """One auto-checked exercise: what ``checks.<name>`` runs. Creating one registers it in ``REGISTRY``.

    ``reference`` is written as a learner would write it, with the stub's signature (``reveal=True``
    prints it); ``cases`` builds the seeded cases; ``outputs`` names the items of a tuple result (or, as
    one string, the items of a list); ``hint`` is shown when no mistake matches, ``error_hint`` when the
    function raises; ``forbid`` lists operators the answer must not call; ``also_correct`` are other
    answers that count as right; ``fresh_outputs`` asks for results that share no memory with the inputs.
    """

    name: str
    label: str
    reference: Callable[..., Any]
    cases: Callable[[], Sequence[Case]]
    mistakes: Sequence[Mistake] = ()
    hint: str = ""
    error_hint: str = ""
    outputs: tuple[str, ...] | str = ()
    atol: float = 1e-6
    rtol: float = 1e-5
    inputs_unchanged: bool = True
    fresh_outputs: bool = False
    forbid: Sequence[Forbidden] = ()
    also_correct: Sequence[Callable[..., Any]] = ()

    def __post_init__(self) -> None:
        known = REGISTRY.get(self.name)
        if known is not None and known.module != self.module:
            raise ValueError(f"checks.{self.name} is defined twice ({known.module} and {self.module})")
        REGISTRY[self.name] = self

    @property
    def module(self) -> str:
        return self.reference.__module__

    @property
    def signature(self) -> str:
        return self.name + str(inspect.signature(self.reference))

    def check(self, fn: Any, reveal: bool = False) -> None:
        """Check ``fn`` on every case (see the module docstring); with ``reveal``, print the solution first."""
        run_checks(self.name, fn, self.cases(), self.reference, self.mistakes, self.hint, self.error_hint,
                   self.atol, self.rtol, self.signature, outputs=self.outputs, inputs_unchanged=self.inputs_unchanged,
                   fresh_outputs=self.fresh_outputs, forbid=self.forbid, also_correct=self.also_correct,
                   reveal=reveal, label=self.label)


def seeded(*shape: int, seed: int | torch.Generator, scale: float = 1.0, shift: float = 0.0,
           low: float | None = None, high: float | None = None, dtype: torch.dtype = torch.float64) -> torch.Tensor:
    """Reproducible test data of ``shape``: ``shift + scale * N(0, 1)`` by default; uniform in ``[low, high)``
    when a bound is given; integers in ``[low, high)`` for an integer ``dtype``.

    ``seed`` is an int (a fresh generator) or a ``torch.Generator`` shared by several calls.
    """
    gen = seed if isinstance(seed, torch.Generator) else torch.Generator().manual_seed(seed)
    if not dtype.is_floating_point:
        return torch.randint(int(low or 0), int(high), shape, generator=gen, dtype=dtype)
    if low is not None or high is not None:
        lo, hi = 0.0 if low is None else low, 1.0 if high is None else high
        return lo + (hi - lo) * torch.rand(*shape, generator=gen, dtype=dtype)
    return shift + scale * torch.randn(*shape, generator=gen, dtype=dtype)


def templates() -> list[str]:
    """Every learner-facing template that the registered exercises declare outside a ``tr(...)`` call: the
    hints, the case names and the names of forbidden functions (each shown through ``tr`` when it is
    used). A translation catalog needs these besides the literal arguments of ``tr`` in this package."""
    found: list[str] = []
    for exercise in REGISTRY.values():
        found += [exercise.hint, exercise.error_hint] + [m.hint for m in exercise.mistakes]
        found += [case.name for case in exercise.cases()] + [item.names for item in exercise.forbid]
    return list(dict.fromkeys(t for t in found if t))


# ---------------------------------------------------------------------------------------------------------
# run_checks and its messages
# ---------------------------------------------------------------------------------------------------------

def _fail(*paragraphs: str) -> ExerciseError:
    return ExerciseError("\n".join(p for p in paragraphs if p))


def _hint(text: str) -> str:
    """The "Hint: ..." paragraph; ``text`` is already in the learner's language."""
    return tr("Hint: {hint}", hint=text)


def _reveal(title: str, reference: Callable[..., Any], label: str) -> None:
    try:
        source = textwrap.dedent(inspect.getsource(reference)).rstrip()
        source = re.sub(rf"^def {re.escape(reference.__name__)}\(", f"def {title}(", source, count=1, flags=re.M)
    except (OSError, TypeError):
        source = tr("(the source of the reference solution is not available)")
    if label:
        print(tr("🔑 {title}: one way to write it (exercise {label}):", title=title, label=label))
    else:
        print(tr("🔑 {title}: one way to write it:", title=title))
    print(source)


def _args(case: Case) -> tuple[list[Any], dict[str, Any]]:
    return [sandbox.snapshot(a) for a in case.args], {k: sandbox.snapshot(v) for k, v in case.kwargs.items()}


def _changed_argument(case: Case, given: tuple[list[Any], dict[str, Any]], names: Sequence[str]) -> str | None:
    args, kwargs = given
    for i, (before, after) in enumerate(zip(case.args, args)):
        if not sandbox.same(before, after):
            return names[i] if i < len(names) else tr("argument {number}", number=i + 1)
    return next((k for k, v in case.kwargs.items() if not sandbox.same(v, kwargs[k])), None)


def _pending_what(outcome: sandbox.Outcome) -> str:
    if outcome.error is not None:
        return tr("raises NotImplementedError")
    return tr("returns {value}", value="..." if outcome.value is Ellipsis else "None")


def run_checks(title: str, fn: Any, cases: Sequence[Case], reference: Callable[..., Any],
               mistakes: Sequence[Mistake] = (), default_hint: str = "", error_hint: str = "",
               atol: float = 1e-6, rtol: float = 1e-5, signature: str = "", *,
               outputs: tuple[str, ...] | str = (), inputs_unchanged: bool = True, fresh_outputs: bool = False,
               forbid: Sequence[Forbidden] = (), also_correct: Sequence[Callable[..., Any]] = (),
               time_limit: float | None = None, reveal: bool = False, label: str = "") -> None:
    """Check the learner's ``fn`` against ``reference`` on every case (see the module docstring).

    ``signature`` (e.g. ``"rnn_step(x, h, W_xh, W_hh, b)"``, by default read from ``reference``) is quoted
    when ``fn`` is not a function; ``time_limit`` (seconds per case) defaults to ``TIME_LIMIT``; the other
    options are those of ``Exercise``.
    """
    if reveal:
        _reveal(title, reference, label)
    try:
        names = list(inspect.signature(reference).parameters)
    except (TypeError, ValueError):
        names = []
    if fn is None or not callable(fn):
        raise _fail(tr("{title}: the checker needs your function itself, got {got}.", title=title,
                       got=describe(fn)),
                    tr("Hint: define `def {signature}: ...` and pass its name without parentheses: "
                       "`checks.{title}(your_function)`.", signature=signature or f"{title}({', '.join(names)})",
                       title=title)) from None
    limit = TIME_LIMIT if time_limit is None else time_limit
    progress = [0]  # the case being run, for the message of an interruption
    try:
        answers, pending, deferred = _collect(title, fn, cases, names, limit, error_hint or default_hint,
                                              inputs_unchanged, fresh_outputs, forbid, progress)
        if pending and not answers and deferred is None:
            print(tr("⏳ {title}: not attempted yet (your function {what}).", title=title,
                     what=_pending_what(pending[0][1])))
            return
        for number, (case, got) in enumerate(answers, start=1):  # the earliest problem is the one reported
            progress[0] = number
            problem = _mismatch(got, case, reference, also_correct, atol, rtol, outputs)
            if problem:
                mistake = _best_mistake(mistakes, answers, number - 1, atol, rtol, outputs)
                where = tr("{title}, case {number} ({case})", title=title, number=number, case=case.title)
                hint = mistake.hint if mistake else default_hint
                raise _fail(tr("{where}: {problem}", where=where, problem=problem), _hint(tr(hint)) if hint
                            else _hint(tr("compare your code with the equations above."))) from None
        if deferred is not None:
            raise deferred from None
    except KeyboardInterrupt:
        raise CheckInterrupted(tr("⏹ {title}: interrupted (Ctrl-C) during case {number}; nothing was checked.",
                                  title=title, number=progress[0])) from None
    print(tr("✅ {title}: all {n} cases match the reference. Well done!", title=title, n=len(cases)))


def _collect(title: str, fn: Callable[..., Any], cases: Sequence[Case], names: Sequence[str], limit: float,
             error_hint: str, inputs_unchanged: bool, fresh_outputs: bool, forbid: Sequence[Forbidden],
             progress: list[int]) -> tuple[list[tuple[Case, Any]], list[tuple[int, sandbox.Outcome]],
                                           ExerciseError | None]:
    """Run ``fn`` on the cases in order, up to the first that goes wrong other than by its value.

    Returns the answers of the cases before it (with their case), the cases without an answer, and the
    error to report for that case (None when every case ran) — reported only if no earlier answer is wrong.
    """
    answers: list[tuple[Case, Any]] = []
    pending: list[tuple[int, sandbox.Outcome]] = []
    for number, case in enumerate(cases, start=1):
        progress[0] = number
        where = tr("{title}, case {number} ({case})", title=title, number=number, case=case.title)
        given = _args(case)
        outcome = sandbox.call(fn, given[0], given[1], limit, forbid)
        if outcome.kind == "interrupt":
            raise KeyboardInterrupt
        problem = _problem(outcome, where, limit, error_hint)
        if problem:
            return answers, pending, problem
        changed = _changed_argument(case, given, names) if inputs_unchanged else None
        if changed:
            what = (tr("{where}: your function changed its argument `{name}` in place and returned None.",
                       where=where, name=changed) if outcome.kind == "pending" else
                    tr("{where}: your function changed its argument `{name}` in place.", where=where, name=changed))
            return answers, pending, _fail(what, _hint(tr(
                "operations that end in an underscore (.mul_(), .copy_(), .zero_()), `+=`, `.append()` and "
                "assigning into a slice overwrite the caller's data; build new tensors (or lists) and return them.")))
        if outcome.kind == "pending":
            pending.append((number, outcome))
        if pending and (answers or outcome.kind != "pending"):
            first, other = pending[0][0], number if outcome.kind != "pending" else 1
            return answers, pending, _fail(
                tr("{title}, case {number} ({case}): your function {what} here, but gives an answer for case "
                   "{other}.", title=title, number=first, case=cases[first - 1].title,
                   what=_pending_what(pending[0][1]), other=other),
                _hint(tr("does every path through your function end in a `return`? An `if` branch without one "
                         "returns None.")))
        if outcome.kind == "pending":
            continue
        if fresh_outputs and sandbox.shares_memory(outcome.value, given[0]):
            return answers, pending, _fail(
                tr("{where}: a tensor your function returned is one of the tensors it was given (or a view of "
                   "one).", where=where),
                _hint(tr("return new tensors, copies even when nothing changes, so that changing the result "
                         "later cannot change the input.")))
        answers.append((case, outcome.value))
    return answers, pending, None


def _problem(outcome: sandbox.Outcome, where: str, limit: float, error_hint: str) -> ExerciseError | None:
    """The error to report for an outcome that is neither a value nor "no answer yet", else None."""
    if outcome.kind == "timeout":
        return _fail(tr("{where}: your function ran for more than {seconds:g} s: an endless loop?",
                        where=where, seconds=limit),
                     _hint(tr("look for a `while` loop whose condition never turns false, or a loop over far "
                              "more steps than the shapes need: every case here is tiny.")))
    if outcome.kind == "exit":
        return _fail(tr("{where}: your function called sys.exit() (or exit() or quit()), which would stop the "
                        "notebook.", where=where), _hint(tr("return the answer instead.")))
    if outcome.kind == "forbidden":
        return _fail(tr("{where}: your function called {names}, which this exercise asks you to do without.",
                        where=where, names=tr(outcome.forbidden)),
                     _hint(tr("write the computation yourself with the operations the chapter shows; the "
                              "library function is for everywhere else.")))
    if outcome.kind == "raised":
        error = outcome.error
        text = str(error).strip().splitlines()[0] if str(error).strip() else ""
        text = text if len(text) <= 200 else text[:197] + "..."
        line = sandbox.learner_line(error)
        return _fail(tr("{where}: your function raised {error}: {message}", where=where,
                        error=type(error).__name__, message=text) if text else
                     tr("{where}: your function raised {error}.", where=where, error=type(error).__name__),
                     tr("At {line}", line=line) if line else "",
                     _hint(tr(error_hint)) if error_hint else
                     _hint(tr("run your function on this case yourself and read the error.")))
    return None


def _call_ours(function: Callable[..., Any], case: Case) -> Any:
    args, kwargs = _args(case)
    return function(*args, **kwargs)


def _mismatch(got: Any, case: Case, reference: Callable[..., Any], also_correct: Sequence[Callable[..., Any]],
              atol: float, rtol: float, outputs: tuple[str, ...] | str) -> str | None:
    """How ``got`` differs from the reference on ``case`` (None when it matches it or an also-correct answer)."""
    problem = _safe_compare(got, _call_ours(reference, case), atol, rtol, outputs)
    if problem:
        for other in also_correct:
            if _safe_compare(got, _call_ours(other, case), atol, rtol, outputs) is None:
                return None
    return problem


def _safe_compare(got: Any, expected: Any, atol: float, rtol: float, names: tuple[str, ...] | str) -> str | None:
    path = ""
    if not isinstance(names, str) and len(names) == 1 and not isinstance(expected, (tuple, list)):
        path, names = names[0], ()  # one named output, e.g. h_next
    try:
        return compare(got, expected, atol=atol, rtol=rtol, path=path, names=names)
    except Exception as exc:  # a result so strange that comparing it fails: describe, do not crash
        return tr("your result could not be compared with the reference ({error}: {message}); it is {got}",
                  error=type(exc).__name__, message=str(exc)[:120], got=describe(got))


def _best_mistake(mistakes: Sequence[Mistake], answers: Sequence[tuple[Case, Any]], failing: int,
                  atol: float, rtol: float, outputs: tuple[str, ...] | str) -> Mistake | None:
    """The catalogued mistake that reproduces the learner's answer on the failing case and on the most
    other cases (the first such mistake in the catalogue on a tie), or None."""
    def matches(mistake: Mistake, index: int) -> bool:
        case, got = answers[index]
        try:
            wrong = _call_ours(mistake.wrong, case)
        except Exception:  # a wrong variant that cannot run on this case simply does not match
            return False
        return _safe_compare(got, wrong, atol, rtol, outputs) is None

    best, best_score = None, -1
    for mistake in mistakes:
        if matches(mistake, failing):
            score = sum(matches(mistake, i) for i in range(len(answers)) if i != failing)
            if score > best_score:
                best, best_score = mistake, score
    return best
