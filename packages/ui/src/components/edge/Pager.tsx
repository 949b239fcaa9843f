/** "Showing 101–200 of 345" with Previous and Next, for a list the API answers a page at a time. */
export function Pager({
  label = "Pages",
  offset,
  limit,
  shown,
  total,
  onOffset,
}: {
  /** The navigation's name, when a page holds more than one list. */
  label?: string;
  offset: number;
  limit: number;
  /** How many items the current page holds. */
  shown: number;
  total: number;
  onOffset: (offset: number) => void;
}) {
  return (
    <nav className="toolbar pager" aria-label={label}>
      <button
        type="button"
        className="button"
        disabled={offset === 0}
        onClick={() => onOffset(Math.max(0, offset - limit))}
      >
        Previous
      </button>
      <span role="status">
        Showing {offset + 1}–{offset + shown} of {total}
      </span>
      <button
        type="button"
        className="button"
        disabled={offset + limit >= total}
        onClick={() => onOffset(offset + limit)}
      >
        Next
      </button>
    </nav>
  );
}
