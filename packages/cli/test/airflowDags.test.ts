import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ControlPlane } from "@borda/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { airflowPython } from "./fixtures/airflow/airflowPython.js";
import {
  eventually,
  startServer,
  startWorker,
  TestResources,
  type WorkerProcess,
  workersRegistered,
  workerToken,
} from "./support.js";

/**
 * The corpus of Airflow-style DAG files (fixtures/airflow, written against Airflow 2's and
 * 3's own API) end to end: a real control plane parses the folder with Borda's
 * Airflow-compatible layer, real `borda worker` processes run the tasks in Python runners
 * with Jinja2 and pendulum, and each good DAG's run is checked (run and task states,
 * XComs, log lines) while each file outside the subset is an import error naming what it
 * used. The parser's own view of the corpus is tested in packages/python/tests/airflow.
 */

const corpus = fileURLToPath(new URL("./fixtures/airflow/", import.meta.url));
const { python, skip } = airflowPython();

/** The logical date of the runs the tests trigger, so templates render known dates. */
const logicalDate = new Date("2024-03-10T06:30:00Z");

const unsupported: Record<string, string> = {
  "unsupported_asset_alias.py": "airflow.sdk.AssetAlias",
  "unsupported_callback.py": "The argument on_execute_callback= of task 'work' (BashOperator)",
  "unsupported_mapping.py": "XComArg.zip()",
  "unsupported_postgres_provider.py": "airflow.providers.postgres.operators.postgres",
  "unsupported_sensor.py": "airflow.sensors.date_time",
  "unsupported_task_group.py": "airflow.utils.task_group",
  "unsupported_trigger_dagrun.py": "airflow.operators.trigger_dagrun",
  "unsupported_variable.py": "Variable.get('bucket') while the DAG file is parsed",
};

