import { useEffect, useId, useRef, useState } from "react";

/**
 * A text filter kept in the URL. The input holds what the user types and writes it to the
 * URL as they type; it follows the URL only while it has no focus (a link or Back changed
 * it), so a slow navigation never overwrites keystrokes.
 */
export function TextFilter({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(value ?? "");
  useEffect(() => {
    if (document.activeElement !== input.current) setText(value ?? "");
  }, [value]);
  return (
    <label>
      {label}
      <input
        ref={input}
        type="search"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          onChange(event.target.value.trim() || undefined);
        }}
      />
    </label>
  );
}

/**
 * A choice among states kept in the URL; "Any" removes it. The label points at the select
 * rather than wrapping it, so the select's name is "State", not "State" plus its options.
 */
export function StateFilter({
  value,
  states,
  onChange,
}: {
  value: string | undefined;
  states: readonly string[];
  onChange: (value: string | undefined) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>State</label>
      <select
        id={id}
        value={value ?? ""}
        onChange={(event) => onChange(event.target.value || undefined)}
      >
        <option value="">Any</option>
        {states.map((state) => (
          <option key={state} value={state}>
            {state.replaceAll("_", " ")}
          </option>
        ))}
      </select>
    </div>
  );
}
