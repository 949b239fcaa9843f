"""The test suite's ground: where things are, a DAGs folder on disk, and the parser run as
the DAG processor runs it (a child process)."""

import json
import os
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parents[2]
PYTHON_SRC = PACKAGE_DIR / "src"
REPO_ROOT = PACKAGE_DIR.parents[1]
TESTS_DIR = PACKAGE_DIR / "tests"
# The repository's examples: each TypeScript example has a Python twin, named `<id>_py`.
EXAMPLE_DAGS = REPO_ROOT / "examples" / "dags"
NODE = shutil.which("node")


class DagsFolder:
    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, relative: str, source: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source).lstrip())
        return path


@dataclass
class Parsed:
    returncode: int
    stdout: str
    stderr: str
    bundle: Path

    @property
    def report(self) -> dict[str, Any]:
        assert self.returncode == 0, self.stderr
        line, end, rest = self.stdout.partition("\n")
        assert (end, rest) == ("\n", ""), f"stdout must be one JSON line: {self.stdout!r}"
        return json.loads(line)

    @property
    def error(self) -> dict[str, Any]:
        error = self.report["error"]
        assert error is not None, self.report
        return error


def python_env(**extra: str) -> dict[str, str]:
    return {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(PYTHON_SRC), **extra}


def run_parse(folder: Path, file: str, bundle: Path, *, site_packages: bool = True) -> Parsed:
    """Runs the parser; without ``site_packages``, as an interpreter with no packages installed."""
    completed = subprocess.run(
        [
            sys.executable,
            *(() if site_packages else ("-S",)),
            *("-m", "borda._runtime.parse"),
            *("--dags-folder", str(folder), "--file", file, "--bundle-out", str(bundle)),
        ],
        cwd=folder.parent,
        env=python_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    return Parsed(completed.returncode, completed.stdout, completed.stderr, bundle)
