import { eq, lt, or, sql } from "drizzle-orm";
import { Lucia, TimeSpan, type Adapter, type DatabaseSession, type DatabaseUser } from "lucia";
import { sessions, users } from "../../db/schema";
import { db, prepared } from "~/models/db.server";
import { sha256Hex } from "~/utils/crypto.server";
import { readSessionId } from "./cookies.server";
import { env } from "~/utils/env.server";

/** A session may slide while used, but never outlives this. */
export const ABSOLUTE_LIFETIME_SECONDS = 30 * 24 * 3600;
const IDLE_LIFETIME = new TimeSpan(14, "d");

type Role = "admin" | "member";

declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof makeLucia>;
    UserId: number;
    DatabaseUserAttributes: { email: string; name: string; role: Role };
    DatabaseSessionAttributes: { absoluteExpiresAt: number };
  }
}

/**
 * Our own adapter over drizzle: the cookie holds the session id, the table holds only its SHA-256,
 * so a leaked database cannot be replayed as live sessions.
 */
class HashedSessionAdapter implements Adapter {
  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    // Runs on every signed-in request: prepared once (issue #9).
    const row = prepared("session.getSessionAndUser", (d) =>
      d
        .select({
          expiresAt: sessions.expiresAt,
          absoluteExpiresAt: sessions.absoluteExpiresAt,
          userId: users.id,
          email: users.email,
          name: users.name,
          role: users.role,
          status: users.status,
        })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(eq(sessions.id, sql.placeholder("id")))
        .prepare(),
    ).get({ id: sha256Hex(sessionId) });
    if (!row) return [null, null];
    const now = Math.floor(Date.now() / 1000);
    if (row.status !== "active" || row.absoluteExpiresAt <= now) {
      await this.deleteSession(sessionId);
      return [null, null];
    }
    return [
      {
        id: sessionId,
        userId: row.userId,
        expiresAt: new Date(row.expiresAt * 1000),
        attributes: { absoluteExpiresAt: row.absoluteExpiresAt },
      },
      { id: row.userId, attributes: { email: row.email, name: row.name, role: row.role } },
    ];
  }

  async getUserSessions(userId: number): Promise<DatabaseSession[]> {
    // Only hashes are stored, so ids cannot be returned; callers here only count or delete sessions.
    return db()
      .select()
      .from(sessions)
      .where(eq(sessions.userId, userId))
      .all()
      .map((s) => ({
        id: s.id,
        userId: s.userId,
        expiresAt: new Date(s.expiresAt * 1000),
        attributes: { absoluteExpiresAt: s.absoluteExpiresAt },
      }));
  }

  async setSession(session: DatabaseSession): Promise<void> {
    db()
      .insert(sessions)
      .values({
        id: sha256Hex(session.id),
        userId: session.userId,
        expiresAt: Math.floor(session.expiresAt.getTime() / 1000),
        absoluteExpiresAt: session.attributes.absoluteExpiresAt,
      })
      .run();
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    const id = sha256Hex(sessionId);
    const row = db().select({ abs: sessions.absoluteExpiresAt }).from(sessions).where(eq(sessions.id, id)).get();
    if (!row) return;
    const capped = Math.min(Math.floor(expiresAt.getTime() / 1000), row.abs);
    db().update(sessions).set({ expiresAt: capped }).where(eq(sessions.id, id)).run();
  }

  async deleteSession(sessionId: string): Promise<void> {
    db().delete(sessions).where(eq(sessions.id, sha256Hex(sessionId))).run();
  }

  async deleteUserSessions(userId: number): Promise<void> {
    db().delete(sessions).where(eq(sessions.userId, userId)).run();
  }

  async deleteExpiredSessions(): Promise<void> {
    const now = Math.floor(Date.now() / 1000);
    db()
      .delete(sessions)
      .where(or(lt(sessions.expiresAt, now), lt(sessions.absoluteExpiresAt, now)))
      .run();
  }
}

function makeLucia() {
  const secure = new URL(env().APP_URL).protocol === "https:";
  return new Lucia(new HashedSessionAdapter(), {
    sessionExpiresIn: IDLE_LIFETIME,
    sessionCookie: {
      // The __Host- prefix pins the cookie to this exact origin over TLS (RFC 6265bis §4.1.3.2).
      name: secure ? "__Host-colloquy_session" : "colloquy_session",
      attributes: { secure, sameSite: "lax", path: "/" },
    },
    getUserAttributes: (a) => ({ email: a.email, name: a.name, role: a.role }),
    getSessionAttributes: (a) => ({ absoluteExpiresAt: a.absoluteExpiresAt }),
  });
}

let instance: ReturnType<typeof makeLucia> | null = null;
export function lucia() {
  if (!instance) instance = makeLucia();
  return instance;
}

/** Creates a session and returns the Set-Cookie header value. */
export async function createUserSession(userId: number): Promise<string> {
  const absoluteExpiresAt = Math.floor(Date.now() / 1000) + ABSOLUTE_LIFETIME_SECONDS;
  const session = await lucia().createSession(userId, { absoluteExpiresAt });
  const cookie = lucia().createSessionCookie(session.id);
  // The browser keeps the cookie until the absolute end; the server enforces the idle limit while it slides.
  cookie.attributes.maxAge = ABSOLUTE_LIFETIME_SECONDS;
  cookie.attributes.httpOnly = true;
  return cookie.serialize();
}

export function blankSessionCookie(): string {
  return lucia().createBlankSessionCookie().serialize();
}

/** Only our own cookie is read, tolerantly: a stray malformed cookie beside it must not break the page (issue #21). */
export function sessionIdFrom(request: Request): string | null {
  return readSessionId(request.headers.get("cookie"), lucia().sessionCookieName);
}

export async function signOutRequest(request: Request): Promise<string> {
  const id = sessionIdFrom(request);
  if (id) await lucia().invalidateSession(id);
  return blankSessionCookie();
}
