// Password resets: single-use links that last one hour. Only the SHA-256 of a token is stored.
import { and, eq, gt, isNull, lt } from "drizzle-orm";
import { passwordResets, sessions, users } from "../../db/schema";
import { audit } from "./audit.server";
import { db, writeTransaction } from "./db.server";
import { normalizeEmail } from "./user.server";
import { enqueueMail, renderEmail } from "~/services/mail.server";
import { randomToken, sha256Hex } from "~/utils/crypto.server";
import { env } from "~/utils/env.server";

export const RESET_LIFETIME_MS = 60 * 60_000;

function formatWhen(d: Date) {
  return new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(d) + " UTC";
}

/** Queues a reset mail when an active account has this address; does nothing otherwise (the caller answers alike). */
export function requestPasswordReset({ email, ip, now = new Date() }: { email: string; ip?: string | null; now?: Date }) {
  const e = normalizeEmail(email);
  writeTransaction((tx) => {
    const user = tx.select().from(users).where(eq(users.email, e)).get();
    if (!user || user.status !== "active") return;
    // Only the newest link works.
    tx.update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt)))
      .run();
    const token = randomToken(32);
    const expiresAt = new Date(now.getTime() + RESET_LIFETIME_MS);
    tx.insert(passwordResets).values({ tokenHash: sha256Hex(token), userId: user.id, expiresAt }).run();
    const mail = renderEmail("password-reset", {
      name: user.name,
      link: `${env().APP_URL}/reset-password/${token}`,
      expires: formatWhen(expiresAt),
    });
    enqueueMail(tx, { to: user.email, ...mail, kind: "password-reset" });
    audit(tx, { actorId: user.id, action: "password.reset-requested", subject: user.email, ip });
  });
}

export function findUsableReset(token: string, now = new Date()): { userId: number; email: string; name: string } | null {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = db()
    .select({ userId: users.id, email: users.email, name: users.name, status: users.status })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(and(eq(passwordResets.tokenHash, sha256Hex(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
    .get();
  if (!row || row.status !== "active") return null;
  return { userId: row.userId, email: row.email, name: row.name };
}

/** Whether a token was ever issued (used, expired or not): only tokens that match nothing count as guesses. */
export function isKnownResetToken(token: string): boolean {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return false;
  return Boolean(db().select({ id: passwordResets.userId }).from(passwordResets).where(eq(passwordResets.tokenHash, sha256Hex(token))).get());
}

/** Uses the token (once, atomically), sets the password and ends every session of the account. */
export function resetPassword({
  token,
  passwordHash,
  ip,
  now = new Date(),
}: {
  token: string;
  passwordHash: string;
  ip?: string | null;
  now?: Date;
}): { userId: number; email: string } | null {
  return writeTransaction((tx) => {
    const used = tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.tokenHash, sha256Hex(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
      .returning({ userId: passwordResets.userId })
      .get();
    if (!used) return null;
    const user = tx.select().from(users).where(eq(users.id, used.userId)).get();
    if (!user || user.status !== "active") return null;
    tx.update(users).set({ passwordHash }).where(eq(users.id, user.id)).run();
    tx.delete(sessions).where(eq(sessions.userId, user.id)).run();
    audit(tx, { actorId: user.id, action: "password.reset", subject: user.email, ip });
    return { userId: user.id, email: user.email };
  });
}

/** Removes reset links that expired more than a day ago (housekeeping). */
export function pruneResets(now = new Date()) {
  writeTransaction((tx) => tx.delete(passwordResets).where(lt(passwordResets.expiresAt, new Date(now.getTime() - 86400_000))).run());
}
