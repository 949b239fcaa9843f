"""What lies outside Borda's Airflow subset is an import error that names it and points to
the docs; the parser reports it at the file's line, and reports warnings beside its specs."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from support.parsing import PYTHON_SRC, python_env

DOCS = "see docs/coming-from-airflow.md#the-supported-subset."


@pytest.mark.parametrize(
    ("statement", "construct"),
    [
        (
            "from airflow.providers.postgres.operators.postgres import PostgresOperator",
            "airflow.providers.postgres.operators.postgres is outside",
        ),
        ("import airflow.providers.amazon.aws.hooks.s3", "airflow.providers.amazon.aws.hooks.s3"),
        ("from airflow.sensors.date_time import DateTimeSensor", "airflow.sensors.date_time"),
        (
            "from airflow.providers.standard.sensors.time import TimeSensor",
            "airflow.providers.standard.sensors.time",
        ),
        (
            "from airflow.operators.python import BranchPythonVirtualenvOperator",
            "airflow.operators.python.BranchPythonVirtualenvOperator",
        ),
        (
            "from airflow.operators.latest_only import LatestOnlyOperator",
            "airflow.operators.latest_only",
        ),
        (
            "from airflow.providers.standard.operators.weekday import BranchDayOfWeekOperator",
            "airflow.providers.standard.operators.weekday",
        ),
        ("from airflow.utils.task_group import TaskGroup", "airflow.utils.task_group"),
        ("from airflow.decorators import task_group", "airflow.decorators.task_group"),
        ("from airflow.sdk import TaskGroup", "airflow.sdk.TaskGroup"),
        ("from airflow.datasets import DatasetAlias", "airflow.datasets.DatasetAlias"),
        ("from airflow.sdk import AssetAlias", "airflow.sdk.AssetAlias"),
        ("from airflow.hooks.dbapi import DbApiHook", "airflow.hooks.dbapi"),
        ("from airflow.hooks.base_hook import BaseHook", "airflow.hooks.base_hook"),
        ("from airflow.settings import Session", "airflow.settings.Session"),
        ("from airflow.models import XCom", "airflow.models.XCom"),
        (
            "from airflow.operators.trigger_dagrun import TriggerDagRunOperator",
            "airflow.operators.trigger_dagrun",
        ),
        ("from airflow.utils.edgemodifier import Label", "airflow.utils.edgemodifier"),
        ("from airflow.timetables.interval import CronDataIntervalTimetable", "airflow.timetables"),
        ("from airflow.configuration import conf", "airflow.configuration"),
        (
            "from airflow.operators.bash_operator import BashOperator",
            "airflow.operators.bash_operator",
        ),
    ],
)
def test_an_import_outside_the_subset_names_what_was_imported(statement, construct):
    with pytest.raises(ImportError) as raised:
        exec(statement, {})
    message = str(raised.value)
    assert construct in message
    assert "is outside Borda's Airflow-compatible subset" in message
    assert message.endswith(DOCS)
    # A file's own `except ImportError` / `except ModuleNotFoundError` fallbacks still work.
    assert isinstance(raised.value, ModuleNotFoundError)


def test_hints_say_what_to_do_instead():
    with pytest.raises(ImportError, match=r"poke in a @task\.sensor function instead"):
        exec("from airflow.sensors.time_sensor import TimeSensor", {})
    with pytest.raises(ImportError, match=r"import it from airflow\.operators\.bash"):
        exec("from airflow.operators.bash_operator import BashOperator", {})
    with pytest.raises(ImportError, match=r"take the connection from BaseHook\.get_connection"):
        exec("from airflow.hooks.subprocess import SubprocessHook", {})
    with pytest.raises(ImportError, match=r"create connections with `borda connections add`"):
        exec("from airflow import settings; settings.Session()", {})


@pytest.mark.parametrize(
    "statement",
    [
        "from airflow.models import Connection, Variable",
        "from airflow.models.variable import Variable",
        "from airflow.models.connection import Connection",
        "from airflow.hooks.base import BaseHook",
        "from airflow.sdk import BaseHook, Connection, Variable",
    ],
)
def test_variables_connections_and_base_hook_are_importable_where_airflow_has_them(statement):
    exec(statement, {})


def test_supported_submodules_are_importable_through_their_package():
    namespace = {}
    exec("from airflow.operators import bash, python, empty", namespace)
    exec("from airflow import settings, macros", namespace)
    assert namespace["bash"].BashOperator.__name__ == "BashOperator"
    assert namespace["settings"].AIRFLOW_HOME


@pytest.mark.parametrize(
    ("source", "construct"),
    [
        ("EmptyOperator(task_id='t', on_execute_callback=print)", "on_execute_callback="),
        ("EmptyOperator(task_id='t', sla=timedelta(hours=1))", "sla="),
        ("EmptyOperator(task_id='t', depends_on_past=True)", "depends_on_past="),
        ("EmptyOperator(task_id='t', max_active_tis_per_dag=1)", "max_active_tis_per_dag="),
        ("EmptyOperator(task_id='t', executor_config={'pod': 1})", "executor_config="),
        ("EmptyOperator(task_id='t', params={'a': 1})", "params="),
        ("EmptyOperator(task_id='t', inlets=['s3://x'])", "inlets="),
        ("EmptyOperator(task_id='t', trigger_rule='one_done')", "The trigger rule 'one_done'"),
        (
            "EmptyOperator(task_id='t', trigger_rule='all_skipped')",
            "The trigger rule 'all_skipped'",
        ),
        ("BashOperator(task_id='t', bash_command='run.sh')", "The script file 'run.sh'"),
        ("BashOperator(task_id='t', bash_command='x', skip_on_exit_code=99)", "skip_on_exit_code="),
        ("f().concat(f())", "XComArg.concat()"),
        ("f().zip(f())", "XComArg.zip()"),
        ("f.expand(x=f()['rows'])", "Mapping over the XCom 'rows' of task 'f'"),
        (
            "BashOperator.partial(task_id='t', bash_command='x').expand(retries=[1, 2])",
            "Mapping over retries=",
        ),
        ("task.branch(f).expand(x=[1])", "f.expand()"),
        ("task.short_circuit(f).partial().expand_kwargs([{'x': 1}])", "f.expand_kwargs()"),
        ("task.skip_if(f)", "@task.skip_if"),
        ("task.branch_virtualenv(f)", "@task.branch_virtualenv"),
        ("task.docker(f)", "@task.docker"),
        ("task.virtualenv(f)", "@task.virtualenv"),
        ("PythonOperator(task_id='t', python_callable=lambda next_ds: 1)", "'next_ds'"),
        ("PythonOperator(task_id='t', python_callable=lambda conf: 1)", "'conf'"),
        (
            "PythonOperator(task_id='t', python_callable=lambda x: 1, templates_exts=['.sql'])",
            "templates_exts=",
        ),
        ("dag.test()", "DAG.test()"),
    ],
)
def test_a_construct_outside_the_subset_in_a_dag_is_refused_by_name(source, construct):
    from datetime import timedelta

    from airflow import DAG
    from airflow._borda.subset import NotInSubsetError
    from airflow.decorators import task
    from airflow.operators.bash import BashOperator
    from airflow.operators.empty import EmptyOperator
    from airflow.operators.python import PythonOperator

    with DAG("refusing", schedule=None) as dag:

        @task
        def f(x=1):
            return x

        names = {
            "BashOperator": BashOperator,
            "EmptyOperator": EmptyOperator,
            "PythonOperator": PythonOperator,
            "dag": dag,
            "f": f,
            "task": task,
            "timedelta": timedelta,
        }
        with pytest.raises(NotInSubsetError) as raised:
            eval(source, names)
    assert construct in str(raised.value)
    assert str(raised.value).endswith(DOCS)


@pytest.mark.parametrize(
    ("arguments", "construct"),
    [
        ("sla_miss_callback=print", "The argument sla_miss_callback= of DAG 'd'"),
        ("dagrun_timeout=timedelta(hours=1)", "dagrun_timeout="),
        ("template_searchpath='/sql'", "template_searchpath="),
        ("timetable=object()", "timetable="),
        ("access_control={'team': {'can_read'}}", "access_control="),
        ("schedule='@continuous'", "The schedule '@continuous'"),
        ("schedule=[object()]", "(a list)"),
        ("default_args={'sla': timedelta(hours=1)}, schedule=None", "sla="),
    ],
)
def test_dag_arguments_outside_the_subset_are_refused_by_name(arguments, construct):
    from datetime import timedelta

    from airflow import DAG
    from airflow._borda.subset import NotInSubsetError
    from airflow.operators.empty import EmptyOperator

    def declare():
        with eval(f"DAG('d', {arguments})", {"DAG": DAG, "timedelta": timedelta}):
            EmptyOperator(task_id="t")

    with pytest.raises(NotInSubsetError) as raised:
        declare()
    assert construct in str(raised.value)


def test_arguments_that_only_describe_are_accepted_and_unknown_ones_refused():
    from airflow import DAG
    from airflow.operators.empty import EmptyOperator
    from borda import DagDefinitionError

    with DAG(
        "described", schedule=None, doc_md="# Docs", owner_links={"a": "b"}, default_view="grid"
    ):
        EmptyOperator(task_id="t", owner="me", email="a@b.c", doc_md="x", weight_rule="absolute")
    with pytest.raises(DagDefinitionError, match="Invalid arguments were passed to EmptyOperator"):
        EmptyOperator(task_id="t", colour="blue")
    with pytest.raises(DagDefinitionError, match="got an unexpected argument 'colour'"):
        DAG("coloured", schedule=None, colour="blue")
    with pytest.raises(DagDefinitionError, match="keyword arguments only"):
        EmptyOperator("t")


def test_an_unsupported_import_is_the_files_import_error_at_its_line(dags_folder, parse):
    dags_folder.write(
        "latest.py",
        """
        from datetime import datetime

        from airflow import DAG
        from airflow.operators.latest_only import LatestOnlyOperator
        """,
    )
    error = parse("latest.py").error
    assert error == {
        "message": "airflow.operators.latest_only is outside Borda's Airflow-compatible subset "
        "(of Airflow's branching operators only BranchPythonOperator, ShortCircuitOperator and "
        "BaseBranchOperator are part of it: make the choice in a @task.branch function "
        "instead); see docs/coming-from-airflow.md#the-supported-subset.",
        "line": 4,
    }


def test_an_unsupported_argument_is_the_files_import_error_at_the_operators_line(
    dags_folder, parse
):
    dags_folder.write(
        "callbacks.py",
        """
        from airflow import DAG
        from airflow.operators.bash import BashOperator

        with DAG("callbacks", schedule=None):
            BashOperator(
                task_id="work",
                bash_command="true",
                on_execute_callback=print,
            )
        """,
    )
    error = parse("callbacks.py").error
    assert error["line"] == 5
    assert error["message"].startswith(
        "The argument on_execute_callback= of task 'work' (BashOperator) is outside"
    )


def test_a_problem_found_when_the_whole_dag_is_checked_points_at_its_line(dags_folder, parse):
    dags_folder.write(
        "cyclic.py",
        """
        from airflow import DAG
        from airflow.operators.empty import EmptyOperator

        with DAG("cyclic", schedule=None):
            a = EmptyOperator(task_id="a")
            b = EmptyOperator(task_id="b")
        a >> b >> a
        """,
    )
    error = parse("cyclic.py").error
    assert error["message"].startswith("DAG 'cyclic': its tasks depend on each other in a cycle")
    assert error["line"] == 5


def test_a_dag_without_tasks_is_an_import_error(dags_folder, parse):
    dags_folder.write(
        "empty.py",
        """
        from airflow import DAG

        dag = DAG("empty", schedule=None)
        """,
    )
    error = parse("empty.py").error
    assert error["message"].startswith("DAG 'empty' has no tasks")
    assert error["line"] == 3


def test_other_dags_of_the_folder_keep_parsing_when_one_file_is_outside_the_subset(
    dags_folder, parse
):
    dags_folder.write(
        "bad.py", "from airflow.sensors.date_time import DateTimeSensor  # a DAG for airflow\n"
    )
    dags_folder.write(
        "good.py",
        """
        from airflow import DAG
        from airflow.operators.empty import EmptyOperator

        with DAG("good", schedule=None):
            EmptyOperator(task_id="a")
        """,
    )
    assert parse("bad.py").error["line"] == 1
    assert [spec["dagId"] for spec in parse("good.py").report["dags"]] == ["good"]


def test_warnings_raised_while_a_file_is_imported_are_in_the_report(dags_folder, parse):
    dags_folder.write(
        "unscheduled.py",
        """
        import warnings
        from datetime import datetime

        from airflow import DAG
        from airflow.operators.empty import EmptyOperator

        warnings.warn("the file's own warning")
        with DAG("unscheduled", start_date=datetime(2024, 1, 1)):
            EmptyOperator(task_id="a")
        """,
    )
    report = parse("unscheduled.py").report
    assert report["error"] is None
    assert report["warnings"] == [
        {
            "category": "UserWarning",
            "message": "the file's own warning",
            "file": "unscheduled.py",
            "line": 7,
        },
        {
            "category": "BordaAirflowWarning",
            "message": "DAG 'unscheduled' names no schedule. Airflow 2 ran such a DAG once a "
            "day; Airflow 3 and Borda run it only when triggered. Write schedule=None, or the "
            "schedule you mean, to say which.",
            "file": "unscheduled.py",
            "line": 8,
        },
    ]


def test_a_real_apache_airflow_in_the_same_python_is_shadowed_and_the_parser_says_so(
    dags_folder, tmp_path: Path
):
    # An Apache Airflow installed after Borda on the path: its distribution and package.
    site = tmp_path / "site-packages"
    (site / "airflow").mkdir(parents=True)
    (site / "airflow" / "__init__.py").write_text("raise RuntimeError('the real Airflow')\n")
    metadata = site / "apache_airflow-2.10.5.dist-info"
    metadata.mkdir()
    (metadata / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: apache-airflow\nVersion: 2.10.5\n"
    )
    dags_folder.write(
        "seedlike.py",
        """
        from airflow import DAG
        from airflow.operators.empty import EmptyOperator

        with DAG("seedlike", schedule=None):
            EmptyOperator(task_id="a")
        """,
    )
    env = python_env()
    env["PYTHONPATH"] = f"{PYTHON_SRC}:{site}"
    completed = subprocess.run(
        [
            *(sys.executable, "-m", "borda._runtime.parse"),
            *("--dags-folder", str(dags_folder.root), "--file", "seedlike.py"),
            *("--bundle-out", str(tmp_path / "bundle.zip")),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    report = json.loads(completed.stdout)
    assert report["error"] is None
    assert [spec["dagId"] for spec in report["dags"]] == ["seedlike"]
    [warning] = report["warnings"]
    assert warning["category"] == "BordaAirflowWarning"
    assert warning["message"].startswith(
        f"Apache Airflow 2.10.5 is installed in this Python ({sys.executable}, at {site}/airflow)"
        ", but `import airflow` loads Borda's Airflow-compatible layer"
    )
    assert "never by that Airflow" in warning["message"]
    assert (warning["file"], warning["line"]) == ("seedlike.py", 1)


def test_a_taskflow_argument_named_like_a_missing_context_keyword_is_fine_when_given():
    from airflow import DAG
    from airflow._borda.subset import NotInSubsetError
    from airflow.decorators import task

    with DAG("given", schedule=None):

        @task
        def configured(conf):
            return conf

        configured(conf={"given": True})
        with pytest.raises(NotInSubsetError, match="The context keyword 'conf'"):
            configured()
