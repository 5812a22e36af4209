// Personal secret feed addresses (issue #6): feed readers cannot sign in, so each member gets a random token per
// seminar, and one for the network (the library's feed, issue #20, for members of no seminar too). Only its SHA-256
// is stored; making a new one or revoking stops the old address at once.
import { and, eq, isNull } from "drizzle-orm";
import { feedTokens, memberships, seminars, users } from "../../db/schema";
import { db, writeTransaction } from "./db.server";
import { randomToken, sha256Hex } from "~/utils/crypto.server";

/** Whose address: a member's for one seminar, or (seminarId null) their network address. */
interface Scope {
  userId: number;
  seminarId: number | null;
}

const inScope = ({ userId, seminarId }: Scope) =>
  and(eq(feedTokens.userId, userId), seminarId === null ? isNull(feedTokens.seminarId) : eq(feedTokens.seminarId, seminarId), isNull(feedTokens.revokedAt));

/** The member's active token (without the secret, which only exists at creation). */
export function activeFeedToken(scope: Scope) {
  return db()
    .select({ id: feedTokens.id, createdAt: feedTokens.createdAt, lastUsedAt: feedTokens.lastUsedAt })
    .from(feedTokens)
    .where(inScope(scope))
    .get();
}

/** Makes a new secret (revoking any earlier one of the same scope) and returns it: the only time it is readable. */
export function createFeedToken(scope: Scope): string {
  const token = randomToken(32);
  writeTransaction(() => {
    revokeFeedTokens(scope);
    db().insert(feedTokens).values({ tokenHash: sha256Hex(token), userId: scope.userId, seminarId: scope.seminarId }).run();
  });
  return token;
}

export function revokeFeedTokens(scope: Scope) {
  db().update(feedTokens).set({ revokedAt: new Date() }).where(inScope(scope)).run();
}

/**
 * A live token of an active account, its seminar and the owner's role there; null for anything else. A seminar's
 * token also needs its owner still to be a member of the seminar (or staff).
 */
function lookUp(token: string) {
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
    .leftJoin(seminars, eq(seminars.id, feedTokens.seminarId))
    .leftJoin(memberships, and(eq(memberships.seminarId, feedTokens.seminarId), eq(memberships.userId, feedTokens.userId)))
    .where(and(eq(feedTokens.tokenHash, sha256Hex(token)), isNull(feedTokens.revokedAt)))
    .get();
  if (!row || row.user.status !== "active") return null;
  if (row.seminar && !row.memberRole && row.user.role !== "admin") return null;
  // Note use at most hourly: feed readers poll often, and a write per poll buys nothing.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 3600_000) {
    db().update(feedTokens).set({ lastUsedAt: new Date() }).where(eq(feedTokens.id, row.tokenId)).run();
  }
  return row;
}

/**
 * Who a seminar's feed token stands for, checked on every fetch: the token is live, its owner is an active account
 * and still a member of the seminar (or staff). Anything else, a network token included, is null (callers answer 404).
 */
export function resolveFeedToken(token: string) {
  const row = lookUp(token);
  if (!row?.seminar) return null;
  return { user: row.user, seminar: row.seminar, canManage: row.user.role === "admin" || row.memberRole === "instructor" };
}

/** For network-wide feeds (the library): any live token of an active account, a seminar's or the network one. */
export function resolveNetworkFeedToken(token: string) {
  const row = lookUp(token);
  return row ? { user: row.user } : null;
}
