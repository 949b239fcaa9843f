import { writeFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { as, startApiWithUsers } from "./support/api.js";
import { describeEachBackend } from "./support/backends.js";
import { edgeClient, newWorkerToken } from "./support/controlPlane.js";

/**
 * Data-aware scheduling on a real control plane: producers' outlets and external
 * POST /datasets/events trigger the DAGs scheduled on the assets, once per event, and
 * the consuming run's jobs carry their triggering events.
 */
const assetDags = `
import { dag, asset, anyOf } from "borda";
const orders = asset("s3://warehouse/orders", { name: "orders", extra: { team: "sales" } });
const customers = asset("s3://warehouse/customers");

export const produceOrders = dag({ id: "produce_orders" }, ({ task }) => {
  task({ id: "write_orders", outlets: [orders] }, () => "written");
});
export const produceCustomers = dag({ id: "produce_customers" }, ({ task }) => {
  task({ id: "write_customers", outlets: ["s3://warehouse/customers"] }, () => "written");
});
export const consumeOrders = dag({ id: "consume_orders", schedule: orders }, ({ task }) => {
  task({ id: "report" }, (ctx) => ctx.triggeringAssetEvents);
});
export const consumeBoth = dag({ id: "consume_both", schedule: orders.and(customers) }, ({ task }) => {
  task({ id: "join" }, () => "joined");
});
export const consumeEither = dag(
  { id: "consume_either", schedule: [anyOf(orders, customers)] },
  ({ task }) => {
    task({ id: "either" }, () => "either");
  },
);
`;

const orders = "s3://warehouse/orders";
const customers = "s3://warehouse/customers";
const encoded = encodeURIComponent;

describeEachBackend("data-aware scheduling on a real control plane", (backend) => {
  async function setUp() {
    const cp = await startApiWithUsers(backend, { dags: { "assets.ts": assetDags } });
    expect(await cp.store.listImportErrors()).toEqual([]);
    const admin = as(cp, "admin");
    const worker = edgeClient(cp, (await newWorkerToken(cp, ["default"])).token);
    await worker.register(["default"]);
    /** Runs every job offered until none is left; returns the jobs run. */
    const work = async () => {
      // biome-ignore lint/suspicious/noExplicitAny: jobs as the edge API answers them.
      const ran: any[] = [];
      for (let round = 0; round < 20; round++) {
        const { jobs } = (await worker.fetchJobs(0)).body;
        if (jobs.length === 0) break;
        for (const job of jobs) {
          ran.push(job);
          await worker.report(job.attemptId, "start");
          await worker.report(job.attemptId, "success", { returnValue: job.taskId });
        }
      }
      return ran;
    };
    const runsOf = async (dagId: string) =>
      (await admin("GET", `/dags/${dagId}/dagRuns?order_by=execution_date`)).body.dag_runs as {
        dag_run_id: string;
        run_type: string;
        state: string;
        data_interval_start: string | null;
        data_interval_end: string | null;
      }[];
    const produce = async (dagId: string, runId: string) => {
      expect((await admin("POST", `/dags/${dagId}/dagRuns`, { dag_run_id: runId })).status).toBe(
        200,
      );
      return work();
    };
    return { cp, admin, work, runsOf, produce };
  }

  it("triggers the consumer once per producer success, and again on an external event", async () => {
    const { cp, admin, work, runsOf, produce } = await setUp();

    const ran = await produce("produce_orders", "first");
    // The consumers' runs were created and queued in the same step as the producer's
    // success: their tasks tie on priority and queueing time, so either may be claimed first.
    expect(ran[0]?.taskId).toBe("write_orders");
    expect(
      ran
        .slice(1)
        .map((job) => job.taskId)
        .sort(),
    ).toEqual(["either", "report"]);
    const report = ran.find((job) => job.taskId === "report");
    expect(Object.keys(report.context.triggeringAssetEvents)).toEqual([orders]);
    expect(report.context.triggeringAssetEvents[orders]).toMatchObject([
      {
        uri: orders,
        sourceDagId: "produce_orders",
        sourceRunId: "first",
        sourceTaskId: "write_orders",
        sourceMapIndex: -1,
      },
    ]);
    const [consumed] = await runsOf("consume_orders");
    expect(consumed).toMatchObject({ run_type: "dataset_triggered", state: "success" });
    // Its data interval is the producing run's.
    const [producing] = await runsOf("produce_orders");
    expect(consumed).toMatchObject({
      data_interval_start: producing?.data_interval_start,
      data_interval_end: producing?.data_interval_end,
    });
    expect(await runsOf("consume_orders")).toHaveLength(1);
    expect(await runsOf("consume_both")).toHaveLength(0);

    const upstream = await admin(
      "GET",
      `/dags/consume_orders/dagRuns/${encoded(consumed?.dag_run_id ?? "")}/upstreamDatasetEvents`,
    );
    expect(upstream.body).toMatchObject({
      total_entries: 1,
      dataset_events: [
        { dataset_uri: orders, source_dag_id: "produce_orders", source_run_id: "first" },
      ],
    });

    // An event raised from outside triggers it again.
    const raised = await admin("POST", "/datasets/events", {
      dataset_uri: orders,
      extra: { rows: 42 },
    });
    expect(raised.status).toBe(200);
    expect(raised.body).toMatchObject({
      dataset_uri: orders,
      source_dag_id: null,
      extra: { rows: 42, from_rest_api: true },
    });
    expect(raised.body.created_dagruns.map((r: { dag_id: string }) => r.dag_id).sort()).toEqual([
      "consume_either",
      "consume_orders",
    ]);
    const again = await work();
    const second = again.find((job) => job.taskId === "report");
    expect(second.context.triggeringAssetEvents[orders]).toMatchObject([
      { extra: { rows: 42, from_rest_api: true }, sourceDagId: null },
    ]);
    expect(await runsOf("consume_orders")).toHaveLength(2);
    expect(await runsOf("consume_either")).toHaveLength(2);

    // Nothing left queued: a scheduler pass creates no further run.
    await cp.scheduler.runPass();
    expect(await runsOf("consume_orders")).toHaveLength(2);
    expect(await cp.store.listQueuedAssetEvents({})).toEqual([
      {
        assetId: expect.any(Number),
        uri: orders,
        dagId: "consume_both",
        createdAt: expect.any(Date),
      },
    ]);
  });

  it("runs an & condition once both assets have events, and an | condition on either", async () => {
    const { admin, runsOf, produce } = await setUp();
    await produce("produce_customers", "c1");
    expect(await runsOf("consume_both")).toHaveLength(0);
    expect(await runsOf("consume_either")).toHaveLength(1);
    const queued = await admin("GET", "/dags/consume_both/datasets/queuedEvent");
    expect(queued.body).toMatchObject({
      total_entries: 1,
      datasets: [{ uri: customers, dag_id: "consume_both" }],
    });

    await produce("produce_customers", "c2");
    expect(await runsOf("consume_both")).toHaveLength(0);
    await produce("produce_orders", "o1");
    const [both] = await runsOf("consume_both");
    expect(both).toMatchObject({ run_type: "dataset_triggered", state: "success" });
    const upstream = await admin(
      "GET",
      `/dags/consume_both/dagRuns/${encoded(both?.dag_run_id ?? "")}/upstreamDatasetEvents`,
    );
    // Every event since its last run: both of customers', and orders'.
    expect(
      upstream.body.dataset_events.map((e: { source_run_id: string }) => e.source_run_id),
    ).toEqual(["c1", "c2", "o1"]);
    expect(await runsOf("consume_either")).toHaveLength(3);
    expect(await runsOf("consume_both")).toHaveLength(1);
    expect((await admin("GET", "/dags/consume_both/datasets/queuedEvent")).status).toBe(404);
  });

  it("serves Airflow's dataset endpoints, with URL-encoded URIs and 4xx for bad input", async () => {
    const { cp, admin, produce } = await setUp();
    const list = await admin("GET", "/datasets?order_by=uri");
    expect(list.body.total_entries).toBe(2);
    expect(list.body.datasets.map((d: { uri: string }) => d.uri)).toEqual([customers, orders]);
    const dataset = await admin("GET", `/datasets/${encoded(orders)}`);
    expect(dataset.body).toMatchObject({
      uri: orders,
      extra: { team: "sales" },
      producing_tasks: [{ dag_id: "produce_orders", task_id: "write_orders" }],
      consuming_dags: [
        { dag_id: "consume_both" },
        { dag_id: "consume_either" },
        { dag_id: "consume_orders" },
      ],
    });
    const details = await admin("GET", "/dags/consume_either/details");
    expect(details.body).toMatchObject({
      schedule_interval: null,
      timetable_description: "Triggered by datasets",
      dataset_expression: { all: [{ any: [orders, customers] }] },
    });
    expect((await admin("GET", "/dags/consume_orders/details")).body.dataset_expression).toEqual({
      all: [orders],
    });
    const byDag = await admin("GET", "/datasets?dag_ids=produce_customers&uri_pattern=WareHouse");
    expect(byDag.body.datasets.map((d: { uri: string }) => d.uri)).toEqual([customers]);
    expect((await admin("GET", `/datasets/${encoded("s3://nowhere")}`)).status).toBe(404);

    await produce("produce_customers", "c1");
    const events = await admin("GET", "/datasets/events?source_dag_id=produce_customers");
    expect(events.body).toMatchObject({
      total_entries: 1,
      dataset_events: [{ dataset_uri: customers }],
    });
    expect(events.body.dataset_events[0].created_dagruns).toMatchObject([
      { dag_id: "consume_either" },
    ]);

    // The queued-event endpoints: read, then drop what consume_both waits with.
    const path = `/dags/consume_both/datasets/queuedEvent/${encoded(customers)}`;
    expect((await admin("GET", path)).body).toMatchObject({
      uri: customers,
      dag_id: "consume_both",
    });
    expect((await admin("GET", `/datasets/queuedEvent/${encoded(customers)}`)).body).toMatchObject({
      total_entries: 1,
    });
    expect((await as(cp, "viewer")("DELETE", path)).status).toBe(403);
    expect((await admin("DELETE", `${path}?before=2000-01-01T00:00:00Z`)).status).toBe(404);
    expect((await as(cp, "op")("DELETE", path)).status).toBe(204);
    expect((await admin("GET", path)).status).toBe(404);
    expect((await admin("DELETE", "/dags/consume_both/datasets/queuedEvent")).status).toBe(404);
    expect((await admin("GET", `/datasets/queuedEvent/${encoded(orders)}`)).status).toBe(404);
    expect((await admin("DELETE", `/datasets/queuedEvent/${encoded(orders)}`)).status).toBe(404);
    expect((await admin("GET", "/dags/nowhere/datasets/queuedEvent")).status).toBe(404);

    // Malformed input is refused with a 4xx, never a 500.
    const refused = [
      await admin("POST", "/datasets/events", {}),
      await admin("POST", "/datasets/events", { dataset_uri: "" }),
      await admin("POST", "/datasets/events", { dataset_uri: "airflow://reserved" }),
      await admin("POST", "/datasets/events", { dataset_uri: orders, extra: "rows" }),
      await admin("POST", "/datasets/events", { dataset_uri: "s3://unknown" }),
      await as(cp, "viewer")("POST", "/datasets/events", { dataset_uri: orders }),
      await as(cp, null)("GET", "/datasets"),
      await admin("GET", "/datasets?order_by=nonsense"),
      await admin("GET", "/datasets/events?dataset_id=abc"),
      await admin("GET", `${path}?before=yesterday`),
    ].map((answer) => answer.status);
    expect(refused).toEqual([400, 400, 400, 400, 404, 403, 401, 400, 400, 400]);
  });

  it("queues no event for a paused consumer, which does not catch up when unpaused", async () => {
    const { admin, runsOf, produce } = await setUp();
    expect((await admin("PATCH", "/dags/consume_orders", { is_paused: true })).status).toBe(200);
    await produce("produce_orders", "while_paused");
    expect((await admin("GET", "/dags/consume_orders/datasets/queuedEvent")).status).toBe(404);
    expect((await admin("PATCH", "/dags/consume_orders", { is_paused: false })).status).toBe(200);
    await produce("produce_orders", "after");
    const [run] = await runsOf("consume_orders");
    const upstream = await admin(
      "GET",
      `/dags/consume_orders/dagRuns/${encoded(run?.dag_run_id ?? "")}/upstreamDatasetEvents`,
    );
    expect(
      upstream.body.dataset_events.map((e: { source_run_id: string }) => e.source_run_id),
    ).toEqual(["after"]);
    expect(await runsOf("consume_orders")).toHaveLength(1);
  });

  it("refuses, as an import error, a DAG naming an asset URI Airflow refuses", async () => {
    const { cp } = await setUp();
    writeFileSync(
      path.join(cp.config.dagsFolder ?? "", "reserved.ts"),
      `import { asset, dag } from "borda";
export default dag({ id: "reserved", schedule: asset("airflow://internal") }, ({ task }) => {
  task({ id: "t", outlets: ["s3://fine"] }, () => 1);
});`,
    );
    await cp.processor.scanFolder();
    const [error] = await cp.store.listImportErrors();
    expect(error?.message).toContain("DAG 'reserved'");
    expect(error?.message).toContain("the 'airflow' URI scheme is reserved");
    expect(await cp.store.getDag("reserved")).toBeNull();
  });

  it("keeps assets in step when a DAG changes what it produces and consumes", async () => {
    const { cp, admin } = await setUp();
    writeFileSync(
      path.join(cp.config.dagsFolder ?? "", "assets.ts"),
      assetDags
        .replace('outlets: ["s3://warehouse/customers"]', 'outlets: ["s3://warehouse/clients"]')
        .replace("schedule: orders.and(customers)", "schedule: null"),
    );
    await cp.processor.scanFolder();
    const customersAsset = await admin("GET", `/datasets/${encoded(customers)}`);
    expect(customersAsset.body.producing_tasks).toEqual([]);
    expect(customersAsset.body.consuming_dags.map((c: { dag_id: string }) => c.dag_id)).toEqual([
      "consume_either",
    ]);
    const clients = await admin("GET", `/datasets/${encoded("s3://warehouse/clients")}`);
    expect(clients.body.producing_tasks).toMatchObject([{ dag_id: "produce_customers" }]);
  });
});
