/**
 * `/api/docs`: a readable page over `/api/v1/openapi.json`, self-contained (no scripts or
 * styles from elsewhere: control planes often run where the internet is not reachable).
 * It lists every operation by tag with its parameters, request body and answers.
 */
export const apiDocsPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Borda API</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 980px; padding: 1rem 1.5rem; color: #1b1f24; }
  h1 { font-size: 1.6rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #d0d7de; }
  details { border: 1px solid #d0d7de; border-radius: 6px; margin: .4rem 0; }
  summary { cursor: pointer; padding: .4rem .6rem; } summary:focus { outline: 2px solid #0969da; }
  .method { display: inline-block; min-width: 4.2rem; font-weight: 700; font-family: ui-monospace, monospace; }
  .get { color: #0550ae; } .post { color: #116329; } .patch { color: #7d4e00; } .delete { color: #a40e26; }
  code, pre { font-family: ui-monospace, monospace; font-size: 13px; }
  pre { background: #f6f8fa; padding: .6rem; overflow: auto; margin: .3rem .6rem .6rem; }
  .body { padding: 0 .6rem .6rem; } input { font: inherit; padding: .3rem; width: 100%; box-sizing: border-box; }
</style>
</head>
<body>
<h1>Borda API</h1>
<p>The REST API (<code>/api/v1</code>, shaped like Airflow's stable REST API v1, and <code>/api/v2</code>,
shaped like Airflow 3's, with its access tokens from <code>POST /auth/token</code>) and the worker API
(<code>/edge/v1</code>; worker tokens). Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p>
<label for="filter">Filter operations</label>
<input id="filter" type="search" placeholder="e.g. dagRuns, pools, POST">
<main id="operations" aria-live="polite">Loading…</main>
<script>
const main = document.getElementById("operations");
const text = (tag, content, className) => { const el = document.createElement(tag); el.textContent = content; if (className) el.className = className; return el; };
const json = (value) => text("pre", JSON.stringify(value, null, 2));
fetch("/api/v1/openapi.json").then((r) => r.json()).then((doc) => {
  main.textContent = "";
  const byTag = new Map();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = (op.tags && op.tags[0]) || "other";
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push({ path, method, op });
    }
  }
  for (const [tag, ops] of [...byTag].sort()) {
    const section = document.createElement("section");
    section.append(text("h2", tag));
    for (const { path, method, op } of ops) {
      const item = document.createElement("details");
      item.dataset.search = (method + " " + path + " " + tag).toLowerCase();
      const summary = document.createElement("summary");
      summary.append(text("span", method.toUpperCase(), "method " + method), text("code", path));
      const body = document.createElement("div");
      body.className = "body";
      if (op.parameters && op.parameters.length) { body.append(text("h3", "Parameters"), json(op.parameters.map((p) => ({ in: p.in, name: p.name, required: !!p.required, schema: p.schema })))); }
      const request = op.requestBody && op.requestBody.content && op.requestBody.content["application/json"];
      if (request) body.append(text("h3", "Request body"), json(request.schema));
      for (const [status, answer] of Object.entries(op.responses || {})) {
        const content = answer.content && answer.content["application/json"];
        body.append(text("h3", "Answer " + status), content ? json(content.schema) : text("p", answer.description || ""));
      }
      item.append(summary, body);
      section.append(item);
    }
    main.append(section);
  }
}).catch((error) => { main.textContent = "Could not load the API description: " + error; });
document.getElementById("filter").addEventListener("input", (event) => {
  const needle = event.target.value.toLowerCase();
  for (const item of document.querySelectorAll("details")) item.hidden = needle !== "" && !item.dataset.search.includes(needle);
});
</script>
</body>
</html>
`;
