/**
 * The Pythons that hold Apache Airflow's official clients, one per session, which
 * `scripts/airflow-clients.sh <session>` makes and `.ci/run` exports. Without one, the
 * session is skipped with a message saying how to run it; except under CI=true, where a
 * missing client fails unless `.ci/run` found PyPI unreachable
 * (BORDA_AIRFLOW_CLIENTS_SKIPPED says so).
 */

export const sessions = {
  v1: { env: "BORDA_AIRFLOW_CLIENT_V1_PYTHON", client: "apache-airflow-client 2.x on /api/v1" },
  v2: { env: "BORDA_AIRFLOW_CLIENT_V2_PYTHON", client: "apache-airflow-client 3.x on /api/v2" },
  ctl: { env: "BORDA_AIRFLOW_CLIENT_CTL_PYTHON", client: "airflowctl on /api/v2" },
} as const;

export type Session = keyof typeof sessions;

export type ClientPython =
  | { python: string; skip: null; missing: null }
  | { python: null; skip: string; missing: null }
  | { python: null; skip: null; missing: string };

export function clientPython(session: Session): ClientPython {
  const { env } = sessions[session];
  const python = process.env[env];
  if (python) return { python, skip: null, missing: null };
  const setUp = `run scripts/airflow-clients.sh ${session} and set ${env} to the python it prints (.ci/run does both)`;
  const skipped = process.env.BORDA_AIRFLOW_CLIENTS_SKIPPED;
  if (skipped) return { python: null, skip: skipped, missing: null };
  if (process.env.CI === "true") {
    return { python: null, skip: null, missing: `${env} is not set under CI=true: ${setUp}` };
  }
  return { python: null, skip: `${env} is not set: ${setUp}`, missing: null };
}
