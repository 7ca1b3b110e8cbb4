# @title Set-up (Colab: run this first; elsewhere it only checks the helpers)
import os
import subprocess
import sys

COURSE_URL = "https://github.com/networks-with-memory/networks-with-memory"
if "google.colab" in sys.modules:  # fetch the course and install what Colab lacks
    REPO = "/content/networks-with-memory"
    if not os.path.isdir(REPO):
        subprocess.run(["git", "clone", "--depth", "1", COURSE_URL, REPO], check=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "-r",
                        f"{REPO}/requirements-colab.txt"], check=True)
    sys.path.insert(0, REPO)
    os.chdir(f"{REPO}/chapters")
try:
    import utils  # noqa: F401  (the course's helpers: data, training loop, checkers)
except ModuleNotFoundError:
    raise ModuleNotFoundError(
        f"This notebook needs the course's helpers (the `utils` package). Clone "
        f"{COURSE_URL} and run `make lab` in it; see the Setup page of the book."
    ) from None
