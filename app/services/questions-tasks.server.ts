// Issue #14: a question unanswered for two days is surfaced to the institute's staff (notification centre and their
// "questions" mail choice). State lives in questions.surfaced_at, so the task is idempotent and a restart only delays it.
// Listed in services/tasks.server.ts.
import { surfaceStaleQuestions } from "~/models/questions.server";
import type { PeriodicTask } from "./workers.server";

export const questionsTasks: readonly PeriodicTask[] = [
  { name: "unanswered-questions", everyMs: 10 * 60_000, run: () => void surfaceStaleQuestions() },
];
