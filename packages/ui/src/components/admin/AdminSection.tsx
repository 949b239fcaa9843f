import { type ReactNode, useId } from "react";

/** One part of the Admin page (or one team on the Teams page): a region named by its heading, with the buttons that add to it. */
export function AdminSection({
  title,
  actions,
  children,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <section className="admin-section" aria-labelledby={headingId}>
      <div className="page-header">
        <h2 id={headingId}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
