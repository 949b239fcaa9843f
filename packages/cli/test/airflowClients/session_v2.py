"""An Airflow 3 user's script against Borda's /api/v2, with apache-airflow-client 3.x.

It signs in as Airflow 3 documents (POST /auth/token for a JWT, then a bearer token), and
the client's pydantic models validate every answer. Run by
packages/cli/test/airflowClients.test.ts with the python of `scripts/airflow-clients.sh v2`;
BORDA_URL, BORDA_USERNAME and BORDA_PASSWORD say where.
"""

import json
import urllib.request

import airflow_client.client as client
from airflow_client.client.api import (
    connection_api,
    dag_api,
    dag_run_api,
    pool_api,
    task_instance_api,
    variable_api,
    x_com_api,
)
from airflow_client.client.models import (
    ClearTaskInstancesBody,
    ClearTaskInstancesBodyTaskIdsInner,
    ConnectionBody,
    DAGPatchBody,
    PatchTaskInstanceBody,
    PoolBody,
    PoolPatchBody,
    TaskInstanceState,
    TriggerDAGRunPostBody,
    VariableBody,
)
from steps import DAG_ID, PASSWORD, URL, USERNAME, step, wait_for

RUN_ID = "v2_session"


def access_token():
    body = json.dumps({"username": USERNAME, "password": PASSWORD}).encode()
    request = urllib.request.Request(
        f"{URL}/auth/token", data=body, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request) as response:
        return json.load(response)["access_token"]


def log_text(log):
    """A log answer's lines, whether the server sent structured messages or plain strings."""
    lines = log.content.actual_instance
    return "\n".join(line if isinstance(line, str) else line.event for line in lines)


with step("sign in: POST /auth/token"):
    token = access_token()

configuration = client.Configuration(host=URL, access_token=token)

