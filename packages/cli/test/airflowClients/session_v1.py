"""An Airflow user's script against Borda's /api/v1, with apache-airflow-client 2.x.

Every call keeps the client's default type checks, so each answer must deserialize into
the client's models. Run by packages/cli/test/airflowClients.test.ts with the python of
`scripts/airflow-clients.sh v1`; BORDA_URL, BORDA_USERNAME and BORDA_PASSWORD say where.
"""

import airflow_client.client as client
from airflow_client.client.api import (
    connection_api,
    dag_api,
    dag_run_api,
    event_log_api,
    import_error_api,
    monitoring_api,
    pool_api,
    task_instance_api,
    variable_api,
    x_com_api,
)
from airflow_client.client.model.clear_task_instances import ClearTaskInstances
from airflow_client.client.model.connection import Connection
from airflow_client.client.model.dag import DAG
from airflow_client.client.model.dag_run import DAGRun
from airflow_client.client.model.pool import Pool
from airflow_client.client.model.set_dag_run_note import SetDagRunNote
from airflow_client.client.model.update_dag_run_state import UpdateDagRunState
from airflow_client.client.model.update_task_instance import UpdateTaskInstance
from airflow_client.client.model.update_task_instances_state import UpdateTaskInstancesState
from airflow_client.client.model.update_task_state import UpdateTaskState
from airflow_client.client.model.variable import Variable
from steps import DAG_ID, PASSWORD, URL, USERNAME, step, wait_for

RUN_ID = "v1_session"

configuration = client.Configuration(host=f"{URL}/api/v1", username=USERNAME, password=PASSWORD)

