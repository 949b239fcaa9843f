import { BordaError, ErrorCode } from "@borda/protocol";
import type { StoreContext } from "./storeContext.js";

/**
 * Task logs, per attempt, in chunks addressed by their byte offset (UTF-8) in the whole
 * log (invariant 5). A chunk at the log's end is appended; one the log already holds is
 * acknowledged without change, so a worker may resend after a lost answer; a chunk past
 * the end (a gap) is refused with the offset expected, and the worker resends from there.
 *
 * A sensor's later poke continues its try's log: its worker counts from 0, and `base`
 * (where the poke's log starts, the attempt's `logOffset`) is added to what it sends and
 * taken from what it is told.
 */

export async function appendLogChunk(
  ctx: StoreContext,
  attemptId: string,
  chunk: { offset: number; data: string },
  at: Date,
  base = 0,
): Promise<{ nextOffset: number }> {
  const length = Buffer.byteLength(chunk.data, "utf8");
  const offset = base + chunk.offset;
  return ctx.write(async (trx) => {
    const end = await logEnd(trx, attemptId);
    if (offset + length <= end) return { nextOffset: end - base };
    if (offset !== end) {
      const expected = end - base;
      throw new BordaError(
        ErrorCode.conflict,
        `Log chunk at offset ${chunk.offset} does not continue the log of attempt '${attemptId}', which ends at ${expected}; resend from ${expected}.`,
        { details: { expectedOffset: expected } },
      );
    }
    if (length > 0) {
      await trx
        .insertInto("task_logs")
        .values({
          attempt_id: attemptId,
          offset: end,
          length,
          data: chunk.data,
          created_at: at.getTime(),
        })
        .execute();
    }
    return { nextOffset: end + length - base };
  });
}

/** The attempt's log from byte `fromOffset` on (a chunk boundary or 0), and where it ends. */
export async function readLog(
  ctx: StoreContext,
  attemptId: string,
  fromOffset = 0,
): Promise<{ data: string; nextOffset: number }> {
  const rows = await ctx.db
    .selectFrom("task_logs")
    .select(["offset", "length", "data"])
    .where("attempt_id", "=", attemptId)
    .where((eb) => eb(eb("offset", "+", eb.ref("length")), ">", fromOffset))
    .orderBy("offset")
    .execute();
  let data = "";
  let nextOffset = fromOffset;
  for (const row of rows) {
    const offset = Number(row.offset);
    data +=
      offset < fromOffset
        ? Buffer.from(row.data)
            .subarray(fromOffset - offset)
            .toString()
        : row.data;
    nextOffset = offset + row.length;
  }
  return { data, nextOffset };
}

async function logEnd(trx: StoreContext["db"], attemptId: string): Promise<number> {
  const row = await trx
    .selectFrom("task_logs")
    .select((eb) => eb.fn.max(eb("offset", "+", eb.ref("length"))).as("end"))
    .where("attempt_id", "=", attemptId)
    .executeTakeFirst();
  return Number(row?.end ?? 0);
}
