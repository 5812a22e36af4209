// Issue #20: the library's background work: reading the text of each uploaded version for the full-text index.
// The handler lives here rather than in the model (the model sits inside an import cycle: notify → kind registry →
// library model); services/tasks.server.ts lists it under its kind.
import { extractVersionText } from "~/models/library.server";
import type { JobHandler } from "./jobs.server";

export const libraryExtractJob: JobHandler = async (job) => {
  const { versionId } = JSON.parse(job.payload) as { versionId: number };
  await extractVersionText(versionId);
};