with client.ApiClient(configuration) as api_client:
    dags = dag_api.DAGApi(api_client)
    runs = dag_run_api.DagRunApi(api_client)
    task_instances = task_instance_api.TaskInstanceApi(api_client)
    xcoms = x_com_api.XComApi(api_client)
    pools = pool_api.PoolApi(api_client)
    variables = variable_api.VariableApi(api_client)
    connections = connection_api.ConnectionApi(api_client)

    with step("list DAGs"):
        listed = dags.get_dags(limit=100, tags=["clients"])
        assert [d.dag_id for d in listed.dags] == [DAG_ID], listed
        assert listed.total_entries == 1

    with step("get a DAG and its details"):
        dag = dags.get_dag(DAG_ID)
        assert dag.dag_id == DAG_ID, dag
        assert dag.is_paused is False, dag
        assert dags.get_dag_details(DAG_ID).dag_id == DAG_ID

    with step("pause and unpause"):
        paused = dags.patch_dag(DAG_ID, DAGPatchBody(is_paused=True), update_mask=["is_paused"])
        assert paused.is_paused is True, paused
        assert dags.get_dag(DAG_ID).is_paused is True
        unpaused = dags.patch_dag(DAG_ID, DAGPatchBody(is_paused=False))
        assert unpaused.is_paused is False, unpaused

    with step("trigger a run with conf"):
        run = runs.trigger_dag_run(
            DAG_ID, TriggerDAGRunPostBody(dag_run_id=RUN_ID, conf={"name": "v2"})
        )
        assert run.dag_run_id == RUN_ID, run
        assert run.conf == {"name": "v2"}, run

    def run_state():
        return runs.get_dag_run(DAG_ID, RUN_ID).state.value

    with step("poll the run until it succeeds"):
        wait_for("the run to succeed", run_state, lambda s: s in ("success", "failed"))
        assert run_state() == "success"
        listed_runs = runs.get_dag_runs(DAG_ID)
        assert RUN_ID in [r.dag_run_id for r in listed_runs.dag_runs], listed_runs

    with step("list the run's task instances"):
        tis = task_instances.get_task_instances(DAG_ID, RUN_ID)
        states = {ti.task_id: ti.state.value for ti in tis.task_instances}
        assert states == {"greet": "success", "report": "success"}, states
        greet = task_instances.get_task_instance(DAG_ID, RUN_ID, "greet")
        assert greet.try_number == 1, greet

    with step("read a task's log"):
        log = task_instances.get_log(DAG_ID, RUN_ID, "greet", 1, full_content=True)
        assert f"greeting v2 from run {RUN_ID}" in log_text(log), log

    with step("read a task's XCom"):
        entries = xcoms.get_xcom_entries(dag_id=DAG_ID, dag_run_id=RUN_ID, task_id="greet")
        assert [e.key for e in entries.xcom_entries] == ["return_value"], entries
        entry = xcoms.get_xcom_entry(
            dag_id=DAG_ID, dag_run_id=RUN_ID, task_id="greet", xcom_key="return_value"
        )
        assert "hello v2" in str(entry.actual_instance.value), entry

    with step("pools: create, read, update, list, delete"):
        created = pools.post_pool(PoolBody(name="client_pool", slots=3, description="from v2"))
        assert created.slots == 3, created
        assert created.open_slots == 3, created
        assert pools.get_pool("client_pool").description == "from v2"
        updated = pools.patch_pool("client_pool", PoolPatchBody(slots=5), update_mask=["slots"])
        assert updated.slots == 5, updated
        names = [p.name for p in pools.get_pools().pools]
        assert {"default_pool", "client_pool"} <= set(names), names
        pools.delete_pool("client_pool")
        assert "client_pool" not in [p.name for p in pools.get_pools().pools]

    with step("variables: create, read, update, list, delete"):
        made = variables.post_variable(
            VariableBody(key="client_var", value="one", description="v2")
        )
        assert made.key == "client_var", made
        assert variables.get_variable("client_var").value == "one"
        variables.patch_variable("client_var", VariableBody(key="client_var", value="two"))
        assert variables.get_variable("client_var").value == "two"
        assert "client_var" in [v.key for v in variables.get_variables().variables]
        variables.delete_variable("client_var")
        assert "client_var" not in [v.key for v in variables.get_variables().variables]

    with step("connections: create, read, update, list, delete"):
        made = connections.post_connection(
            ConnectionBody(
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
            ConnectionBody(
                connection_id="client_conn", conn_type="postgres", host="db2.example.com"
            ),
            update_mask=["host"],
        )
        assert connections.get_connection("client_conn").host == "db2.example.com"
        assert "client_conn" in [c.connection_id for c in connections.get_connections().connections]
        connections.delete_connection("client_conn")
        ids = [c.connection_id for c in connections.get_connections().connections]
        assert "client_conn" not in ids, ids

    def state_of(task_id):
        return task_instances.get_task_instance(DAG_ID, RUN_ID, task_id).state.value

    with step("mark a task instance failed, then successful"):
        marked = task_instances.patch_task_instance(
            DAG_ID, RUN_ID, "report", PatchTaskInstanceBody(new_state=TaskInstanceState.FAILED)
        )
        assert [t.task_id for t in marked.task_instances] == ["report"], marked
        assert state_of("report") == "failed"
        task_instances.patch_task_instance(
            DAG_ID, RUN_ID, "report", PatchTaskInstanceBody(new_state=TaskInstanceState.SUCCESS)
        )
        assert state_of("report") == "success"

    with step("clear a task and its downstream, and see it run again"):
        cleared = task_instances.post_clear_task_instances(
            DAG_ID,
            ClearTaskInstancesBody(
                dry_run=False,
                task_ids=[ClearTaskInstancesBodyTaskIdsInner("greet")],
                dag_run_id=RUN_ID,
                include_downstream=True,
                only_failed=False,
            ),
        )
        assert sorted(t.task_id for t in cleared.task_instances) == ["greet", "report"], cleared
        wait_for(
            "the cleared task to run again",
            lambda: task_instances.get_task_instance(DAG_ID, RUN_ID, "greet"),
            lambda ti: ti.try_number == 2 and ti.state == TaskInstanceState.SUCCESS,
        )
        wait_for("the cleared run to succeed", run_state, lambda s: s == "success")
        log = task_instances.get_log(DAG_ID, RUN_ID, "greet", 2, full_content=True)
        assert f"greeting v2 from run {RUN_ID}" in log_text(log), log

print("session v2: every step passed", flush=True)
