import type { FetchResponse, NextJobsRequest } from "@borda/protocol/edge";

/**
 * What an attempt's final report asks for besides recording the result (protocol 1.5): the
 * worker's next jobs, for the slots the attempt frees (`ControlPlaneLoops.askForNext`).
 */
export interface NextJobsAsk {
  /** Sent as the report's `next`, with its first send only. */
  request: NextJobsRequest;
  /**
   * Called once: with the answer's `next` when the report was answered with one; with
   * undefined when it was not (a 1.4 control plane), failed, or was never sent. The slots
   * go back to the fetch loop either way.
   */
  settled(next: FetchResponse | undefined): void;
}
