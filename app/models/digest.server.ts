// The one daily and one weekly digest per member (issue #15). Everything a member chose to hear about "daily" or
// "weekly" goes into one mail per period: notifications (answers, mentions, replies… from notify()), pending
// material and reply notices, new posts in their seminars, upcoming sessions, open surveys and legal news.
//
// Exactly once per period: digest_state holds, per member and cadence, the last period mailed and when the next is
// due. Claiming a period is a conditional UPDATE in the same write transaction as the queued mail, so a restart
// mid-run neither sends a period twice nor skips one (the members not yet reached are simply still due).
// Digests go out at the member's local morning (their time zone in participation settings).
import { digestState, type DigestCadence } from "../../db/schema";
import { htmlToText } from "~/services/markdown.server";
import { env } from "~/utils/env.server";
import { prepared, type DB } from "./db.server";
import { summarizeVisible, type ItemRef } from "./items.server";
import { newsDigestFor } from "./news-items.server";
import { participationFor } from "./participation.server";
import { MAIL_TOPICS, mailChoicesFor, type MailChoice, type MailTopic } from "./preferences.server";

/** Local hour at which digests are due. */
export const DIGEST_HOUR = 7;
const DAY = 86_400_000;

// --- local time without a time-zone library ------------------------------------------------------------------

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
function localParts(at: number, timeZone: string) {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      weekday: "short",
    });
    partsFormatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
    second: Number(p.second),
    weekday: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(p.weekday!) + 1, // ISO: Monday 1 … Sunday 7
  };
}

/** The instant at which the wall clock in `timeZone` reads y-m-d h:00 (DST gaps resolve forward). */
function zonedInstant(y: number, m: number, d: number, h: number, timeZone: string): number {
  const wall = Date.UTC(y, m - 1, d, h);
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const p = localParts(guess, timeZone);
    const seen = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    guess += wall - seen;
  }
  return guess;
}

/** The next local morning (daily) or Monday morning (weekly) strictly after `after`. */
export function nextDigestAt({ after, timeZone, cadence }: { after: number; timeZone: string; cadence: DigestCadence }): number {
  const p = localParts(after, timeZone);
  for (let add = 0; add < 9; add++) {
    const day = new Date(Date.UTC(p.year, p.month - 1, p.day + add));
    const iso = day.getUTCDay() === 0 ? 7 : day.getUTCDay();
    if (cadence === "weekly" && iso !== 1) continue;
    const at = zonedInstant(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), DIGEST_HOUR, timeZone);
    if (at > after) return at;
  }
  throw new Error("unreachable: no morning within nine days");
}

/** "2026-12-03" for a daily digest, "2026-W49" for a weekly one, on the member's calendar. */
export function digestPeriod({ at, timeZone, cadence }: { at: number; timeZone: string; cadence: DigestCadence }): string {
  const p = localParts(at, timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  if (cadence === "daily") return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
  // ISO week: the week's Thursday decides the year.
  const date = new Date(Date.UTC(p.year, p.month - 1, p.day));
  date.setUTCDate(date.getUTCDate() + 4 - p.weekday);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / DAY + 1) / 7);
  return `${date.getUTCFullYear()}-W${pad(week)}`;
}

// --- who is due ----------------------------------------------------------------------------------------------

function q(key: string, sql: string) {
  return prepared(`digest:${key}`, (d) => d.$client.prepare(sql));
}

/** Active members without a schedule for this cadence yet (new members, or a fresh installation). */
export function membersWithoutSchedule({ cadence, limit }: { cadence: DigestCadence; limit: number }): number[] {
  return (
    q(
      "unscheduled",
      `select u.id from users u where u.status = 'active'
         and not exists (select 1 from digest_state d where d.user_id = u.id and d.cadence = ?) order by u.id limit ?`,
    ).all(cadence, limit) as { id: number }[]
  ).map((r) => r.id);
}

