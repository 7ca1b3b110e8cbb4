"""Checkers for chapter 5, embeddings: the lookup and the masked mean of word vectors."""
from __future__ import annotations

import torch
import torch.nn.functional as F

from .core import Case, Exercise, Forbidden, Mistake, seeded

__all__ = ["embedding_lookup", "masked_mean"]


def _indices(batch: int, time: int, high: int, seed: int, low: int = 0) -> torch.Tensor:
    return seeded(batch, time, seed=seed, low=low, high=high, dtype=torch.int64)


def _table(vocab: int, dim: int, seed: int, dtype: torch.dtype = torch.float64) -> torch.Tensor:
    return seeded(vocab, dim, seed=seed, dtype=dtype)


# --------------------------------------------------------------------------------------------------------
# embedding_lookup(indices, weight) -> vectors
# --------------------------------------------------------------------------------------------------------

# every alias (nn.Embedding calls F.embedding; torch._C._VariableFunctions.embedding is torch.embedding) ends here
_LIBRARY_LOOKUP = (
    Forbidden("F.embedding, torch.embedding or nn.Embedding", (F.embedding, torch.embedding, torch.ops.aten.embedding)),
    Forbidden("F.embedding_bag or nn.EmbeddingBag", (F.embedding_bag, torch.embedding_bag, torch.ops.aten.embedding_bag,
                                                     torch.ops.aten._embedding_bag,
                                                     torch.ops.aten._embedding_bag_forward_only)),
)


def _embedding_lookup(indices, weight):
    """indices (B, T) LongTensor, weight (V, E) -> vectors (B, T, E)."""
    # indexing with a tensor of indices picks one row of the table per entry
    return weight[indices]


