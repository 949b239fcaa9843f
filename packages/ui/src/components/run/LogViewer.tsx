import {
  memo,
  type ReactNode,
  useDeferredValue,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { ErrorMessage } from "../ErrorMessage.js";
import { type LogBlock, type LogLine, useLogStream } from "./useLogStream.js";

/** Within this many pixels of the bottom, the log counts as scrolled to the end and follows. */
const bottomSlackPx = 24;

const statusText = {
  connecting: "Connecting…",
  following: "Following live…",
  complete: "Log complete",
} as const;

/** A case-insensitive pattern for the search text; capturing, so `split` keeps the matches. */
function searchPattern(text: string): RegExp | null {
  return text === "" ? null : new RegExp(`(${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")})`, "i");
}

/** `split` with a capturing pattern alternates text and matches: matches sit at odd indices. */
const matchCount = (text: string, pattern: RegExp) => (text.split(pattern).length - 1) / 2;

function highlighted(text: string, pattern: RegExp | null): ReactNode {
  if (!pattern) return text;
  const parts = text.split(pattern);
  if (parts.length === 1) return text;
  // Parts never reorder, so their index is a stable key.
  return parts.map((part, index) =>
    // biome-ignore lint/suspicious/noArrayIndexKey: see above
    index % 2 === 1 ? <mark key={index}>{part}</mark> : part,
  );
}

function scrollToEnd(element: HTMLElement | null) {
  if (element) element.scrollTop = element.scrollHeight;
}

/** The text of a line as shown: with its timestamp or without. */
const shownParts = (line: LogLine, timestamps: boolean) =>
  timestamps && line.timestamp !== null ? [line.timestamp, line.message] : [line.message];

/**
 * A try's log: live while the try runs, searchable, with or without the worker's
 * timestamps, and downloadable. New pieces are appended as blocks that never re-render,
 * so following a long log costs only what arrives.
 */
export function LogViewer({
  dagId,
  runId,
  taskId,
  mapIndex,
  tryNumber,
}: {
  dagId: string;
  runId: string;
  taskId: string;
  /** Of a mapped task; -1 for a task that is not. */
  mapIndex: number;
  tryNumber: number;
}) {
  const log = useLogStream({ dagId, runId, taskId, mapIndex, tryNumber });
  const [search, setSearch] = useState("");
  const [onlyMatching, setOnlyMatching] = useState(false);
  const [timestamps, setTimestamps] = useState(true);
  const deferredSearch = useDeferredValue(search);
  const pattern = useMemo(() => searchPattern(deferredSearch), [deferredSearch]);
  const matches = useMemo(() => {
    if (!pattern) return 0;
    let count = 0;
    for (const block of log.blocks) {
      for (const line of block.lines) {
        for (const part of shownParts(line, timestamps)) count += matchCount(part, pattern);
      }
    }
    return count;
  }, [log.blocks, pattern, timestamps]);

  // Follows the end of the log unless the user scrolled up to read; scrolling back down
  // to the end follows again.
  const box = useRef<HTMLDivElement>(null);
  const [atEnd, setAtEnd] = useState(true);
  useLayoutEffect(() => {
    if (atEnd && log.blocks.length > 0) scrollToEnd(box.current);
  }, [log.blocks, atEnd]);

  function download() {
    const url = URL.createObjectURL(new Blob([log.text], { type: "text/plain;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    const task = mapIndex >= 0 ? `${taskId}__${mapIndex}` : taskId;
    link.download = `${dagId}__${runId}__${task}__${tryNumber}.log`;
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <>
      <div className="toolbar">
        <label>
          Search log
          <input type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
        </label>
        <label className="inline">
          <input
            type="checkbox"
            checked={onlyMatching}
            onChange={(event) => setOnlyMatching(event.target.checked)}
          />
          Only matching lines
        </label>
        <label className="inline">
          <input
            type="checkbox"
            checked={timestamps}
            onChange={(event) => setTimestamps(event.target.checked)}
          />
          Show timestamps
        </label>
        <button type="button" className="button" onClick={download}>
          Download
        </button>
        {pattern ? (
          <span role="status">{matches === 1 ? "1 match" : `${matches} matches`}</span>
        ) : null}
      </div>
      {log.error ? (
        <ErrorMessage error={log.error} />
      ) : (
        <p className="log-status" role="status">
          {statusText[log.status]}
          {log.status === "complete" && log.lineCount === 0 ? " (the log is empty)" : null}
        </p>
      )}
      <div
        ref={box}
        className="log"
        role="log"
        aria-label="Log output"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: it scrolls, so keyboard users must reach it to scroll it
        tabIndex={0}
        onScroll={(event) => {
          const element = event.currentTarget;
          setAtEnd(
            element.scrollHeight - element.scrollTop - element.clientHeight <= bottomSlackPx,
          );
        }}
      >
        {log.blocks.map((block) => (
          <LogBlockLines
            key={block.first}
            block={block}
            pattern={pattern}
            timestamps={timestamps}
            onlyMatching={onlyMatching}
          />
        ))}
      </div>
      {!atEnd && log.status === "following" ? (
        <button type="button" className="button" onClick={() => scrollToEnd(box.current)}>
          Follow the end
        </button>
      ) : null}
    </>
  );
}

const LogBlockLines = memo(function LogBlockLines({
  block,
  pattern,
  timestamps,
  onlyMatching,
}: {
  block: LogBlock;
  pattern: RegExp | null;
  timestamps: boolean;
  onlyMatching: boolean;
}) {
  return block.lines.map((line, index) => {
    if (onlyMatching && pattern && !shownParts(line, timestamps).some((p) => pattern.test(p))) {
      return null;
    }
    const stamp = timestamps ? line.timestamp : null;
    return (
      // Lines of a block never change or move.
      // biome-ignore lint/suspicious/noArrayIndexKey: see above
      <div key={index} className="log-line">
        {stamp === null ? null : <span className="timestamp">{highlighted(stamp, pattern)} </span>}
        {highlighted(line.message, pattern)}
      </div>
    );
  });
});
