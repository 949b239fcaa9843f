import { useQuery } from "@tanstack/react-query";
import { api, ok } from "../../api/client.js";
import { ErrorMessage } from "../ErrorMessage.js";

/**
 * The source of the DAG's file, then of the Python files its tasks run (helper modules, a
 * TypeScript DAG's python() files), each numbered; the numbers are not part of what is copied.
 */
export function DagCode({
  dagId,
  fileToken,
  fileloc,
}: {
  dagId: string;
  fileToken: string;
  fileloc: string;
}) {
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
  return (
    <>
      {source.error ? <ErrorMessage error={source.error} /> : null}
      <SourceFile path={fileloc} content={source.data.content} />
      <PythonSources dagId={dagId} />
    </>
  );
}

function PythonSources({ dagId }: { dagId: string }) {
  const sources = useQuery({
    queryKey: ["dag-python-sources", dagId],
    queryFn: () =>
      ok(api.GET("/api/v1/dags/{dag_id}/pythonSources", { params: { path: { dag_id: dagId } } })),
    refetchInterval: 30_000,
  });
  if (sources.error) return <ErrorMessage error={sources.error} />;
  return (
    <>
      {sources.data?.files.map((file) => (
        <SourceFile key={file.path} path={file.path} content={file.content} />
      ))}
    </>
  );
}

function SourceFile({ path, content }: { path: string; content: string }) {
  const lines = content.replace(/\n$/, "").split("\n");
  return (
    <figure className="dag-code">
      <figcaption className="mono">{path}</figcaption>
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
