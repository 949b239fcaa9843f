"""The Python runner, driven over a real Node IPC channel as the worker drives it."""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from borda._runtime.bundle import write_bundle
from support.parsing import EXAMPLE_DAGS, NODE, PYTHON_SRC, DagsFolder, python_env, run_parse
from support.runner_session import RunnerSession, WorkerValues

pytestmark = pytest.mark.skipif(NODE is None, reason="the runner speaks Node's IPC: needs node")

TASKS = """
    import os
    import subprocess
    import sys
    import threading
    import time

    from borda import LookupFailed, SkipTask, TaskAborted, bash, dag, task

    # A thread one task leaves behind, and the next task wakes.
    LEFT_BEHIND = {}


    @dag(dag_id="work", params={"word": "hello"})
    def work():
        @task
        def produce(ctx):
            return {
                "dag": ctx.dag_id,
                "try": ctx.try_number,
                "date": ctx.logical_date.isoformat(),
                "word": ctx.params["word"],
                "n": 3,
            }

        @task
        def consume(ctx, value):
            return value["n"] * 2

        @task
        def nothing(ctx):
            return None

        @task
        def skips(ctx):
            raise SkipTask("nothing to do today")

        @task
        def chatty(ctx):
            print("out 1")
            sys.stderr.write("err 1\\n")
            ctx.log("logged", 2)
            print("no newline", end="")
            subprocess.run(["sh", "-c", "echo child out; echo child err >&2"])
            sys.stderr.write("err tail")
            return "ok"

        @task
        def fails(ctx):
            def deeper():
                raise ValueError("the data is bad")

            deeper()

        @task
        def sleeps(ctx):
            print("started")
            ctx.sleep(3600)

        @task
        def blocks(ctx):
            print("started")
            try:
                time.sleep(3600)
            except Exception:
                return "an abort must not be an Exception"

        @task
        def big(ctx):
            return "é" * 3000

        @task
        def odd(ctx):
            return {1, 2}

        @task
        def exits(ctx):
            sys.exit(4)

        @task
        def reads_env(ctx):
            return os.environ.get("BORDA_TASK_ID")

        @task
        def pulls(ctx):
            return ctx.pull_xcoms("rows", ["a", "b"])

        @task
        def reads_credentials(ctx):
            plant = ctx.connection("plant_db")
            return {
                "host": plant.host,
                "port": plant.port,
                "sslmode": plant.extra_dejson["sslmode"],
                "uri": plant.get_uri(),
                "region": ctx.variable("region"),
                "settings": ctx.variable("settings", deserialize_json=True),
                "missing": ctx.variable("not_set", default="fallback"),
            }

        @task
        def reads_a_connection(ctx):
            return ctx.connection("plant_db").host

        @task
        def leaves_a_thread(ctx):
            def later():
                LEFT_BEHIND["go"].wait()
                try:
                    ctx.variable("region")
                except LookupFailed as error:
                    LEFT_BEHIND["error"] = f"{error.code}: {error}"
                LEFT_BEHIND["done"].set()

            LEFT_BEHIND.update(go=threading.Event(), done=threading.Event())
            threading.Thread(target=later, daemon=True).start()

        @task
        def asks_from_a_thread(ctx):
            outcome = {}
            ended = threading.Event()

            def ask():
                try:
                    ctx.variable("region")
                except BaseException as error:
                    outcome["error"] = type(error).__name__
                ended.set()

            # The abort may land while start() still waits for the thread it started
            # (which already asked): the wait for the thread's end covers both.
            try:
                threading.Thread(target=ask).start()
                ended.wait()
            except TaskAborted:
                ended.wait(10)
            return outcome

        @task
        def wakes_the_thread(ctx):
            LEFT_BEHIND["go"].set()
            LEFT_BEHIND["done"].wait(10)
            return LEFT_BEHIND.get("error")

        consume(produce())
        for declared in (
            nothing,
            skips,
            chatty,
            fails,
            sleeps,
            blocks,
            big,
            odd,
            exits,
            reads_env,
            pulls,
            reads_credentials,
            reads_a_connection,
            leaves_a_thread,
            asks_from_a_thread,
            wakes_the_thread,
        ):
            declared()
        bash(task_id="shell", command=lambda ctx: f"echo {ctx.params['word']}", env={"A": "1"})

        @task.branch
        def route(ctx):
            return ["left"] if ctx.params["word"] else None

        @task.short_circuit
        def gate(ctx):
            return 0

        route() >> [bash(task_id="left", command="true"), bash(task_id="right", command="true")]
        gate() >> bash(task_id="after_gate", command="true")
"""


