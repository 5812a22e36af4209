// Members' own data (issue #4): a JSON export of everything the portal holds about a member, and account erasure
// after an administrator confirms a deletion request.
//
// The export finds the member's rows by the schema itself (every table with a foreign key to users), so data added
// by any feature is included without this file knowing about it. Secrets (password and token hashes) are left out.
import { and, desc, eq } from "drizzle-orm";
import { deletionRequests, outbox, users } from "../../db/schema";
import { enqueueMail } from "~/services/mail.server";
import { db, writeTransaction, type DB } from "./db.server";
import { careersExport, messagesExport } from "./account-export-extras.server";
import { FORMER_MEMBER_NAME, loadMember } from "./profile.server";

const SECRET_COLUMN = /(hash|secret|token)/i;

type Row = Record<string, unknown>;

function quoteId(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Every (table, column) pair that references users.id, with what the schema does when the user row goes. */
function userReferences(d: DB): { table: string; column: string; onDelete: string }[] {
  const client = d.$client;
  const tables = client
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '%fts%' and name not like '__drizzle%'")
    .pluck()
    .all() as string[];
  const refs: { table: string; column: string; onDelete: string }[] = [];
  for (const t of tables) {
    const fks = client.prepare(`pragma foreign_key_list(${quoteId(t)})`).all() as { table: string; from: string; on_delete: string }[];
    for (const fk of fks) if (fk.table === "users") refs.push({ table: t, column: fk.from, onDelete: fk.on_delete.toUpperCase() });
  }
  return refs;
}

function clean(table: string, row: Row): Row {
  // Session ids are the SHA-256 of the cookie secret: not useful to the member and not to be handed out.
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    if (SECRET_COLUMN.test(k)) continue;
    if (table === "sessions" && k === "id") continue;
    out[k] = v;
  }
  return out;
}

/** Everything held about the member, as plain JSON-ready data. */
export function exportAccountData({ userId }: { userId: number }) {
  const d = db();
  const client = d.$client;
  const user = client.prepare("select * from users where id = ?").get(userId) as Row | undefined;
  if (!user) return null;
  const record = loadMember(userId);
  const tables: Record<string, Row[]> = {};
  for (const { table, column } of userReferences(d)) {
    const rows = client.prepare(`select * from ${quoteId(table)} where ${quoteId(column)} = ?`).all(userId) as Row[];
    if (!rows.length) continue;
    const key = table === "audit_log" ? `${table} (${column})` : column === "user_id" ? table : `${table} (${column})`;
    tables[key] = [...(tables[key] ?? []), ...rows.map((r) => clean(table, r))];
  }
  const mail = d
    .select({ subject: outbox.subject, kind: outbox.kind, status: outbox.status, createdAt: outbox.createdAt, sentAt: outbox.sentAt })
    .from(outbox)
    .where(eq(outbox.toAddress, String(user.email)))
    .all();
  return {
    format: "colloquy-account-export",
    version: 1,
    exportedAt: new Date().toISOString(),
    note: "Everything the portal holds about you. Dates are milliseconds since 1970 (UTC) where not ISO text.",
    account: clean("users", user),
    profile: record
      ? {
          ...record.profile,
          practiceAreas: record.areas.filter((a) => a.kind === "area").map((a) => a.value),
          tags: record.areas.filter((a) => a.kind === "tag").map((a) => a.value),
          barAdmissions: record.admissions,
        }
      : null,
    mailSentToYou: mail,
    // Issues #18 and #15: readable sections with what the member received too (see account-export-extras.server.ts).
    careers: careersExport(userId),
    messages: messagesExport(userId),
    records: tables,
  };
}

// --- deletion requests ----------------------------------------------------------------------------------

export function pendingDeletionRequest({ userId }: { userId: number }) {
  return db()
    .select()
    .from(deletionRequests)
    .where(and(eq(deletionRequests.userId, userId), eq(deletionRequests.status, "pending")))
    .get();
}

export function requestDeletion({ userId, reason, origin }: { userId: number; reason: string; origin: string }) {
  return writeTransaction((tx) => {
    const existing = tx
      .select({ id: deletionRequests.id })
      .from(deletionRequests)
      .where(and(eq(deletionRequests.userId, userId), eq(deletionRequests.status, "pending")))
      .get();
    if (existing) return existing.id;
    const row = tx.insert(deletionRequests).values({ userId, reason }).returning({ id: deletionRequests.id }).get();
    const member = tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, userId)).get()!;
    const admins = tx
      .select({ email: users.email })
      .from(users)
      .where(and(eq(users.role, "admin"), eq(users.status, "active")))
      .all()
      .filter((a) => a.email !== member.email);
    for (const a of admins) {
      enqueueMail(tx, {
        to: a.email,
        subject: `Account deletion request from ${member.name}`,
        text: `${member.name} (${member.email}) asked to delete their Colloquy account.\n\nReview the request: ${origin}/admin/deletion-requests\n`,
        kind: "deletion-request",
      });
    }
    return row.id;
  });
}

