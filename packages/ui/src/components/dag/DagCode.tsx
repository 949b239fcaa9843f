import { useQuery } from "@tanstack/react-query";
import { api, ok } from "../../api/client.js";
import { ErrorMessage } from "../ErrorMessage.js";

/** The source of the DAG's file, numbered; the numbers are not part of what is copied. */
export function DagCode({ fileToken, fileloc }: { fileToken: string; fileloc: string }) {
  const source = useQuery({
    queryKey: ["dag-source", fileToken],
    queryFn: () =>
      ok(
        api.GET("/api/v1/dagSources/{file_token}", { params: { path: { file_token: fileToken } } }),
      ),
    // A file changes when it is deployed again, seldom enough that a slower refresh will do.
    refetchInterval: 30_000,
  });
  if (!source.data) {
    return source.error ? <ErrorMessage error={source.error} /> : <p className="muted">Loading…</p>;
  }
  const lines = source.data.content.replace(/\n$/, "").split("\n");
  return (
    <figure className="dag-code">
      {source.error ? <ErrorMessage error={source.error} /> : null}
      <figcaption className="mono">{fileloc}</figcaption>
      <pre>
        {lines.map((line, index) => (
          // Lines have no identity beyond their position in this one rendering.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <span className="code-line" key={index}>
            <span className="line-number" aria-hidden="true">
              {index + 1}
            </span>
            {`${line}\n`}
          </span>
        ))}
      </pre>
    </figure>
  );
}
