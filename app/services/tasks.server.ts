// Issue #13: the ONE list of background work. Every periodic task and every durable job handler is named here, and
// the server entry imports this module, so a task never runs (or fails to run) because of which routes happen to
// import its feature. tests/unit/task-registry.test.ts checks the list against the code.
//
// Adding work: write the function in the feature's model or in services/<feature>-tasks.server.ts (no registerTask
// there), then add ONE line below. A feature with several tasks may export a `PeriodicTask[]` and spread it here.
import { sendDueReplyDigests } from "~/models/comment.server";
import { sendDueMaterialDigests } from "~/models/material-notices.server";
import { runSurveyMailings } from "~/models/survey-mailing.server";
import { bulkInviteJob } from "./bulk-invite.server";
import { catalogueTasks } from "./catalogue-tasks.server";
import { authHousekeeping, jobsTick, registerJobHandler, type JobHandler } from "./jobs.server";
import { mailDeliveryTick } from "./outbox.server";
import { runNewsDigests } from "./news-digest-mail.server";
import { refreshDueSources } from "./news-refresh.server";
import { sweepUploadTemp } from "./uploads.server";
import { registerTask, type PeriodicTask } from "./workers.server";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Every periodic task: a unique name, how often it ticks, and what it runs. */
export const PERIODIC_TASKS: readonly PeriodicTask[] = [
  { name: "mail-delivery", everyMs: 2_000, run: mailDeliveryTick },
  { name: "jobs", everyMs: 1_000, run: jobsTick },
  { name: "auth-housekeeping", everyMs: HOUR, run: authHousekeeping },
  { name: "uploads-temp-sweep", everyMs: HOUR, run: sweepUploadTemp },
  { name: "news-refresh", everyMs: MINUTE, run: () => refreshDueSources().then(() => undefined) },
  { name: "news-digest", everyMs: 10 * MINUTE, run: () => runNewsDigests().then(() => undefined) },
  { name: "reply-digests", everyMs: 10 * MINUTE, run: () => void sendDueReplyDigests() },
  { name: "material-digests", everyMs: 10 * MINUTE, run: () => void sendDueMaterialDigests() },
  { name: "survey-mailings", everyMs: 5_000, run: () => void runSurveyMailings() },
  ...catalogueTasks,
];

/** Every durable job kind (`enqueueJob(tx, { kind })`) and the handler that runs it. */
export const JOB_HANDLERS: Readonly<Record<string, JobHandler>> = {
  "bulk-invite": bulkInviteJob,
};

for (const task of PERIODIC_TASKS) registerTask(task);
for (const [kind, handler] of Object.entries(JOB_HANDLERS)) registerJobHandler(kind, handler);

/** The names, for the server entry (keeps this module in the build) and for tests. */
export const taskNames = PERIODIC_TASKS.map((t) => t.name);
