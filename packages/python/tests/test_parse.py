"""The DAG parser, run as the DAG processor runs it: a child process that prints one JSON
line and writes the file's bundle."""

import os
import zipfile

import pytest

from support.parsing import run_parse

ETL = """
    from datetime import timedelta

    from borda import bash, dag, task

    import helpers
    from lib.numbers import total_of

    print("printed while imported")


    @dag(dag_id="etl", schedule=timedelta(hours=1), start_date="2024-01-01")
    def etl():
        @task(retries=1)
        def extract(ctx):
            return helpers.rows()

        @task
        def total(ctx, rows):
            return total_of(rows)

        total(extract()) >> bash(task_id="done", command="echo done")
"""


@pytest.fixture
def etl_folder(dags_folder):
    dags_folder.write("team/etl.py", ETL)
    dags_folder.write("team/helpers.py", "def rows():\n    return [1, 2, 3]\n")
    dags_folder.write("lib/__init__.py", "")
    dags_folder.write(
        "lib/numbers.py", "import json\n\ndef total_of(rows):\n    return sum(rows)\n"
    )
    dags_folder.write("lib/unused.py", "raise RuntimeError('never imported')\n")
    return dags_folder


def test_a_dag_file_gives_its_specs_with_the_python_fields_set(etl_folder, parse):
    parsed = parse("team/etl.py")
    report = parsed.report
    assert report["error"] is None
    [spec] = report["dags"]
    assert spec["dagId"] == "etl"
    assert spec["schedule"] == "@every 1h"
    assert [task["taskId"] for task in spec["tasks"]] == ["extract", "total", "done"]
    for task in spec["tasks"]:
        assert task["runtime"] == "python"
        assert task["python"] == {"entry": "team/etl.py", "callable": None}
    assert [task["operator"] for task in spec["tasks"]] == ["@task", "@task", "bash"]
    assert spec["tasks"][1]["inputs"] == {"rows": "extract"}


def test_what_the_file_prints_goes_to_stderr_and_stdout_holds_only_the_report(dags_folder, parse):
    dags_folder.write(
        "noisy.py",
        """
        import os, subprocess, sys
        from borda import bash, dag
        print("from print")
        sys.stdout.write("from sys.stdout\\n")
        os.write(1, b"from descriptor 1\\n")
        subprocess.run(["echo", "from a child process"])
        dag(lambda: bash(task_id="a", command="true"), dag_id="noisy")
        """,
    )
    parsed = parse("noisy.py")
    assert [dag["dagId"] for dag in parsed.report["dags"]] == ["noisy"]
    for line in ("from print", "from sys.stdout", "from descriptor 1", "from a child process"):
        assert line in parsed.stderr


def test_the_bundle_holds_the_file_and_the_modules_it_imported_from_the_folder(etl_folder, parse):
    parsed = parse("team/etl.py")
    expected = ["lib/__init__.py", "lib/numbers.py", "team/etl.py", "team/helpers.py"]
    assert parsed.report["files"] == expected
    with zipfile.ZipFile(parsed.bundle) as bundle:
        assert bundle.namelist() == expected
        assert bundle.read("team/helpers.py") == (etl_folder.root / "team/helpers.py").read_bytes()
        for info in bundle.infolist():
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
            assert info.compress_type == zipfile.ZIP_STORED
            assert info.external_attr >> 16 == 0o644
            assert info.extra == b""
            assert info.comment == b""
        assert bundle.comment == b""


def test_the_bundle_is_the_same_bytes_for_the_same_files(etl_folder, tmp_path):
    first = run_parse(etl_folder.root, "team/etl.py", tmp_path / "first.zip")
    os.utime(etl_folder.root / "team/helpers.py", (1_000_000_000, 1_000_000_000))
    absolute = str(etl_folder.root / "team" / "etl.py")
    second = run_parse(etl_folder.root, absolute, tmp_path / "second.zip")
    assert first.report == second.report
    assert first.bundle.read_bytes() == second.bundle.read_bytes()
    etl_folder.write("team/helpers.py", "def rows():\n    return [4]\n")
    third = run_parse(etl_folder.root, "team/etl.py", tmp_path / "third.zip")
    assert third.bundle.read_bytes() != first.bundle.read_bytes()


