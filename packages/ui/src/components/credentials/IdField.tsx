/** A new connection's id or variable's key, by Airflow's rule: letters, digits, `_`, `.`, `-`. */
export function IdField({ label, name }: { label: string; name: string }) {
  return (
    <label>
      {label}
      <input
        name={name}
        required
        maxLength={250}
        pattern="[A-Za-z0-9_.\-]+"
        title="Letters, digits, '_', '.' and '-'"
        autoComplete="off"
      />
    </label>
  );
}
