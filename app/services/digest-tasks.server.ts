// The digest run (issue #15): every few minutes, the members whose local morning has come get their one daily and
// (on Mondays) one weekly digest. Work happens in small batches: reads for a handful of members, then one short
// write transaction that claims their periods and queues their mail, then a yield to the event loop, so a run over
// 100,000 members never holds the server for more than a few milliseconds at a time.
import type { DigestCadence } from "../../db/schema";
import {
  buildDigest,
  claimDigestPeriod,
  digestPeriod,
  dueDigests,
  markNoticesMailed,
  membersWithoutSchedule,
  nextDigestAt,
  postponeDigest,
  recordDigestMail,
  scheduleDigests,
  topicsForCadence,
  type DigestContent,
  type DueDigest,
} from "~/models/digest.server";
import { writeTransaction } from "~/models/db.server";
import { participationFor } from "~/models/participation.server";
import { mailChoicesFor } from "~/models/preferences.server";
import { env } from "~/utils/env.server";
import { enqueueMail, escapeHtml, renderEmail } from "./mail.server";

/** Members per batch; each batch is a few milliseconds of reads plus one short transaction. */
export const DIGEST_BATCH = 20;
const SCHEDULE_BATCH = 500;

const yieldToEventLoop = () => new Promise<void>((r) => setImmediate(r));

export interface DigestRunResult {
  scheduled: number;
  checked: number;
  sent: number;
  empty: number;
  /** The longest stretch one batch held the event loop (reads plus its write transaction), in milliseconds. */
  longestBatchMs: number;
  /** How many batches the run was cut into (each followed by a yield to the event loop). */
  batches: number;
  /** The most members one batch handled. */
  largestBatch: number;
}

export interface DigestRunOptions {
  now?: number;
  /** Tests: stop after this many batches (a crash mid-run). */
  maxBatches?: number;
  batchSize?: number;
}

export async function runDigests({ now = Date.now(), maxBatches = Infinity, batchSize = DIGEST_BATCH }: DigestRunOptions = {}): Promise<DigestRunResult> {
  const result: DigestRunResult = { scheduled: 0, checked: 0, sent: 0, empty: 0, longestBatchMs: 0, batches: 0, largestBatch: 0 };
  let batches = 0;
  for (const cadence of ["daily", "weekly"] as const) {
    // New members (and a fresh installation) get a schedule; their first digest covers what happens from now on.
    for (;;) {
      const ids = membersWithoutSchedule({ cadence, limit: SCHEDULE_BATCH });
      if (!ids.length) break;
      writeTransaction((tx) => scheduleDigests(tx, { userIds: ids, cadence, now }));
      result.scheduled += ids.length;
      await yieldToEventLoop();
      if (ids.length < SCHEDULE_BATCH) break;
    }
    for (;;) {
      if (batches >= maxBatches) return result;
      const due = dueDigests({ cadence, now, limit: batchSize });
      if (!due.length) break;
      batches++;
      result.batches++;
      result.largestBatch = Math.max(result.largestBatch, due.length);
      const started = performance.now();
      runBatch({ due, cadence, now, result });
      result.longestBatchMs = Math.max(result.longestBatchMs, performance.now() - started);
      result.checked += due.length;
      await yieldToEventLoop();
      if (due.length < batchSize) break;
    }
  }
  return result;
}

function runBatch({ due, cadence, now, result }: { due: DueDigest[]; cadence: DigestCadence; now: number; result: DigestRunResult }) {
  const ids = due.map((d) => d.userId);
  const choices = mailChoicesFor(ids);
  const modes = participationFor(ids);
  // Reads first, outside the write lock.
  const plans = due.map((member) => {
    const { mode, timeZone } = modes.get(member.userId)!;
    const nextDueAt = nextDigestAt({ after: now, timeZone, cadence });
    const period = digestPeriod({ at: now, timeZone, cadence });
    const topics = topicsForCadence(choices.get(member.userId)!, cadence);
    const wanted = member.status === "active" && mode !== "paused" && topics.size > 0;
    const content: DigestContent | null = wanted ? buildDigest({ member, cadence, topics, now }) : null;
    return { member, nextDueAt, period, content };
  });
  writeTransaction((tx) => {
    for (const { member, nextDueAt, period, content } of plans) {
      if (!claimDigestPeriod(tx, { userId: member.userId, cadence, period, now, nextDueAt })) {
        // This period went out already (a second run, a clock moved back): only move the schedule on.
        postponeDigest(tx, { userId: member.userId, cadence, nextDueAt });
        continue;
      }
      if (!content) continue;
      markNoticesMailed(tx, content);
      if (!content.sections.length) {
        result.empty++;
        continue;
      }
      try {
        const mail = digestMail({ name: member.name, cadence, content });
        const outboxId = enqueueMail(tx, { to: member.email, kind: `digest-${cadence}`, ...mail, unsubscribe: { userId: member.userId, kind: `digest-${cadence}` } });
        recordDigestMail(tx, { userId: member.userId, cadence, outboxId, now });
        result.sent++;
      } catch (e) {
        // An unusable address must not hold up everyone else's digest (enqueueMail refuses before writing).
        console.warn(`[digest] ${cadence} digest for member ${member.userId} not queued:`, e instanceof Error ? e.message : e);
      }
    }
  });
}

export function digestMail({ name, cadence, content }: { name: string; cadence: DigestCadence; content: DigestContent }) {
  const count = content.sections.reduce((n, s) => n + s.entries.length, 0);
  const text = content.sections
    .map((s) => `${s.title}\n${"-".repeat(s.title.length)}\n${s.entries.map((e) => `* ${e.text}${e.meta ? `\n  ${e.meta}` : ""}\n  ${e.href}`).join("\n")}\n`)
    .join("\n");
  const html = content.sections
    .map(
      (s) =>
        `<h2 style="font-size:18px;margin:24px 0 8px;">${escapeHtml(s.title)}</h2><ul style="padding-left:18px;margin:0 0 16px;">${s.entries
          .map(
            (e) =>
              `<li style="margin:0 0 10px;"><a href="${escapeHtml(e.href)}" style="color:#6b2d2d;">${escapeHtml(e.text)}</a>${
                e.meta ? `<br><span style="font-size:14px;color:#5f6368;">${escapeHtml(e.meta)}</span>` : ""
              }</li>`,
          )
          .join("")}</ul>`,
    )
    .join("");
  const r = renderEmail("digest", {
    name,
    count: String(count),
    things: count === 1 ? "thing" : "things",
    period: cadence === "weekly" ? "this week" : "today",
    cadence,
    items: text,
    link: `${env().APP_URL}/notifications`,
    settingsLink: `${env().APP_URL}/profile/settings#mail-title`,
  });
  return { subject: r.subject, text: r.text, html: r.html.replace("<!--digest-items-->", () => html) };
}