/** Starts the schedule: the first digest covers what happens from now on (never a backlog). */
export function scheduleDigests(tx: DB, { userIds, cadence, now }: { userIds: number[]; cadence: DigestCadence; now: number }) {
  const zones = participationFor(userIds);
  for (const userId of userIds) {
    const timeZone = zones.get(userId)!.timeZone;
    tx.insert(digestState)
      .values({ userId, cadence, coveredUntil: new Date(now), nextDueAt: new Date(nextDigestAt({ after: now, timeZone, cadence })) })
      .onConflictDoNothing()
      .run();
  }
}

export interface DueDigest {
  userId: number;
  email: string;
  name: string;
  status: string;
  role: "admin" | "member";
  coveredUntil: number;
  lastPeriod: string | null;
}

export function dueDigests({ cadence, now, limit }: { cadence: DigestCadence; now: number; limit: number }): DueDigest[] {
  return q(
    "due",
    `select d.user_id as userId, u.email, u.name, u.status, u.role, d.covered_until as coveredUntil, d.last_period as lastPeriod
       from digest_state d join users u on u.id = d.user_id
      where d.cadence = ? and d.next_due_at <= ? order by d.next_due_at, d.user_id limit ?`,
  ).all(cadence, now, limit) as DueDigest[];
}

// --- what goes in --------------------------------------------------------------------------------------------

export interface DigestEntry {
  text: string;
  href: string;
  /** A second plain line (seminar, date, source). */
  meta?: string;
}
export interface DigestSection {
  key: string;
  title: string;
  entries: DigestEntry[];
}
export interface DigestContent {
  sections: DigestSection[];
  /** Notice rows to mark as mailed in the same transaction. */
  materialNoticeIds: number[];
  replyNoticeIds: number[];
}

const MAX_PER_SECTION = 20;

/** Which topics this digest covers: those the member set to this cadence ("at once" news counts as daily). */
export function topicsForCadence(choices: Record<MailTopic, MailChoice>, cadence: DigestCadence): Set<MailTopic> {
  const out = new Set<MailTopic>();
  for (const t of MAIL_TOPICS) {
    const c = choices[t];
    // Stream-like topics cannot be mailed one by one; "at once" means as soon as possible, i.e. daily.
    const effective = c === "immediate" && (t === "news" || t === "posts" || t === "sessions") ? "daily" : c;
    if (effective === cadence) out.add(t);
  }
  return out;
}

const abs = (href: string) => new URL(href, env().APP_URL).href;