def context(task_id, **fields):
    return {
        "dagId": "work",
        "runId": "manual__2024-01-01T00:00:00+00:00",
        "taskId": task_id,
        "tryNumber": 1,
        "logicalDate": "2024-01-01T00:00:00.000Z",
        "dataIntervalStart": None,
        "dataIntervalEnd": None,
        "params": {"word": "hi"},
        "conf": {},
        "inputs": {},
        "upstream": {},
        **fields,
    }


def request(task_id, entry="tasks.py", **fields):
    return {
        "dagId": "work",
        "taskId": task_id,
        "context": context(task_id, **fields.pop("context", {})),
        "env": {},
        "python": {"entry": entry, "callable": None},
        **fields,
    }


@pytest.fixture
def bundles(tmp_path: Path) -> Path:
    path = tmp_path / "bundles"
    path.mkdir()
    return path


@pytest.fixture
def start_runner(tmp_path: Path):
    sessions: list[RunnerSession] = []
    cwd = tmp_path / "cwd"
    cwd.mkdir()

    def start(bundle: Path) -> RunnerSession:
        session = RunnerSession(NODE, bundle, cwd)
        sessions.append(session)
        return session

    yield start
    for session in sessions:
        session.close()


@pytest.fixture
def work_bundle(dags_folder: DagsFolder, bundles: Path) -> Path:
    dags_folder.write("tasks.py", TASKS)
    bundle = bundles / "work.zip"
    assert run_parse(dags_folder.root, "tasks.py", bundle).report["error"] is None
    return bundle


@pytest.fixture
def runner(work_bundle: Path, start_runner) -> RunnerSession:
    session = start_runner(work_bundle)
    assert session.next_message() == {"type": "loaded"}
    return session


def test_a_task_returns_its_value_as_json(runner):
    ran = runner.run(request("produce"))
    assert ran.outcome == {
        "kind": "returned",
        "json": '{"dag":"work","try":1,"date":"2024-01-01T00:00:00+00:00","word":"hi","n":3}',
    }
    assert (ran.stdout, ran.stderr) == ("", "")


def test_a_task_receives_its_inputs_by_name(runner):
    ran = runner.run(request("consume", context={"inputs": {"value": {"n": 21}}}))
    assert ran.outcome == {"kind": "returned", "json": "42"}


def test_a_task_returning_none_has_no_result(runner):
    assert runner.run(request("nothing")).outcome == {"kind": "returned", "json": None}


def test_branch_and_short_circuit_tasks_return_their_result_for_the_control_plane(runner):
    # The control plane skips tasks by these results; the runner only carries them.
    assert runner.run(request("route")).outcome == {"kind": "returned", "json": '["left"]'}
    assert runner.run(request("gate")).outcome == {"kind": "returned", "json": "0"}


def test_a_task_that_raises_skip_task_is_skipped_with_the_reason(runner):
    assert runner.run(request("skips")).outcome == {
        "kind": "skipped",
        "reason": "nothing to do today",
    }


def test_a_bash_task_returns_its_command_for_the_worker_to_run(runner):
    assert runner.run(request("shell")).outcome == {
        "kind": "bash",
        "command": "echo hi",
        "env": {"A": "1"},
        "cwd": None,
    }


