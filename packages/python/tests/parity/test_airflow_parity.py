"""Parity with Apache Airflow itself: the corpus of Airflow-style DAG files
(packages/cli/test/fixtures/airflow) parsed by Airflow's DagBag and by Borda's parser gives
the same DAGs, task ids, dependencies, pools, pool slots, queues, retries and trigger rules.

Run by ``npm run test:airflow-parity`` (scripts/airflow-parity.sh), which installs Apache
Airflow 2 and 3 from PyPI into venvs and names their interpreters in
``AIRFLOW_PARITY_PYTHONS`` ("2=/path/bin/python,3=/path/bin/python"); without it, skipped.
A corpus file is compared under each Airflow major its first line names (``# airflow: 2, 3``).
Borda's parser runs in Airflow's own interpreter, so its layer shadows the real Airflow
there, and the parser must say so.
"""

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from support.parsing import PYTHON_SRC, REPO_ROOT

CORPUS = REPO_ROOT / "packages" / "cli" / "test" / "fixtures" / "airflow"
DAGBAG = Path(__file__).with_name("airflow_dagbag.py")


def _pythons() -> dict[str, str]:
    configured = os.environ.get("AIRFLOW_PARITY_PYTHONS", "")
    pairs = (entry.split("=", 1) for entry in configured.split(",") if "=" in entry)
    return {major.strip(): python.strip() for major, python in pairs}


def _majors_of(file: Path) -> list[str]:
    first = file.read_text().splitlines()[0]
    if not first.startswith("# airflow:"):
        return []
    return [major.strip() for major in first.removeprefix("# airflow:").split(",")]


PYTHONS = _pythons()
CASES = [
    (major, file.name)
    for file in sorted(CORPUS.glob("*.py"))
    for major in _majors_of(file)
    if major in PYTHONS
]


@pytest.fixture(scope="module")
def airflow_parses(tmp_path_factory) -> dict[str, dict[str, Any]]:
    """Airflow's parse of every corpus file, per Airflow major."""
    parses = {}
    for major, python in PYTHONS.items():
        home = tmp_path_factory.mktemp(f"airflow-{major}-home")
        out = home / "parsed.json"
        files = sorted({file for case_major, file in CASES if case_major == major})
        subprocess.run(
            [python, str(DAGBAG), str(out), str(CORPUS), *files],
            env={
                "PATH": os.environ.get("PATH", ""),
                "AIRFLOW_HOME": str(home),
                "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            },
            capture_output=True,
            check=True,
            timeout=600,
        )
        parses[major] = json.loads(out.read_text())
    return parses


def borda_parse(python: str, file: str, bundle: Path) -> dict[str, Any]:
    completed = subprocess.run(
        [
            *(python, "-m", "borda._runtime.parse"),
            *("--dags-folder", str(CORPUS), "--file", file, "--bundle-out", str(bundle)),
        ],
        env={"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(PYTHON_SRC)},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(completed.stdout)


def borda_tasks(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        task["taskId"]: {
            "upstream": sorted(task["upstream"]),
            "pool": task["pool"],
            "pool_slots": task["poolSlots"],
            "queue": task["queue"],
            "retries": task["retries"],
            "trigger_rule": task["triggerRule"],
        }
        for task in spec["tasks"]
    }


@pytest.mark.skipif(
    not PYTHONS,
    reason="run `npm run test:airflow-parity`: it installs Apache Airflow from PyPI in a venv "
    "and sets AIRFLOW_PARITY_PYTHONS",
)
@pytest.mark.parametrize(("major", "file"), CASES or [("-", "-")])
def test_borda_parses_the_corpus_as_airflow_itself_does(major, file, airflow_parses, tmp_path):
    airflow = airflow_parses[major]
    parsed = airflow["files"][file]
    assert parsed["errors"] == [], f"Airflow {airflow['version']} could not import {file}"
    report = borda_parse(PYTHONS[major], file, tmp_path / "bundle.zip")
    assert report["error"] is None
    borda = {spec["dagId"]: borda_tasks(spec) for spec in report["dags"]}
    assert borda == parsed["dags"]
    # Borda's layer, first on the path, shadows the Airflow installed there, and says so.
    shadowing = [
        w["message"] for w in report["warnings"] if "is installed in this Python" in w["message"]
    ]
    assert len(shadowing) == 1
    assert shadowing[0].startswith(f"Apache Airflow {airflow['version']} is installed")
