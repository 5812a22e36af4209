// The seminar form (admin: new and edit), parsed with conform in both actions (issue #13). The checks that need the
// database or the markdown pipeline follow in checkSeminarInput (models/seminar.server.ts).
import { z } from "zod";
import { SLUG_RE } from "~/models/seminar.server";
import { isValidTimeZone } from "~/utils/zoned-time";

const optionalUrl = z
  .string()
  .trim()
  .max(500, "Keep the link under 500 characters.")
  .refine((v) => v === "" || /^https?:\/\/[^\s]+$/i.test(v), "Enter a full web address starting with https://.")
  .refine((v) => {
    if (!v) return true;
    try {
      new URL(v);
      return true;
    } catch {
      return false;
    }
  }, "Enter a full web address starting with https://.");

export const SeminarFormSchema = z
  .object({
    title: z.string({ error: "Give the seminar a title (at least 3 characters)." }).trim().min(3, "Give the seminar a title (at least 3 characters).").max(200, "Keep the title under 200 characters."),
    slug: z
      .string({ error: "The short address needs at least 3 characters." })
      .trim()
      .toLowerCase()
      .min(3, "The short address needs at least 3 characters.")
      .max(60, "Keep the short address under 60 characters.")
      .regex(SLUG_RE, "Use lower-case letters, digits and single hyphens, e.g. privacy-2027."),
    summary: z.string().trim().max(400, "Keep the summary under 400 characters.").default(""),
    descriptionMd: z.string().max(50_000, "Keep the description under 50,000 characters.").default(""),
    welcomeMd: z.string().max(10_000, "Keep the welcome message under 10,000 characters.").default(""),
    timeZone: z.string({ error: "Choose a time zone from the list." }).refine(isValidTimeZone, "Choose a time zone from the list."),
    startsAt: z.string({ error: "Enter when the seminar starts." }).trim().min(1, "Enter when the seminar starts."),
    endsAt: z.string({ error: "Enter when the seminar ends." }).trim().min(1, "Enter when the seminar ends."),
    venue: z.string().trim().max(300, "Keep the venue under 300 characters.").default(""),
    meetingUrl: optionalUrl.default(""),
    capacity: z
      .string()
      .trim()
      .refine((v) => v === "" || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 100_000), "Enter a whole number of places, or leave it empty.")
      .default(""),
    instructors: z.string().max(20_000).default(""),
    // Only the new-seminar page sends it: the seminar a copy is made from (an unknown one makes a plain seminar).
    cloneFrom: z.string().optional().catch(undefined),
  })
  .superRefine((v, ctx) => {
    if (!v.venue && !v.meetingUrl) {
      ctx.addIssue({ code: "custom", path: ["venue"], message: "Give a venue, an online meeting link, or both." });
    }
  });