def test_output_arrives_on_its_stream_before_the_end_marker(runner):
    ran = runner.run(request("chatty"))
    assert ran.outcome == {"kind": "returned", "json": '"ok"'}
    assert ran.stdout == "out 1\nlogged 2\nno newlinechild out\n"
    assert ran.stderr == "err 1\nchild err\nerr tail"
    # Nothing of the run follows its markers.
    assert runner.output == {"stdout": "", "stderr": ""}


def test_a_failing_task_fails_with_its_traceback_in_the_error(runner, work_bundle):
    ran = runner.run(request("fails"))
    assert ran.outcome["kind"] == "failed"
    error = ran.outcome["error"]
    extracted = work_bundle.with_suffix("") / "tasks.py"
    assert error.startswith("Traceback (most recent call last):\n")
    assert f'File "{extracted}", line' in error
    assert ", in deeper\n" in error
    assert error.endswith("ValueError: the data is bad\n")
    assert str(PYTHON_SRC) not in error  # no frames of the runner or the SDK
    # Written into the log once, by the worker, as the attempt's end.
    assert ran.stderr == ""


def test_the_runner_serves_runs_one_after_another(runner):
    assert runner.run(request("fails")).outcome["kind"] == "failed"
    assert runner.run(request("exits")).outcome["error"].endswith("SystemExit: 4\n")
    assert runner.run(request("consume", context={"inputs": {"value": {"n": 1}}})).outcome == {
        "kind": "returned",
        "json": "2",
    }


@pytest.mark.parametrize("task_id", ["sleeps", "blocks"])
def test_an_abort_stops_the_running_task_with_the_reason(runner, task_id):
    marker = runner.start_run(request(task_id))
    runner.wait_for_output("stdout", "started")
    runner.send({"type": "abort", "reason": "timed out after 1 s (the task's executionTimeout)"})
    ran = runner.finish_run(marker)
    assert ran.outcome["kind"] == "failed"
    error = ran.outcome["error"]
    assert error.endswith("borda.TaskAborted: timed out after 1 s (the task's executionTimeout)\n")
    assert f", in {task_id}\n" in error
    # The runner goes on with the next run.
    assert runner.run(request("nothing")).outcome == {"kind": "returned", "json": None}


def test_an_abort_between_runs_touches_no_later_run(runner):
    runner.run(request("nothing"))
    runner.send({"type": "abort", "reason": "late"})
    assert runner.run(request("nothing")).outcome == {"kind": "returned", "json": None}


def test_a_return_value_over_the_limit_fails_saying_so(runner):
    ran = runner.run(request("big", maxReturnValueBytes=4096))
    assert ran.outcome == {
        "kind": "failed",
        "error": "The task's return value is 5.9 KiB; the limit is 4 KiB: return a reference "
        "(a path, a URL) instead.",
    }


def test_a_return_value_that_is_not_json_fails_saying_so(runner):
    assert runner.run(request("odd")).outcome == {
        "kind": "failed",
        "error": "The task's return value is not JSON-serialisable (Object of type set is not "
        "JSON serializable): return plain data (dicts, lists, strings, numbers, booleans, None).",
    }


def test_the_runs_environment_is_set_for_the_run_only(runner):
    ran = runner.run(request("reads_env", env={"BORDA_TASK_ID": "reads_env"}))
    assert ran.outcome == {"kind": "returned", "json": '"reads_env"'}
    assert runner.run(request("reads_env")).outcome == {"kind": "returned", "json": None}


def test_a_dag_or_task_the_file_does_not_define_fails_the_run(runner):
    missing_dag = runner.run({**request("produce"), "dagId": "other"})
    assert missing_dag.outcome == {
        "kind": "failed",
        "error": "tasks.py defines no DAG 'other' (it defines 'work').",
    }
    missing_task = runner.run(request("gone"))
    assert missing_task.outcome == {"kind": "failed", "error": "DAG 'work' has no task 'gone'."}
    missing_file = runner.run(request("produce", entry="other.py"))
    assert missing_file.outcome == {
        "kind": "failed",
        "error": "The DAG bundle holds no file other.py.",
    }
    outside = runner.run(request("produce", entry="../tasks.py"))
    assert outside.outcome == {
        "kind": "failed",
        "error": "The run's python.entry '../tasks.py' is not a path inside the DAGs folder.",
    }


