"""Calling the learner's function safely: a time limit, forbidden operators, and global state put back.

``call`` runs the learner's function once and returns an ``Outcome`` instead of letting anything escape:
an exception, ``sys.exit()``, an endless loop (stopped after ``time_limit`` seconds), Ctrl-C, or a call
of an operator the exercise forbids. Whatever the function changed in PyTorch's, NumPy's and Python's
global state (default dtype, random generators, grad mode, threads, deterministic algorithms, anomaly
detection, NumPy's error handling) is restored after every call.

The time limit uses ``signal.setitimer`` (SIGALRM), so it works in the main thread on Linux and macOS,
which is where a Jupyter kernel runs your cells. On Windows, or in another thread, there is no limit: a
function that never returns then hangs until you interrupt the kernel.
"""
from __future__ import annotations

import os
import random
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from torch.overrides import TorchFunctionMode

from utils.i18n import tr

__all__ = ["Forbidden", "Outcome", "call", "snapshot", "same", "shares_memory", "learner_line"]

_HERE = os.path.dirname(os.path.abspath(__file__))
_LIBRARIES = tuple(os.path.dirname(os.path.abspath(m.__file__)) for m in (torch, np)) + (_HERE,)
_PYTHON = tuple({os.path.join(p, "lib") for p in (sys.prefix, sys.base_prefix)})


@dataclass(frozen=True)
class Forbidden:
    """Functions an exercise asks the learner to do without.

    ``names`` is how a learner would have called them (shown in the message, e.g. "F.embedding or
    nn.Embedding"); ``functions`` are the functions and ATen operators behind every alias: a module such as
    ``nn.Embedding`` calls ``F.embedding``; ``torch.embedding`` is ``torch._C._VariableFunctions.embedding``;
    an operator ``torch.ops.aten.embedding`` also stands for its overloads (``.default``).
    """

    names: str
    functions: tuple


@dataclass
class Outcome:
    """What one call of the learner's function did. ``kind`` is one of: value, pending (None, ``...`` or
    NotImplementedError), raised, timeout, exit, interrupt, forbidden."""

    kind: str
    value: Any = None
    error: BaseException | None = None
    forbidden: str = ""


class _TimeUp(BaseException):
    """Raised inside the learner's code when the time limit is over (not an Exception, so that a bare
    ``except Exception`` in the learner's code does not swallow it)."""


class _ForbiddenCall(BaseException):
    """Raised inside the learner's code when it calls a forbidden operator."""


def _key(func: Any) -> Any:
    return func.overloadpacket if isinstance(func, torch._ops.OpOverload) else func


class _Refuse(TorchFunctionMode):
    """Sees every call of a torch function (whatever name it was reached by) while the learner's code runs."""

    def __init__(self, forbidden: Sequence[Forbidden]):
        super().__init__()
        self.names = {_key(f): item.names for item in forbidden for f in item.functions}
        self.hit = ""

    def __torch_function__(self, func, types, args=(), kwargs=None):
        names = self.names.get(_key(func))
        if names:
            self.hit = names
            raise _ForbiddenCall(names)
        return func(*args, **(kwargs or {}))


def _time_limit_available() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


class _Alarm:
    """Raise ``_TimeUp`` in the running code after ``seconds`` (and again every 0.5 s, should the learner's
    code catch it). ``disarm`` (idempotent) restores the previous SIGALRM handler and timer."""

    def __init__(self, seconds: float | None):
        self.seconds = seconds if seconds and seconds > 0 and _time_limit_available() else None
        self.armed = False

    def _on_alarm(self, signum, frame):
        if self.armed:
            raise _TimeUp()

    def __enter__(self) -> _Alarm:
        if self.seconds:
            try:
                self.previous = signal.signal(signal.SIGALRM, self._on_alarm)
            except (ValueError, OSError):  # signals unavailable here (e.g. a sub-interpreter): no limit
                return self
            self.armed = True
            self.old_delay, self.old_interval = signal.setitimer(signal.ITIMER_REAL, self.seconds, 0.5)
            self.start = time.monotonic()
        return self

    def __exit__(self, *exc: object) -> None:
        self.disarm()

    def disarm(self) -> None:
        if not self.armed:
            return
        self.armed = False  # first: from here on the handler does nothing
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self.previous if self.previous is not None else signal.SIG_DFL)
        if self.old_delay:
            left = max(self.old_delay - (time.monotonic() - self.start), 1e-3)
            signal.setitimer(signal.ITIMER_REAL, left, self.old_interval)


def _global_state() -> tuple:
    return (torch.get_default_dtype(), torch.random.get_rng_state(), np.random.get_state(), random.getstate(),
            torch.is_grad_enabled(), torch.get_num_threads(), torch.are_deterministic_algorithms_enabled(),
            torch.is_deterministic_algorithms_warn_only_enabled(), torch.is_anomaly_enabled(),
            torch.is_anomaly_check_nan_enabled(), np.geterr())


