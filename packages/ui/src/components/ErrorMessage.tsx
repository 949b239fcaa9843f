/** An API or network error, said in words where the content would have been. */
export function ErrorMessage({ error, title }: { error: unknown; title?: string }) {
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="error-message" role="alert">
      {title ? <strong>{title}: </strong> : null}
      {message}
    </div>
  );
}
