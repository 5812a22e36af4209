// Throttling for sign-in and password-reset attempts, per account and per client address. Failures inside a
// window first slow the answer, then refuse with 429 for a growing but capped time, so an attacker cannot lock
// the real owner out for more than MAX_BLOCK at a stretch, and a success clears the account's counter.
import { and, eq, lt } from "drizzle-orm";
import { rateLimits } from "../../db/schema";
import { db, writeTransaction } from "./db.server";

export interface LimitPolicy {
  /** Failures allowed in a window before refusing. */
  free: number;
  /** Failures from which each answer is delayed (slowing), before the refusals start. */
  slowFrom: number;
  windowMs: number;
  /** First refusal lasts this long, doubling with each further failure… */
  baseBlockMs: number;
  /** …up to this. */
  maxBlockMs: number;
}

export const POLICIES = {
  signInAccount: { free: 5, slowFrom: 3, windowMs: 15 * 60_000, baseBlockMs: 30_000, maxBlockMs: 15 * 60_000 },
  signInAddress: { free: 30, slowFrom: 25, windowMs: 15 * 60_000, baseBlockMs: 60_000, maxBlockMs: 15 * 60_000 },
  resetAccount: { free: 3, slowFrom: 99, windowMs: 60 * 60_000, baseBlockMs: 5 * 60_000, maxBlockMs: 30 * 60_000 },
  resetAddress: { free: 10, slowFrom: 99, windowMs: 60 * 60_000, baseBlockMs: 5 * 60_000, maxBlockMs: 30 * 60_000 },
  inviteRequest: { free: 10, slowFrom: 99, windowMs: 60 * 60_000, baseBlockMs: 5 * 60_000, maxBlockMs: 30 * 60_000 },
} satisfies Record<string, LimitPolicy>;

export const SLOW_DOWN_MS = 750;

export type LimitState = { blocked: false; delayMs: number } | { blocked: true; retryAfterSeconds: number };

function current(key: string, policy: LimitPolicy, now: number) {
  const row = db().select().from(rateLimits).where(eq(rateLimits.key, key)).get();
  if (!row) return null;
  // A window that has passed (and whose block has ended) is forgotten.
  if (now - row.windowStartedAt > policy.windowMs && now >= row.blockedUntil) return null;
  return row;
}

/** Whether an attempt may go ahead now, and how long to delay its answer. */
export function checkLimit(key: string, policy: LimitPolicy, now = Date.now()): LimitState {
  const row = current(key, policy, now);
  if (!row) return { blocked: false, delayMs: 0 };
  if (row.blockedUntil > now) return { blocked: true, retryAfterSeconds: Math.ceil((row.blockedUntil - now) / 1000) };
  return { blocked: false, delayMs: row.failures >= policy.slowFrom ? SLOW_DOWN_MS : 0 };
}

/** Counts one failure (or one request, for reset mail) and blocks once the free allowance is used up. */
export function recordFailure(key: string, policy: LimitPolicy, now = Date.now()) {
  writeTransaction((tx) => {
    const row = tx.select().from(rateLimits).where(eq(rateLimits.key, key)).get();
    const fresh = !row || (now - row.windowStartedAt > policy.windowMs && now >= row.blockedUntil);
    const failures = fresh ? 1 : row.failures + 1;
    const windowStartedAt = fresh ? now : row.windowStartedAt;
    const blockedUntil =
      failures >= policy.free
        ? now + Math.min(policy.maxBlockMs, policy.baseBlockMs * 2 ** (failures - policy.free))
        : fresh
          ? 0
          : row.blockedUntil;
    tx.insert(rateLimits)
      .values({ key, failures, windowStartedAt, blockedUntil })
      .onConflictDoUpdate({ target: rateLimits.key, set: { failures, windowStartedAt, blockedUntil } })
      .run();
  });
}

export function clearLimit(key: string) {
  writeTransaction((tx) => tx.delete(rateLimits).where(eq(rateLimits.key, key)).run());
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Forgets counters whose window and block are long over (housekeeping). */
export function pruneRateLimits(now = Date.now()) {
  writeTransaction((tx) =>
    tx
      .delete(rateLimits)
      .where(and(lt(rateLimits.blockedUntil, now), lt(rateLimits.windowStartedAt, now - 2 * 3600_000)))
      .run(),
  );
}
