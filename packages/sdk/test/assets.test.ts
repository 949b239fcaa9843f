import { dagSpecSchema, type AssetCondition as ProtocolAssetCondition } from "@borda/protocol";
import { describe, expect, it } from "vitest";
import {
  allOf,
  anyOf,
  asset,
  createTaskContext,
  type Dag,
  dag,
  getDagHandle,
} from "../src/index.js";

function specOf(value: Dag) {
  const spec = getDagHandle(value)?.spec();
  return dagSpecSchema.parse({ ...(spec as object), startDate: null });
}

const orders = asset("s3://warehouse/orders", { name: "orders", extra: { team: "sales" } });
const customers = asset("s3://warehouse/customers");
const returns = asset("s3://warehouse/returns");

describe("assets", () => {
  it("records a task's outlets, assets or URIs, with their name and extra", () => {
    const spec = specOf(
      dag({ id: "producer" }, ({ task }) => {
        task({ id: "write", outlets: [orders, "file:///data/out.csv"] }, () => 1);
        task({ id: "plain" }, () => 1);
      }),
    );
    expect(spec.tasks[0]?.outlets).toEqual([
      { uri: "s3://warehouse/orders", name: "orders", extra: { team: "sales" } },
      { uri: "file:///data/out.csv" },
    ]);
    expect(spec.tasks[1]).not.toHaveProperty("outlets");
  });

  it("turns an asset, a list, and nested .and() / .or() into the spec's asset schedule", () => {
    const scheduleOf = (schedule: Parameters<typeof dag>[0]["schedule"]) => {
      const spec = specOf(
        dag({ id: "consumer", schedule }, ({ task }) => task({ id: "t" }, () => 1)),
      );
      expect(spec.schedule).toBeNull();
      return spec.assetSchedule;
    };
    const a = { asset: "s3://warehouse/orders" } satisfies ProtocolAssetCondition;
    const b = { asset: "s3://warehouse/customers" };
    const c = { asset: "s3://warehouse/returns" };
    expect(scheduleOf(orders)).toEqual(a);
    expect(scheduleOf([orders, customers])).toEqual({ all: [a, b] });
    expect(scheduleOf(orders.and(customers))).toEqual({ all: [a, b] });
    expect(scheduleOf(orders.or(customers.and(returns)))).toEqual({ any: [a, { all: [b, c] }] });
    expect(scheduleOf(allOf(anyOf(orders, customers), returns))).toEqual({
      all: [{ any: [a, b] }, c],
    });
    expect(
      specOf(dag({ id: "cron", schedule: "@daily" }, ({ task }) => task({ id: "t" }, () => 1))),
    ).toMatchObject({ schedule: "@daily" });
  });

  it("refuses what is not an asset", () => {
    expect(() => asset("  ")).toThrow('asset() needs a URI, as in asset("s3://bucket/orders").');
    expect(() => allOf({} as never)).toThrow('allOf() takes assets made by asset("...")');
  });

  it("gives a task its run's triggering events, by URI, with dates", () => {
    const ctx = createTaskContext(
      {
        dagId: "consumer",
        runId: "dataset_triggered__2026-01-01T00:00:00.000000+00:00",
        taskId: "t",
        tryNumber: 1,
        logicalDate: "2026-01-01T00:00:00.000Z",
        dataIntervalStart: null,
        dataIntervalEnd: null,
        params: {},
        conf: {},
        inputs: {},
        upstream: {},
        triggeringAssetEvents: {
          "s3://warehouse/orders": [
            {
              uri: "s3://warehouse/orders",
              extra: { rows: 3 },
              sourceDagId: null,
              sourceRunId: null,
              sourceTaskId: null,
              sourceMapIndex: null,
              timestamp: "2026-01-01T00:00:00.000Z",
            },
          ],
        },
      },
      {
        log: () => {},
        signal: new AbortController().signal,
        connection: async () => ({}) as never,
        variable: async () => "",
        dagState: async () => null,
      },
    );
    const [event] = ctx.triggeringAssetEvents["s3://warehouse/orders"] ?? [];
    expect(event?.timestamp).toEqual(new Date("2026-01-01T00:00:00.000Z"));
    expect(event?.extra).toEqual({ rows: 3 });
  });
});

describe("asset URIs in the spec", () => {
  it("are checked as Airflow checks them", () => {
    const refusal = (uri: string) =>
      dagSpecSchema.shape.tasks.element.shape.outlets.safeParse([{ uri }]).error?.issues[0]
        ?.message;
    expect(refusal("s3://ok/key")).toBeUndefined();
    expect(refusal("")).toBe("an asset URI cannot be empty");
    expect(refusal("   ")).toBe("an asset URI cannot be just whitespace");
    expect(refusal("s3://bucket/é")).toBe("an asset URI must consist of ASCII characters only");
    expect(refusal("airflow://dataset")).toContain("the 'airflow' URI scheme is reserved");
    expect(refusal(`s3://${"x".repeat(3000)}`)).toBe("an asset URI has at most 3000 characters");
  });
});
