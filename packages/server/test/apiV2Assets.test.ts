import { expect, it } from "vitest";
import { describeWithAirflowV2Spec } from "./support/airflowConformance.js";
import { asV2, startApiWithUsers } from "./support/api.js";
import { describeEachBackend } from "./support/backends.js";
import { edgeClient, newWorkerToken } from "./support/controlPlane.js";

/** A producer of `orders`, and DAGs scheduled on `orders`, on `customers`, and on both. */
const assetDags = `
import { dag, asset } from "borda";
const orders = asset("s3://warehouse/orders", { name: "orders", extra: { team: "sales" } });
const customers = asset("s3://warehouse/customers");

export const produceOrders = dag({ id: "produce_orders" }, ({ task }) => {
  task({ id: "write_orders", outlets: [orders] }, () => "written");
});
export const consumeBoth = dag({ id: "consume_both", schedule: orders.and(customers) }, ({ task }) => {
  task({ id: "join" }, () => "joined");
});
export const consumeCustomers = dag({ id: "consume_customers", schedule: customers }, ({ task }) => {
  task({ id: "read" }, () => "read");
});
`;

// biome-ignore lint/suspicious/noExplicitAny: the answers' JSON, checked against Airflow 3's spec.
type Json = any;

describeWithAirflowV2Spec("/api/v2 assets and asset events", () => {
  describeEachBackend("in Airflow 3's shapes", (backend) => {
    async function setUp() {
      const cp = await startApiWithUsers(backend, { dags: { "assets.ts": assetDags } });
      const assets = (await asV2(cp, { user: "viewer" })("GET", "/assets")).body.assets as Json[];
      const idOf = (uri: string) => assets.find((a) => a.uri === uri)?.id as number;
      return {
        cp,
        viewer: asV2(cp, { user: "viewer" }),
        op: asV2(cp, { user: "op" }),
        orders: idOf("s3://warehouse/orders"),
        customers: idOf("s3://warehouse/customers"),
      };
    }

    it("lists and reads assets with the DAGs and tasks that use them", async () => {
      const { viewer, orders } = await setUp();
      const list = await viewer("GET", "/assets?order_by=-uri");
      expect(list.status).toBe(200);
      expect(list.body.total_entries).toBe(2);
      expect(list.body.assets.map((a: Json) => a.uri)).toEqual([
        "s3://warehouse/orders",
        "s3://warehouse/customers",
      ]);
      const one = await viewer("GET", `/assets/${orders}`);
      expect(one.body).toMatchObject({
        id: orders,
        name: "orders",
        group: "asset",
        extra: { team: "sales" },
        producing_tasks: [{ dag_id: "produce_orders", task_id: "write_orders" }],
        consuming_tasks: [],
        aliases: [],
        watchers: [],
      });
      expect(one.body.scheduled_dags.map((d: Json) => d.dag_id)).toEqual(["consume_both"]);
      expect((await viewer("GET", "/assets?name_pattern=ORD")).body.total_entries).toBe(1);
      expect((await viewer("GET", "/assets?uri_pattern=customers")).body.total_entries).toBe(1);
      const byDag = await viewer("GET", "/assets?dag_ids=consume_customers&dag_ids=produce_orders");
      expect(byDag.body.total_entries).toBe(2);
      const aliases = await viewer("GET", "/assets/aliases");
      expect(aliases.body).toEqual({ asset_aliases: [], total_entries: 0 });
      const missing = await viewer("GET", "/assets/999");
      expect(missing.status).toBe(404);
      expect(missing.body.detail).toMatch(/999/);
    });

    it("raises an event from outside, which triggers the DAG it completes, for an Op only", async () => {
      const { viewer, op, customers } = await setUp();
      expect((await viewer("POST", "/assets/events", { asset_id: customers })).status).toBe(403);
      const raised = await op("POST", "/assets/events", {
        asset_id: customers,
        extra: { rows: 3 },
      });
      expect(raised.status).toBe(200);
      expect(raised.body).toMatchObject({
        asset_id: customers,
        uri: "s3://warehouse/customers",
        extra: { rows: 3, from_rest_api: true },
        source_dag_id: null,
        source_map_index: -1,
      });
      expect(raised.body.created_dagruns).toMatchObject([
        { dag_id: "consume_customers", triggering: true },
      ]);
      const events = await viewer(
        "GET",
        `/assets/events?asset_id=${customers}&order_by=-timestamp`,
      );
      expect(events.body.total_entries).toBe(1);
      expect(events.body.asset_events[0].id).toBe(raised.body.id);
      expect(
        (await viewer("GET", "/assets/events?source_dag_id=produce_orders")).body.total_entries,
      ).toBe(0);
      expect((await op("POST", "/assets/events", { asset_id: 999 })).status).toBe(404);
    });

    it("reads and drops the events queued for a DAG waiting on more assets", async () => {
      const { cp, viewer, op, orders, customers } = await setUp();
      const worker = edgeClient(cp, (await newWorkerToken(cp, ["*"])).token);
      await worker.register(["default"]);
      expect(
        (await op("POST", "/dags/produce_orders/dagRuns", { logical_date: null })).status,
      ).toBe(200);
      for (const job of (await worker.fetchJobs(0)).body.jobs) {
        await worker.report(job.attemptId, "start");
        await worker.report(job.attemptId, "success", { returnValue: "written" });
      }
      const forDag = await viewer("GET", "/dags/consume_both/assets/queuedEvents");
      expect(forDag.body).toMatchObject({
        queued_events: [{ dag_id: "consume_both", asset_id: orders }],
        total_entries: 1,
      });
      const one = await viewer("GET", `/dags/consume_both/assets/${orders}/queuedEvents`);
      expect(one.body).toMatchObject({ dag_id: "consume_both", dag_display_name: "consume_both" });
      expect((await viewer("GET", `/assets/${orders}/queuedEvents`)).body.total_entries).toBe(1);
      const none = await viewer("GET", `/dags/consume_both/assets/${customers}/queuedEvents`);
      expect(none.status).toBe(404);
      const earlier = await viewer(
        "GET",
        "/dags/consume_both/assets/queuedEvents?before=2000-01-01T00:00:00Z",
      );
      expect(earlier.body.total_entries).toBe(0);

      expect((await viewer("DELETE", `/assets/${orders}/queuedEvents`)).status).toBe(403);
      expect((await op("DELETE", `/dags/consume_both/assets/${orders}/queuedEvents`)).status).toBe(
        204,
      );
      expect((await viewer("GET", `/assets/${orders}/queuedEvents`)).body.total_entries).toBe(0);
      expect((await op("DELETE", "/dags/consume_both/assets/queuedEvents")).status).toBe(404);
      expect((await op("DELETE", "/assets/999/queuedEvents")).status).toBe(404);
    });

    it("answers what it cannot do with a 422 naming the field", async () => {
      const { viewer, op } = await setUp();
      const prefix = await viewer("GET", "/assets?uri_prefix_pattern=s3");
      expect(prefix.status).toBe(422);
      expect(prefix.body.detail[0].loc).toEqual(["query"]);
      expect(prefix.body.detail[0].msg).toMatch(/uri_prefix_pattern/);
      const order = await viewer("GET", "/assets/events?order_by=extra");
      expect(order.status).toBe(422);
      expect(order.body.detail[0].loc).toEqual(["query", "order_by"]);
      const body = await op("POST", "/assets/events", { asset_id: "one" });
      expect(body.status).toBe(422);
      expect(body.body.detail[0].loc).toEqual(["body", "asset_id"]);
      const partition = await op("POST", "/assets/events", { asset_id: 1, partition_key: "p" });
      expect(partition.status).toBe(422);
      expect((await viewer("GET", "/assets/abc")).status).toBe(422);
    });
  });
});