def test_a_named_function_runs_with_the_context_and_its_inputs(dags_folder, bundles, start_runner):
    dags_folder.write(
        "functions.py",
        """
        def add(ctx, a, b):
            return {"sum": a + b, "task": ctx.task_id}
        """,
    )
    bundle = bundles / "functions.zip"
    run_parse(dags_folder.root, "functions.py", bundle)
    runner = start_runner(bundle)
    assert runner.next_message() == {"type": "loaded"}
    ran = runner.run(
        {
            **request("add", context={"inputs": {"a": 1, "b": 2}}),
            "python": {"entry": "functions.py", "callable": "add"},
        }
    )
    assert ran.outcome == {"kind": "returned", "json": '{"sum":3,"task":"add"}'}
    missing = runner.run(
        {**request("add"), "python": {"entry": "functions.py", "callable": "subtract"}}
    )
    assert missing.outcome == {
        "kind": "failed",
        "error": "functions.py has no function 'subtract'.",
    }


def test_an_import_error_fails_the_run_and_is_tried_again_by_the_next(
    dags_folder, bundles, start_runner
):
    dags_folder.write("good.py", "def hello(ctx):\n    return 'hello'\n")
    dags_folder.write("bad.py", "import os\n\nraise RuntimeError('config missing')\n")
    bundle = bundles / "mixed.zip"
    write_bundle(str(bundle), str(dags_folder.root), ["bad.py", "good.py"])
    runner = start_runner(bundle)
    assert runner.next_message() == {"type": "loaded"}
    bad = {**request("t"), "python": {"entry": "bad.py", "callable": "f"}}
    for _ in range(2):
        ran = runner.run(bad)
        error = ran.outcome["error"]
        assert error.startswith("Importing bad.py failed:\nTraceback (most recent call last):\n")
        assert error.endswith("RuntimeError: config missing\n")
        assert ran.stderr == ""
    good = {**request("t"), "python": {"entry": "good.py", "callable": "hello"}}
    assert runner.run(good).outcome == {"kind": "returned", "json": '"hello"'}


def test_the_bundle_is_extracted_once_beside_it_and_reused(work_bundle, start_runner):
    first = start_runner(work_bundle)
    assert first.next_message() == {"type": "loaded"}
    extracted = work_bundle.with_suffix("")
    assert sorted(os.listdir(extracted)) == ["tasks.py"]
    first.disconnect()
    source = (extracted / "tasks.py").read_text()
    (extracted / "tasks.py").write_text(source.replace('"n": 3', '"n": 4'))
    second = start_runner(work_bundle)
    assert second.next_message() == {"type": "loaded"}
    assert '"n":4' in second.run(request("produce")).outcome["json"]
    # No temporary directory is left beside it.
    assert sorted(os.listdir(work_bundle.parent)) == ["work", "work.zip"]


def test_an_unreadable_bundle_fails_to_load(bundles, start_runner):
    bundle = bundles / "corrupt.zip"
    bundle.write_bytes(b"not a zip")
    runner = start_runner(bundle)
    message = runner.next_message()
    assert message["type"] == "loadFailed"
    assert message["error"].startswith("Loading the DAG bundle failed: cannot read the bundle")
    assert runner.wait_exit()["code"] == 1
    assert sorted(os.listdir(bundles)) == ["corrupt.zip"]


def test_a_bundle_with_a_path_outside_itself_fails_to_load(bundles, start_runner):
    bundle = bundles / "escape.zip"
    with zipfile.ZipFile(bundle, "w") as archive:
        archive.writestr("../escaped.py", "x = 1\n")
    runner = start_runner(bundle)
    message = runner.next_message()
    assert message == {
        "type": "loadFailed",
        "error": "Loading the DAG bundle failed: the bundle holds a path outside itself: "
        "'../escaped.py'",
    }
    assert not (bundles.parent / "escaped.py").exists()


