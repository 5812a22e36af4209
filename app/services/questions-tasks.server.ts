// Issue #14: a question unanswered for two days is surfaced to the institute's staff (notification centre and their
// "questions" mail choice). State lives in questions.surfaced_at, so the task is idempotent and a restart only delays it.
import { surfaceStaleQuestions } from "~/models/question-routing.server";
import { registerTask } from "./workers.server";

registerTask({ name: "unanswered-questions", everyMs: 10 * 60_000, run: () => void surfaceStaleQuestions() });

export const questionsTasks = ["unanswered-questions"] as const;
