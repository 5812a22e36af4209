// Issue #14: a question unanswered for two days is surfaced to the institute's staff (notification centre and their
// "questions" mail choice). State lives in questions.surfaced_at, so the task is idempotent and a restart only delays it.
// Files uploaded with an asking form that was never posted (kept so a form shown again did not lose them) are swept.
// Listed in services/tasks.server.ts.
import { sweepPendingAttachments } from "~/models/question-attachments.server";
import { surfaceStaleQuestions } from "~/models/question-routing.server";
import { removeStoredFile } from "./uploads.server";
import type { PeriodicTask } from "./workers.server";

export const questionsTasks: readonly PeriodicTask[] = [
  { name: "unanswered-questions", everyMs: 10 * 60_000, run: () => void surfaceStaleQuestions() },
  {
    name: "question-attachments-sweep",
    everyMs: 60 * 60_000,
    run: async () => {
      for (const storedName of sweepPendingAttachments()) await removeStoredFile("questions", storedName);
    },
  },
];
