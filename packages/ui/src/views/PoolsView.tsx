import { useQuery } from "@tanstack/react-query";
import { api, ok } from "../api/client.js";
import { useCan } from "../api/session.js";
import type { Pool } from "../api/types.js";
import { ActionButton, field } from "../components/ActionButton.js";
import { ErrorMessage } from "../components/ErrorMessage.js";
import { TeamChoiceField, teamChoice } from "../components/teams/TeamChoice.js";
import { TeamCell, TeamHeader } from "../components/teams/TeamColumn.js";

/** The pool every task uses unless it names another; the API refuses to delete it. */
const defaultPool = "default_pool";

/** Pools: how many slots each has and how many its tasks take; Ops create, resize and delete them. */
export function PoolsView() {
  const canChange = useCan("Op");
  const pools = useQuery({
    queryKey: ["pools"],
    queryFn: () => ok(api.GET("/api/v1/pools", { params: { query: { limit: 10_000 } } })),
  });

  return (
    <>
      <div className="page-header">
        <h1>Pools</h1>
        {canChange ? (
          <ActionButton
            text="Create pool"
            kind="primary"
            title="Create pool"
            submitLabel="Create"
            run={(form) =>
              ok(
                api.POST("/api/v1/pools", {
                  body: {
                    name: field(form, "name"),
                    slots: Number(field(form, "slots")),
                    description: field(form, "description") || null,
                    ...teamChoice(form),
                  },
                }),
              )
            }
          >
            <label>
              Name
              <input name="name" required maxLength={256} autoComplete="off" />
            </label>
            <PoolFields />
            <TeamChoiceField />
          </ActionButton>
        ) : null}
      </div>
      {pools.isPending ? (
        <p className="page-status">Loading…</p>
      ) : pools.error ? (
        <ErrorMessage error={pools.error} />
      ) : (
        <table className="table named-rows">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col" className="numeric">
                Slots
              </th>
              <th scope="col" className="numeric">
                Running
              </th>
              <th scope="col" className="numeric">
                Queued
              </th>
              <th scope="col" className="numeric">
                Open
              </th>
              <th scope="col">Description</th>
              <TeamHeader />
              {canChange ? <th scope="col">Actions</th> : null}
            </tr>
          </thead>
          <tbody>
            {pools.data.pools.map((pool) => (
              <tr key={pool.name}>
                <th scope="row" className="mono">
                  {pool.name}
                </th>
                <td className="numeric">{pool.slots}</td>
                <td className="numeric">{pool.running_slots}</td>
                <td className="numeric">{pool.queued_slots}</td>
                <td className="numeric">{pool.open_slots}</td>
                <td>{pool.description ?? <span className="muted">—</span>}</td>
                <TeamCell of={pool} />
                {canChange ? (
                  <td>
                    <PoolActions pool={pool} />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** The fields a pool's creator sets and an Op may change later. */
function PoolFields({ pool }: { pool?: Pool }) {
  return (
    <>
      <label>
        Slots
        <input name="slots" type="number" min={0} step={1} required defaultValue={pool?.slots} />
      </label>
      <label>
        Description
        <input name="description" maxLength={10_000} defaultValue={pool?.description ?? ""} />
      </label>
    </>
  );
}

function PoolActions({ pool }: { pool: Pool }) {
  const path = { pool_name: pool.name };
  return (
    <div className="row-actions">
      <ActionButton
        text="Edit"
        label={`Edit ${pool.name}`}
        title={`Edit ${pool.name}`}
        submitLabel="Save"
        run={(form) =>
          ok(
            api.PATCH("/api/v1/pools/{pool_name}", {
              params: { path, query: { update_mask: "slots,description" } },
              body: {
                slots: Number(field(form, "slots")),
                description: field(form, "description") || null,
              },
            }),
          )
        }
      >
        <PoolFields pool={pool} />
      </ActionButton>
      {pool.name === defaultPool ? (
        <span className="muted">The default pool cannot be deleted.</span>
      ) : (
        <ActionButton
          text="Delete"
          label={`Delete ${pool.name}`}
          kind="danger"
          title={`Delete ${pool.name}`}
          submitLabel="Delete"
          run={() => ok(api.DELETE("/api/v1/pools/{pool_name}", { params: { path } }))}
        >
          <p>
            Delete pool <strong className="mono">{pool.name}</strong>? Tasks that still name it
            fail, saying so, until a pool of that name is created again.
          </p>
        </ActionButton>
      )}
    </div>
  );
}
