// Digest tests step a clock through "not yet", "the next local morning" and "not again". Started from Date.now() they
// failed in the two hours around the members' digest hour (7:00 in the default zone: the morning fell between the
// schedule and the "not yet" run). This gives a start that is always three hours after a local morning and never in
// the future, so events the test makes right now still fall inside the first digest.
import { nextDigestAt } from "~/models/digest.server";
import { DEFAULT_TIME_ZONE } from "~/models/participation.server";

const HOUR = 3600_000;

export function digestClockStart(timeZone: string = DEFAULT_TIME_ZONE, realNow = Date.now()): number {
  const morning = nextDigestAt({ after: realNow - 28 * HOUR, timeZone, cadence: "daily" });
  return morning + 3 * HOUR;
}
