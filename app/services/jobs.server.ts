// Durable background jobs (bulk invitations, and any long work another feature registers). A job's state lives in
// the jobs table: handlers commit their progress together with each slice of work, so a crash or restart resumes
// where it stopped, and a page can show progress while the job runs.
import { and, eq, lte, or, sql } from "drizzle-orm";
import { jobs } from "../../db/schema";
import { db, writeTransaction, type DB } from "~/models/db.server";
import { lucia } from "~/auth/session.server";
import { pruneResets } from "~/models/password-reset.server";
import { pruneInvitationMails } from "~/models/invitation-limits.server";
import { pruneNotifications } from "~/models/notifications.server";
import { pruneRateLimits } from "~/models/rate-limit.server";
import { onClusterMessage, sendToCluster } from "./cluster.server";

export type JobRow = typeof jobs.$inferSelect;

export interface JobContext {
  /** Commits progress inside the caller's transaction (together with the work it counts). */
  setProgress: (tx: DB, progress: number) => void;
  /** Keeps the claim alive during long work. */
  heartbeat: () => void;
}

export type JobHandler = (job: JobRow, ctx: JobContext) => Promise<void> | void;

const handlers = new Map<string, JobHandler>();
const LEASE_MS = 60_000;
const MAX_ATTEMPTS = 3;

/** Called only by the task registry (services/tasks.server.ts), which lists every job kind and its handler. */
export function registerJobHandler(kind: string, handler: JobHandler) {
  handlers.set(kind, handler);
}

export function registeredJobKinds(): string[] {
  return [...handlers.keys()];
}

/** Call inside writeTransaction with the change that asks for the job. */
export function enqueueJob(tx: DB, job: { kind: string; payload: unknown; total: number; runAt?: Date }): number {
  const row = tx
    .insert(jobs)
    .values({ kind: job.kind, payload: JSON.stringify(job.payload), total: job.total, runAt: job.runAt ?? new Date() })
    .returning({ id: jobs.id })
    .get();
  kickJobs();
  return row.id;
}

export function getJob({ id }: { id: number }): JobRow | undefined {
  return db().select().from(jobs).where(eq(jobs.id, id)).get();
}

function claimJob(now: Date): JobRow | null {
  return writeTransaction((tx) => {
    const due = tx
      .select({ id: jobs.id })
      .from(jobs)
      .where(
        or(
          and(eq(jobs.status, "queued"), lte(jobs.runAt, now)),
          // A running job whose lease lapsed belonged to a worker that crashed: resume it.
          and(eq(jobs.status, "running"), lte(jobs.lockedUntil, now)),
        ),
      )
      .orderBy(jobs.runAt)
      .limit(1)
      .get();
    if (!due) return null;
    return (
      tx
        .update(jobs)
        .set({ status: "running", lockedUntil: new Date(now.getTime() + LEASE_MS), attempts: jobsAttemptsPlusOne() })
        .where(eq(jobs.id, due.id))
        .returning()
        .get() ?? null
    );
  });
}

function jobsAttemptsPlusOne() {
  return sql`${jobs.attempts} + 1`;
}

/** Runs due jobs one after another for up to `budgetMs`. */
export async function runDueJobs({ now, budgetMs = 5000 }: { now?: Date; budgetMs?: number } = {}): Promise<number> {
  const started = Date.now();
  let ran = 0;
  while (Date.now() - started < budgetMs) {
    const job = claimJob(now ?? new Date());
    if (!job) break;
    ran++;
    const handler = handlers.get(job.kind);
    if (!handler) {
      writeTransaction((tx) =>
        tx.update(jobs).set({ status: "failed", lastError: `No handler for ${job.kind}` }).where(eq(jobs.id, job.id)).run(),
      );
      continue;
    }
    const ctx: JobContext = {
      setProgress: (tx, progress) => {
        tx.update(jobs)
          .set({ progress, lockedUntil: new Date(Date.now() + LEASE_MS) })
          .where(eq(jobs.id, job.id))
          .run();
      },
      heartbeat: () =>
        writeTransaction((tx) =>
          tx.update(jobs).set({ lockedUntil: new Date(Date.now() + LEASE_MS) }).where(eq(jobs.id, job.id)).run(),
        ),
    };
    try {
      await handler(job, ctx);
      writeTransaction((tx) =>
        tx.update(jobs).set({ status: "done", lockedUntil: null, lastError: null }).where(eq(jobs.id, job.id)).run(),
      );
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      console.error(`[jobs] job ${job.id} (${job.kind}) failed:`, e);
      const retry = job.attempts < MAX_ATTEMPTS;
      writeTransaction((tx) =>
        tx
          .update(jobs)
          .set({
            status: retry ? "queued" : "failed",
            runAt: new Date(Date.now() + 30_000 * job.attempts),
            lockedUntil: null,
            lastError: message.slice(0, 1000),
          })
          .where(eq(jobs.id, job.id))
          .run(),
      );
    }
  }
  return ran;
}

let workerActive = false;
/** The periodic task (listed in services/tasks.server.ts): from its first tick on, new jobs are also kicked. */
export async function jobsTick() {
  workerActive = true;
  await runDueJobs();
}

/** Starts due jobs soon after the enqueuing transaction commits (when workers run in this process). */
function kickJobs() {
  if (workerActive) setTimeout(() => void runDueJobs().catch((e) => console.error("[jobs]", e)), 20).unref();
  // In a server worker that does not run background work, the worker that does is nudged (issue 23).
  else sendToCluster({ colloquy: "kick", task: "jobs" });
}
onClusterMessage("kick", (m) => {
  if (m.colloquy === "kick" && m.task === "jobs") kickJobs();
});

// Housekeeping for the auth tables: expired sessions, old reset links, forgotten throttle counters.
export async function authHousekeeping() {
  await lucia().deleteExpiredSessions();
  pruneResets();
  pruneRateLimits();
  pruneInvitationMails();
  pruneNotifications();
}
