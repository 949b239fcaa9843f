"""A DAG written with the Python SDK has the spec of the same DAG written in TypeScript.

The TypeScript examples (examples/dags) are rewritten in Python under tests/dags/examples;
the TypeScript SDK's specs come from bundling and importing the examples with Node, as
the DAG processor does. Only what is Python's own differs: each Python task says it runs
Python (``runtime``, ``operator``, ``python``).
"""

import json
import runpy
import subprocess

import pytest

from borda._registry import collecting
from support.parsing import EXAMPLE_DAGS, NODE, REPO_ROOT, TESTS_DIR

PYTHON_ONLY = ("runtime", "operator", "python")
EXAMPLES = sorted(path.stem for path in EXAMPLE_DAGS.glob("*.py"))


@pytest.fixture(scope="module")
def typescript_specs():
    esbuild = REPO_ROOT / "node_modules" / "esbuild"
    if NODE is None or not esbuild.is_dir():
        pytest.skip("needs Node and the repository's node_modules (npm ci)")
    files = [str(REPO_ROOT / "examples" / "dags" / f"{name}.ts") for name in EXAMPLES]
    completed = subprocess.run(
        [NODE, str(TESTS_DIR / "support" / "typescript_specs.mjs"), str(REPO_ROOT), *files],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(completed.stdout)


def python_spec(name):
    with collecting() as dags:
        runpy.run_path(str(EXAMPLE_DAGS / f"{name}.py"))
    [declared] = dags
    return declared.to_spec()


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_python_example_has_the_typescript_examples_spec(name, typescript_specs):
    python = python_spec(name)
    for task in python["tasks"]:
        assert task["runtime"] == "python"
        assert task["python"] == {"entry": None, "callable": None}
        for key in PYTHON_ONLY:
            del task[key]
    assert python == typescript_specs[f"{name}.ts"]
