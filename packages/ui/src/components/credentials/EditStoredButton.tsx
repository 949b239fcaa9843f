import { queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ActionButton } from "../ActionButton.js";
import { ErrorMessage } from "../ErrorMessage.js";

/**
 * Edit for a record whose list leaves secrets out (a connection's extra, a variable's
 * value): the record is read when the form opens, and only the fields that differ from it
 * are sent, named in the PATCH's `update_mask`, so whatever the form did not change (a
 * write-only password above all) is kept.
 *
 * The form starts from that one answer and the edit is compared with it, so it is read
 * once per opening and never refreshed under the user, and it is dropped from memory when
 * the form closes.
 */
export function EditStoredButton<Stored, Changes extends object>({
  noun,
  id,
  read,
  fields,
  changes,
  patch,
}: {
  /** What is edited, for the button's accessible name: "connection". */
  noun: string;
  id: string;
  read: () => Promise<Stored>;
  fields: (stored: Stored) => ReactNode;
  /** The fields whose values differ from `stored`; throws, saying why, on bad input. */
  changes: (stored: Stored, form: FormData) => Changes;
  patch: (changes: Changes, updateMask: string) => Promise<unknown>;
}) {
  const client = useQueryClient();
  const query = storedQuery(noun, id, read);
  return (
    <ActionButton
      text="Edit"
      label={`Edit ${noun} ${id}`}
      title={`Edit ${id}`}
      submitLabel="Save"
      run={async (form) => {
        const stored = client.getQueryData(query.queryKey);
        if (stored === undefined) throw new Error(`The ${noun} has not loaded yet.`);
        const changed = changes(stored, form);
        const mask = Object.keys(changed);
        if (mask.length > 0) await patch(changed, mask.join(","));
      }}
    >
      <StoredFields query={query} fields={fields} />
    </ActionButton>
  );
}

function storedQuery<Stored>(noun: string, id: string, read: () => Promise<Stored>) {
  return queryOptions({
    queryKey: ["edit", noun, id],
    queryFn: read,
    staleTime: Number.POSITIVE_INFINITY,
    refetchInterval: false,
    gcTime: 0,
  });
}

function StoredFields<Stored>({
  query,
  fields,
}: {
  query: ReturnType<typeof storedQuery<Stored>>;
  fields: (stored: Stored) => ReactNode;
}) {
  const stored = useQuery(query);
  if (stored.isPending) return <p className="page-status">Loading…</p>;
  if (stored.error) return <ErrorMessage error={stored.error} />;
  return fields(stored.data);
}