describe.skipIf(skip !== null)(
  skip === null
    ? "Airflow-style DAG files (the corpus) on a real control plane and real workers"
    : `Airflow-style DAG files end to end (skipped: ${skip})`,
  () => {
    const resources = new TestResources();
    let cp: ControlPlane;
    let workers: WorkerProcess[];

    beforeAll(async () => {
      const dags = Object.fromEntries(
        readdirSync(corpus)
          .filter((file) => file.endsWith(".py"))
          .map((file) => [file, readFileSync(path.join(corpus, file), "utf8")]),
      );
      cp = await startServer(resources, resources.dir(), dags, {
        python: python ?? "python3",
        adminUser: "admin",
        adminPassword: "admin-password",
      });
      await cp.store.savePool({
        name: "edge_pool",
        slots: 4,
        description: "the edge site",
        includeDeferred: false,
      });
      // The corpus's HttpSensor pokes the control plane's health through this connection.
      const env = { BORDA_PYTHON: python ?? "python3", AIRFLOW_CONN_CORPUS_HTTP: cp.url };
      workers = [
        startWorker(resources, {
          url: cp.url,
          token: await workerToken(cp, ["default"]),
          name: "corpus-worker",
          queues: "default",
          env,
        }),
        startWorker(resources, {
          url: cp.url,
          token: await workerToken(cp, ["edge_site"]),
          name: "corpus-edge",
          queues: "edge_site",
          env,
        }),
      ];
      await workersRegistered(cp, ...workers);
    }, 120_000);
    afterAll(() => resources.cleanup());

    /** Triggers a run at `logicalDate`, waits for it to end in `state`, and reads it. */
    async function runDag(
      dagId: string,
      state: "success" | "failed",
      conf: Record<string, unknown> = {},
    ) {
      const runId = "corpus";
      const run = await cp.scheduler.triggerRun(dagId, { runId, conf, logicalDate });
      const ended = await eventually(async () => {
        const current = await cp.store.getDagRun(dagId, runId);
        return current?.state === "success" || current?.state === "failed" ? current.state : null;
      }, `the run of ${dagId} to finish`);
      const attempts = await cp.store.listAttempts({ dagRunId: run.id });
      if (ended !== state) {
        const errors = attempts.map((a) => [a.taskId, a.tryNumber, a.state, a.error]);
        throw new Error(`${dagId} ended ${ended}, not ${state}: ${JSON.stringify(errors)}`);
      }
      const taskInstances = await cp.store.listTaskInstances({ dagRunId: run.id });
      const mapped = (taskId: string) =>
        taskInstances.filter((ti) => ti.taskId === taskId).sort((a, b) => a.mapIndex - b.mapIndex);
      const xcomRecords = await cp.store.listXcoms({ dagRunId: run.id });
      const xcoms: Record<string, Record<string, unknown>> = {};
      for (const xcom of xcomRecords) {
        xcoms[xcom.taskId] = { ...xcoms[xcom.taskId], [xcom.key]: xcom.value };
      }
      return {
        states: Object.fromEntries(taskInstances.map((ti) => [ti.taskId, ti.state])),
        taskInstances: Object.fromEntries(taskInstances.map((ti) => [ti.taskId, ti])),
        /** Each task's result (its XCom return_value). */
        results: Object.fromEntries(
          Object.entries(xcoms).map(([taskId, byKey]) => [taskId, byKey.return_value]),
        ),
        xcoms,
        /** A mapped task's results, in map_index order. */
        mappedResults: (taskId: string) =>
          xcomRecords
            .filter((x) => x.taskId === taskId && x.key === "return_value")
            .sort((a, b) => a.mapIndex - b.mapIndex)
            .map((x) => x.value),
        /** A mapped task's task instances' states, in map_index order. */
        mappedStates: (taskId: string) => mapped(taskId).map((ti) => ti.state),
        /** A mapped task's task instances' rendered map_index_template, in map_index order. */
        mappedNames: (taskId: string) => mapped(taskId).map((ti) => ti.renderedMapIndex),
        attempts,
        /** The log of a task's try (default: its last). */
        log: async (taskId: string, tryNumber?: number) => {
          const attempt = attempts
            .filter((a) => a.taskId === taskId && (tryNumber ?? a.tryNumber) === a.tryNumber)
            .at(-1);
          return attempt ? (await cp.store.readLog(attempt.attemptId)).data : "";
        },
      };
    }

    it("reports every file outside the subset as an import error naming the construct, and parses the rest", async () => {
      const errors = await cp.store.listImportErrors();
      const byFile = Object.fromEntries(errors.map((e) => [path.basename(e.fileloc), e]));
      expect(Object.keys(byFile).sort()).toEqual(Object.keys(unsupported).sort());
      for (const [file, construct] of Object.entries(unsupported)) {
        const message = byFile[file]?.message ?? "";
        expect(message.startsWith(construct), `${file}: ${message}`).toBe(true);
        expect(message).toContain("is outside Borda's Airflow-compatible subset");
        expect(message).toContain("docs/coming-from-airflow.md#the-supported-subset");
        expect(byFile[file]?.line).toBeGreaterThan(1);
      }
      const dagIds = (await cp.store.listDags()).map((dag) => dag.dagId).sort();
      expect(dagIds).toEqual([
        "a2_classic_bash",
        "a2_python_operator",
        "a2_taskflow_etl",
        "a3_sdk_taskflow",
        "a3_standard_operators",
        "corpus_assets_consumer",
        "corpus_assets_producer",
        "corpus_backfill",
        "corpus_branching",
        "corpus_callbacks",
        "corpus_custom_operator",
        "corpus_dag_argument",
        "corpus_datasets_both",
        "corpus_datasets_consumer",
        "corpus_datasets_producer",
        "corpus_mapping",
        "corpus_native_templates",
        "corpus_pools_queues",
        "corpus_retries",
        "corpus_sensors",
        "corpus_settings_exceptions",
        "corpus_site_lisbon",
        "corpus_site_porto",
        "corpus_task_bash",
        "corpus_templates",
        "corpus_trigger_rules",
        "corpus_xcom",
        "corpus_xcomarg",
      ]);
    });

    it("corpus_backfill: a backfill runs a catchup=False DAG for each day, each run seeing its date", async () => {
      const backfill = await cp.scheduler.backfills.create({
        dagId: "corpus_backfill",
        fromDate: "2024-01-01",
        toDate: "2024-01-03",
      });
      expect(backfill.maxActiveRuns).toBe(2);
      await eventually(
        async () => (await cp.store.getBackfill(backfill.id))?.completedAt,
        "the backfill to complete",
      );
      const runs = (
        await cp.store.listDagRuns({ dagId: "corpus_backfill", runType: "backfill" })
      ).sort((a, b) => a.id - b.id);
      expect(runs.map((r) => r.state)).toEqual(["success", "success", "success"]);
      const results = [];
      for (const run of runs) {
        const xcoms = await cp.store.listXcoms({ dagRunId: run.id });
        results.push(
          Object.fromEntries(
            xcoms.filter((x) => x.key === "return_value").map((x) => [x.taskId, x.value]),
          ),
        );
      }
      expect(results).toEqual(
        ["01", "02", "03"].map((d) => ({
          day: `2024-01-${d} in backfill__2024-01-${d}T00:00:00+00:00`,
          archive: `archiving 202401${d}`,
        })),
      );
    });

    /** Waits for `dagId` to have `count` asset-triggered runs, all finished; returns each one's task results. */
    async function assetTriggeredResults(dagId: string, count: number) {
      const runs = await eventually(async () => {
        const found = await cp.store.listDagRuns({ dagId });
        const done = found.every((r) => r.state === "success" || r.state === "failed");
        return found.length === count && done ? found : null;
      }, `${count} finished asset-triggered run(s) of ${dagId}`);
      return Promise.all(
        runs.map(async (run) => {
          expect(run).toMatchObject({ runType: "dataset_triggered", state: "success" });
          const xcoms = await cp.store.listXcoms({ dagRunId: run.id, key: "return_value" });
          return Object.fromEntries(xcoms.map((x) => [x.taskId, x.value]));
        }),
      );
    }

    /** Raises an event from outside, as an external system does (Airflow's REST API). */
    async function raiseDatasetEvent(uri: string, extra: Record<string, unknown>) {
      const answer = await fetch(`${cp.url}/api/v1/datasets/events`, {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from("admin:admin-password").toString("base64")}`,
          "content-type": "application/json",
        },
        body: JSON.stringify({ dataset_uri: uri, extra }),
      });
      expect(answer.status).toBe(200);
    }

    it("datasets.py: a task's outlets trigger the DAGs scheduled on the dataset, which read their triggering events; an external event triggers them again", async () => {
      await runDag("corpus_datasets_producer", "success");
      const [first] = await assetTriggeredResults("corpus_datasets_consumer", 1);
      expect(first?.report).toEqual([["corpus_datasets_producer", "write_orders", {}]]);
      await raiseDatasetEvent("s3://corpus/orders", { batch: 7 });
      const results = await assetTriggeredResults("corpus_datasets_consumer", 2);
      expect(results.map((r) => r.report)).toContainEqual([
        [null, null, { batch: 7, from_rest_api: true }],
      ]);
      // orders & (customers | prospects): two orders events wait for a customers one.
      expect(await cp.store.listDagRuns({ dagId: "corpus_datasets_both" })).toEqual([]);
      await raiseDatasetEvent("s3://corpus/customers", {});
      await assetTriggeredResults("corpus_datasets_both", 1);
    });

    it("assets.py: Airflow 3's Asset, a @task's outlets and an | schedule; triggering_asset_events by asset", async () => {
      await runDag("corpus_assets_producer", "success");
      const [first] = await assetTriggeredResults("corpus_assets_consumer", 1);
      expect(first?.use).toEqual([["s3://corpus/raw.csv", "corpus_assets_producer", {}]]);
      await raiseDatasetEvent("s3://corpus/uploads", { file: "u.csv" });
      const results = await assetTriggeredResults("corpus_assets_consumer", 2);
      expect(results.map((r) => r.use)).toContainEqual([
        ["s3://corpus/uploads", null, { file: "u.csv", from_rest_api: true }],
      ]);
    });

    it("a2_classic_bash: BashOperator with templated commands, env and cwd; conf overrides params", async () => {
      const run = await runDag("a2_classic_bash", "success", { greeting: "hi" });
      expect(run.states).toEqual({
        hello: "success",
        env_and_cwd: "success",
        last_line: "success",
      });
      expect(run.results).toEqual({
        hello: "hi from a2_classic_bash on 2024-03-10 (corpus)",
        env_and_cwd: "NAME=HI in /tmp task=env_and_cwd",
        last_line: "second",
      });
      expect(await run.log("hello")).toContain(
        'INFO - Running command: echo "hi from a2_classic_bash on 2024-03-10 (corpus)"\n',
      );
      expect(run.taskInstances.hello?.operator).toBe("BashOperator");
      expect(run.taskInstances.hello?.maxTries).toBe(1);
    });

    it("a2_python_operator: op_args, templated op_kwargs and templates_dict, context keywords, xcom push and pull", async () => {
      const run = await runDag("a2_python_operator", "success");
      expect(run.xcoms.produce).toEqual({ return_value: { count: 3 }, rows: [1, 2, 3] });
      expect(run.results.consume).toEqual({
        total: 12,
        summary: { count: 3 },
        both: [[1, 2, 3], null],
      });
      expect(run.results.current).toBe("current@corpus");
      expect(await run.log("produce")).toContain("producing for 2024-03-10 in corpus, try 1\n");
      expect(await run.log("produce")).toContain("INFO - Done. Returned value was: {'count': 3}\n");
      expect(await run.log("consume")).toContain("templated: 20240310\n");
      expect(run.taskInstances.produce?.operator).toBe("PythonOperator");
    });

    it("a2_taskflow_etl: TaskFlow results as arguments, multiple_outputs and its keys", async () => {
      const run = await runDag("a2_taskflow_etl", "success");
      expect(run.xcoms.transform).toEqual({
        return_value: { total_order_value: 1236.7, orders: 3 },
        total_order_value: 1236.7,
        orders: 3,
      });
      expect(run.results.load).toBe(1236.7);
      expect(await run.log("load")).toContain("Total order value is: 1236.70 over 3 orders\n");
      expect(run.taskInstances.load?.operator).toBe("@task");
      const spec = (await cp.store.getDag("a2_taskflow_etl"))?.currentVersion?.spec;
      expect(spec?.schedule).toBe("@every 12h");
      expect(spec?.timezone).toBe("Europe/Lisbon");
    });

    it("a3_sdk_taskflow: Airflow 3's airflow.sdk, Params given in the conf, chain, get_current_context", async () => {
      const run = await runDag("a3_sdk_taskflow", "success", { n: 5, mode: "max" });
      expect(run.results).toEqual({
        numbers: [1, 2, 3, 4, 5],
        reduce: 5,
        report: "a3_sdk_taskflow=5",
      });
      expect(await run.log("begin")).toContain("beginning\n");
      expect(await run.log("reduce")).toContain(
        "max of [1, 2, 3, 4, 5] = 5 (conf {'n': 5, 'mode': 'max'})\n",
      );
      expect(await run.log("report")).toContain("report from report: 5\n");
      const spec = (await cp.store.getDag("a3_sdk_taskflow"))?.currentVersion?.spec;
      expect(spec?.params.n).toEqual({
        type: "integer",
        default: 4,
        description: "how many numbers",
        minimum: 1,
        maximum: 10,
      });
      expect(spec?.tasks.find((t) => t.taskId === "reduce")?.upstream).toEqual([
        "numbers",
        "begin",
      ]);
    });

    it("a3_standard_operators: the standard provider's operators, lists on either side of >>, <<", async () => {
      const run = await runDag("a3_standard_operators", "success");
      expect(run.states).toEqual({
        start: "success",
        left: "success",
        right: "success",
        join: "success",
        end: "success",
      });
      expect(run.results).toEqual({
        left: "left",
        right: "right",
        end: "end of a3_standard_operators",
      });
    });

    it("corpus_branching: @task.branch follows one path and a none_failed_min_one_success join runs; short-circuits skip what follows them", async () => {
      const run = await runDag("corpus_branching", "success");
      expect(run.states).toEqual({
        count_rows: "success",
        route: "success",
        load: "success",
        report_empty: "skipped",
        join: "success",
        // The logical date, 2024-03-10, is a Sunday: no publishing, whatever the rules
        // of the tasks after it (archive's is all_done).
        on_weekdays: "success",
        publish: "skipped",
        archive: "skipped",
        // ignore_downstream_trigger_rules=False: only summarize is skipped, and cleanup
        // (all_done) runs after it.
        many_rows: "success",
        summarize: "skipped",
        cleanup: "success",
      });
      expect(run.results).toEqual({
        count_rows: 3,
        route: "load",
        load: "loading 3 rows",
        on_weekdays: false,
        many_rows: false,
        cleanup: "cleaning up",
      });
      expect(await run.log("route")).toMatch(/INFO - Branch into load\n/);
      expect(await run.log("on_weekdays")).toContain("INFO - Condition result is False\n");
      expect(run.taskInstances.route?.operator).toBe("@task.branch");
      expect(run.taskInstances.on_weekdays?.operator).toBe("ShortCircuitOperator");
      expect(run.taskInstances.many_rows?.operator).toBe("@task.short_circuit");
      const spec = (await cp.store.getDag("corpus_branching"))?.currentVersion?.spec;
      const flows = Object.fromEntries(
        (spec?.tasks ?? []).filter((t) => t.flow).map((t) => [t.taskId, t.flow]),
      );
      expect(flows).toEqual({
        route: { kind: "branch" },
        on_weekdays: { kind: "short_circuit" },
        many_rows: { kind: "short_circuit", ignoreDownstreamTriggerRules: false },
      });
    });

    it("corpus_mapping: TaskFlow expand with partial and a reducer, expand_kwargs, a cross product, mapped BashOperator and PythonOperator", async () => {
      const run = await runDag("corpus_mapping", "success");
      expect(run.mappedResults("scale")).toEqual([10, 20, 30, 40]);
      expect(run.results.total).toEqual({ values: [10, 20, 30, 40], sum: 100 });
      expect(run.mappedResults("shout")).toEqual(["ITEM 1", "ITEM 2", "ITEM 3", "ITEM 4"]);
      expect(run.mappedResults("describe")).toEqual(["Lisbon: 21", "Porto: 18"]);
      // The cross product, the last argument varying fastest.
      expect(run.mappedResults("pair")).toEqual(["a1", "a2", "b1", "b2"]);
      expect(run.mappedResults("echo")).toEqual(["one 2024-03-10", "two 2024-03-10"]);
      expect(run.mappedResults("multiply")).toEqual([6, 20]);
      expect(run.results.collect).toEqual({
        products: [6, 20],
        lines: ["one 2024-03-10", "two 2024-03-10"],
      });
      expect(run.mappedStates("scale")).toEqual(["success", "success", "success", "success"]);
      // map_index_template, rendered after each ran, with what the task put in its context.
      expect(run.mappedNames("describe")).toEqual(["Lisbon", "Porto"]);
      expect(run.mappedNames("scale")).toEqual([null, null, null, null]);
      expect(await run.log("scale")).toMatch(/map index \d: \d x 10\n/);
      expect(run.taskInstances.echo?.operator).toBe("BashOperator");
      const spec = (await cp.store.getDag("corpus_mapping"))?.currentVersion?.spec;
      const mapped = Object.fromEntries(
        (spec?.tasks ?? []).filter((t) => t.mapped).map((t) => [t.taskId, t.mapped]),
      );
      expect(mapped).toEqual({
        scale: { expand: { x: { from: "numbers" } } },
        shout: { expand: { word: { from: "numbers" } } },
        describe: {
          expandKwargs: {
            values: [
              { city: "Lisbon", temperature: 21 },
              { city: "Porto", temperature: 18 },
            ],
          },
        },
        pair: {
          expand: { letter: { values: ["a", "b"] }, number: { values: [1, 2] } },
          maxActive: 2,
        },
        echo: { expand: { bash_command: { values: ["echo one $DAY", "echo two $DAY"] } } },
        multiply: {
          expand: {
            op_args: {
              values: [
                [2, 3],
                [4, 5],
              ],
            },
          },
          maxActive: 1,
        },
      });
    });

    it("corpus_sensors: file, TaskFlow, Python, external-task and HTTP sensors; a PokeReturnValue reaches the next task; soft_fail skips at the timeout", async () => {
      const run = await runDag("corpus_sensors", "success");
      expect(run.states).toEqual({
        workdir: "success",
        wait_file: "success",
        second_poke: "success",
        report: "success",
        params_ready: "success",
        wait_for_workdir: "success",
        control_plane_up: "success",
        never_there: "skipped",
      });
      expect(run.results.second_poke).toBe(2);
      expect(run.results.report).toBe("done after 2 pokes");
      // Rescheduled, not retried: one try, its attempt row carried over the pokes.
      const pokes = run.attempts.filter((a) => a.taskId === "second_poke");
      expect(pokes.map((a) => [a.tryNumber, a.reschedules])).toEqual([[1, 1]]);
      expect(run.taskInstances.never_there?.tryNumber).toBe(1);
      expect(run.taskInstances.wait_file?.operator).toBe("FileSensor");
      expect(run.taskInstances.second_poke?.operator).toBe("@task.sensor");
    });

    it("corpus_trigger_rules: a failed task, and all_done, one_failed, always and all_success after it", async () => {
      const run = await runDag("corpus_trigger_rules", "failed");
      expect(run.states).toEqual({
        ok: "success",
        broken: "failed",
        cleanup: "success",
        alert: "success",
        needs_all: "upstream_failed",
        anyway: "success",
      });
      expect(run.results.alert).toBe("alerted");
      expect(await run.log("broken")).toContain("failing\n");
    });

    it("corpus_retries: a failed try retried from default_args' retries, and an execution timeout", async () => {
      const run = await runDag("corpus_retries", "failed");
      expect(run.states).toEqual({ flaky: "success", too_slow: "failed" });
      expect(run.results.flaky).toBe(2);
      expect(run.taskInstances.flaky?.tryNumber).toBe(2);
      expect(await run.log("flaky", 1)).toContain("try 1 of 3\n");
      expect(await run.log("flaky", 1)).toContain("RuntimeError: the first try fails");
      expect(await run.log("flaky", 2)).toContain("try 2 of 3\n");
      expect(await run.log("too_slow")).toContain("sleeping\n");
      const slow = run.attempts.filter((a) => a.taskId === "too_slow");
      expect(slow).toHaveLength(1);
      expect(slow[0]?.error).toMatch(/timed out after 1 s|Execution timeout/);
    });

    it("corpus_xcom: xcom_push with keys; xcom_pull of one task, a list, a default, and in a template", async () => {
      const run = await runDag("corpus_xcom", "success");
      expect(run.xcoms.push).toEqual({ return_value: "pushed", city: "Lisbon", stats: { n: 2 } });
      expect(run.results.pull).toEqual({
        city: "Lisbon",
        both: ["pushed", "42"],
        missing: "fallback",
      });
      expect(run.results.templated_pull).toBe("city=Lisbon n=2");
    });

    it("corpus_templates: macros, filters, the DAG's macros and filters; and native rendering", async () => {
      const run = await runDag("corpus_templates", "success");
      expect(run.results.macros).toBe(
        "tomorrow=2024-03-11 day=10/03/2024 ts=20240310T063000 date=2024-03-10 project=BORDA! later=2024-01-03 uuid=36",
      );
      const native = await runDag("corpus_native_templates", "success");
      expect(native.results.total).toBe(30);
    });

    it("corpus_task_bash: @task.bash's templated command and env, @task.python", async () => {
      const run = await runDag("corpus_task_bash", "success");
      expect(run.results).toEqual({
        greet: "olá borda on 2024-03-10 in corpus",
        shout: "OLÁ BORDA ON 2024-03-10 IN CORPUS",
      });
      expect(run.taskInstances.greet?.operator).toBe("@task.bash");
    });

    it("corpus_dag_argument: dag=, chain with lists side by side, cross_downstream, set_upstream", async () => {
      const run = await runDag("corpus_dag_argument", "success");
      expect(Object.values(run.states).every((state) => state === "success")).toBe(true);
      expect(run.results.late).toBe("late");
      const spec = (await cp.store.getDag("corpus_dag_argument"))?.currentVersion?.spec;
      const upstream = Object.fromEntries((spec?.tasks ?? []).map((t) => [t.taskId, t.upstream]));
      expect(upstream).toEqual({
        begin: [],
        a1: ["begin"],
        a2: ["begin"],
        b1: ["a1"],
        b2: ["a2"],
        c1: ["b1", "b2"],
        c2: ["b1", "b2"],
        finish: ["c1", "c2"],
        late: ["finish"],
      });
      expect(run.taskInstances.begin?.operator).toBe("DummyOperator");
    });

    it("corpus_pools_queues: a queue another worker serves, a pool and its slots, priority weights", async () => {
      const run = await runDag("corpus_pools_queues", "success");
      const workerOf = (taskId: string) =>
        run.attempts.find((a) => a.taskId === taskId)?.workerName;
      expect(workerOf("on_edge")).toBe("corpus-edge");
      expect(workerOf("central")).toBe("corpus-worker");
      expect(run.taskInstances.on_edge).toMatchObject({
        queue: "edge_site",
        pool: "edge_pool",
        poolSlots: 2,
        priorityWeight: 5,
      });
      expect(run.results).toEqual({ on_edge: "ran on the edge", central: true });
    });

    it("corpus_settings_exceptions: AIRFLOW_HOME, AirflowException, AirflowSkipException", async () => {
      const run = await runDag("corpus_settings_exceptions", "failed");
      expect(run.states).toEqual({
        where: "success",
        refuses: "failed",
        skips: "skipped",
        after_skip: "skipped",
        despite_skip: "success",
      });
      expect(run.results.where).toBe("airflow");
      expect(await run.log("where")).toMatch(/AIRFLOW_HOME is \/.*\/airflow\n/);
      const errorOf = (taskId: string) => run.attempts.find((a) => a.taskId === taskId)?.error;
      expect(errorOf("refuses")).toMatch(/AirflowException: the input is bad\n?$/);
      // Skipped on its first try, its reason kept, its retries unspent.
      expect(run.taskInstances.skips).toMatchObject({
        tryNumber: 1,
        lastError: "nothing to do today",
      });
      expect(errorOf("skips")).toBe("nothing to do today");
      expect(await run.log("skips")).toContain("The task skipped itself: nothing to do today");
      expect(run.results.despite_skip).toBe("ran");
    });

    it("corpus_custom_operator: a BaseOperator subclass with a templated field and self.log", async () => {
      const run = await runDag("corpus_custom_operator", "success");
      expect(run.results.greet).toBe("Hello world?");
      expect(await run.log("greet")).toContain("INFO - Hello world?\n");
      expect(run.taskInstances.greet?.operator).toBe("GreetOperator");
    });

    it("corpus_site_*: DAGs made in a loop", async () => {
      for (const site of ["lisbon", "porto"]) {
        const run = await runDag(`corpus_site_${site}`, "success");
        expect(run.results.report).toBe(`report for ${site}`);
      }
    });

    it("corpus_xcomarg: a TaskFlow result in op_args and in an f-string of a bash_command", async () => {
      const run = await runDag("corpus_xcomarg", "success");
      expect(run.results).toEqual({
        make_path: "/tmp/report.csv",
        show: "path=/tmp/report.csv",
        count: 15,
      });
    });
  },
);
