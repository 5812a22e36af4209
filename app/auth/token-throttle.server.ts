// Guessing secret-link tokens (invitations, password resets) is throttled per client address like sign-in
// (issue #21). Tokens carry 256 bits, so this is hygiene: it keeps scanners from hammering the token pages and
// makes a guessing run visible. Only tokens that match nothing count; opening a real link (even an expired or
// used one) never does, so a member with an old mail is never locked out.
import { POLICIES, checkLimit, recordFailure } from "~/models/rate-limit.server";

const key = (ip: string) => `token-guess:ip:${ip}`;

/** Throws 429 (with Retry-After) while this address is blocked from trying tokens. */
export function requireTokenAttemptAllowed(ip: string | null | undefined) {
  const state = checkLimit(key(ip ?? "unknown"), POLICIES.tokenGuessAddress);
  if (state.blocked) {
    throw new Response("Too many attempts. Please wait a little and try again.", {
      status: 429,
      statusText: "Too Many Requests",
      headers: { "Retry-After": String(state.retryAfterSeconds), "Cache-Control": "no-store" },
    });
  }
}

/** Counts one token that matched no invitation or reset at all. */
export function countUnknownToken(ip: string | null | undefined) {
  recordFailure(key(ip ?? "unknown"), POLICIES.tokenGuessAddress);
}