def test_the_runner_exits_when_the_worker_closes_the_channel(runner):
    runner.start_run(request("sleeps"))
    runner.wait_for_output("stdout", "started")
    assert runner.disconnect() == {"event": "exit", "code": 0, "signal": None}


def test_the_runner_refuses_to_start_without_an_ipc_channel(work_bundle):
    completed = subprocess.run(
        [sys.executable, "-m", "borda._runtime.runner", str(work_bundle)],
        env=python_env(),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert completed.returncode == 2
    assert "NODE_CHANNEL_FD is not set" in completed.stderr


def test_a_task_pulls_xcoms_of_its_run_through_the_worker(runner):
    marker = runner.start_run(request("pulls"))
    ask = runner.next_message()
    assert ask == {
        "type": "ask",
        "requestId": ask["requestId"],
        "question": {"kind": "xcomPull", "key": "rows", "taskIds": ["a", "b"]},
    }
    runner.send(
        {
            "type": "answer",
            "requestId": ask["requestId"],
            "value": [{"taskId": "a", "value": [1]}, {"taskId": "b", "value": None}],
        }
    )
    assert runner.finish_run(marker).outcome == {"kind": "returned", "json": '{"a":[1],"b":null}'}


def test_a_pull_the_worker_could_not_answer_fails_the_task(runner):
    marker = runner.start_run(request("pulls"))
    ask = runner.next_message()
    runner.send(
        {
            "type": "answer",
            "requestId": ask["requestId"],
            "error": {"code": "failed", "message": "409 stale"},
        }
    )
    error = runner.finish_run(marker).outcome["error"]
    assert error.endswith("borda.LookupFailed: Pulling XComs 'rows' failed: 409 stale\n")


def test_an_abort_ends_a_question_that_waits_for_its_answer(runner):
    marker = runner.start_run(request("pulls"))
    assert runner.next_message()["type"] == "ask"
    runner.send({"type": "abort", "reason": "killed"})
    assert runner.finish_run(marker).outcome["error"].endswith("borda.TaskAborted: killed\n")
    # An answer arriving after the abort is dropped; the runner goes on.
    runner.send({"type": "answer", "requestId": 1, "value": []})
    assert runner.run(request("nothing")).outcome == {"kind": "returned", "json": None}


PLANT_DB = {
    "connId": "plant_db",
    "connType": "postgres",
    "description": "team A's historian",
    "host": "historian.plant-7.internal",
    "port": 5432,
    "login": "etl_reader",
    "password": "s3cret/with:odd@chars",
    "schema": "telemetry",
    "extra": '{"sslmode": "require"}',
}


def test_a_task_reads_connections_and_variables_through_the_worker_one_question_each(runner):
    worker = WorkerValues(
        connections={"plant_db": PLANT_DB},
        variables={"region": "eu-west", "settings": '{"mode": "fast"}'},
    )
    ran, questions = runner.run_answering(request("reads_credentials"), worker.answer)
    assert questions == [
        {"kind": "connection", "connId": "plant_db"},
        {"kind": "variable", "key": "region"},
        {"kind": "variable", "key": "settings"},
        {"kind": "variable", "key": "not_set"},
    ]
    assert json.loads(ran.outcome["json"]) == {
        "host": "historian.plant-7.internal",
        "port": 5432,
        "sslmode": "require",
        "uri": "postgres://etl_reader:s3cret%2Fwith%3Aodd%40chars@historian.plant-7.internal:5432"
        "/telemetry?sslmode=require",
        "region": "eu-west",
        "settings": {"mode": "fast"},
        "missing": "fallback",
    }
    # Nothing of what the task read reaches its output by Borda's doing.
    assert (ran.stdout, ran.stderr) == ("", "")


def test_a_value_defined_nowhere_fails_the_task_naming_it_and_the_workers_words(runner):
    ran, _ = runner.run_answering(request("reads_a_connection"), WorkerValues().answer)
    assert ran.outcome["error"].endswith(
        "borda.LookupFailed: Connection 'plant_db' is not defined: not in this worker's "
        "environment (AIRFLOW_CONN_PLANT_DB), nor the control plane.\n"
    )


def test_a_refusal_fails_the_task_with_the_workers_reason_verbatim(runner):
    reason = (
        "Connection 'plant_db' may be read only by tasks on queues matching team_a_*; task "
        "'reads_a_connection' of DAG 'work' runs on queue 'team_b_etl'."
    )
    worker = WorkerValues(refused={("connection", "plant_db"): reason})
    ran, _ = runner.run_answering(request("reads_a_connection"), worker.answer)
    assert ran.outcome["error"].endswith(f"borda.LookupFailed: {reason}\n")


def test_an_abort_ends_a_question_another_thread_of_the_task_waits_on(runner):
    marker = runner.start_run(request("asks_from_a_thread"))
    assert runner.next_message()["question"] == {"kind": "variable", "key": "region"}
    runner.send({"type": "abort", "reason": "killed"})
    # The task catches its own abort, to tell how its thread's wait ended.
    ran = runner.finish_run(marker)
    assert ran.outcome == {"kind": "returned", "json": '{"error":"TaskAborted"}'}


def test_a_thread_a_finished_task_left_behind_cannot_ask(runner):
    assert runner.run(request("leaves_a_thread")).outcome == {"kind": "returned", "json": None}
    # The next run wakes it: it would read for an attempt that is not its own, so the
    # runner refuses without asking (run() fails on any message but the run's "done").
    ran = runner.run(request("wakes_the_thread"))
    assert json.loads(ran.outcome["json"]) == (
        "failed: Variable 'region' could not be read: The task has ended: a thread it started "
        "cannot read through the worker any more."
    )


def test_other_xcoms_a_task_pushed_travel_with_its_result(dags_folder, bundles, start_runner):
    dags_folder.write(
        "pushing.py",
        """
        from borda import _registry


        class PushingTask:
            def run(self, context):
                return _registry.Returned("done", {"rows": [1, 2], "empty": None})


        class PushingDag:
            dag_id = "work"

            def to_spec(self):
                return {}

            def get_task(self, task_id):
                return PushingTask()


        _registry.register(PushingDag())
        """,
    )
    bundle = bundles / "pushing.zip"
    write_bundle(str(bundle), str(dags_folder.root), ["pushing.py"])
    runner = start_runner(bundle)
    assert runner.next_message() == {"type": "loaded"}
    assert runner.run(request("any", entry="pushing.py")).outcome == {
        "kind": "returned",
        "json": '"done"',
        "xcoms": {"rows": "[1,2]", "empty": "null"},
    }


def test_an_example_dag_runs_task_by_task_each_result_feeding_the_next(
    dags_folder, bundles, start_runner
):
    source = (EXAMPLE_DAGS / "fan_out_fan_in.py").read_text()
    dags_folder.write("fan_out_fan_in.py", source)
    bundle = bundles / "fan.zip"
    [spec] = run_parse(dags_folder.root, "fan_out_fan_in.py", bundle).report["dags"]
    runner = start_runner(bundle)
    assert runner.next_message() == {"type": "loaded"}
    results = {}
    for task in spec["tasks"]:
        inputs = {name: results[upstream] for name, upstream in task["inputs"].items()}
        ran = runner.run(
            {
                "dagId": spec["dagId"],
                "taskId": task["taskId"],
                "context": context(task["taskId"], params={"count": 4}, inputs=inputs),
                "env": {},
                "python": task["python"],
            }
        )
        assert ran.outcome["kind"] == "returned", ran.outcome
        results[task["taskId"]] = json.loads(ran.outcome["json"])
    assert results["report"] == {"summary": "4 numbers from 1", "evenCount": 2, "sumOfSquares": 30}
    assert ran.stdout == "4 numbers from 1: 2 even, sum of squares 30\n"
