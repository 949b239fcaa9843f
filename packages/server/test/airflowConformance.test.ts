import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { parse } from "yaml";
import {
  airflowResponseSchema,
  airflowSchema,
  airflowSpecPath,
  describeWithAirflowSpec,
  expectAirflowConformant,
  listAirflowOperations,
} from "./support/airflowConformance.js";

const pool = {
  name: "default_pool",
  slots: 128,
  occupied_slots: 0,
  running_slots: 0,
  queued_slots: 0,
  open_slots: 128,
  scheduled_slots: 0,
  deferred_slots: 0,
  description: null,
  include_deferred: false,
};

const dagRun = {
  dag_run_id: "manual__2026-01-01T00:00:00+00:00",
  dag_id: "count_to_twenty",
  logical_date: "2026-01-01T00:00:00+00:00",
  execution_date: "2026-01-01T00:00:00+00:00",
  start_date: null,
  end_date: null,
  data_interval_start: null,
  data_interval_end: null,
  last_scheduling_decision: null,
  run_type: "manual",
  state: "queued",
  external_trigger: true,
  conf: {},
  note: null,
};

const dag = {
  dag_id: "count_to_twenty",
  dag_display_name: "count_to_twenty",
  is_paused: false,
  is_active: true,
  last_parsed_time: "2026-01-01T00:00:00.123Z",
  fileloc: "/dags/count_to_twenty.ts",
  file_token: "Y291bnRfdG9fdHdlbnR5",
  owners: ["borda"],
  description: null,
  schedule_interval: { __type: "CronExpression", value: "0 0 * * *" },
  tags: [{ name: "example" }],
  max_active_runs: 16,
  next_dagrun: null,
};

describeWithAirflowSpec("checking answers against Airflow's REST API v1 spec", () => {
  it("passes a Pool whose description is null", () => {
    expectAirflowConformant("post", "/pools", 200, pool);
    expect(airflowSchema("Pool")(pool)).toBe(true);
  });

  it("fails a Pool whose slots are a word, naming /slots", () => {
    expect(() => expectAirflowConformant("post", "/pools", 200, { ...pool, slots: "ten" })).toThrow(
      /\/slots must be integer/,
    );
  });

  it("passes a DAGRun whose dates are null, and still checks a date that is given", () => {
    expectAirflowConformant("post", "/dags/{dag_id}/dagRuns", 200, dagRun);
    expect(() =>
      expectAirflowConformant("get", "/dags/{dag_id}/dagRuns/{dag_run_id}", 200, {
        ...dagRun,
        start_date: "yesterday",
      }),
    ).toThrow(/\/start_date must match format "date-time"/);
  });

  it("passes a DAGCollection with total_entries, checking both halves of its allOf", () => {
    expectAirflowConformant("get", "/dags", 200, { dags: [dag], total_entries: 1 });
    expect(() =>
      expectAirflowConformant("get", "/dags", 200, { dags: [dag], total_entries: "1" }),
    ).toThrow(/\/total_entries must be integer/);
    expect(() =>
      expectAirflowConformant("get", "/dags", 200, { dags: [{ ...dag, is_paused: "no" }] }),
    ).toThrow(/\/dags\/0\/is_paused must be boolean,null/);
  });

  it("requires a schedule interval's __type to name the shape it has", () => {
    const validate = airflowSchema("DAG");
    expect(validate({ ...dag, schedule_interval: null })).toBe(true);
    expect(
      validate({
        ...dag,
        schedule_interval: { __type: "TimeDelta", days: 1, seconds: 0, microseconds: 0 },
      }),
    ).toBe(true);
    expect(validate({ ...dag, schedule_interval: { __type: "cron", value: "0 0 * * *" } })).toBe(
      false,
    );
  });

  it("passes Borda's problem JSON as Airflow's Error for a 404", () => {
    expectAirflowConformant("get", "/dags/{dag_id}", 404, {
      status: 404,
      title: "Not Found",
      detail: "No DAG with id count_to_ten",
      type: "urn:borda:error:not_found",
    });
    expect(() =>
      expectAirflowConformant("get", "/dags/{dag_id}", 404, { status: 404, detail: "gone" }),
    ).toThrow(/must have required property 'title'/);
  });

  it("refuses a status Airflow does not declare, and a body where it declares none", () => {
    expect(() => expectAirflowConformant("post", "/pools", 201, pool)).toThrow(
      /Airflow declares no 201 for POST \/pools; it declares 200, 400, 401, 403$/,
    );
    expectAirflowConformant("delete", "/pools/{pool_name}", 204, "");
    expect(() => expectAirflowConformant("delete", "/pools/{pool_name}", 204, {})).toThrow(
      /declares no body/,
    );
  });

  it("refuses a password in a Connection: Airflow marks it writeOnly", () => {
    const connection = { connection_id: "db", conn_type: "postgres", extra: null };
    expectAirflowConformant("get", "/connections/{connection_id}", 200, connection);
    expect(() =>
      expectAirflowConformant("get", "/connections/{connection_id}", 200, {
        ...connection,
        password: "hunter2",
      }),
    ).toThrow(/\/password must be absent: Airflow marks it writeOnly/);
  });

  it("lists Airflow's operations by method and path template", () => {
    const operations = listAirflowOperations().map(({ method, path }) => `${method} ${path}`);
    expect(operations).toEqual(
      expect.arrayContaining([
        "post /pools",
        "patch /dags/{dag_id}",
        "post /dags/{dag_id}/dagRuns",
      ]),
    );
    expect(listAirflowOperations()).toContainEqual({
      method: "post",
      path: "/pools",
      operationId: "post_pool",
    });
  });

  it("compiles every schema and every JSON response the spec declares", () => {
    const spec = parse(readFileSync(airflowSpecPath, "utf8"));
    for (const name of Object.keys(spec.components.schemas)) airflowSchema(name);
    for (const { method, path } of listAirflowOperations()) {
      for (const [status, response] of Object.entries(spec.paths[path][method].responses)) {
        const declared = response as { $ref?: string; content?: Record<string, unknown> };
        if (declared.$ref || declared.content?.["application/json"]) {
          airflowResponseSchema(method, path, Number(status));
        }
      }
    }
  });
});
