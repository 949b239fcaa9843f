import { useRef, useState } from "react";

/**
 * A token's secret, in the one answer that carries it: the API never shows it again, so
 * the page keeps it until the user says they are done, and offers to copy it.
 */
export function OnceSecret({
  label,
  secret,
  onDone,
}: {
  label: string;
  secret: string;
  onDone: () => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");

  async function copySecret() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopy("copied");
    } catch {
      // The clipboard needs a secure context (https or localhost); selecting the text
      // leaves the user one key press from copying it themselves.
      input.current?.select();
      setCopy("failed");
    }
  }

  return (
    <div className="panel once-secret">
      <label>
        {label}
        <input
          ref={input}
          className="mono"
          readOnly
          value={secret}
          onFocus={(event) => event.currentTarget.select()}
        />
      </label>
      <p>
        <strong>Copy it now: it is not shown again.</strong>
      </p>
      <div className="toolbar">
        <button type="button" className="button primary" onClick={() => void copySecret()}>
          Copy
        </button>
        <button type="button" className="button" onClick={onDone}>
          Done
        </button>
        <span role="status">
          {copy === "copied"
            ? "Copied."
            : copy === "failed"
              ? "The browser did not allow copying; the token is selected, press Ctrl+C (⌘C)."
              : ""}
        </span>
      </div>
    </div>
  );
}
