// Keeping the community safe (issue #15): members report any item they can see (stored as its ItemRef, never a
// copy), staff and the seminar's instructors work the queue, and their decision (dismiss, hide, remove, warn or
// suspend the author) is applied centrally: canSee reads moderated_items for every kind (moderation-state.server.ts).
// Each decision is in the audit log and every reporter is told the outcome.
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { memberWarnings, moderatedItems, reports, sessions, users } from "../../db/schema";
import { DETAILS_MAX, OUTCOME_LABELS, REPORT_OUTCOMES, REPORT_REASON_LABELS, REPORT_REASONS, type ReportOutcome, type ReportReason } from "~/utils/moderation";
import { enqueueMail, renderEmail } from "~/services/mail.server";
import { htmlToText } from "~/services/markdown.server";
import { env } from "~/utils/env.server";
import { audit } from "./audit.server";
import { db, writeTransaction, type DB } from "./db.server";
import { canSee, isItemKind, summarizeVisible, type ItemKind, type ItemRef, type Viewer } from "./items.server";
import { memberNames } from "./profile.server";

export { DETAILS_MAX, OUTCOME_LABELS, REPORT_OUTCOMES, REPORT_REASON_LABELS, REPORT_REASONS, type ReportOutcome, type ReportReason };

/** What the reporter reads: the outcome, never who decided. */
const OUTCOME_FOR_REPORTER: Record<ReportOutcome, string> = {
  dismissed: "The moderators looked at it and found that it breaks no rule, so it stays.",
  hidden: "The moderators hid it: other members no longer see it.",
  removed: "The moderators removed it.",
  warned: "The moderators warned its author.",
  suspended: "The moderators suspended its author's account.",
};

/** The kinds with a Report action. Any kind registered with the spine can be reported; these are linked in pages. */
export const REPORTABLE_KINDS: readonly ItemKind[] = ["message", "post", "comment", "answer", "wiki", "profile", "job", "referral"];

export const REPORT_LIMITS = { perHour: 10 };

/**
 * Who wrote an item, per kind (the spine's summaries carry no author). A kind without an entry can still be reported,
 * hidden and removed; warn and suspend need its author. Answers (issue #14) add one line here.
 */
const AUTHOR_SQL: Partial<Record<ItemKind, string>> = {
  message: "select author_id as a from messages where id = ?",
  post: "select author_id as a from blog_posts where id = ?",
  comment: "select author_id as a from comments where id = ?",
  wiki: "select created_by_id as a from wiki_pages where id = ?",
  profile: "select id as a from users where id = ?",
  job: "select poster_id as a from job_postings where id = ?",
  referral: "select requester_id as a from referrals where id = ?",
};

/** The reported text, for the moderator's decision (a reported message is shown to staff only through its report). */
const EXCERPT_SQL: Partial<Record<ItemKind, string>> = {
  message: "select body_html as h from messages where id = ?",
  post: "select body_html as h from blog_posts where id = ?",
  comment: "select body_html as h from comments where id = ?",
  wiki: "select body_html as h from wiki_pages where id = ?",
  profile: "select coalesce(p.headline, '') || ' ' || coalesce(p.bio_html, '') as h from users u left join profiles p on p.user_id = u.id where u.id = ?",
  job: "select title || ' · ' || organisation || ' ' || description_html as h from job_postings where id = ?",
  referral: "select title || ' ' || details_html as h from referrals where id = ?",
};

function excerptOf(ref: ItemRef): string {
  const q = EXCERPT_SQL[ref.kind];
  if (!q) return "";
  try {
    const h = (db().$client.prepare(q).get(ref.id) as { h: string | null } | undefined)?.h;
    return h ? htmlToText(h, 1200) : "";
  } catch {
    return "";
  }
}

function authorOf(tx: DB, ref: ItemRef): number | null {
  const q = AUTHOR_SQL[ref.kind];
  if (!q) return null;
  return ((tx.$client.prepare(q).get(ref.id) as { a: number | null } | undefined)?.a ?? null) as number | null;
}

export type ReportResult = { ok: true; reportId: number } | { ok: false; status: 400 | 404 | 429; error: string };

export function reportTarget(viewer: Viewer, ref: ItemRef) {
  if (!canSee(viewer, ref)) return null;
  const s = summarizeVisible(viewer, [ref]).get(`${ref.kind}:${ref.id}`);
  return s ? { ...s, ref } : null;
}