def test_parsing_writes_no_bytecode_into_the_dags_folder(etl_folder, parse):
    assert parse("team/etl.py").report["error"] is None
    assert not list(etl_folder.root.rglob("__pycache__"))


def test_a_file_without_dags_gives_none(dags_folder, parse):
    dags_folder.write("notes.py", "X = 1\n")
    assert parse("notes.py").report == {
        "dags": [],
        "files": ["notes.py"],
        "error": None,
        "warnings": [],
    }


def test_several_dags_of_one_file_come_in_declaration_order(dags_folder, parse):
    dags_folder.write(
        "many.py",
        """
        from borda import bash, dag

        for name in ("b_second", "a_first"):
            dag(lambda: bash(task_id="t", command="true"), dag_id=name)
        """,
    )
    assert [dag["dagId"] for dag in parse("many.py").report["dags"]] == ["b_second", "a_first"]


def test_a_syntax_error_names_the_file_and_line(dags_folder, parse):
    dags_folder.write("broken.py", "from borda import dag\n\n\ndef oops(:\n    pass\n")
    parsed = parse("broken.py")
    assert parsed.report["dags"] == []
    assert parsed.error == {
        "message": "SyntaxError: invalid syntax (broken.py, line 4)",
        "line": 4,
    }
    assert parsed.report["files"] == ["broken.py"]


def test_a_syntax_error_in_an_imported_module_names_that_module(dags_folder, parse):
    dags_folder.write("uses_helper.py", "import os\nimport helper\n")
    dags_folder.write("helper.py", "x = (\n")
    error = parse("uses_helper.py").error
    assert error["message"].startswith("SyntaxError: ")
    assert error["message"].endswith("(helper.py, line 1)")
    assert error["line"] == 2


def test_a_missing_module_is_named(dags_folder, parse):
    dags_folder.write("needs.py", "from borda import dag\nimport not_installed_anywhere\n")
    error = parse("needs.py").error
    assert error["line"] == 2
    assert error["message"].startswith(
        "No module named 'not_installed_anywhere': it is neither a file of the DAGs folder nor "
        "installed in the Python interpreter the DAG processor uses"
    )
    assert "BORDA_PYTHON" in error["message"]


@pytest.mark.parametrize("module", ["pendulum", "jinja2"])
def test_a_missing_airflow_dependency_says_where_to_install_it(dags_folder, tmp_path, module):
    dags_folder.write("airflowish.py", f"import {module}\n")
    parsed = run_parse(dags_folder.root, "airflowish.py", tmp_path / "b.zip", site_packages=False)
    error = parsed.error
    assert error["message"].startswith(
        f"The file needs the module '{module}', which is not installed in the Python "
        "interpreter the DAG processor uses"
    )
    assert f"-m pip install {module}" in error["message"]
    assert "BORDA_PYTHON" in error["message"]
    assert error["line"] == 1


def test_a_dependency_cycle_is_an_import_error_at_the_first_tasks_line(dags_folder, parse):
    dags_folder.write(
        "cycle.py",
        """
        from borda import bash, dag


        @dag(dag_id="cycle")
        def cycle():
            first = bash(task_id="first", command="true")
            second = bash(task_id="second", command="true")
            first >> second >> first
        """,
    )
    assert parse("cycle.py").error == {
        "message": "DAG 'cycle': its tasks depend on each other in a cycle: first → second → "
        "first. Remove one of these dependencies (a >>, <<, .after() or an input).",
        "line": 6,
    }


