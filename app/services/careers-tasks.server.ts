// Issue #18: the careers background work. Postings past their closing date become "expired" (they are already out of
// the list and refuse applications by their date; the task makes the status say so); members who saved a posting are
// told it closes soon. Idempotent, state in the database.
import { expireJobs } from "~/models/job-postings.server";
import { remindSavedJobsClosing } from "~/models/job-saves.server";
import { registerTask } from "./workers.server";

registerTask({ name: "job-expiry", everyMs: 60_000, run: () => void expireJobs() });
// Members who saved a posting hear once that it closes within two days (through notify: their "jobs" choice).
registerTask({ name: "saved-job-reminders", everyMs: 15 * 60_000, run: () => void remindSavedJobsClosing() });

export const careersTasks = ["job-expiry", "saved-job-reminders"] as const;
