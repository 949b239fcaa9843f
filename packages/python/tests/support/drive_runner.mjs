// Starts the Python runner the way the worker does (packages/worker/src/runner/
// runnerProcess.ts: stdio ignore/pipe/pipe/ipc, Node's default "json" serialization) and
// relays between it and a test, in JSON lines:
//   stdin:  {"send": message} | {"disconnect": true}
//   stdout: {"event": "message", "message"} | {"event": "output", "stream", "text"}
//           | {"event": "exit", "code", "signal"}
// Usage: node drive_runner.mjs <python> <bundle.zip>
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

const [python, bundle] = process.argv.slice(2);
const child = spawn(python, ["-m", "borda._runtime.runner", bundle], {
  stdio: ["ignore", "pipe", "pipe", "ipc"],
});
const emit = (event) => process.stdout.write(`${JSON.stringify(event)}\n`);

for (const stream of ["stdout", "stderr"]) {
  child[stream].setEncoding("utf8");
  child[stream].on("data", (text) => emit({ event: "output", stream, text }));
}
child.on("message", (message) => emit({ event: "message", message }));
child.on("exit", (code, signal) => {
  // Let the pipes drain before reporting, so every output event comes first.
  setTimeout(() => {
    emit({ event: "exit", code, signal });
    process.exit(0);
  }, 100);
});

createInterface({ input: process.stdin }).on("line", (line) => {
  const command = JSON.parse(line);
  if (command.send) child.send(command.send);
  if (command.disconnect) child.disconnect();
});
