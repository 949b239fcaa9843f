import { useEffect, useReducer } from "react";
import { ApiError, api, ok } from "../../api/client.js";

/** One log line, its leading timestamp apart (the worker stamps every line it writes). */
export interface LogLine {
  timestamp: string | null;
  message: string;
}

/** The lines of one piece of the stream; pieces never change once received. */
export interface LogBlock {
  /** Index of the block's first line in the whole log: a stable key. */
  first: number;
  lines: readonly LogLine[];
}

export type LogStatus = "connecting" | "following" | "complete";

interface LogState {
  /** The log as received, for downloading. */
  text: string;
  blocks: readonly LogBlock[];
  lineCount: number;
  /** The text after the last newline: a line still being written. */
  partial: string;
  status: LogStatus;
  error: unknown;
}

type LogEvent =
  | { type: "open" }
  | { type: "append"; content: string }
  | { type: "end" }
  | { type: "lost" }
  | { type: "failed"; error: unknown };

/**
 * Each line of worker output starts with the ISO instant the worker wrote it at (see
 * packages/worker/src/spool/attemptSpool.ts: `<instant> [stderr] |[borda] <text>`).
 */
const stamped = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z) (.*)$/;

function toLine(text: string): LogLine {
  const match = stamped.exec(text);
  return match
    ? { timestamp: match[1] ?? null, message: match[2] ?? "" }
    : { timestamp: null, message: text };
}

function withLines(state: LogState, texts: string[]): Pick<LogState, "blocks" | "lineCount"> {
  if (texts.length === 0) return state;
  return {
    blocks: [...state.blocks, { first: state.lineCount, lines: texts.map(toLine) }],
    lineCount: state.lineCount + texts.length,
  };
}

function reduce(state: LogState, event: LogEvent): LogState {
  switch (event.type) {
    case "open":
      return { ...state, status: "following", error: null };
    case "append": {
      const texts = (state.partial + event.content).split("\n");
      const partial = texts.pop() ?? "";
      return { ...state, ...withLines(state, texts), text: state.text + event.content, partial };
    }
    case "end":
      return {
        ...state,
        ...withLines(state, state.partial === "" ? [] : [state.partial]),
        partial: "",
        status: "complete",
      };
    case "lost":
      return { ...state, status: "connecting" };
    case "failed":
      return { ...state, error: event.error };
  }
}

const initial: LogState = {
  text: "",
  blocks: [],
  lineCount: 0,
  partial: "",
  status: "connecting",
  error: null,
};

/** How long to wait before reconnecting a stream that broke off. */
const reconnectMs = 2_000;

/**
 * A try's log, followed live: the server's event stream sends the log so far, then each
 * new piece as the worker ships it (`event: log`, data `{content}`, id a continuation
 * token), and `event: end` once the try is over and its log read to the end. A stream
 * that breaks off is reopened from the last token received, not left to EventSource's
 * own reconnect, which would start the log over. One that never opened is asked again as
 * JSON, to say why: the API's refusal (no such try, the session ended) is final; while the
 * server cannot be reached, the stream is retried.
 */
export function useLogStream(target: {
  dagId: string;
  runId: string;
  taskId: string;
  /** Of a mapped task; -1 for a task that is not. */
  mapIndex: number;
  tryNumber: number;
}) {
  const [state, dispatch] = useReducer(reduce, initial);
  const { dagId, runId, taskId, mapIndex, tryNumber } = target;

  useEffect(() => {
    const path = {
      dag_id: dagId,
      dag_run_id: runId,
      task_id: taskId,
      task_try_number: tryNumber,
    };
    const url = `/api/v1/dags/${encodeURIComponent(dagId)}/dagRuns/${encodeURIComponent(runId)}/taskInstances/${encodeURIComponent(taskId)}/logs/${tryNumber}`;
    const mapped = mapIndex >= 0 ? { map_index: mapIndex } : {};
    let source: EventSource | null = null;
    let token = "";
    let retry: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    const reconnectLater = () => {
      retry = setTimeout(connect, reconnectMs);
    };
    function connect() {
      const query = new URLSearchParams();
      if (mapIndex >= 0) query.set("map_index", String(mapIndex));
      if (token) query.set("token", token);
      const stream = new EventSource(query.size > 0 ? `${url}?${query}` : url);
      source = stream;
      let opened = false;
      stream.onopen = () => {
        opened = true;
        dispatch({ type: "open" });
      };
      stream.addEventListener("log", (event) => {
        token = event.lastEventId;
        dispatch({
          type: "append",
          content: (JSON.parse(event.data) as { content: string }).content,
        });
      });
      stream.addEventListener("end", () => {
        stream.close();
        dispatch({ type: "end" });
      });
      stream.onerror = () => {
        stream.close();
        if (stopped) return;
        dispatch({ type: "lost" });
        if (opened) {
          reconnectLater();
          return;
        }
        ok(
          api.GET(
            "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/logs/{task_try_number}",
            { params: { path, query: { ...mapped, ...(token ? { token } : {}) } } },
          ),
        ).then(
          () => {
            if (!stopped) reconnectLater();
          },
          (error: unknown) => {
            if (stopped) return;
            dispatch({ type: "failed", error });
            // The API's refusal is final; an unreachable server may come back.
            if (!(error instanceof ApiError)) reconnectLater();
          },
        );
      };
    }

    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
  }, [dagId, runId, taskId, mapIndex, tryNumber]);

  return state;
}
