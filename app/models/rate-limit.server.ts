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
  /** Unknown invitation or reset tokens from one address (guessing; issue #21). */
  tokenGuessAddress: { free: 20, slowFrom: 10, windowMs: 15 * 60_000, baseBlockMs: 60_000, maxBlockMs: 30 * 60_000 },
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

export type Reservation = { ok: true; delayMs: number } | { ok: false; retryAfterSeconds: number };

/**
 * Checks every key and counts this attempt against all of them in ONE write transaction, before any slow work
 * (issue #21): checking, hashing for 100 ms and only then recording let 40 simultaneous guesses through a limit of
 * five. Now the n-th concurrent attempt sees the n-1 before it, exactly as if they had come one after another.
 * Nothing is counted when any key refuses. A success gives its reservation back (refundAttempt) or clears the key.
 */
export function reserveAttempt(keys: [string, LimitPolicy][], now = Date.now()): Reservation {
  return writeTransaction((tx) => {
    const rows = keys.map(([key, policy]) => {
      const row = tx.select().from(rateLimits).where(eq(rateLimits.key, key)).get();
      const fresh = !row || (now - row.windowStartedAt > policy.windowMs && now >= row.blockedUntil);
      return { key, policy, row: fresh ? null : row };
    });
    const blockedUntil = Math.max(0, ...rows.map((r) => (r.row && r.row.blockedUntil > now ? r.row.blockedUntil : 0)));
    if (blockedUntil) return { ok: false as const, retryAfterSeconds: Math.ceil((blockedUntil - now) / 1000) };
    let delayMs = 0;
    for (const { key, policy, row } of rows) {
      const failures = (row?.failures ?? 0) + 1;
      const windowStartedAt = row?.windowStartedAt ?? now;
      const until = failures >= policy.free ? now + Math.min(policy.maxBlockMs, policy.baseBlockMs * 2 ** (failures - policy.free)) : 0;
      if (failures > policy.slowFrom) delayMs = SLOW_DOWN_MS;
      tx.insert(rateLimits)
        .values({ key, failures, windowStartedAt, blockedUntil: until })
        .onConflictDoUpdate({ target: rateLimits.key, set: { failures, windowStartedAt, blockedUntil: until } })
        .run();
    }
    return { ok: true as const, delayMs };
  });
}

/** Gives back one reserved attempt that turned out not to be a failure (a correct password from a shared address). */
export function refundAttempt(key: string, policy: LimitPolicy) {
  writeTransaction((tx) => {
    const row = tx.select().from(rateLimits).where(eq(rateLimits.key, key)).get();
    if (!row || row.failures <= 0) return;
    const failures = row.failures - 1;
    // Fewer failures than the allowance never leave a block behind (the reservation may have set it).
    const blockedUntil = failures >= policy.free ? row.blockedUntil : 0;
    tx.update(rateLimits).set({ failures, blockedUntil }).where(eq(rateLimits.key, key)).run();
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
