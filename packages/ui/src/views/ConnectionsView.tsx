import { useQuery } from "@tanstack/react-query";
import { api, ok } from "../api/client.js";
import { useCan } from "../api/session.js";
import type { ListedConnection } from "../api/types.js";
import { ActionButton, field } from "../components/ActionButton.js";
import { ConnectionFields } from "../components/credentials/ConnectionFields.js";
import { connectionChanges, connectionInput } from "../components/credentials/connectionInput.js";
import { EditStoredButton } from "../components/credentials/EditStoredButton.js";
import { IdField } from "../components/credentials/IdField.js";
import { QueueScope } from "../components/credentials/QueueScope.js";
import { ErrorMessage } from "../components/ErrorMessage.js";
import { TeamChoiceField, teamChoice } from "../components/teams/TeamChoice.js";
import { TeamCell, TeamHeader } from "../components/teams/TeamColumn.js";

/**
 * Connections (Airflow's Admin → Connections): what tasks reach and with which credentials,
 * each readable by tasks on the queues it names. Ops and Admins manage them, as the API allows.
 */
export function ConnectionsView() {
  const canManage = useCan("Op");
  return (
    <>
      <div className="page-header">
        <h1>Connections</h1>
        {canManage ? <CreateConnectionButton /> : null}
      </div>
      {canManage ? (
        <ConnectionTable />
      ) : (
        <p className="muted">Only Ops and Admins manage connections.</p>
      )}
    </>
  );
}

function CreateConnectionButton() {
  return (
    <ActionButton
      text="Create connection"
      kind="primary"
      title="Create connection"
      submitLabel="Create"
      run={(form) =>
        ok(
          api.POST("/api/v1/connections", {
            body: {
              connection_id: field(form, "connection_id"),
              ...connectionInput(form),
              ...teamChoice(form),
            },
          }),
        )
      }
    >
      <IdField label="Connection id" name="connection_id" />
      <ConnectionFields />
      <TeamChoiceField />
    </ActionButton>
  );
}

function ConnectionTable() {
  const connections = useQuery({
    queryKey: ["connections"],
    queryFn: () => ok(api.GET("/api/v1/connections", { params: { query: { limit: 10_000 } } })),
  });
  if (connections.isPending) return <p className="page-status">Loading…</p>;
  if (connections.error) return <ErrorMessage error={connections.error} />;
  if (connections.data.connections.length === 0) {
    return <p className="muted">No connections yet.</p>;
  }
  return (
    <div className="table-scroll">
      <table className="table named-rows">
        <thead>
          <tr>
            <th scope="col">Connection id</th>
            <th scope="col">Type</th>
            <th scope="col">Host</th>
            <th scope="col" className="numeric">
              Port
            </th>
            <th scope="col">Login</th>
            <th scope="col">Password</th>
            <th scope="col">Queues</th>
            <th scope="col">Description</th>
            <TeamHeader />
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {connections.data.connections.map((connection) => (
            <ConnectionRow key={connection.connection_id} connection={connection} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

const none = <span className="muted">—</span>;

function ConnectionRow({ connection }: { connection: ListedConnection }) {
  const id = connection.connection_id;
  return (
    <tr>
      <th scope="row" className="mono">
        {id}
      </th>
      <td className="mono">{connection.conn_type}</td>
      <td className="mono">{connection.host ?? none}</td>
      <td className="numeric">{connection.port ?? none}</td>
      <td className="mono">{connection.login ?? none}</td>
      <td>{connection.has_password ? "set" : none}</td>
      <td>
        <QueueScope owner={id} queues={connection.queues} />
      </td>
      <td>{connection.description ?? none}</td>
      <TeamCell of={connection} />
      <td>
        <div className="row-actions">
          <EditStoredButton
            noun="connection"
            id={id}
            read={() =>
              ok(
                api.GET("/api/v1/connections/{connection_id}", {
                  params: { path: { connection_id: id } },
                }),
              )
            }
            fields={(stored) => <ConnectionFields connection={stored} connectionId={id} />}
            changes={(stored, form) => connectionChanges(stored, connectionInput(form))}
            patch={(changes, updateMask) =>
              ok(
                api.PATCH("/api/v1/connections/{connection_id}", {
                  params: { path: { connection_id: id }, query: { update_mask: updateMask } },
                  body: changes,
                }),
              )
            }
          />
          <ActionButton
            text="Delete"
            label={`Delete connection ${id}`}
            kind="danger"
            title={`Delete ${id}`}
            submitLabel="Delete"
            run={() =>
              ok(
                api.DELETE("/api/v1/connections/{connection_id}", {
                  params: { path: { connection_id: id } },
                }),
              )
            }
          >
            <p>
              Delete connection <strong className="mono">{id}</strong>? Tasks that use it are told
              it does not exist, until a connection of that id is created again.
            </p>
          </ActionButton>
        </div>
      </td>
    </tr>
  );
}
