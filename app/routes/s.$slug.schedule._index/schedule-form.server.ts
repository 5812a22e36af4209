// The session form of the schedule (add and edit), parsed with conform in both actions (issue #13).
import { z } from "zod";
import type { SessionInput } from "~/models/schedule.server";
import { wallTimeToUtc } from "~/utils/zoned-time";

const optional = (max: number, message: string) => z.string().trim().max(max, message).default("");

/** Times are wall-clock times in the seminar's zone; the result carries them as instants. */
export function SessionFormSchema(timeZone: string) {
  return z
    .object({
      title: z
        .string({ error: "Give the session a title." })
        .trim()
        .min(2, "Give the session a title.")
        .max(200, "Keep the title under 200 characters."),
      startsAt: z.string({ error: "Enter when the session starts." }).trim().min(1, "Enter when the session starts."),
      endsAt: z.string({ error: "Enter when the session ends." }).trim().min(1, "Enter when the session ends."),
      speaker: optional(200, "Keep the speaker under 200 characters."),
      room: optional(200, "Keep the room under 200 characters."),
      meetingUrl: optional(500, "Keep the link under 500 characters.").refine(
        (v) => v === "" || (URL.canParse(v) && /^https?:\/\//i.test(v)),
        "Enter a full web address starting with https://.",
      ),
      description: optional(2000, "Keep the notes under 2,000 characters."),
    })
    .transform((v, ctx): SessionInput => {
      const startsAt = wallTimeToUtc(v.startsAt, timeZone);
      const endsAt = wallTimeToUtc(v.endsAt, timeZone);
      if (!startsAt) ctx.addIssue({ code: "custom", path: ["startsAt"], message: "Enter a date and time, e.g. 2027-03-14 09:00." });
      if (!endsAt) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "Enter a date and time, e.g. 2027-03-14 10:30." });
      else if (startsAt && endsAt.getTime() <= startsAt.getTime()) {
        ctx.addIssue({ code: "custom", path: ["endsAt"], message: "The end must come after the start." });
      }
      if (!startsAt || !endsAt) return z.NEVER;
      return { ...v, startsAt, endsAt };
    });
}
