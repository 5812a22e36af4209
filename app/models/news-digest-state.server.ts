// Who is due a news digest and what the last one covered (issue #7).
import { and, asc, eq, isNull, lte, or } from "drizzle-orm";
import { newsDigestState, users } from "../../db/schema";
import { db, type DB } from "./db.server";

/** Active members with no digest record yet, or whose next digest is due. Bounded per run. */
export function membersDueForDigest({ now, limit = 500 }: { now: Date; limit?: number }) {
  return db()
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      createdAt: users.createdAt,
      coveredUntil: newsDigestState.coveredUntil,
      nextDueAt: newsDigestState.nextDueAt,
    })
    .from(users)
    .leftJoin(newsDigestState, eq(newsDigestState.userId, users.id))
    .where(and(eq(users.status, "active"), or(isNull(newsDigestState.userId), lte(newsDigestState.nextDueAt, now))))
    .orderBy(asc(newsDigestState.nextDueAt), asc(users.id))
    .limit(limit)
    .all();
}

export function saveDigestState(
  tx: DB,
  { userId, coveredUntil, sentAt, nextDueAt }: { userId: number; coveredUntil: Date; sentAt: Date | null; nextDueAt: Date },
) {
  const set = { coveredUntil, nextDueAt, ...(sentAt ? { lastSentAt: sentAt } : {}) };
  tx.insert(newsDigestState)
    .values({ userId, ...set })
    .onConflictDoUpdate({ target: newsDigestState.userId, set })
    .run();
}

export function digestState({ userId }: { userId: number }) {
  return db().select().from(newsDigestState).where(eq(newsDigestState.userId, userId)).get() ?? null;
}
