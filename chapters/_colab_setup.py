# @title Set-up (Colab only: run this cell first; elsewhere it only checks the course's helpers)
import os
import subprocess
import sys

if "google.colab" in sys.modules:  # fetch the course and install what Colab lacks
    REPO = "/content/networks-with-memory"
    if not os.path.isdir(REPO):
        subprocess.run(["git", "clone", "--depth", "1",
                        "https://github.com/networks-with-memory/networks-with-memory", REPO],
                       check=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "-r",
                        f"{REPO}/requirements-colab.txt"], check=True)
    sys.path.insert(0, REPO)
    os.chdir(f"{REPO}/chapters")
try:
    import utils  # noqa: F401  (the course's helpers: data, training loop, checkers)
except ModuleNotFoundError:
    raise ModuleNotFoundError(
        "This notebook needs the course's helpers (the `utils` package). Clone "
        "https://github.com/networks-with-memory/networks-with-memory and run `make lab` "
        "in it; see the Setup page of the book.") from None