export function cancelDeletionRequest({ userId }: { userId: number }) {
  writeTransaction((tx) =>
    tx
      .update(deletionRequests)
      .set({ status: "cancelled", decidedAt: new Date() })
      .where(and(eq(deletionRequests.userId, userId), eq(deletionRequests.status, "pending")))
      .run(),
  );
}

export function listDeletionRequests() {
  return db()
    .select({
      id: deletionRequests.id,
      status: deletionRequests.status,
      reason: deletionRequests.reason,
      createdAt: deletionRequests.createdAt,
      decidedAt: deletionRequests.decidedAt,
      userId: deletionRequests.userId,
      name: users.name,
      email: users.email,
      role: users.role,
    })
    .from(deletionRequests)
    .leftJoin(users, eq(users.id, deletionRequests.userId))
    .orderBy(desc(deletionRequests.createdAt))
    .limit(200)
    .all();
}

export type EraseResult = { ok: true; photoFile: string | null } | { ok: false; message: string };

/**
 * Erases a member after an admin confirmed: personal data deleted, their account row kept as "Former member" so
 * what they wrote stays readable and is attributed to a former member. Which rows are personal is read from the
 * schema: every table whose reference to users is ON DELETE CASCADE (profile, settings, memberships, tokens, notices,
 * personal feeds…) loses the member's rows, exactly as if the account row were deleted; content whose reference is
 * ON DELETE SET NULL (posts, comments, wiki edits, uploads) stays. Mail to them is dropped, except a last
 * confirmation queued in the same transaction.
 */
export function eraseAccount({ requestId, adminId }: { requestId: number; adminId: number }): EraseResult {
  return writeTransaction((tx) => {
    const req = tx.select().from(deletionRequests).where(eq(deletionRequests.id, requestId)).get();
    if (!req || req.status !== "pending" || !req.userId) return { ok: false, message: "That request is no longer pending." };
    if (req.userId === adminId) return { ok: false, message: "Another administrator must confirm your own deletion request." };
    const user = tx.select().from(users).where(eq(users.id, req.userId)).get();
    if (!user) return { ok: false, message: "That account no longer exists." };
    if (user.role === "admin") {
      const admins = tx.select({ id: users.id }).from(users).where(and(eq(users.role, "admin"), eq(users.status, "active"))).all();
      if (admins.length <= 1) return { ok: false, message: "The last administrator cannot be erased." };
    }
    const client = tx.$client;
    const photo = client.prepare("select photo_file from profiles where user_id = ?").pluck().get(user.id) as string | null | undefined;
    for (const ref of userReferences(tx)) {
      if (ref.onDelete !== "CASCADE") continue;
      client.prepare(`delete from ${quoteId(ref.table)} where ${quoteId(ref.column)} = ?`).run(user.id);
    }
    client.prepare("delete from outbox where to_address = ? and status in ('pending', 'held', 'failed')").run(user.email);
    client.prepare("update outbox set to_address = 'erased@deleted.invalid', text = '', html = null where to_address = ?").run(user.email);
    client.prepare("update invitations set email = null, name = null where accepted_user_id = ? or email = ?").run(user.id, user.email);
    client.prepare("update audit_log set subject = ? where subject = ?").run(`former member #${user.id}`, user.email);
    enqueueMail(tx, {
      to: user.email,
      subject: "Your Colloquy account has been deleted",
      text: `Hello ${user.name},\n\nAs you asked, your Colloquy account and the personal data it held have been deleted. What you wrote in seminars stays, attributed to a former member.\n`,
      kind: "account-deleted",
    });
    tx.update(users)
      .set({
        name: FORMER_MEMBER_NAME,
        email: `erased-${user.id}@deleted.invalid`,
        passwordHash: null,
        status: "deleted",
        role: "member",
        deactivatedAt: new Date(),
      })
      .where(eq(users.id, user.id))
      .run();
    tx.update(deletionRequests)
      .set({ status: "completed", decidedById: adminId, decidedAt: new Date(), reason: "" })
      .where(eq(deletionRequests.id, requestId))
      .run();
    return { ok: true, photoFile: photo ?? null };
  });
}

export function declineDeletionRequest({ requestId, adminId }: { requestId: number; adminId: number }) {
  writeTransaction((tx) =>
    tx
      .update(deletionRequests)
      .set({ status: "declined", decidedById: adminId, decidedAt: new Date() })
      .where(and(eq(deletionRequests.id, requestId), eq(deletionRequests.status, "pending")))
      .run(),
  );
}