def _lookup_one_hot(indices: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
    return F.one_hot(indices, weight.shape[0]).to(weight.dtype)


def _lookup_minus_one(indices: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
    return weight[indices - 1]


def _lookup_plus_one(indices: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
    return weight[indices + 1]


def _lookup_columns(indices: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
    return weight.T[indices]


def _lookup_columns_raw(indices: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
    return weight[:, indices]


def _lookup_columns_moved(indices: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
    return weight[:, indices].permute(1, 2, 0)


def _lookup_float32(indices: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
    return weight[indices].float()


def _lookup_flat(indices: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
    return weight[indices.reshape(-1)]


def _lookup_first_row(indices: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
    return weight[indices[0]]


def _lookup_cases() -> list[Case]:
    square = _table(5, 5, 13)
    return [
        Case("B=2, T=3, V=10, E=4, frequent words 0..3", (_indices(2, 3, 4, 1), _table(10, 4, 2))),
        Case("B=3, T=5, V=50, E=8, indices 1..48 (no first or last word)", (_indices(3, 5, 49, 3, low=1),
                                                                           _table(50, 8, 4))),
        Case("B=1, T=1: one word", (torch.tensor([[7]]), _table(12, 6, 5))),
        Case("B=4, T=6 with padding index 0 and the last row V-1 = 19", (
            torch.tensor([[0, 0, 0, 3, 19, 2], [5, 5, 5, 5, 5, 5], [0, 19, 0, 19, 0, 19], [1, 2, 3, 4, 5, 6]]),
            _table(20, 3, 6))),
        Case("square table V = E = 5 (rows and columns have the same length)", (_indices(3, 4, 5, 7), square)),
        Case("float32 table, B=2, T=7, V=30, E=16", (_indices(2, 7, 28, 8, low=1),
                                                     _table(30, 16, 9, torch.float32))),
    ]


_EMBEDDING_LOOKUP = Exercise(
    name="embedding_lookup", label="ch05-embedding-lookup", reference=_embedding_lookup, cases=_lookup_cases,
    forbid=_LIBRARY_LOOKUP,
    mistakes=[
        Mistake("your vectors are one-hot rows of length V: that is only the first half of the one-hot route; "
                "those rows still have to pick rows of the table.", _lookup_one_hot),
        Mistake("off by one: every word got the row of the word before it. Indices already start at 0 (row 0 "
                "is <pad>).", _lookup_minus_one),
        Mistake("off by one: every word got the row of the word after it. Indices already start at 0 (row 0 "
                "is <pad>).", _lookup_plus_one),
        Mistake("you picked columns of the table: weight is (V, E), one ROW per word.", _lookup_columns),
        Mistake("you picked columns of the table: weight is (V, E), one ROW per word.", _lookup_columns_moved),
        Mistake("you picked columns of the table: weight is (V, E), one ROW per word.", _lookup_columns_raw),
        Mistake("the result must keep the table's dtype: a one-hot matrix or a `.float()` changes it.",
                _lookup_float32),
        Mistake("the result lost its (B, T) layout: the answer has one vector per position, (B, T, E).",
                _lookup_flat),
        Mistake("only the first sequence of the batch was looked up: use all of `indices`.", _lookup_first_row),
    ],
    hint="the vector of word i is row i of the table (section 'An embedding layer is a lookup table'); "
         "PyTorch picks many rows at once when you index with a tensor of indices.",
    error_hint="an IndexError means a shifted index or the wrong axis: the table is (V, E), one row per word. "
               "If you used one_hot, give it the number of classes V and convert it to the table's dtype.",
)


def embedding_lookup(fn, reveal: bool = False) -> None:
    """Check ``fn(indices, weight) -> vectors`` without ``nn.Embedding`` or ``F.embedding``.

    ``indices`` is a LongTensor (B, T) of word indices in ``0 .. V-1``, ``weight`` the embedding table
    (V, E), one row per word. The result (B, T, E) holds ``weight[indices[b, t]]`` at ``[b, t]``, in the
    table's dtype. ``reveal=True`` also prints one solution.
    """
    _EMBEDDING_LOOKUP.check(fn, reveal)


# --------------------------------------------------------------------------------------------------------
# masked_mean(vectors, mask) -> means
# --------------------------------------------------------------------------------------------------------


def _masked_mean(vectors, mask):
    """vectors (B, T, E), mask (B, T) bool (True = real token) -> (B, E)."""
    weights = mask.to(vectors.dtype).unsqueeze(-1)  # (B, T, 1): 1 at real tokens
    counts = weights.sum(dim=1).clamp(min=1)        # (B, 1): an empty row divides by 1
    return (vectors * weights).sum(dim=1) / counts


def _mean_padded_length(vectors: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    return (vectors * mask.to(vectors.dtype).unsqueeze(-1)).sum(dim=1) / vectors.shape[1]


def _mean_all(vectors: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    return vectors.mean(dim=1)


def _mean_unmasked_sum(vectors: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    return vectors.sum(dim=1) / mask.to(vectors.dtype).sum(dim=1, keepdim=True).clamp(min=1)


def _mean_sum_only(vectors: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    return (vectors * mask.to(vectors.dtype).unsqueeze(-1)).sum(dim=1)


def _mean_no_clamp(vectors: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    weights = mask.to(vectors.dtype).unsqueeze(-1)
    return (vectors * weights).sum(dim=1) / weights.sum(dim=1)


def _mean_over_batch(vectors: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    weights = mask.to(vectors.dtype).unsqueeze(-1)
    return (vectors * weights).sum(dim=0) / weights.sum(dim=0).clamp(min=1)


def _mean_inverted(vectors: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    return _masked_mean(vectors, ~mask)


def _mask(lengths: list[int], time: int, side: str = "right") -> torch.Tensor:
    positions = torch.arange(time)
    lengths_t = torch.tensor(lengths).unsqueeze(1)
    if side == "right":
        return positions < lengths_t
    return positions >= time - lengths_t


def _vectors(batch: int, time: int, dim: int, seed: int, dtype: torch.dtype = torch.float64) -> torch.Tensor:
    return seeded(batch, time, dim, seed=seed, shift=0.5, dtype=dtype)


def _mean_cases() -> list[Case]:
    return [
        Case("B=3, T=5, E=4, right padding, lengths 5, 3, 1", (_vectors(3, 5, 4, 21), _mask([5, 3, 1], 5))),
        Case("B=4, T=6, E=2, left padding, lengths 2, 6, 4, 1", (_vectors(4, 6, 2, 22),
                                                                  _mask([2, 6, 4, 1], 6, "left"))),
        Case("B=2, T=8, E=3, a mask with holes (not a prefix)",
             (_vectors(2, 8, 3, 23), torch.tensor([[1, 0, 1, 1, 0, 0, 1, 0], [0, 1, 1, 0, 1, 0, 0, 1]],
                                                  dtype=torch.bool))),
        Case("B=2, T=4, E=5, no padding at all", (_vectors(2, 4, 5, 24), _mask([4, 4], 4))),
        Case("B=1, T=1, E=3: a one-word review", (_vectors(1, 1, 3, 25), _mask([1], 1))),
        Case("float32, B=3, T=10, E=6, right padding", (_vectors(3, 10, 6, 26, torch.float32),
                                                        _mask([7, 10, 2], 10))),
        Case("B=3, T=4, E=2, the second review is empty (all padding): its mean is the zero vector",
             (_vectors(3, 4, 2, 27), _mask([3, 0, 4], 4))),
    ]


_MASKED_MEAN = Exercise(
    name="masked_mean", label="ch05-masked-mean", reference=_masked_mean, cases=_mean_cases,
    mistakes=[
        Mistake("you divided by the padded length T: the pads count in the divisor, so short reviews get small "
                "means. Divide by each review's number of real tokens.", _mean_padded_length),
        Mistake("the pads are included: a plain mean over time averages the <pad> vectors too.", _mean_all),
        Mistake("the sum includes the pad vectors: zero them with the mask before summing over time.",
                _mean_unmasked_sum),
        Mistake("that is the sum over the real tokens, not the mean: divide by how many there are.",
                _mean_sum_only),
        Mistake("an all-padding row divides 0 by 0 and gives NaN: let its count be at least 1, so that its "
                "mean is the zero vector.", _mean_no_clamp),
        Mistake("you averaged over the batch (dim 0) instead of over time (dim 1).", _mean_over_batch),
        Mistake("the mask is inverted: True marks the REAL tokens.", _mean_inverted),
    ],
    hint="zero the pad vectors with the mask, sum over time, and divide by each row's number of real "
         "tokens, at least 1 (section 'Padding, masks and packed sequences').",
    error_hint="a bool mask must become numbers of the vectors' dtype before multiplying, and needs a trailing "
               "axis of size 1 to broadcast over E.",
)


def masked_mean(fn, reveal: bool = False) -> None:
    """Check ``fn(vectors, mask) -> means``: the mean of each sequence's vectors over its real tokens.

    ``vectors`` is a float tensor (B, T, E) (the embedded tokens), ``mask`` a bool tensor (B, T), True at
    real tokens and False at padding. The result (B, E) averages row b's vectors where ``mask[b]`` is
    True; a row with no real token (all padding) gives the zero vector. Keep the dtype of ``vectors``.
    ``reveal=True`` also prints one solution.
    """
    _MASKED_MEAN.check(fn, reveal)
