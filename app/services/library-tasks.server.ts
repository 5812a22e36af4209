// Issue #20: the library's background work: reading the text of each uploaded version for the full-text index.
// Registered here, imported by the server entry, rather than in the model: the model sits inside an import cycle
// (notify → kind registry → library model) that would run it before the jobs module is ready.
import { EXTRACT_JOB, extractVersionText } from "~/models/library.server";
import { registerJobHandler } from "./jobs.server";

registerJobHandler(EXTRACT_JOB, async (job) => {
  const { versionId } = JSON.parse(job.payload) as { versionId: number };
  await extractVersionText(versionId);
});

export const libraryTasks = { extract: EXTRACT_JOB };
