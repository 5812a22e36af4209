// Issue #18: members save job postings to come back to them (the "Saved jobs" page lists them through listJobs), and
// are told through the spine (notify, topic "jobs") when a saved posting is closed early or closes within two days.
// A member who saved a posting keeps seeing it once closed (careers-kinds.server.ts), so the notice leads somewhere.
import { and, eq, gt, inArray, isNull, lte, sql } from "drizzle-orm";
import { jobPostings as jobs, savedJobs } from "../../db/schema";
import { countActivity } from "./counts.server";
import { db, writeTransaction, type DB } from "./db.server";
import { isJobOpen } from "./careers-kinds.server";
import { canSee, type Viewer } from "./items.server";
import { notify } from "./notifications.server";

/** Members who saved a posting are told once when it closes within this window. */
export const CLOSING_SOON_MS = 2 * 86400_000;

export type SaveResult = { ok: true; saved: boolean } | { ok: false; status: 404 | 409; error: string };

/** Saves (or, with `saved: false`, unsaves) a posting the viewer may see. Saving needs the posting to be open. */
export function setJobSaved({ viewer, jobId, saved, now = Date.now() }: { viewer: Viewer; jobId: number; saved: boolean; now?: number }): SaveResult {
  // Unsaving only deletes the viewer's own row, so it works even for a posting they may no longer see.
  if (!saved) {
    writeTransaction((tx) =>
      tx
        .delete(savedJobs)
        .where(and(eq(savedJobs.userId, viewer.id), eq(savedJobs.jobId, jobId)))
        .run()
    );
    return { ok: true, saved: false };
  }
  if (!canSee(viewer, { kind: "job", id: jobId })) return { ok: false, status: 404, error: "No such posting." };
  return writeTransaction((tx) => {
    const job = tx.select({ status: jobs.status, closesAt: jobs.closesAt }).from(jobs).where(eq(jobs.id, jobId)).get();
    if (!job || !isJobOpen(job, now))
      return {
        ok: false as const,
        status: 409 as const,
        error: "This posting is closed: there is nothing to save it for.",
      };
    const added = tx
      .insert(savedJobs)
      .values({ userId: viewer.id, jobId, createdAt: new Date(now) })
      .onConflictDoNothing()
      .run().changes;
    if (added) countActivity(tx, { userId: viewer.id, counter: "job.saved", at: now });
    return { ok: true as const, saved: true };
  });
}

export function isJobSaved({ viewer, jobId }: { viewer: Viewer; jobId: number }): boolean {
  return Boolean(
    db()
      .select({ j: savedJobs.jobId })
      .from(savedJobs)
      .where(and(eq(savedJobs.userId, viewer.id), eq(savedJobs.jobId, jobId)))
      .get()
  );
}

/** SQL condition "the viewer saved this posting", for listJobs. */
export const savedByClause = (viewerId: number, jobIdColumn: typeof jobs.id) =>
  sql`exists (select 1 from ${savedJobs} s where s.user_id = ${viewerId} and s.job_id = ${jobIdColumn})`;

/** Call inside the transaction that closes a posting early: everyone who saved it is told. */
export function notifySaversClosed(tx: DB, job: { id: number; title: string; organisation: string }, actorId: number) {
  const savers = tx
    .select({ id: savedJobs.userId })
    .from(savedJobs)
    .where(eq(savedJobs.jobId, job.id))
    .all()
    .map((r) => r.id);
  notify(tx, {
    ref: { kind: "job", id: job.id },
    event: "job.closed",
    actorId,
    recipients: savers,
    topic: "jobs",
    summary: `A job you saved is closed: ${job.title} at ${job.organisation}`,
  });
}

/**
 * The careers task: members who saved an open posting that closes within CLOSING_SOON_MS are told once. Cheap read
 * first; idempotent (remindedAt).
 */
export function remindSavedJobsClosing(now = Date.now()): number {
  const due = db()
    .select({
      userId: savedJobs.userId,
      jobId: savedJobs.jobId,
      title: jobs.title,
      organisation: jobs.organisation,
    })
    .from(savedJobs)
    .innerJoin(jobs, eq(jobs.id, savedJobs.jobId))
    .where(
      and(
        isNull(savedJobs.remindedAt),
        eq(jobs.status, "open"),
        gt(jobs.closesAt, new Date(now)),
        lte(jobs.closesAt, new Date(now + CLOSING_SOON_MS))
      )
    )
    .limit(1000)
    .all();
  if (!due.length) return 0;
  const byJob = new Map<number, typeof due>();
  for (const d of due) byJob.set(d.jobId, [...(byJob.get(d.jobId) ?? []), d]);
  return writeTransaction((tx) => {
    let told = 0;
    for (const [jobId, rows] of byJob) {
      const first = rows[0]!;
      const userIds = rows.map((r) => r.userId);
      const marked = tx
        .update(savedJobs)
        .set({ remindedAt: new Date(now) })
        .where(and(eq(savedJobs.jobId, jobId), inArray(savedJobs.userId, userIds), isNull(savedJobs.remindedAt)))
        .returning({ userId: savedJobs.userId })
        .all();
      if (!marked.length) continue;
      told += notify(tx, {
        ref: { kind: "job", id: jobId },
        event: "job.closing",
        actorId: null,
        recipients: marked.map((m) => m.userId),
        topic: "jobs",
        summary: `A job you saved closes soon: ${first.title} at ${first.organisation}`,
      }).length;
    }
    return told;
  });
}
