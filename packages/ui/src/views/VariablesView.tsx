import { useQuery } from "@tanstack/react-query";
import { api, ok } from "../api/client.js";
import { useCan } from "../api/session.js";
import type { ListedVariable } from "../api/types.js";
import { ActionButton, field } from "../components/ActionButton.js";
import { EditStoredButton } from "../components/credentials/EditStoredButton.js";
import { IdField } from "../components/credentials/IdField.js";
import { QueueScope } from "../components/credentials/QueueScope.js";
import { VariableFields } from "../components/credentials/VariableFields.js";
import { variableChanges, variableInput } from "../components/credentials/variableInput.js";
import { ErrorMessage } from "../components/ErrorMessage.js";
import { TeamChoiceField, teamChoice } from "../components/teams/TeamChoice.js";
import { TeamCell, TeamHeader } from "../components/teams/TeamColumn.js";

/**
 * Variables (Airflow's Admin → Variables): values tasks read by key, each readable by tasks
 * on the queues it names. The list leaves values out, as the API does; a value is read
 * when its edit form opens. Ops and Admins manage them, as the API allows.
 */
export function VariablesView() {
  const canManage = useCan("Op");
  return (
    <>
      <div className="page-header">
        <h1>Variables</h1>
        {canManage ? <CreateVariableButton /> : null}
      </div>
      {canManage ? (
        <VariableTable />
      ) : (
        <p className="muted">Only Ops and Admins manage variables.</p>
      )}
    </>
  );
}

function CreateVariableButton() {
  return (
    <ActionButton
      text="Create variable"
      kind="primary"
      title="Create variable"
      submitLabel="Create"
      run={(form) => {
        const { value = "", ...input } = variableInput(form);
        return ok(
          api.POST("/api/v1/variables", {
            body: { key: field(form, "key"), value, ...input, ...teamChoice(form) },
          }),
        );
      }}
    >
      <IdField label="Key" name="key" />
      <VariableFields />
      <TeamChoiceField />
    </ActionButton>
  );
}

function VariableTable() {
  const variables = useQuery({
    queryKey: ["variables"],
    queryFn: () => ok(api.GET("/api/v1/variables", { params: { query: { limit: 10_000 } } })),
  });
  if (variables.isPending) return <p className="page-status">Loading…</p>;
  if (variables.error) return <ErrorMessage error={variables.error} />;
  if (variables.data.variables.length === 0) return <p className="muted">No variables yet.</p>;
  return (
    <table className="table named-rows">
      <thead>
        <tr>
          <th scope="col">Key</th>
          <th scope="col">Description</th>
          <th scope="col">Queues</th>
          <TeamHeader />
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {variables.data.variables.map((variable) => (
          <VariableRow key={variable.key} variable={variable} />
        ))}
      </tbody>
    </table>
  );
}

function VariableRow({ variable }: { variable: ListedVariable }) {
  const key = variable.key;
  const path = { variable_key: key };
  return (
    <tr>
      <th scope="row" className="mono">
        {key}
      </th>
      <td>{variable.description ?? <span className="muted">—</span>}</td>
      <td>
        <QueueScope owner={key} queues={variable.queues} />
      </td>
      <TeamCell of={variable} />
      <td>
        <div className="row-actions">
          <EditStoredButton
            noun="variable"
            id={key}
            read={() => ok(api.GET("/api/v1/variables/{variable_key}", { params: { path } }))}
            fields={(stored) => <VariableFields variable={stored} />}
            changes={(stored, form) => variableChanges(stored, variableInput(form))}
            patch={(changes, updateMask) =>
              ok(
                api.PATCH("/api/v1/variables/{variable_key}", {
                  params: { path, query: { update_mask: updateMask } },
                  body: changes,
                }),
              )
            }
          />
          <ActionButton
            text="Delete"
            label={`Delete variable ${key}`}
            kind="danger"
            title={`Delete ${key}`}
            submitLabel="Delete"
            run={() => ok(api.DELETE("/api/v1/variables/{variable_key}", { params: { path } }))}
          >
            <p>
              Delete variable <strong className="mono">{key}</strong>? Tasks that read it are told
              it does not exist, until a variable of that key is created again.
            </p>
          </ActionButton>
        </div>
      </td>
    </tr>
  );
}
