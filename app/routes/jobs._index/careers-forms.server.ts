// Issue #18: the zod schemas of the careers and referral forms (the routes parse with conform's parseWithZod).
import { z } from "zod";
import { notFound, requireUser, type SessionUser } from "~/auth/guards.server";
import { controlledLists } from "~/models/profile-write.server";
import { isHttpUrl } from "~/utils/careers";
import { APPLY_MODES, EMPLOYMENT_TYPES, SENIORITIES, URGENCIES } from "../../../db/schema";

const DAY = 86400_000;
const text = (max: number, required?: string) =>
  required
    ? z.string({ error: required }).trim().min(1, required).max(max, `Keep it under ${max} characters.`)
    : z.string().trim().max(max, `Keep it under ${max} characters.`).default("");
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
const list = (allowed: string[], message: string) =>
  z.preprocess((v) => (v === undefined || v === "" ? [] : [v].flat()), z.array(z.string().refine((x) => allowed.includes(x), message)).max(10, "Choose at most 10."));

/** "2027-03-01" → the end of that day (UTC); must lie between tomorrow and a year from now. */
const closingDate = z
  .string({ error: "Choose the closing date." })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date as YYYY-MM-DD.")
  .transform((s, ctx) => {
    const d = new Date(`${s}T23:59:59.999Z`);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: "Enter a real date." });
      return z.NEVER;
    }
    if (d.getTime() <= Date.now()) {
      ctx.addIssue({ code: "custom", message: "Choose a closing date in the future." });
      return z.NEVER;
    }
    if (d.getTime() > Date.now() + 366 * DAY) {
      ctx.addIssue({ code: "custom", message: "Choose a closing date within a year." });
      return z.NEVER;
    }
    return d;
  });

export function jobSchema() {
  const lists = controlledLists();
  return z
    .object({
      title: text(150, "Enter the job title."),
      organisation: text(150, "Enter the firm or organisation."),
      location: text(150),
      remote: checkbox,
      areas: list(lists.areas, "Choose practice areas from the list.").refine((a) => a.length > 0, "Choose at least one practice area."),
      jurisdictions: list(lists.jurisdictions, "Choose jurisdictions from the list."),
      barRequired: checkbox,
      seniority: z.enum(SENIORITIES, { error: "Choose the seniority." }),
      employmentType: z.enum(EMPLOYMENT_TYPES, { error: "Choose the type of employment." }),
      applyMode: z.enum(APPLY_MODES, { error: "Choose how to apply." }),
      applyUrl: text(2000),
      applyEmail: text(254),
      descriptionMd: text(20_000),
      closesAt: closingDate,
    })
    .superRefine((v, ctx) => {
      if (!v.remote && !v.location) ctx.addIssue({ code: "custom", path: ["location"], message: "Enter a location, or tick “Remote”." });
      if (v.applyMode === "link" && !isHttpUrl(v.applyUrl))
        ctx.addIssue({ code: "custom", path: ["applyUrl"], message: "Enter a web address starting with http:// or https://." });
      if (v.applyMode === "email" && !z.email().safeParse(v.applyEmail).success)
        ctx.addIssue({ code: "custom", path: ["applyEmail"], message: "Enter a valid email address." });
    })
    .transform((v) => ({
      ...v,
      applyUrl: v.applyMode === "link" ? v.applyUrl : "",
      applyEmail: v.applyMode === "email" ? v.applyEmail : "",
    }));
}

export const ApplySchema = z.object({
  intent: z.literal("apply"),
  note: text(4000, "Write a short note to the poster."),
  shareProfile: checkbox,
});

export function referralSchema() {
  const lists = controlledLists();
  return z.object({
    title: text(200, "Say in one line what you need."),
    detailsMd: text(10_000),
    practiceArea: z.string({ error: "Choose the practice area." }).refine((a) => lists.areas.includes(a), "Choose a practice area from the list."),
    jurisdiction: z
      .string({ error: "Choose the jurisdiction." })
      .refine((j) => lists.jurisdictions.includes(j), "Choose a jurisdiction from the list."),
    urgency: z.enum(URGENCIES, { error: "Choose how urgent it is." }),
    shareBeyondSeminars: checkbox,
  });
}

export const ReplySchema = z.object({
  intent: z.literal("reply"),
  memberId: z.coerce.number().int().positive().optional(),
  body: text(5000, "Write your message."),
});

export const PlacedSchema = z.object({
  intent: z.literal("placed"),
  memberId: z.coerce.number({ error: "Choose the member who took it." }).int().positive("Choose the member who took it."),
  thanks: text(1000),
});

export const SkillsSchema = z.object({
  skillLanguages: text(300),
  skillIndustries: text(300),
  notableMatters: text(2000),
  availability: text(300),
});

const IdSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const SaveJobSchema = z.object({ intent: z.enum(["save", "unsave"]) });
/** The buttons of the saved jobs page name their posting. */
export const SavedListSchema = SaveJobSchema.extend({ jobId: IdSchema });

/**
 * The guard of a posting's or a request's page (loader and action alike): a signed-in member, a well-formed id, and
 * an item this member may see (`find` returns null otherwise), or a 404 that looks like "no such page".
 */
export async function requireCareersItem<T>(request: Request, rawId: string | undefined, find: (viewer: SessionUser, id: number) => T | null) {
  const user = await requireUser(request);
  const id = IdSchema.safeParse(rawId);
  if (!id.success) notFound();
  const view = find(user, id.data);
  if (!view) notFound();
  return { user, view };
}
