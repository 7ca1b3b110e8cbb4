"""The GitHub Actions workflows: valid for actionlint (offline), and doing what the README says.

publish.yml builds the site with `make book` on every push to main and deploys _build/html to GitHub Pages;
test.yml runs `make test` on every pull request. Both point the browser steps at the runner's Chrome.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"


def load(name: str) -> dict:
    workflow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True, workflow.get("on"))  # YAML 1.1 reads the key `on` as true
    return workflow


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_actionlint_finds_nothing():
    actionlint = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    if not actionlint:
        message = "actionlint is not installed: run `make install`"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    files = sorted(str(p) for p in WORKFLOWS.glob("*.yml"))
    assert files, "no workflow in .github/workflows"
    result = subprocess.run([actionlint, "-no-color", *files], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_publish_builds_with_make_book_and_deploys_pages_from_main():
    workflow = load("publish.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    runs = " ".join(step.get("run", "") for step in steps(workflow))
    uses = [step.get("uses", "").split("@")[0] for step in steps(workflow)]
    assert "make book" in runs
    assert "actions/upload-pages-artifact" in uses and "actions/deploy-pages" in uses
    upload = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "_build/html"
    assert workflow["jobs"]["deploy"]["environment"]["name"] == "github-pages"
    assert workflow["jobs"]["build"]["env"]["CHROMIUM"]


def test_pull_requests_run_make_test():
    workflow = load("test.yml")
    assert "pull_request" in workflow["on"]
    assert any(step.get("run", "").strip() == "make test" for step in steps(workflow))
    assert all(job["env"]["CHROMIUM"] for job in workflow["jobs"].values())
