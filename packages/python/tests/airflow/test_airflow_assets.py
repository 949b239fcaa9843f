"""Airflow's datasets (2.x) and assets (3.x): outlets, schedules on them, and the events
a triggered run's tasks see, as the same spec and context Borda's own SDK gives."""

import pytest

import borda
from airflow import DAG
from airflow import Dataset as TopLevelDataset
from airflow._borda.context import make_context
from airflow.datasets import Dataset, DatasetAll, DatasetAny
from airflow.decorators import task
from airflow.operators.empty import EmptyOperator
from airflow.sdk import Asset, AssetAll, AssetAny
from borda import DagDefinitionError, TaskContext
from borda._registry import collecting

ORDERS = "s3://warehouse/orders"
CUSTOMERS = "s3://warehouse/customers"
RETURNS = "s3://warehouse/returns"


def spec_of(build):
    with collecting() as dags:
        build()
    (registered,) = dags
    return registered.to_spec()


def schedule_of(schedule):
    def build():
        with DAG("consumer", schedule=schedule, start_date=None):
            EmptyOperator(task_id="t")

    spec = spec_of(build)
    assert spec["schedule"] is None
    return spec["assetSchedule"]


A, B, C = ({"asset": uri} for uri in (ORDERS, CUSTOMERS, RETURNS))


@pytest.mark.parametrize(
    ("schedule", "expected"),
    [
        (Dataset(ORDERS), A),
        ([Dataset(ORDERS), Dataset(CUSTOMERS)], {"all": [A, B]}),
        (Dataset(ORDERS) & Dataset(CUSTOMERS) & Dataset(RETURNS), {"all": [A, B, C]}),
        (Dataset(ORDERS) | (Dataset(CUSTOMERS) & Dataset(RETURNS)), {"any": [A, {"all": [B, C]}]}),
        (DatasetAny(Dataset(ORDERS), DatasetAll(Dataset(CUSTOMERS))), {"any": [A, {"all": [B]}]}),
        ([Asset(ORDERS)], {"all": [A]}),
        (Asset(name="orders", uri=ORDERS) | Asset(CUSTOMERS), {"any": [A, B]}),
        (
            AssetAll(Asset(ORDERS), AssetAny(Asset(CUSTOMERS), Asset(RETURNS))),
            {"all": [A, {"any": [B, C]}]},
        ),
    ],
)
def test_a_schedule_on_datasets_or_assets_becomes_the_asset_condition(schedule, expected):
    assert schedule_of(schedule) == expected


def test_outlets_of_operators_and_taskflow_tasks_are_the_specs_outlets():
    def build():
        with DAG("producer", schedule=None, start_date=None):
            EmptyOperator(task_id="one", outlets=Dataset(ORDERS, extra={"team": "sales"}))
            EmptyOperator(task_id="many", outlets=[Asset(name="customers", uri=CUSTOMERS), RETURNS])

            @task(outlets=[Asset(ORDERS)])
            def write():
                return 1

            write()

    tasks = {t["taskId"]: t for t in spec_of(build)["tasks"]}
    assert tasks["one"]["outlets"] == [{"uri": ORDERS, "extra": {"team": "sales"}}]
    assert tasks["many"]["outlets"] == [
        {"uri": CUSTOMERS, "name": "customers"},
        {"uri": RETURNS},
    ]
    assert tasks["write"]["outlets"] == [{"uri": ORDERS, "name": ORDERS}]


def test_the_airflow_files_spec_is_the_python_sdks():
    def airflow_style():
        with DAG("report", schedule=Dataset(ORDERS) & Dataset(CUSTOMERS), start_date=None):
            EmptyOperator(task_id="t", outlets=[Dataset(RETURNS)])

    def borda_style():
        @borda.dag(dag_id="report", schedule=borda.Asset(ORDERS) & borda.Asset(CUSTOMERS))
        def report():
            @borda.task(outlets=[borda.Asset(RETURNS)])
            def t(ctx):
                return None

            t()

    airflow_spec, borda_spec = spec_of(airflow_style), spec_of(borda_style)
    assert airflow_spec["assetSchedule"] == borda_spec["assetSchedule"]
    assert airflow_spec["tasks"][0]["outlets"] == borda_spec["tasks"][0]["outlets"]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Dataset(""), "an asset URI must be a non-empty string"),
        (lambda: Dataset("   "), "cannot be just whitespace"),
        (lambda: Dataset("s3://bücher"), "ASCII characters only"),
        (lambda: Dataset("airflow://internal"), "the 'airflow' URI scheme"),
        (lambda: Asset("s3://" + "x" * 3000), "at most 3000 characters"),
        (lambda: Dataset(ORDERS) & "s3://x", "takes assets or conditions of them"),
    ],
)
def test_a_bad_uri_or_condition_is_a_definition_error(make, message):
    with pytest.raises(DagDefinitionError, match=message):
        make()


def test_conditions_are_of_the_family_their_file_used():
    assert repr(Dataset(ORDERS) & Dataset(CUSTOMERS)) == (
        f"DatasetAll(Dataset({ORDERS!r}), Dataset({CUSTOMERS!r}))"
    )
    assert type(Asset(ORDERS) | Asset(CUSTOMERS)) is AssetAny
    assert type(borda.Asset(ORDERS) & borda.Asset(CUSTOMERS)) is borda.AssetAll


def test_an_asset_needs_a_name_or_uri_and_dataset_is_importable_from_airflow():
    with pytest.raises(TypeError):
        Asset()
    assert TopLevelDataset is Dataset
    assert Asset("orders").uri == "orders"
    assert Asset(ORDERS) == Dataset(ORDERS)


def test_a_triggered_runs_events_are_in_the_context_under_both_names():
    with DAG("consumer", schedule=[Dataset(ORDERS)], start_date=None) as consumer:
        report = EmptyOperator(task_id="report")
    data = TaskContext(
        {
            "dagId": consumer.dag_id,
            "runId": "dataset_triggered__2024-03-10T06:30:00.123000+00:00",
            "taskId": "report",
            "tryNumber": 1,
            "logicalDate": "2024-03-10T06:30:00.123Z",
            "dataIntervalStart": "2024-03-10T06:00:00.000Z",
            "dataIntervalEnd": "2024-03-10T06:30:00.000Z",
            "triggeringAssetEvents": {
                ORDERS: [
                    {
                        "uri": ORDERS,
                        "extra": {"rows": 3},
                        "sourceDagId": "producer",
                        "sourceRunId": "manual__1",
                        "sourceTaskId": "write",
                        "sourceMapIndex": -1,
                        "timestamp": "2024-03-10T06:00:00.000Z",
                    }
                ]
            },
        }
    )
    context = make_context(report, data)
    assert context["triggering_dataset_events"] is context["triggering_asset_events"]
    (event,) = context["triggering_dataset_events"][ORDERS]
    assert context["triggering_asset_events"][Asset(ORDERS)] == [event]
    assert (event.source_dag_id, event.source_task_id, event.source_run_id) == (
        "producer",
        "write",
        "manual__1",
    )
    assert event.source_map_index == -1
    assert event.extra == {"rows": 3}
    assert event.dataset.uri == event.asset.uri == ORDERS
    assert event.timestamp.isoformat() == "2024-03-10T06:00:00+00:00"
    assert context["dag_run"].run_type == "dataset_triggered"
    assert data.triggering_asset_events[ORDERS][0].source_run_id == "manual__1"
