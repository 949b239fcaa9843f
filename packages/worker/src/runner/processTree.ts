/**
 * Every process the worker starts for a task is spawned `detached`, which makes it the
 * leader of a new process group; everything it starts (a shell's commands, a task's
 * `sleep 1000`) joins that group unless it leaves on purpose. Signalling the negative pid
 * reaches the whole group, so a timeout or a cancel ends the task's whole tree.
 */
export function signalProcessGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch (error) {
    // ESRCH: the group is gone already.
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}
