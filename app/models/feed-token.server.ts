// Personal secret feed addresses (issue #6): feed readers cannot sign in, so each member gets a random token per
// seminar. Only its SHA-256 is stored; making a new one or revoking stops the old address at once.
import { and, eq, isNull } from "drizzle-orm";
import { feedTokens, memberships, seminars, users } from "../../db/schema";
import { db, writeTransaction } from "./db.server";
import { randomToken, sha256Hex } from "~/utils/crypto.server";

/** The member's active token for a seminar (without the secret, which only exists at creation). */
export function activeFeedToken({ userId, seminarId }: { userId: number; seminarId: number }) {
  return db()
    .select({ id: feedTokens.id, createdAt: feedTokens.createdAt, lastUsedAt: feedTokens.lastUsedAt })
    .from(feedTokens)
    .where(and(eq(feedTokens.userId, userId), eq(feedTokens.seminarId, seminarId), isNull(feedTokens.revokedAt)))
    .get();
}

/** Makes a new secret (revoking any earlier one) and returns it: the only time it is readable. */
export function createFeedToken({ userId, seminarId }: { userId: number; seminarId: number }): string {
  const token = randomToken(32);
  writeTransaction(() => {
    revokeFeedTokens({ userId, seminarId });
    db().insert(feedTokens).values({ tokenHash: sha256Hex(token), userId, seminarId }).run();
  });
  return token;
}

export function revokeFeedTokens({ userId, seminarId }: { userId: number; seminarId: number }) {
  db()
    .update(feedTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(feedTokens.userId, userId), eq(feedTokens.seminarId, seminarId), isNull(feedTokens.revokedAt)))
    .run();
}

/**
 * Who a feed token stands for, checked on every fetch: the token is live, its owner is an active account and still
 * a member of the seminar (or staff). Anything else is null, which callers answer with 404.
 */
export function resolveFeedToken(token: string) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = db()
    .select({
      tokenId: feedTokens.id,
      lastUsedAt: feedTokens.lastUsedAt,
      user: { id: users.id, name: users.name, status: users.status, role: users.role },
      seminar: seminars,
      memberRole: memberships.role,
    })
    .from(feedTokens)
    .innerJoin(users, eq(users.id, feedTokens.userId))
    .innerJoin(seminars, eq(seminars.id, feedTokens.seminarId))
    .leftJoin(memberships, and(eq(memberships.seminarId, feedTokens.seminarId), eq(memberships.userId, feedTokens.userId)))
    .where(and(eq(feedTokens.tokenHash, sha256Hex(token)), isNull(feedTokens.revokedAt)))
    .get();
  if (!row || row.user.status !== "active") return null;
  if (!row.memberRole && row.user.role !== "admin") return null;
  // Note use at most hourly: feed readers poll often, and a write per poll buys nothing.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 3600_000) {
    db().update(feedTokens).set({ lastUsedAt: new Date() }).where(eq(feedTokens.id, row.tokenId)).run();
  }
  return { user: row.user, seminar: row.seminar, canManage: row.user.role === "admin" || row.memberRole === "instructor" };
}
