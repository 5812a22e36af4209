import { audit } from "~/models/audit.server";
import { writeTransaction } from "~/models/db.server";
import {
  POLICIES,
  clearLimit,
  refundAttempt,
  reserveAttempt,
  sleep,
  type LimitPolicy,
} from "~/models/rate-limit.server";
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

// At most this many password hashes run at once for one account, and for one client address (issue #21). The
// reservation below already bounds how many attempts a window allows; this bounds how much argon2 work (19 MiB
// and ~100 ms each) one account or one address can have in flight at any moment. Per process, which is the unit
// whose memory and CPU it protects.
export const MAX_CONCURRENT_HASHES = { account: 2, address: 8 } as const;
const inFlight = new Map<string, number>();

function enter(keys: string[], limits: number[]): boolean {
  if (keys.some((k, i) => (inFlight.get(k) ?? 0) >= limits[i]!)) return false;
  for (const k of keys) inFlight.set(k, (inFlight.get(k) ?? 0) + 1);
  return true;
}

function leave(keys: string[]) {
  for (const k of keys) {
    const n = (inFlight.get(k) ?? 1) - 1;
    if (n <= 0) inFlight.delete(k);
    else inFlight.set(k, n);
  }
}

/**
 * Checks an email and password, throttled per account and per address. The answer, its status and its timing are
 * the same whether or not the account exists. The attempt is counted before the password is hashed, in one
 * transaction with the check, so concurrent guesses count exactly like sequential ones (issue #21).
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
  const slots = keys.map(([key]) => key);
  if (!enter(slots, [MAX_CONCURRENT_HASHES.account, MAX_CONCURRENT_HASHES.address])) {
    return { ok: false, status: 429, message: THROTTLED, retryAfter: 1 };
  }
  try {
    const reserved = reserveAttempt(keys);
    if (!reserved.ok) return { ok: false, status: 429, message: THROTTLED, retryAfter: reserved.retryAfterSeconds };
    if (reserved.delayMs) await sleep(reserved.delayMs);
    const user = findUserByEmail({ email });
    const ok = await verifyPassword(user?.passwordHash ?? null, password);
    if (!user || !ok || user.status !== "active") {
      // The reservation already counted this failure.
      writeTransaction((tx) =>
        audit(tx, { actorId: user?.id ?? null, action: "signin.failed", subject: normalizeEmail(email).slice(0, 254), ip }),
      );
      return { ok: false, status: 400, message: GENERIC };
    }
    clearLimit(keys[0]![0]);
    // A colleague's correct password from a shared office address is not a failure of that address.
    refundAttempt(keys[1]![0], keys[1]![1]);
    return { ok: true, user };
  } finally {
    leave(slots);
  }
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
