// Issue #19: the analytics rollups are refreshed in the background (the rule the pages state: every
// ROLLUP_EVERY_MINUTES minutes), a day of activity at a time so the worker keeps answering. No raw events are kept, so there is nothing to prune. Listed in services/tasks.server.ts.
import { refreshAnalyticsInBackground, ROLLUP_EVERY_MINUTES } from "~/models/analytics-rollup.server";
import type { PeriodicTask } from "./workers.server";

export const analyticsTasks: readonly PeriodicTask[] = [
  { name: "analytics-rollup", everyMs: ROLLUP_EVERY_MINUTES * 60_000, run: async () => void (await refreshAnalyticsInBackground()) },
];
