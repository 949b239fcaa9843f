"""The corpus of Airflow-style DAG files (packages/cli/test/fixtures/airflow), parsed by
Borda's parser as the DAG processor parses them. The end-to-end suite runs them
(packages/cli/test/airflowDags.test.ts); the parity suite compares them with Airflow's
own parse (scripts/airflow-parity.sh)."""

from pathlib import Path

import pytest

from support.parsing import REPO_ROOT, run_parse

CORPUS = REPO_ROOT / "packages" / "cli" / "test" / "fixtures" / "airflow"

GOOD = {
    "a2_classic_bash.py": ["a2_classic_bash"],
    "a2_python_operator.py": ["a2_python_operator"],
    "a2_taskflow_etl.py": ["a2_taskflow_etl"],
    "a3_sdk_taskflow.py": ["a3_sdk_taskflow"],
    "a3_standard_operators.py": ["a3_standard_operators"],
    "assets.py": ["corpus_assets_producer", "corpus_assets_consumer"],
    "backfill.py": ["corpus_backfill"],
    "branching.py": ["corpus_branching"],
    "callbacks.py": ["corpus_callbacks"],
    "custom_operator.py": ["corpus_custom_operator"],
    "dag_argument_style.py": ["corpus_dag_argument"],
    "datasets.py": ["corpus_datasets_producer", "corpus_datasets_consumer", "corpus_datasets_both"],
    "dynamic_dags.py": ["corpus_site_lisbon", "corpus_site_porto"],
    "macros_templates.py": ["corpus_templates", "corpus_native_templates"],
    "mapping.py": ["corpus_mapping"],
    "pools_queues.py": ["corpus_pools_queues"],
    "retries.py": ["corpus_retries"],
    "sensors.py": ["corpus_sensors"],
    "settings_and_exceptions.py": ["corpus_settings_exceptions"],
    "task_bash_decorator.py": ["corpus_task_bash"],
    "trigger_rules.py": ["corpus_trigger_rules"],
    "xcom_push_pull.py": ["corpus_xcom"],
    "xcomarg_operators.py": ["corpus_xcomarg"],
}

UNSUPPORTED = {
    "unsupported_asset_alias.py": ("airflow.sdk.AssetAlias", 6),
    "unsupported_callback.py": ("The argument on_execute_callback= of task 'work'", 20),
    "unsupported_mapping.py": ("XComArg.zip()", 18),
    "unsupported_postgres_provider.py": ("airflow.providers.postgres.operators.postgres", 6),
    "unsupported_sensor.py": ("airflow.sensors.date_time", 6),
    "unsupported_task_group.py": ("airflow.utils.task_group", 7),
    "unsupported_trigger_dagrun.py": ("airflow.operators.trigger_dagrun", 6),
    "unsupported_variable.py": ("Variable.get('bucket') while the DAG file is parsed", 11),
}


def test_the_corpus_is_every_file_of_the_folder():
    assert sorted(path.name for path in CORPUS.glob("*.py")) == sorted([*GOOD, *UNSUPPORTED])
    assert len(GOOD) >= 15
    assert len(UNSUPPORTED) >= 5


@pytest.mark.parametrize("file", sorted(GOOD))
def test_a_good_corpus_file_parses_into_its_dags(file, tmp_path: Path):
    report = run_parse(CORPUS, file, tmp_path / "bundle.zip").report
    assert report["error"] is None
    assert [spec["dagId"] for spec in report["dags"]] == GOOD[file]
    assert report["files"] == [file]
    # It says which Airflow majors import it as written, for the parity suite.
    assert CORPUS.joinpath(file).read_text().splitlines()[0] in (
        "# airflow: 2, 3",
        "# airflow: 2",
        "# airflow: 3",
    )


@pytest.mark.parametrize("file", sorted(UNSUPPORTED))
def test_an_unsupported_corpus_file_is_an_import_error_naming_the_construct(file, tmp_path):
    construct, line = UNSUPPORTED[file]
    error = run_parse(CORPUS, file, tmp_path / "bundle.zip").error
    assert error["message"].startswith(construct)
    assert "is outside Borda's Airflow-compatible subset" in error["message"]
    assert error["message"].endswith("see docs/coming-from-airflow.md#the-supported-subset.")
    assert error["line"] == line