with client.ApiClient(configuration) as api_client:
    dags = dag_api.DAGApi(api_client)
    runs = dag_run_api.DAGRunApi(api_client)
    task_instances = task_instance_api.TaskInstanceApi(api_client)
    xcoms = x_com_api.XComApi(api_client)
    pools = pool_api.PoolApi(api_client)
    variables = variable_api.VariableApi(api_client)
    connections = connection_api.ConnectionApi(api_client)

    with step("health, version and import errors"):
        monitoring = monitoring_api.MonitoringApi(api_client)
        assert monitoring.get_health().metadatabase.status.value == "healthy"
        assert monitoring.get_version().version
        errors = import_error_api.ImportErrorApi(api_client).get_import_errors()
        assert errors.total_entries == 0, errors

    with step("list DAGs"):
        listed = dags.get_dags(limit=100, tags=["clients"])
        assert [d.dag_id for d in listed.dags] == [DAG_ID], listed
        assert listed.total_entries == 1

    with step("get a DAG, its details and its tasks"):
        dag = dags.get_dag(DAG_ID)
        assert dag.dag_id == DAG_ID, dag
        assert dag.is_paused is False, dag
        details = dags.get_dag_details(DAG_ID)
        assert details.dag_id == DAG_ID, details
        tasks = dags.get_tasks(DAG_ID)
        assert sorted(t.task_id for t in tasks.tasks) == ["greet", "report"], tasks

    with step("pause and unpause"):
        paused = dags.patch_dag(DAG_ID, DAG(is_paused=True), update_mask=["is_paused"])
        assert paused.is_paused is True, paused
        assert dags.get_dag(DAG_ID).is_paused is True
        unpaused = dags.patch_dag(DAG_ID, DAG(is_paused=False), update_mask=["is_paused"])
        assert unpaused.is_paused is False, unpaused

    with step("trigger a run with conf"):
        run = runs.post_dag_run(DAG_ID, DAGRun(dag_run_id=RUN_ID, conf={"name": "v1"}))
        assert run.dag_run_id == RUN_ID, run
        assert run.conf == {"name": "v1"}, run

    def run_state():
        return runs.get_dag_run(DAG_ID, RUN_ID).state.value

    with step("poll the run until it succeeds"):
        wait_for("the run to succeed", run_state, lambda s: s in ("success", "failed"))
        assert run_state() == "success"
        listed_runs = runs.get_dag_runs(DAG_ID)
        assert RUN_ID in [r.dag_run_id for r in listed_runs.dag_runs], listed_runs
        every_dag = runs.get_dag_runs("~", state=["success"], order_by="-start_date")
        assert RUN_ID in [r.dag_run_id for r in every_dag.dag_runs], every_dag

    with step("list the run's task instances"):
        tis = task_instances.get_task_instances(DAG_ID, RUN_ID)
        states = {ti.task_id: ti.state.value for ti in tis.task_instances}
        assert states == {"greet": "success", "report": "success"}, states
        greet = task_instances.get_task_instance(DAG_ID, RUN_ID, "greet")
        assert greet.try_number == 1, greet

    with step("read a task's log"):
        log = task_instances.get_log(DAG_ID, RUN_ID, "greet", 1, full_content=True)
        assert f"greeting v1 from run {RUN_ID}" in log.content, log

    with step("read a task's XCom"):
        entries = xcoms.get_xcom_entries(DAG_ID, RUN_ID, "greet")
        assert [e.key for e in entries.xcom_entries] == ["return_value"], entries
        entry = xcoms.get_xcom_entry(DAG_ID, RUN_ID, "greet", "return_value")
        assert "hello v1" in str(entry.value), entry

    with step("pools: create, read, update, list, delete"):
        created = pools.post_pool(Pool(name="client_pool", slots=3, description="from v1"))
        assert created.slots == 3, created
        assert created.open_slots == 3, created
        assert pools.get_pool("client_pool").description == "from v1"
        updated = pools.patch_pool("client_pool", Pool(name="client_pool", slots=5))
        assert updated.slots == 5, updated
        names = [p.name for p in pools.get_pools().pools]
        assert {"default_pool", "client_pool"} <= set(names), names
        pools.delete_pool("client_pool")
        assert "client_pool" not in [p.name for p in pools.get_pools().pools]

    with step("variables: create, read, update, list, delete"):
        made = variables.post_variables(Variable(key="client_var", value="one", description="v1"))
        assert made.key == "client_var", made
        assert variables.get_variable("client_var").value == "one"
        variables.patch_variable("client_var", Variable(key="client_var", value="two"))
        assert variables.get_variable("client_var").value == "two"
        assert "client_var" in [v.key for v in variables.get_variables().variables]
        variables.delete_variable("client_var")
        assert "client_var" not in [v.key for v in variables.get_variables().variables]

    with step("connections: create, read, update, list, delete"):
        made = connections.post_connection(
            Connection(
                connection_id="client_conn",
                conn_type="postgres",
                host="db.example.com",
                port=5432,
                login="reader",
                password="s3cret-password",
            )
        )
        assert made.connection_id == "client_conn", made
        read = connections.get_connection("client_conn")
        assert (read.host, read.port) == ("db.example.com", 5432), read
        assert "s3cret-password" not in str(read.to_dict()), read
        connections.patch_connection(
            "client_conn",
            Connection(connection_id="client_conn", conn_type="postgres", host="db2.example.com"),
            update_mask=["host"],
        )
        assert connections.get_connection("client_conn").host == "db2.example.com"
        assert "client_conn" in [c.connection_id for c in connections.get_connections().connections]
        connections.delete_connection("client_conn")
        ids = [c.connection_id for c in connections.get_connections().connections]
        assert "client_conn" not in ids, ids

    with step("mark a task instance failed (the DAG's endpoint), then successful (its own)"):
        marked = dags.post_set_task_instances_state(
            DAG_ID,
            UpdateTaskInstancesState(
                task_id="report",
                dag_run_id=RUN_ID,
                new_state=UpdateTaskState("failed"),
                dry_run=False,
            ),
        )
        assert [t.task_id for t in marked.task_instances] == ["report"], marked
        assert task_instances.get_task_instance(DAG_ID, RUN_ID, "report").state.value == "failed"
        patched = task_instances.patch_task_instance(
            DAG_ID,
            RUN_ID,
            "report",
            UpdateTaskInstance(new_state=UpdateTaskState("success"), dry_run=False),
        )
        assert patched.task_id == "report", patched
        assert task_instances.get_task_instance(DAG_ID, RUN_ID, "report").state.value == "success"

    with step("clear a task and its downstream, and see it run again"):
        cleared = dags.post_clear_task_instances(
            DAG_ID,
            ClearTaskInstances(
                dry_run=False,
                task_ids=["greet"],
                dag_run_id=RUN_ID,
                include_downstream=True,
                reset_dag_runs=True,
                only_failed=False,
            ),
        )
        assert sorted(t.task_id for t in cleared.task_instances) == ["greet", "report"], cleared
        wait_for(
            "the cleared task to run again",
            lambda: task_instances.get_task_instance(DAG_ID, RUN_ID, "greet"),
            lambda ti: ti.try_number == 2 and ti.state is not None and ti.state.value == "success",
        )
        wait_for("the cleared run to succeed", run_state, lambda s: s == "success")
        log = task_instances.get_log(DAG_ID, RUN_ID, "greet", 2, full_content=True)
        assert f"greeting v1 from run {RUN_ID}" in log.content, log

    with step("mark the run failed, then successful, with a note"):
        failed = runs.update_dag_run_state(DAG_ID, RUN_ID, UpdateDagRunState(state="failed"))
        assert failed.state.value == "failed", failed
        runs.update_dag_run_state(DAG_ID, RUN_ID, UpdateDagRunState(state="success"))
        noted = runs.set_dag_run_note(DAG_ID, RUN_ID, SetDagRunNote(note="checked by v1"))
        assert noted.note == "checked by v1", noted
        assert run_state() == "success"

    with step("read the event log of what the session did"):
        events = event_log_api.EventLogApi(api_client).get_event_logs(dag_id=DAG_ID, limit=100)
        assert events.total_entries > 0, events

print("session v1: every step passed", flush=True)
