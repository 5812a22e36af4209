// Issue #19: the analytics rollups are refreshed in the background (the rule the pages state: every
// ROLLUP_EVERY_MINUTES minutes). No raw events are kept, so there is nothing to prune.
import { refreshAnalytics, ROLLUP_EVERY_MINUTES } from "~/models/analytics-rollup.server";
import { registerTask } from "./workers.server";

registerTask({ name: "analytics-rollup", everyMs: ROLLUP_EVERY_MINUTES * 60_000, run: () => void refreshAnalytics() });

export const analyticsTasks = ["analytics-rollup"] as const;
