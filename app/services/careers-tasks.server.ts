// Issue #18: the careers background work. Postings past their closing date become "expired" (they are already out of
// the list and refuse applications by their date; the task makes the status say so). Idempotent, state in the database.
import { expireJobs } from "~/models/job-postings.server";
import { registerTask } from "./workers.server";

registerTask({ name: "job-expiry", everyMs: 60_000, run: () => void expireJobs() });

export const careersTasks = ["job-expiry"] as const;