/** Builds one member's digest (reads only). Every item goes through canSee (summarizeVisible) before it is shown. */
export function buildDigest({
  member,
  cadence,
  topics,
  now,
}: {
  member: DueDigest;
  cadence: DigestCadence;
  topics: Set<MailTopic>;
  now: number;
}): DigestContent {
  const viewer = { id: member.userId, role: member.role };
  const since = member.coveredUntil;
  const sections: DigestSection[] = [];
  const content: DigestContent = { sections, materialNoticeIds: [], replyNoticeIds: [] };
  const add = (key: string, title: string, entries: DigestEntry[]) => {
    if (entries.length) sections.push({ key, title, entries: entries.slice(0, MAX_PER_SECTION) });
  };

  // Notifications written by notify() for this cadence (answers, mentions, messages…).
  const notes = q(
    "notes",
    `select id, ref_kind as kind, ref_id as refId, summary from notifications
      where user_id = ? and delivery = ? and created_at > ? and created_at <= ? and read_at is null order by created_at limit 100`,
  ).all(member.userId, cadence, since, now) as { id: number; kind: string; refId: number; summary: string }[];
  if (notes.length) {
    const seen = summarizeVisible(viewer, notes.map((n) => ({ kind: n.kind, id: n.refId }) as ItemRef));
    add(
      "notifications",
      "For you",
      notes.flatMap((n) => {
        const s = seen.get(`${n.kind}:${n.refId}`);
        return s ? [{ text: n.summary, href: abs(s.href) }] : [];
      }),
    );
  }

  if (topics.has("replies")) {
    const rows = q(
      "replies",
      `select r.id, c.id as commentId, c.post_id as postId, c.body_html as bodyHtml, p.title as postTitle, s.slug, s.title as seminarTitle,
              coalesce(a.name, 'A member') as author
         from reply_notices r join comments c on c.id = r.comment_id join blog_posts p on p.id = c.post_id
         join seminars s on s.id = r.seminar_id left join users a on a.id = c.author_id and a.status = 'active'
        where r.user_id = ? and r.mail = 'pending' and c.removed_at is null order by r.created_at limit 100`,
    ).all(member.userId) as { id: number; commentId: number; postId: number; bodyHtml: string; postTitle: string; slug: string; seminarTitle: string; author: string }[];
    const visible = summarizeVisible(viewer, rows.map((r) => ({ kind: "comment", id: r.commentId }) as ItemRef));
    const live = rows.filter((r) => visible.has(`comment:${r.commentId}`));
    content.replyNoticeIds = rows.map((r) => r.id);
    add(
      "replies",
      "Replies to you",
      live.map((r) => ({ text: `${r.author} replied on “${r.postTitle}”`, meta: `${r.seminarTitle} · “${htmlToText(r.bodyHtml, 200)}”`, href: abs(`/s/${r.slug}/blog/${r.postId}#comment-${r.commentId}`) })),
    );
  }

  if (topics.has("materials")) {
    const rows = q(
      "materials",
      `select n.id, m.id as materialId, m.title, v.version, s.slug, s.title as seminarTitle,
              exists(select 1 from memberships ms where ms.seminar_id = n.seminar_id and ms.user_id = n.user_id) as member
         from material_notices n join materials m on m.id = n.material_id join material_versions v on v.id = n.version_id
         join seminars s on s.id = n.seminar_id
        where n.user_id = ? and n.mail = 'pending' order by n.created_at limit 100`,
    ).all(member.userId) as { id: number; materialId: number; title: string; version: number; slug: string; seminarTitle: string; member: number }[];
    content.materialNoticeIds = rows.map((r) => r.id);
    add(
      "materials",
      "New and updated materials",
      rows
        .filter((r) => r.member || member.role === "admin")
        .map((r) => ({
          text: r.version > 1 ? `New version ${r.version} of “${r.title}”` : `New material “${r.title}”`,
          meta: r.seminarTitle,
          href: abs(`/s/${r.slug}/materials/${r.materialId}`),
        })),
    );
  }

  if (topics.has("posts")) {
    const rows = q(
      "posts",
      `select p.id from blog_posts p join memberships ms on ms.seminar_id = p.seminar_id and ms.user_id = ?
        where p.status = 'published' and p.published_at > ? and p.published_at <= ? and coalesce(p.author_id, 0) <> ?
        order by p.published_at limit ?`,
    ).all(member.userId, since, now, member.userId, MAX_PER_SECTION) as { id: number }[];
    const seen = summarizeVisible(viewer, rows.map((r) => ({ kind: "post", id: r.id }) as ItemRef));
    add("posts", "New posts in your seminars", [...seen.values()].map((s) => ({ text: s.title, href: abs(s.href) })));
  }

  if (topics.has("sessions")) {
    const horizon = now + (cadence === "weekly" ? 7 * DAY : DAY);
    const rows = q(
      "sessions",
      `select x.id, x.title, x.starts_at as startsAt, s.slug, s.title as seminarTitle, s.time_zone as timeZone
         from seminar_sessions x join memberships ms on ms.seminar_id = x.seminar_id and ms.user_id = ?
         join seminars s on s.id = x.seminar_id
        where x.starts_at > ? and x.starts_at <= ? order by x.starts_at limit ?`,
    ).all(member.userId, now, horizon, MAX_PER_SECTION) as { id: number; title: string; startsAt: number; slug: string; seminarTitle: string; timeZone: string }[];
    add(
      "sessions",
      cadence === "weekly" ? "Sessions this week" : "Sessions in the next day",
      rows.map((r) => ({
        text: r.title,
        meta: `${r.seminarTitle} · ${new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: r.timeZone, timeZoneName: "short" }).format(r.startsAt)}`,
        href: abs(`/s/${r.slug}/schedule/${r.id}`),
      })),
    );
  }

  if (topics.has("surveys")) {
    const rows = q(
      "surveys",
      `select v.id, v.title, v.closes_at as closesAt, s.slug, s.title as seminarTitle
         from surveys v join memberships ms on ms.seminar_id = v.seminar_id and ms.user_id = ? and ms.role = 'attendee'
         join seminars s on s.id = v.seminar_id
        where v.published_at is not null and v.invited_at is not null and v.closes_at > ?
          and not exists (select 1 from survey_respondents r where r.survey_id = v.id and r.user_id = ms.user_id)
        order by v.closes_at limit ?`,
    ).all(member.userId, now, MAX_PER_SECTION) as { id: number; title: string; closesAt: number; slug: string; seminarTitle: string }[];
    add(
      "surveys",
      "Surveys waiting for your answer",
      rows.map((r) => ({
        text: r.title,
        meta: `${r.seminarTitle} · closes ${new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(r.closesAt)}`,
        href: abs(`/s/${r.slug}/survey`),
      })),
    );
  }

  if (topics.has("news")) {
    const items = newsDigestFor({ userId: member.userId, since: new Date(since) });
    add(
      "news",
      "Legal news",
      items.map((i) => ({
        text: i.title,
        meta: `${i.sourceName} · ${new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(i.publishedAt)}`,
        href: i.link ?? abs("/news"),
      })),
    );
  }
  return content;
}