export function fileReport({
  reporter,
  ref,
  reason,
  details,
  ip,
  now = Date.now(),
}: {
  reporter: Viewer;
  ref: ItemRef;
  reason: ReportReason;
  details: string;
  ip?: string | null;
  now?: number;
}): ReportResult {
  const target = reportTarget(reporter, ref);
  if (!target) return { ok: false, status: 404, error: "There is nothing here to report." };
  return writeTransaction((tx) => {
    const authorId = authorOf(tx, ref);
    if (authorId === reporter.id) return { ok: false as const, status: 400 as const, error: "This is yours: you cannot report it." };
    const recent = tx.get<{ n: number }>(sql`select count(*) as n from reports where reporter_id = ${reporter.id} and created_at > ${now - 3600_000}`)!.n;
    if (recent >= REPORT_LIMITS.perHour) {
      return {
        ok: false as const,
        status: 429 as const,
        error: `You have sent ${REPORT_LIMITS.perHour} reports in the last hour, the most we accept. Please wait a while; if something is urgent, write to the institute's staff.`,
      };
    }
    const dup = tx
      .select({ id: reports.id })
      .from(reports)
      .where(and(eq(reports.reporterId, reporter.id), eq(reports.itemKind, ref.kind), eq(reports.itemId, ref.id), eq(reports.status, "open")))
      .get();
    if (dup) return { ok: false as const, status: 400 as const, error: "You have already reported this. The moderators will tell you what they decide." };
    const row = tx
      .insert(reports)
      .values({
        itemKind: ref.kind,
        itemId: ref.id,
        seminarId: target.seminarId,
        authorId,
        reporterId: reporter.id,
        reason,
        details: details.trim().slice(0, DETAILS_MAX),
        itemTitle: target.title.slice(0, 200),
        createdAt: now,
      })
      .returning({ id: reports.id })
      .get();
    audit(tx, { actorId: reporter.id, action: "report.filed", subject: `${ref.kind}:${ref.id}`, details: { reportId: row.id, reason }, ip });
    return { ok: true as const, reportId: row.id };
  });
}

/** Seminars this member teaches (instructors moderate reports on their seminar's items). */
function taughtSeminars(userId: number): number[] {
  return db()
    .all<{ id: number }>(sql`select seminar_id as id from memberships where user_id = ${userId} and role = 'instructor'`)
    .map((r) => r.id);
}

/** Whether this member moderates anything at all (staff, or an instructor of some seminar). */
export function isModerator(viewer: Viewer): boolean {
  return viewer.role === "admin" || taughtSeminars(viewer.id).length > 0;
}

function mayModerate(viewer: Viewer, report: { seminarId: number | null }): boolean {
  if (viewer.role === "admin") return true;
  return report.seminarId !== null && taughtSeminars(viewer.id).includes(report.seminarId);
}

export interface QueueEntry {
  id: number;
  ref: ItemRef;
  title: string;
  href: string | null;
  reason: ReportReason;
  details: string;
  status: (typeof reports.$inferSelect)["status"];
  reporter: string;
  author: { id: number; name: string } | null;
  createdAt: number;
  resolvedAt: number | null;
  note: string;
  itemState: "hidden" | "removed" | null;
  othersOpen: number;
}

/** Open (or decided) reports this moderator may act on, newest first. */
export function listReports({ viewer, open = true, limit = 100 }: { viewer: Viewer; open?: boolean; limit?: number }): QueueEntry[] {
  const scope = viewer.role === "admin" ? null : taughtSeminars(viewer.id);
  if (scope && !scope.length) return [];
  const rows = db()
    .select()
    .from(reports)
    .where(
      and(
        open ? eq(reports.status, "open") : sql`${reports.status} != 'open'`,
        scope ? inArray(reports.seminarId, scope) : undefined,
      ),
    )
    .orderBy(desc(reports.id))
    .limit(limit)
    .all();
  return describe(viewer, rows);
}

