// Issue #18: the careers background work. Postings past their closing date become "expired" (they are already out of
// the list and refuse applications by their date; the task makes the status say so); members who saved a posting are
// told once that it closes soon (through notify: their "Job postings" choice). Idempotent, state in the database.
// Listed in services/tasks.server.ts.
import { expireJobs } from "~/models/job-postings.server";
import { remindSavedJobsClosing } from "~/models/job-saves.server";
import type { PeriodicTask } from "./workers.server";

export const careersTasks: readonly PeriodicTask[] = [
  { name: "job-expiry", everyMs: 60_000, run: () => void expireJobs() },
  { name: "saved-job-reminders", everyMs: 15 * 60_000, run: () => void remindSavedJobsClosing() },
];
