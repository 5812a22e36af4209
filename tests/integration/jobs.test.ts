// The durable jobs runner with the bulk-invitation handler: progress commits with each slice, so a job whose worker
// died resumes at the first unsent row and never invites anyone twice.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createSeminar, createUser } from "../../db/factories";
import { invitations, jobs, outbox } from "../../db/schema";
import { db, writeTransaction } from "~/models/db.server";
import { createInvitation } from "~/models/invitation.server";
import { startBulkInvitations } from "~/services/bulk-invite.server";
import { getJob, runDueJobs } from "~/services/jobs.server";
// Job handlers are listed in the one task registry, which the server entry imports (issue 13).
import "~/services/tasks.server";

describe("bulk invitation jobs", () => {
  it("run to the end with progress, and resume after a crash without duplicates", async () => {
    const admin = await createUser(db(), { email: "staff@institute.example", role: "admin" });
    const seminar = createSeminar(db(), { title: "Jobs Seminar" });
    const rows = Array.from({ length: 45 }, (_, i) => ({ email: `p${i}@class.example`, name: `P ${i}`, role: "attendee" as const }));
    const payload = { rows, seminarId: seminar.id, message: "", expiresAt: Date.now() + 86400_000, invitedById: admin.id };

    // A clean run.
    const first = startBulkInvitations(payload);
    expect(getJob({ id: first })).toMatchObject({ status: "queued", progress: 0, total: 45 });
    await runDueJobs();
    expect(getJob({ id: first })).toMatchObject({ status: "done", progress: 45 });
    expect(db().select().from(invitations).where(eq(invitations.batchId, first)).all()).toHaveLength(45);

    // A run whose worker died after committing its first slice of 20.
    const rows2 = rows.map((r) => ({ ...r, email: r.email.replace("@", "+b@") }));
    const second = startBulkInvitations({ ...payload, rows: rows2 });
    writeTransaction((tx) => {
      for (const r of rows2.slice(0, 20)) {
        createInvitation(tx, { email: r.email, name: r.name, seminarId: seminar.id, seminarRole: "attendee", invitedById: admin.id, batchId: second });
      }
      tx.update(jobs).set({ status: "running", progress: 20, attempts: 1, lockedUntil: new Date(Date.now() + 60_000) }).where(eq(jobs.id, second)).run();
    });
    // While the dead worker's claim lasts, nobody else runs the job.
    await runDueJobs();
    expect(getJob({ id: second })).toMatchObject({ status: "running", progress: 20 });
    // Once it lapses the job resumes where it stopped.
    await runDueJobs({ now: new Date(Date.now() + 61_000) });
    expect(getJob({ id: second })).toMatchObject({ status: "done", progress: 45 });
    const made = db().select({ email: invitations.email }).from(invitations).where(eq(invitations.batchId, second)).all();
    expect(made).toHaveLength(45);
    expect(new Set(made.map((m) => m.email)).size).toBe(45);
    // One mail per invitation, each in the outbox.
    const mails = db().select().from(outbox).all().filter((m) => m.toAddress.includes("+b@class.example"));
    expect(mails).toHaveLength(45);
  });
});
