"""Plumbing for the course *Networks with Memory*.

Everything that is not the lesson itself lives here, one purpose per module:

- ``utils.seed``      — ``set_seed``: reproducible runs (Python, NumPy, PyTorch, one CPU thread).
- ``utils.data``      — every data file or package the course reads, with checksums and clear errors.
- ``utils.tasks``     — generated data: memory tasks and signals (seeded NumPy).
- ``utils.protocols`` — the set-ups several chapters compare on (JFK forecast windows, Human Numbers streams).
- ``utils.text``      — tokenizer, vocabulary and padding (written by hand in chapter 5, reused after it).
- ``utils.train``     — one small training loop (``fit``) used by every chapter.
- ``utils.plots``     — one plotting style: curves, sequences, heatmaps.
- ``utils.diagrams``  — network diagrams drawn with matplotlib.
- ``utils.checks``    — the exercise checkers (``checks.<exercise>(your_function)``).
- ``utils.bench``     — ``record(name, value)`` for ``make bench``.

The lesson code (RNN cells, BPTT, gates) is written in the notebooks, where it is taught.
"""