def _restore(state: tuple) -> None:
    dtype, rng, np_rng, py_rng, grad, threads, deterministic, warn_only, anomaly, check_nan, np_err = state
    if torch.get_default_dtype() != dtype:
        torch.set_default_dtype(dtype)
    torch.random.set_rng_state(rng)
    np.random.set_state(np_rng)
    random.setstate(py_rng)
    torch.set_grad_enabled(grad)
    if torch.get_num_threads() != threads:
        torch.set_num_threads(threads)
    if (torch.are_deterministic_algorithms_enabled(), torch.is_deterministic_algorithms_warn_only_enabled()) != (
            deterministic, warn_only):
        if "torch._inductor.config" in sys.modules:  # the public function also sets inductor's flag ...
            torch.use_deterministic_algorithms(deterministic, warn_only=warn_only)
        else:  # ... and imports inductor (seconds) to do so: skip that when inductor was never loaded
            torch._C._set_deterministic_algorithms(deterministic, warn_only=warn_only)
    if (torch.is_anomaly_enabled(), torch.is_anomaly_check_nan_enabled()) != (anomaly, check_nan):
        torch.set_anomaly_enabled(anomaly, check_nan)
    np.seterr(**np_err)


def _is_pending(value: Any) -> bool:
    if value is None or value is Ellipsis or value is NotImplemented:
        return True
    return isinstance(value, (tuple, list)) and len(value) > 0 and all(v is None or v is Ellipsis for v in value)


def call(fn: Callable[..., Any], args: Sequence[Any], kwargs: dict[str, Any], time_limit: float | None = None,
         forbidden: Sequence[Forbidden] = ()) -> Outcome:
    """Run ``fn(*args, **kwargs)`` once; see the module docstring."""
    state = _global_state()
    refuse = _Refuse(forbidden) if forbidden else None
    alarm = _Alarm(time_limit)
    try:
        with alarm, refuse or nullcontext():
            value = fn(*args, **kwargs)
        outcome = Outcome("pending" if _is_pending(value) else "value", value)
    except _TimeUp:
        outcome = Outcome("timeout")
    except _ForbiddenCall as exc:
        outcome = Outcome("forbidden", forbidden=str(exc))
    except KeyboardInterrupt as exc:
        outcome = Outcome("interrupt", error=exc)
    except SystemExit as exc:
        outcome = Outcome("exit", error=exc)
    except NotImplementedError as exc:
        outcome = Outcome("pending", error=exc)
    except BaseException as exc:  # noqa: B036 - the learner's own error (even a BaseException) is reported
        outcome = Outcome("raised", error=exc)
    finally:
        alarm.disarm()  # again, in case the alarm fired while the first disarm ran
        _restore(state)
    if refuse is not None and refuse.hit and outcome.kind != "forbidden":
        outcome = Outcome("forbidden", forbidden=refuse.hit)  # called, then the error was caught by the learner
    return outcome


def snapshot(value: Any) -> Any:
    """A deep copy of a case's argument, to tell later whether the learner's function changed it."""
    if isinstance(value, torch.Tensor):
        return value.detach().clone()
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, list):
        return [snapshot(v) for v in value]
    if isinstance(value, tuple):
        return tuple(snapshot(v) for v in value)
    if isinstance(value, dict):
        return {k: snapshot(v) for k, v in value.items()}
    return value


def same(a: Any, b: Any) -> bool:
    """Whether ``a`` and ``b`` hold the same data (NaN equals NaN; dtypes, shapes and types must agree)."""
    if isinstance(a, torch.Tensor) or isinstance(b, torch.Tensor):
        if not (isinstance(a, torch.Tensor) and isinstance(b, torch.Tensor)):
            return False
        if a.dtype != b.dtype or a.shape != b.shape or a.layout != b.layout:
            return False
        a, b = a.detach(), b.detach()
        if a.layout != torch.strided:
            a, b = a.to_dense(), b.to_dense()
        return bool(((a == b) | (a != a) & (b != b)).all())
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape and bool(
            np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
    if isinstance(a, (list, tuple)):
        return isinstance(b, (list, tuple)) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    try:
        return bool(a == b) or a != a and b != b
    except Exception:  # an object that cannot be compared is taken as unchanged
        return True


def _tensors(value: Any) -> Iterator[torch.Tensor]:
    if isinstance(value, torch.Tensor):
        yield value
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _tensors(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _tensors(v)


def shares_memory(result: Any, inputs: Sequence[Any]) -> bool:
    """Whether a tensor in ``result`` shares its memory with a tensor among ``inputs``."""
    def storage(t: torch.Tensor) -> int | None:
        try:
            return t.untyped_storage().data_ptr() if t.layout == torch.strided and t.numel() else None
        except (RuntimeError, NotImplementedError):
            return None

    given = {storage(t) for t in _tensors(list(inputs))} - {None}
    return any(storage(t) in given for t in _tensors(result))


def learner_line(error: BaseException) -> str:
    """"line 3 of rnn_step: return torch.tanh(x @ W_xh + b)": the last line of the learner's own code in the
    traceback of ``error`` (not PyTorch's, NumPy's or the checker's), or "" when there is none."""
    frames = [f for f in traceback.extract_tb(error.__traceback__)
              if not os.path.abspath(f.filename).startswith(_LIBRARIES + _PYTHON)]
    if not frames:
        return ""
    frame = frames[-1]
    code = (frame.line or "").strip()
    code = code if len(code) <= 60 else code[:57] + "..."
    return tr("line {line} of {function}: {code}", line=frame.lineno, function=frame.name, code=code)
