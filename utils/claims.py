"""Claims that a chapter's text makes about its own results, checked where they are made.

A sentence such as "the LSTM still recalls the first symbol at length 25" rests on a result, so the cell
that computes the result checks it::

    claim(lstm_acc > 0.5, "the LSTM recalls the first symbol at length 25",
          measured=f"accuracy {lstm_acc:.3f}", applies=LENGTH == 25)

``applies`` says whether the claim is about this run at all: when a learner follows an exercise and changes
a setting the claim depends on (``applies`` is then False), the claim is not checked and one line says so,
instead of stopping the notebook with an error that has nothing to do with the learner's experiment.
A claim is checked for every seed (``make bench SEEDS=3``): the text may only state what holds for all.
"""
from __future__ import annotations

from utils.i18n import tr

__all__ = ["ClaimError", "claim"]


class ClaimError(AssertionError):
    """The text states something that this run of the notebook does not show."""


def claim(condition: bool, statement: str, *, measured: str = "", applies: bool = True) -> None:
    """Check that ``statement`` (the text's words) holds: ``condition`` computed from this run's results.

    Raises ``ClaimError`` naming the statement and what was ``measured`` when it does not hold.
    With ``applies=False`` nothing is checked; a note says the settings differ from the book's.
    """
    if not applies:
        print(tr("ℹ not checked with your settings (they differ from the book's): {statement}",
                 statement=statement))
        return
    if not bool(condition):
        detail = tr(" (measured: {measured})", measured=measured) if measured else ""
        raise ClaimError(tr("The text says: {statement}. This run does not show it{detail}.",
                            statement=statement, detail=detail))