// --- claiming a period ---------------------------------------------------------------------------------------

/**
 * Claims this period for the member and moves the schedule on; false when another run already claimed it (the
 * caller then queues nothing). Must run in the write transaction that queues the mail.
 */
export function claimDigestPeriod(
  tx: DB,
  { userId, cadence, period, now, nextDueAt }: { userId: number; cadence: DigestCadence; period: string; now: number; nextDueAt: number },
): boolean {
  const r = tx.$client
    .prepare(
      `update digest_state set last_period = ?, covered_until = ?, next_due_at = ?
        where user_id = ? and cadence = ? and next_due_at <= ? and (last_period is null or last_period <> ?)`,
    )
    .run(period, now, nextDueAt, userId, cadence, now, period);
  return r.changes === 1;
}

/** The schedule moves on without a mail (a period already claimed, an inactive member). */
export function postponeDigest(tx: DB, { userId, cadence, nextDueAt }: { userId: number; cadence: DigestCadence; nextDueAt: number }) {
  tx.$client.prepare(`update digest_state set next_due_at = ? where user_id = ? and cadence = ?`).run(nextDueAt, userId, cadence);
}

export function recordDigestMail(tx: DB, { userId, cadence, outboxId, now }: { userId: number; cadence: DigestCadence; outboxId: number; now: number }) {
  tx.$client.prepare(`update digest_state set last_outbox_id = ?, last_sent_at = ? where user_id = ? and cadence = ?`).run(outboxId, now, userId, cadence);
}

export function markNoticesMailed(tx: DB, { materialNoticeIds, replyNoticeIds }: Pick<DigestContent, "materialNoticeIds" | "replyNoticeIds">) {
  if (materialNoticeIds.length)
    tx.$client.prepare(`update material_notices set mail = 'sent' where mail = 'pending' and id in (select value from json_each(?))`).run(JSON.stringify(materialNoticeIds));
  if (replyNoticeIds.length)
    tx.$client.prepare(`update reply_notices set mail = 'sent' where mail = 'pending' and id in (select value from json_each(?))`).run(JSON.stringify(replyNoticeIds));
}

export function digestStateOf({ userId, cadence }: { userId: number; cadence: DigestCadence }) {
  return q("state", `select * from digest_state where user_id = ? and cadence = ?`).get(userId, cadence) as
    | { last_period: string | null; next_due_at: number; covered_until: number; last_outbox_id: number | null }
    | undefined;
}

export { mailChoicesFor, participationFor };
