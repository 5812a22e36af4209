// The spine's one place that counts (COMMUNITY-DESIGN.md): per member, per UTC day, per counter. Features add a
// counter name ("question.asked", "document.saved"…), never their own tracking table; analytics read these rows.
import { sql } from "drizzle-orm";
import { memberDailyCounts } from "../../db/schema";
import type { DB } from "./db.server";

export const utcDay = (at: number = Date.now()): string => new Date(at).toISOString().slice(0, 10);

/** Call inside the write transaction of the change being counted. */
export function countActivity(
  tx: DB,
  { userId, counter, seminarId = null, n = 1, at }: { userId: number; counter: string; seminarId?: number | null; n?: number; at?: number },
): void {
  tx.insert(memberDailyCounts)
    .values({ day: utcDay(at), userId, counter: counter.slice(0, 60), seminarId: seminarId ?? 0, n })
    .onConflictDoUpdate({
      target: [memberDailyCounts.day, memberDailyCounts.userId, memberDailyCounts.counter, memberDailyCounts.seminarId],
      set: { n: sql`${memberDailyCounts.n} + ${n}` },
    })
    .run();
}