def test_a_bad_id_is_an_import_error_at_its_line(dags_folder, parse):
    dags_folder.write(
        "bad_id.py",
        """
        from borda import bash, dag


        @dag(dag_id="fine")
        def fine():
            bash(task_id="not fine", command="true")
        """,
    )
    error = parse("bad_id.py").error
    assert error == {
        "message": "task id 'not fine' is not a valid id: use letters, digits, '_', '.' or '-' "
        "(at most 250 characters).",
        "line": 6,
    }


def test_a_problem_declared_in_a_helper_module_names_where(dags_folder, parse):
    dags_folder.write(
        "factory.py",
        "from borda import bash\n\ndef add():\n    bash(task_id='x y', command='true')\n",
    )
    dags_folder.write(
        "uses_factory.py",
        "from borda import dag\nimport factory\n\ndag(factory.add, dag_id='made')\n",
    )
    error = parse("uses_factory.py").error
    assert error["message"].endswith("(raised at factory.py:4)")
    assert error["line"] == 4


def test_an_exception_at_import_is_an_error_at_its_line(dags_folder, parse):
    dags_folder.write("raises.py", "x = 1\n\nraise RuntimeError('no config')\n")
    assert parse("raises.py").error == {
        "message": "Importing the file raised RuntimeError: no config",
        "line": 3,
    }


def test_sys_exit_in_a_file_is_an_import_error(dags_folder, parse):
    dags_folder.write("exits.py", "import sys\nsys.exit(3)\n")
    parsed = parse("exits.py")
    assert parsed.returncode == 0
    assert parsed.error["message"].startswith("The file called sys.exit(3) while it was imported")


def test_a_dag_id_defined_twice_in_a_file_is_an_error(dags_folder, parse):
    dags_folder.write(
        "twice.py",
        """
        from borda import bash, dag

        dag(lambda: bash(task_id="a", command="true"), dag_id="same")
        dag(lambda: bash(task_id="a", command="true"), dag_id="same")
        """,
    )
    assert parse("twice.py").error["message"].startswith("DAG id 'same' is defined twice")


def test_a_registered_dag_whose_spec_fails_is_an_error(dags_folder, parse):
    dags_folder.write(
        "custom.py",
        """
        from borda import _registry

        class Broken:
            dag_id = "broken"
            def to_spec(self):
                raise ValueError("no spec today")
            def get_task(self, task_id):
                return None

        _registry.register(Broken())
        """,
    )
    assert parse("custom.py").error == {
        "message": "DAG 'broken': its spec could not be made: ValueError: no spec today",
        "line": 6,
    }


def test_a_missing_file_is_an_error_not_a_crash(dags_folder, parse):
    parsed = parse("gone.py")
    assert parsed.returncode == 0
    assert parsed.error["message"] == "The file gone.py does not exist (or is not a file)."
    assert parsed.report["files"] == []


def test_a_file_outside_the_dags_folder_is_refused_as_bad_arguments(dags_folder, parse):
    parsed = parse("../elsewhere.py")
    assert parsed.returncode == 2
    assert parsed.stdout == ""
    assert "is not a path inside the DAGs folder" in parsed.stderr


def test_a_file_that_leaves_a_thread_running_still_reports(dags_folder, parse):
    dags_folder.write(
        "threaded.py",
        """
        import threading, time
        from borda import bash, dag

        threading.Thread(target=time.sleep, args=(3600,)).start()
        dag(lambda: bash(task_id="a", command="true"), dag_id="threaded")
        """,
    )
    assert [dag["dagId"] for dag in parse("threaded.py").report["dags"]] == ["threaded"]


def test_the_report_is_one_ascii_line_whatever_the_specs_hold(dags_folder, parse):
    dags_folder.write(
        "unicode.py",
        "from borda import bash, dag\n"
        "dag(lambda: bash(task_id='a', command='echo ünïcødé \\u2028'), dag_id='u')\n",
    )
    [spec] = parse("unicode.py").report["dags"]
    assert spec["tasks"][0]["bashCommand"] == "echo ünïcødé \u2028"
    assert parse("unicode.py").stdout.isascii()
