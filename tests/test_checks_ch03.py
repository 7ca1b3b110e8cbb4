"""The chapter 3 checkers accept the reference solutions and reject typical mistakes with the right hint."""
from __future__ import annotations

import pytest
import torch

from utils import checks
from utils.checks import ExerciseError

# --------------------------------------------------------------------------------------------------------
# wiring_output_shape
# --------------------------------------------------------------------------------------------------------


def shape_solution(kind, batch, time, hidden, vocab):
    return {
        "rnn_output": (batch, time, hidden),
        "rnn_h_n": (1, batch, hidden),
        "one_to_one": (batch, vocab),
        "one_to_many": (batch, time, vocab),
        "many_to_one": (batch, vocab),
        "many_to_many": (batch, time, vocab),
    }[kind]


def with_change(kind_to_change, new):
    def fn(kind, batch, time, hidden, vocab):
        if kind == kind_to_change:
            return new(batch, time, hidden, vocab)
        return shape_solution(kind, batch, time, hidden, vocab)
    return fn


def test_wiring_reference_passes(capsys):
    checks.wiring_output_shape(shape_solution)
    assert capsys.readouterr().out.startswith("✅ wiring_output_shape")


def test_wiring_accepts_torch_size_and_lists(capsys):
    checks.wiring_output_shape(lambda *a: torch.Size(shape_solution(*a)))
    checks.wiring_output_shape(lambda *a: list(shape_solution(*a)))
    assert capsys.readouterr().out.count("✅") == 2


def test_wiring_stub_waits(capsys):
    checks.wiring_output_shape(lambda kind, batch, time, hidden, vocab: None)
    assert capsys.readouterr().out.startswith("⏳ wiring_output_shape")


@pytest.mark.parametrize("wrong, case, hint", [
    (with_change("rnn_h_n", lambda b, t, h, v: (b, h)), "case 2 (rnn_h_n", "num_layers"),
    (with_change("rnn_h_n", lambda b, t, h, v: (b, 1, h)), "case 2 (rnn_h_n", "but not h_n"),
    (with_change("rnn_output", lambda b, t, h, v: (t, b, h)), "case 1 (rnn_output", "batch comes first"),
    (with_change("many_to_many", lambda b, t, h, v: (b, t, h)), "case 6 (many_to_many", "not hidden"),
    (with_change("many_to_one", lambda b, t, h, v: (b, t, v)), "case 5 (many_to_one", "per sequence"),
    (with_change("one_to_many", lambda b, t, h, v: (b, v)), "case 4 (one_to_many", "per generated step"),
    (with_change("one_to_one", lambda b, t, h, v: (b, 1, v)), "case 3 (one_to_one", "no time axis"),
])
def test_wiring_mistakes_get_their_hint(wrong, case, hint):
    with pytest.raises(ExerciseError) as err:
        checks.wiring_output_shape(wrong)
    message = str(err.value)
    assert case in message and hint in message


def test_wiring_function_that_raises():
    def partial(kind, batch, time, hidden, vocab):
        return {"rnn_output": (batch, time, hidden)}[kind]
    with pytest.raises(ExerciseError, match=r"(?s)case 2 \(rnn_h_n.*raised KeyError.*handle every kind"):
        checks.wiring_output_shape(partial)


def test_wiring_wrong_type_and_length():
    with pytest.raises(ExerciseError, match="expected a tuple of 3 item"):
        checks.wiring_output_shape(lambda *a: "batch, time, hidden")
    with pytest.raises(ExerciseError, match="expected 3 item"):
        checks.wiring_output_shape(lambda kind, batch, time, hidden, vocab: (batch, time))


def test_wiring_nan_entry():
    with pytest.raises(ExerciseError, match="expected the integer"):
        checks.wiring_output_shape(lambda *a: (float("nan"),) + tuple(shape_solution(*a))[1:])


def test_wiring_needs_a_function():
    with pytest.raises(ExerciseError, match="needs your function itself"):
        checks.wiring_output_shape((4, 7, 16))


# --------------------------------------------------------------------------------------------------------
# last_real_step
# --------------------------------------------------------------------------------------------------------


def last_solution(output, lengths, padding_side):
    if padding_side == "left":
        return output[:, -1]
    return output[torch.arange(len(output)), lengths - 1]


def test_last_reference_passes(capsys):
    checks.last_real_step(last_solution)
    assert capsys.readouterr().out.startswith("✅ last_real_step")


def test_last_loop_solution_passes(capsys):
    def loop(output, lengths, padding_side):
        rows = [output[b, -1] if padding_side == "left" else output[b, int(lengths[b]) - 1]
                for b in range(len(output))]
        return torch.stack(rows)
    checks.last_real_step(loop)
    assert "✅" in capsys.readouterr().out


def test_last_stub_waits(capsys):
    checks.last_real_step(lambda output, lengths, padding_side: None)
    assert capsys.readouterr().out.startswith("⏳ last_real_step")


@pytest.mark.parametrize("wrong, case, hint", [
    (lambda o, lengths, s: o[torch.arange(len(o)), lengths] if s == "right" else o[:, -1],
     "case 1 (right padding", "off by one"),
    (lambda o, lengths, s: o[:, -1], "case 1 (right padding", "is padding for every shorter sequence"),
    (lambda o, lengths, s: o[torch.arange(len(o)), lengths - 1], "case 2 (left padding",
     "real steps end in the last column"),
    (lambda o, lengths, s: o[:, 0], "case 1 (right padding", "first step"),
    (lambda o, lengths, s: o[torch.arange(len(o)), o.shape[1] - lengths], "case 1 (right padding",
     "first real step of a left-padded"),
])
def test_last_mistakes_get_their_hint(wrong, case, hint):
    with pytest.raises(ExerciseError) as err:
        checks.last_real_step(wrong)
    message = str(err.value)
    assert case in message and hint in message


def test_last_off_by_one_that_runs_out_of_range():
    def off_by_one(output, lengths, padding_side):
        if padding_side == "left":
            return output[:, -1]
        return torch.stack([output[b, int(lengths[b])] for b in range(len(output))])
    with pytest.raises(ExerciseError) as err:
        checks.last_real_step(off_by_one)
    message = str(err.value)
    assert "case 1" in message and "off by one" in message


def test_last_function_that_raises():
    def broken(output, lengths, padding_side):
        raise IndexError("index 6 is out of bounds for dimension 1 with size 6")
    with pytest.raises(ExerciseError, match=r"(?s)case 1 .*raised IndexError.*L - 1"):
        checks.last_real_step(broken)


def test_last_wrong_type_shape_and_nan():
    with pytest.raises(ExerciseError, match="expected a torch.Tensor"):
        checks.last_real_step(lambda o, lengths, s: last_solution(o, lengths, s).numpy())
    with pytest.raises(ExerciseError, match=r"expected shape \(3, 4\), got shape \(3, 6, 4\)"):
        checks.last_real_step(lambda o, lengths, s: o)
    with pytest.raises(ExerciseError, match="NaN"):
        checks.last_real_step(lambda o, lengths, s: last_solution(o, lengths, s) * float("nan"))
    with pytest.raises(ExerciseError, match="dtype"):
        checks.last_real_step(lambda o, lengths, s: last_solution(o, lengths, s).float())
