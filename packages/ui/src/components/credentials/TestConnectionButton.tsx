import { useMutation } from "@tanstack/react-query";
import { api, ok } from "../../api/client.js";
import { field } from "../ActionButton.js";
import { ErrorMessage } from "../ErrorMessage.js";
import { connectionInput } from "./connectionInput.js";

/**
 * Tests the connection as the form holds it, saved or not (Airflow's Test button): the
 * control plane opens a TCP connection to its host and port and says how that went. The
 * server may have testing switched off; its refusal says how to switch it on.
 */
export function TestConnectionButton({ connectionId }: { connectionId: string | undefined }) {
  // Not useAction: a test changes nothing, so there is nothing to re-read.
  const test = useMutation({
    mutationFn: (form: FormData) => {
      const { password, ...input } = connectionInput(form);
      return ok(
        api.POST("/api/v1/connections/test", {
          body: {
            ...input,
            connection_id: connectionId ?? field(form, "connection_id"),
            // A removal asked for is not a password to test with.
            ...(password ? { password } : {}),
          },
        }),
      );
    },
  });
  return (
    <div className="connection-test">
      <button
        type="button"
        className="button"
        disabled={test.isPending}
        aria-busy={test.isPending}
        onClick={(event) => {
          const form = event.currentTarget.form;
          if (form) test.mutate(new FormData(form));
        }}
      >
        Test
      </button>
      <p role="status" className={test.data?.status === false ? "field-problem" : undefined}>
        {test.data ? `${test.data.status ? "Reached" : "Not reached"}: ${test.data.message}` : ""}
      </p>
      {test.error ? <ErrorMessage title="Not tested" error={test.error} /> : null}
    </div>
  );
}
