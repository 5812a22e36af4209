// Issue #13: the ONE list of background work. Every periodic task and every durable job handler is named here, and
// the server entry imports this module, so a task never runs (or fails to run) because of which routes happen to
// import its feature. tests/unit/task-registry.test.ts checks the list against the code.
//
// Adding work: write the function in the feature's model or in services/<feature>-tasks.server.ts (no registerTask
// there), then add ONE line below. A feature with several tasks may export a `PeriodicTask[]` and spread it here.
import { EXTRACT_JOB } from "~/models/library.server";
import { runSurveyMailings } from "~/models/survey-mailing.server";
import { bulkInviteJob } from "./bulk-invite.server";
import { careersTasks } from "./careers-tasks.server";
import { catalogueTasks } from "./catalogue-tasks.server";
import { runDigests } from "./digest-tasks.server";
import { authHousekeeping, jobsTick, registerJobHandler, type JobHandler } from "./jobs.server";
import { libraryExtractJob } from "./library-tasks.server";
import { sendUnreadMessageNotices } from "./messages-tasks.server";
import { mailDeliveryTick } from "./outbox.server";
import { questionsTasks } from "./questions-tasks.server";
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
  // The one daily and weekly digest per member (news, replies, materials and every other topic; issue #15). Checked
  // often: a member's local morning can come at any quarter hour of UTC; a run with nothing due costs two queries.
  { name: "digests", everyMs: 5 * MINUTE, run: () => runDigests().then(() => undefined) },
  { name: "survey-mailings", everyMs: 5_000, run: () => void runSurveyMailings() },
  { name: "unread-messages", everyMs: 5_000, run: () => void sendUnreadMessageNotices() },
  ...catalogueTasks,
  ...careersTasks,
  ...questionsTasks,
];

/** Every durable job kind (`enqueueJob(tx, { kind })`) and the handler that runs it. */
export const JOB_HANDLERS: Readonly<Record<string, JobHandler>> = {
  "bulk-invite": bulkInviteJob,
  [EXTRACT_JOB]: libraryExtractJob,
};

for (const task of PERIODIC_TASKS) registerTask(task);
for (const [kind, handler] of Object.entries(JOB_HANDLERS)) registerJobHandler(kind, handler);

/** The names, for the server entry (keeps this module in the build) and for tests. */
export const taskNames = PERIODIC_TASKS.map((t) => t.name);
