"""Strips of handwritten digits with word captions, for the image captioning of chapters 3 and 8.

Built from scikit-learn's bundled 8×8 digits (``sklearn.datasets.load_digits``: the UCI optical recognition
of handwritten digits, CC BY 4.0): :func:`digit_image_split` fixes which images are for training and which
for testing, :func:`load_digit_strips` draws seeded strips of 1 … 4 digits and their captions.
"""
from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

import numpy as np

from utils.data import DataError, train_test_split_stratified

__all__ = ["DIGIT_WORDS", "digit_image_split", "load_digit_strips"]

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