function describe(viewer: Viewer, rows: (typeof reports.$inferSelect)[]): QueueEntry[] {
  const names = memberNames(rows.flatMap((r) => [r.reporterId ?? 0, r.authorId ?? 0]));
  const refs = rows.filter((r) => isItemKind(r.itemKind)).map((r) => ({ kind: r.itemKind as ItemKind, id: r.itemId }));
  // Moderators follow the link to the item; staff see hidden items too (canSee), instructors see their seminar's.
  const seen = summarizeVisible(viewer, refs);
  const states = new Map(
    db()
      .select({ kind: moderatedItems.itemKind, id: moderatedItems.itemId, state: moderatedItems.state })
      .from(moderatedItems)
      .where(sql`(${moderatedItems.itemKind} || ':' || ${moderatedItems.itemId}) in (select value from json_each(${JSON.stringify(refs.map((r) => `${r.kind}:${r.id}`))}))`)
      .all()
      .map((r) => [`${r.kind}:${r.id}` as string, r.state] as const),
  );
  const openCounts = new Map(
    db()
      .all<{ k: string; n: number }>(sql`
        select item_kind || ':' || item_id as k, count(*) as n from reports where status = 'open'
        and (item_kind || ':' || item_id) in (select value from json_each(${JSON.stringify(refs.map((r) => `${r.kind}:${r.id}`))}))
        group by 1`)
      .map((r) => [r.k, r.n]),
  );
  return rows.map((r) => {
    const key = `${r.itemKind}:${r.itemId}`;
    return {
      id: r.id,
      ref: { kind: r.itemKind as ItemKind, id: r.itemId },
      title: seen.get(key)?.title ?? r.itemTitle,
      href: seen.get(key)?.href ?? null,
      reason: r.reason,
      details: r.details,
      status: r.status,
      reporter: r.reporterId ? (names.get(r.reporterId)?.name ?? "Former member") : "Former member",
      author: r.authorId ? { id: r.authorId, name: names.get(r.authorId)?.name ?? "Former member" } : null,
      createdAt: r.createdAt,
      resolvedAt: r.resolvedAt,
      note: r.note,
      itemState: states.get(key) ?? null,
      othersOpen: Math.max(0, (openCounts.get(key) ?? 0) - (r.status === "open" ? 1 : 0)),
    };
  });
}

/** One report, to a moderator who may act on it (null otherwise: the page is a 404). */
export function getReport({ viewer, reportId }: { viewer: Viewer; reportId: number }): (QueueEntry & { excerpt: string }) | null {
  const row = db().select().from(reports).where(eq(reports.id, reportId)).get();
  if (!row || !mayModerate(viewer, row)) return null;
  return { ...describe(viewer, [row])[0]!, excerpt: excerptOf({ kind: row.itemKind as ItemKind, id: row.itemId }) };
}

export type DecisionResult = { ok: true; message: string } | { ok: false; status: 400 | 403 | 404; error: string };

/**
 * Applies a moderator's decision to the reported item and closes every open report on it; each reporter is told
 * the outcome by mail (the outbox, same transaction) and on their "My reports" page. Suspending is for staff.
 */
