"""The course's tooling, run by the Makefile as ``python -m scripts.<name>``: execute, bench, results page,
student copies, progress, link check, experiments."""
