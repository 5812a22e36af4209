import { audit } from "~/models/audit.server";
import { writeTransaction } from "~/models/db.server";
import { POLICIES, checkLimit, clearLimit, recordFailure, sleep, type LimitPolicy } from "~/models/rate-limit.server";
import { findUserByEmail, normalizeEmail, type UserRow } from "~/models/user.server";
import { verifyPassword } from "./password.server";
import { createUserSession } from "./session.server";

export type SignInResult =
  | { ok: true; cookie: string; userId: number }
  | { ok: false; status: number; message: string; retryAfter?: number };

const GENERIC = "That email and password don't match an active account.";
export const THROTTLED = "Too many attempts. Please wait a little and try again.";

/** The per-account sign-in throttle key; a password reset lifts it. */
export const signInAccountKey = (email: string) => `signin:acct:${normalizeEmail(email)}`;

/** Throttle keys: one per account (whether it exists or not, so both look alike) and one per client address. */
export function throttleKeys(kind: "signin" | "reset", email: string, ip: string): [string, LimitPolicy][] {
  return kind === "signin"
    ? [
        [signInAccountKey(email), POLICIES.signInAccount],
        [`signin:ip:${ip}`, POLICIES.signInAddress],
      ]
    : [
        [`reset:acct:${normalizeEmail(email)}`, POLICIES.resetAccount],
        [`reset:ip:${ip}`, POLICIES.resetAddress],
      ];
}

/** null when the attempt may proceed (after any slowing delay), else the seconds to wait. */
export async function throttle(keys: [string, LimitPolicy][]): Promise<number | null> {
  let delay = 0;
  let retryAfter = 0;
  for (const [key, policy] of keys) {
    const s = checkLimit(key, policy);
    if (s.blocked) retryAfter = Math.max(retryAfter, s.retryAfterSeconds);
    else delay = Math.max(delay, s.delayMs);
  }
  if (retryAfter) return retryAfter;
  if (delay) await sleep(delay);
  return null;
}

/**
 * Checks an email and password, throttled per account and per address. The answer, its status and its timing are
 * the same whether or not the account exists.
 */
export async function verifyCredentials({
  email,
  password,
  ip,
}: {
  email: string;
  password: string;
  ip: string;
}): Promise<{ ok: true; user: UserRow } | { ok: false; status: number; message: string; retryAfter?: number }> {
  const keys = throttleKeys("signin", email, ip);
  const wait = await throttle(keys);
  if (wait) return { ok: false, status: 429, message: THROTTLED, retryAfter: wait };
  const user = findUserByEmail({ email });
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !ok || user.status !== "active") {
    for (const [key, policy] of keys) recordFailure(key, policy);
    writeTransaction((tx) =>
      audit(tx, { actorId: user?.id ?? null, action: "signin.failed", subject: normalizeEmail(email).slice(0, 254), ip }),
    );
    return { ok: false, status: 400, message: GENERIC };
  }
  clearLimit(keys[0]![0]);
  return { ok: true, user };
}

export async function signIn({
  email,
  password,
  ip,
}: {
  email: string;
  password: string;
  ip: string;
  request?: Request;
}): Promise<SignInResult> {
  const r = await verifyCredentials({ email, password, ip });
  if (!r.ok) return r;
  return { ok: true, cookie: await createUserSession(r.user.id), userId: r.user.id };
}