export function decideReport({
  moderator,
  reportId,
  outcome,
  note,
  ip,
  now = Date.now(),
}: {
  moderator: Viewer;
  reportId: number;
  outcome: ReportOutcome;
  note: string;
  ip?: string | null;
  now?: number;
}): DecisionResult {
  const report = db().select().from(reports).where(eq(reports.id, reportId)).get();
  if (!report || !mayModerate(moderator, report)) return { ok: false, status: 404, error: "No such report." };
  if (report.status !== "open") return { ok: false, status: 400, error: "This report was already decided." };
  if (outcome === "suspended" && moderator.role !== "admin") {
    return { ok: false, status: 403, error: "Only the institute's staff can suspend an account. Hide or remove the item, or warn its author." };
  }
  if ((outcome === "warned" || outcome === "suspended") && !report.authorId) {
    return { ok: false, status: 400, error: "We do not know who wrote this, so nobody can be warned or suspended. Hide or remove it instead." };
  }
  if (outcome === "suspended" && report.authorId === moderator.id) return { ok: false, status: 400, error: "You cannot suspend your own account." };
  const ref = { kind: report.itemKind, id: report.itemId };
  const cleanNote = note.trim().slice(0, 1000);
  return writeTransaction((tx) => {
    if (outcome === "hidden" || outcome === "removed") {
      tx.insert(moderatedItems)
        .values({ itemKind: ref.kind, itemId: ref.id, state: outcome, authorId: report.authorId, byId: moderator.id, reportId, createdAt: now })
        .onConflictDoUpdate({
          target: [moderatedItems.itemKind, moderatedItems.itemId],
          set: { state: outcome, byId: moderator.id, reportId, createdAt: now },
        })
        .run();
    }
    const author = report.authorId ? tx.select().from(users).where(eq(users.id, report.authorId)).get() : undefined;
    if (outcome === "warned" && author) {
      tx.insert(memberWarnings).values({ userId: author.id, byId: moderator.id, reportId, note: cleanNote, createdAt: now }).run();
      if (author.status === "active") {
        const mail = renderEmail("moderation-warning", {
          name: author.name,
          title: report.itemTitle || "something you wrote",
          note: cleanNote || "Please keep to the community's rules: be courteous, keep client matters confidential, and stay on topic.",
        });
        enqueueMail(tx, { to: author.email, kind: "moderation-warning", ...mail });
      }
    }
    if (outcome === "suspended" && author && author.status === "active") {
      tx.update(users).set({ status: "deactivated", deactivatedAt: new Date(now) }).where(eq(users.id, author.id)).run();
      tx.delete(sessions).where(eq(sessions.userId, author.id)).run();
      audit(tx, { actorId: moderator.id, action: "user.deactivated", subject: author.email, details: { reportId }, ip });
    }
    const open = tx
      .select({ id: reports.id, reporterId: reports.reporterId })
      .from(reports)
      .where(and(eq(reports.itemKind, ref.kind), eq(reports.itemId, ref.id), eq(reports.status, "open")))
      .all();
    tx.update(reports)
      .set({ status: outcome, resolvedById: moderator.id, resolvedAt: now, note: cleanNote })
      .where(inArray(reports.id, open.map((r) => r.id)))
      .run();
    audit(tx, {
      actorId: moderator.id,
      action: `moderation.${outcome}`,
      subject: `${ref.kind}:${ref.id}`,
      details: { reportId, reports: open.map((r) => r.id), authorId: report.authorId, seminarId: report.seminarId, note: cleanNote },
      ip,
    });
    const reporterIds = [...new Set(open.map((r) => r.reporterId).filter((id): id is number => id !== null))];
    const reporters = reporterIds.length
      ? tx.select().from(users).where(and(inArray(users.id, reporterIds), eq(users.status, "active"))).all()
      : [];
    for (const r of reporters) {
      const mail = renderEmail("report-outcome", {
        name: r.name,
        title: report.itemTitle || "an item",
        outcome: OUTCOME_FOR_REPORTER[outcome],
        link: new URL("/reports", env().APP_URL).href,
      });
      enqueueMail(tx, { to: r.email, kind: "report-outcome", ...mail });
    }
    return { ok: true as const, message: `Decided: ${OUTCOME_LABELS[outcome]}. ${open.length === 1 ? "The reporter has" : `All ${open.length} reporters have`} been told.` };
  });
}

/** Puts a hidden or removed item back (a moderator changed their mind). */
export function restoreItem({ moderator, ref, ip }: { moderator: Viewer; ref: ItemRef; ip?: string | null }): DecisionResult {
  const row = db()
    .select()
    .from(moderatedItems)
    .where(and(eq(moderatedItems.itemKind, ref.kind), eq(moderatedItems.itemId, ref.id)))
    .get();
  const report = row?.reportId ? db().select().from(reports).where(eq(reports.id, row.reportId)).get() : undefined;
  if (!row || !mayModerate(moderator, { seminarId: report?.seminarId ?? null })) return { ok: false, status: 404, error: "Nothing to restore." };
  writeTransaction((tx) => {
    tx.delete(moderatedItems).where(and(eq(moderatedItems.itemKind, ref.kind), eq(moderatedItems.itemId, ref.id))).run();
    audit(tx, { actorId: moderator.id, action: "moderation.restored", subject: `${ref.kind}:${ref.id}`, details: { reportId: row.reportId }, ip });
  });
  return { ok: true, message: "Restored: everyone who could see it before sees it again." };
}

/** The reports a member filed, with what became of them. */
export function myReports({ viewer }: { viewer: Viewer }) {
  const rows = db().select().from(reports).where(eq(reports.reporterId, viewer.id)).orderBy(desc(reports.id)).limit(100).all();
  return rows.map((r) => ({
    id: r.id,
    title: r.itemTitle,
    reason: REPORT_REASON_LABELS[r.reason],
    status: r.status,
    outcome: r.status === "open" ? "Waiting for the moderators." : OUTCOME_FOR_REPORTER[r.status],
    createdAt: r.createdAt,
  }));
}

/** Warnings a member received (shown to them on their messages page). */
export function warningsFor({ userId }: { userId: number }) {
  return db().select().from(memberWarnings).where(eq(memberWarnings.userId, userId)).orderBy(desc(memberWarnings.id)).limit(10).all();
}
