/**
 * What a worker's name, a queue pattern and a secret's id may be: one home for each rule,
 * read by the zod schemas the control plane checks requests with and by the worker's own
 * checks, which load no zod (docs/internals.md, "The worker loads no zod").
 */

export const workerNamePattern = /^[A-Za-z0-9_.-]{1,200}$/;
export const workerNameRule = "use letters, digits, '_', '.' or '-' (at most 200 characters)";

/** A queue name, or a pattern where `*` stands for any run of characters (`team_a_*`). */
export const queuePattern = /^[A-Za-z0-9_.*-]{1,250}$/;
export const queuePatternRule = "use letters, digits, '_', '.', '-' and '*' wildcards";

/**
 * A connection's id or a variable's key: Airflow's characters. It names environment
 * variables and files on a worker, so it is never a path.
 */
export const secretIdPattern = /^[A-Za-z0-9_.-]+$/;
export const secretIdRule = "letters, digits, '_', '.' and '-' only";
export const maxSecretIdChars = 250;

export function isSecretId(id: string): boolean {
  return id.length <= maxSecretIdChars && secretIdPattern.test(id);
}
