// Saving a member's own profile and settings (issue #4). Every input passes a zod schema that knows only the
// member's own profile fields: extra form fields (role, user id, someone else's id) are simply never read.
import { eq } from "drizzle-orm";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import {
  BAR_STATUSES,
  VISIBILITY_LEVELS,
  barAdmissions,
  profileAreas,
  profiles,
  users,
} from "../../db/schema";
import { tryRenderMarkdown } from "~/services/markdown.server";
import { writeTransaction, type DB } from "./db.server";
import { ParticipationSchema, saveParticipation } from "./participation.server";
import { MAIL_TOPICS, MailPreferencesSchema, saveMailChoices } from "./preferences.server";
import { PROFILE_FIELDS, loadMember, type MemberRecord } from "./profile.server";

// --- controlled lists (content/) ------------------------------------------------------------------------

function readList(file: string): string[] {
  const text = fs.readFileSync(path.resolve(process.cwd(), "content", file), "utf8");
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
}
let lists: { areas: string[]; jurisdictions: string[] } | null = null;
export function controlledLists() {
  lists ??= { areas: readList("practice-areas.txt"), jurisdictions: readList("jurisdictions.txt") };
  return lists;
}

// --- limits and schemas ---------------------------------------------------------------------------------

export const LIMITS = {
  name: 100,
  addressAs: 60,
  headline: 140,
  firm: 120,
  jobTitle: 100,
  city: 80,
  country: 80,
  tag: 40,
  tags: 10,
  areas: 8,
  admissions: 8,
  barNumber: 30,
  bio: 4000,
  url: 300,
  email: 254,
  phone: 40,
  reason: 1000,
} as const;

const line = (max: number, label: string) =>
  z
    .string()
    .default("")
    .transform((s) => s.replace(/[\u0000-\u001f\u007f]+/g, " ").replace(/\s+/g, " ").trim())
    .pipe(z.string().max(max, `${label} can be at most ${max} characters.`));

const url = (label: string, host?: RegExp) =>
  line(LIMITS.url, label).refine((s) => {
    if (!s) return true;
    try {
      const u = new URL(s);
      return (u.protocol === "https:" || u.protocol === "http:") && (!host || host.test(u.hostname));
    } catch {
      return false;
    }
  }, host ? `${label} must be a link to linkedin.com, starting with https://` : `${label} must be a full address starting with https://`);

const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("1"), z.literal("")])
  .optional()
  .transform((v) => v === "on" || v === "true" || v === "1");

export const BasicsSchema = z.object({
  name: line(LIMITS.name, "Name").pipe(z.string().min(1, "Please enter your name.")),
  addressAs: line(LIMITS.addressAs, "How to address you"),
  headline: line(LIMITS.headline, "Headline"),
  firm: line(LIMITS.firm, "Firm or organisation"),
  jobTitle: line(LIMITS.jobTitle, "Title"),
  city: line(LIMITS.city, "City"),
  country: line(LIMITS.country, "Country"),
});

const currentYear = () => new Date().getUTCFullYear();

export const AdmissionSchema = z.object({
  jurisdiction: z.string().refine((j) => controlledLists().jurisdictions.includes(j), "Choose a jurisdiction from the list."),
  barNumber: line(LIMITS.barNumber, "Bar number").pipe(
    z.string().regex(/^[A-Za-z0-9 .\/-]*$/, "A bar number has only letters, digits, spaces, dots, slashes and dashes."),
  ),
  yearAdmitted: z
    .string()
    .trim()
    .transform((s) => (s === "" ? null : Number(s)))
    .pipe(
      z
        .number({ error: "Year admitted must be a year such as 2012." })
        .int("Year admitted must be a year such as 2012.")
        .min(1940, "Year admitted must be 1940 or later.")
        .max(currentYear(), "Year admitted cannot be in the future.")
        .nullable(),
    ),
  status: z.enum(BAR_STATUSES, { error: "Choose a status." }),
});

export const PracticeSchema = z.object({
  areas: z
    .array(z.string().refine((a) => controlledLists().areas.includes(a), "Choose practice areas from the list."))
    .max(LIMITS.areas, `Choose at most ${LIMITS.areas} practice areas.`)
    .transform((a) => [...new Set(a)]),
  tags: z
    .string()
    .default("")
    .transform((s) =>
      [...new Set(s.split(",").map((t) => t.replace(/[\u0000-\u001f\u007f]+/g, " ").replace(/\s+/g, " ").trim()).filter(Boolean))],
    )
    .pipe(
      z
        .array(z.string().max(LIMITS.tag, `Each tag can be at most ${LIMITS.tag} characters.`))
        .max(LIMITS.tags, `Add at most ${LIMITS.tags} tags.`),
    ),
  admissions: z.array(AdmissionSchema).max(LIMITS.admissions, `List at most ${LIMITS.admissions} admissions.`),
  yearsInPractice: z
    .string()
    .trim()
    .default("")
    .transform((s) => (s === "" ? null : Number(s)))
    .pipe(
      z
        .number({ error: "Years in practice must be a whole number." })
        .int("Years in practice must be a whole number.")
        .min(0, "Years in practice cannot be negative.")
        .max(70, "Years in practice must be 70 or fewer.")
        .nullable(),
    ),
});

export const AboutSchema = z.object({
  bioMd: z
    .string()
    .default("")
    .transform((s) => s.replace(/\r\n?/g, "\n").trim())
    .pipe(z.string().max(LIMITS.bio, `Your bio can be at most ${LIMITS.bio} characters.`)),
  firmUrl: url("Firm page"),
  linkedinUrl: url("LinkedIn", /(^|\.)linkedin\.com$/i),
  websiteUrl: url("Personal site"),
});

export const ContactSchema = z.object({
  contactEmail: line(LIMITS.email, "Contact email").refine(
    (s) => s === "" || z.email().safeParse(s).success,
    "Enter an email address such as name@firm.com, or leave it empty to use your sign-in address.",
  ),
  phone: line(LIMITS.phone, "Phone").refine(
    (s) => s === "" || /^\+?[0-9 ().\-]{5,}( ?(x|ext\.?) ?[0-9]{1,6})?$/i.test(s),
    "Enter a phone number such as +1 212 555 0100.",
  ),
  preferredContact: z.enum(["", "email", "phone", "either"], { error: "Choose how you prefer to be contacted." }).default(""),
  openToReferrals: checkbox,
  openToOpportunities: checkbox,
});

export const PROFILE_SECTIONS = ["basics", "practice", "about", "contact"] as const;
export type ProfileSection = (typeof PROFILE_SECTIONS)[number];
const SECTION_SCHEMAS = { basics: BasicsSchema, practice: PracticeSchema, about: AboutSchema, contact: ContactSchema };

export type FieldErrors = Record<string, string>;

/** Reads a form into the raw shape the section schemas expect (admission rows come as parallel lists). */
export function rawProfileInput(form: FormData) {
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : undefined;
  };
  const all = (k: string) => form.getAll(k).filter((v): v is string => typeof v === "string");
  const js = all("adm-jurisdiction");
  const admissions = js
    .map((jurisdiction, i) => ({
      jurisdiction,
      barNumber: all("adm-number")[i] ?? "",
      yearAdmitted: all("adm-year")[i] ?? "",
      status: all("adm-status")[i] ?? "active",
    }))
    .filter((a) => a.jurisdiction !== "" || a.barNumber.trim() !== "" || a.yearAdmitted.trim() !== "");
  return {
    name: str("name"),
    addressAs: str("addressAs"),
    headline: str("headline"),
    firm: str("firm"),
    jobTitle: str("jobTitle"),
    city: str("city"),
    country: str("country"),
    areas: all("areas"),
    tags: str("tags"),
    admissions,
    yearsInPractice: str("yearsInPractice"),
    bioMd: str("bioMd"),
    firmUrl: str("firmUrl"),
    linkedinUrl: str("linkedinUrl"),
    websiteUrl: str("websiteUrl"),
    contactEmail: str("contactEmail"),
    phone: str("phone"),
    preferredContact: str("preferredContact"),
    openToReferrals: str("openToReferrals"),
    openToOpportunities: str("openToOpportunities"),
  };
}

function collectErrors(issues: z.core.$ZodIssue[], errors: FieldErrors) {
  for (const i of issues) {
    const [first, index] = i.path;
    let key = String(first ?? "form");
    if (first === "admissions" && typeof index === "number") key = `admissions.${index}`;
    errors[key] ??= i.message;
  }
}

export type ProfileSaveResult = { ok: true } | { ok: false; errors: FieldErrors };

export interface ValidProfileInput {
  basics?: z.infer<typeof BasicsSchema>;
  practice?: z.infer<typeof PracticeSchema>;
  about?: z.infer<typeof AboutSchema> & { bioHtml: string };
  contact?: z.infer<typeof ContactSchema>;
}

/** Validates the given sections of a profile form without saving anything. */
export function validateProfileSections(
  sections: readonly ProfileSection[],
  form: FormData,
): { ok: true; input: ValidProfileInput } | { ok: false; errors: FieldErrors } {
  const raw = rawProfileInput(form);
  const errors: FieldErrors = {};
  const input: Record<string, unknown> = {};
  for (const s of sections) {
    const r = SECTION_SCHEMAS[s].safeParse(raw);
    if (r.success) input[s] = r.data;
    else collectErrors(r.error.issues, errors);
  }
  const about = input.about as z.infer<typeof AboutSchema> | undefined;
  if (about) {
    const rendered = tryRenderMarkdown(about.bioMd);
    if (!rendered.ok) errors.bioMd = rendered.error;
    else input.about = { ...about, bioHtml: rendered.html };
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, input: input as ValidProfileInput };
}

/**
 * Saves validated sections of the member's OWN profile in one transaction. With `photoFile` (a stored photo's name,
 * or null to remove it) the photo changes in the same transaction; returns the photo file it replaced, if any.
 */
export function applyProfileSections({
  userId,
  input,
  photoFile,
  completeOnboarding = false,
}: {
  userId: number;
  input: ValidProfileInput;
  photoFile?: string | null;
  completeOnboarding?: boolean;
}): { replacedPhoto: string | null } {
  return writeTransaction((tx) => {
    const set: Partial<typeof profiles.$inferInsert> = { updatedAt: new Date() };
    let replacedPhoto: string | null = null;
    if (photoFile !== undefined) {
      replacedPhoto = tx.select({ f: profiles.photoFile }).from(profiles).where(eq(profiles.userId, userId)).get()?.f ?? null;
      set.photoFile = photoFile;
    }
    if (input.basics) {
      const { name, ...rest } = input.basics;
      Object.assign(set, rest);
      tx.update(users).set({ name }).where(eq(users.id, userId)).run();
    }
    if (input.practice) set.yearsInPractice = input.practice.yearsInPractice;
    if (input.about) Object.assign(set, input.about);
    if (input.contact) Object.assign(set, input.contact);
    if (completeOnboarding) set.onboardingCompletedAt = new Date();
    upsertProfile(tx, userId, set);
    if (input.practice) {
      const p = input.practice;
      tx.delete(profileAreas).where(eq(profileAreas.userId, userId)).run();
      const rows = [
        ...p.areas.map((value, position) => ({ userId, kind: "area" as const, value, position })),
        ...p.tags.map((value, position) => ({ userId, kind: "tag" as const, value, position })),
      ];
      // Tags that differ only in case would read as duplicates; keep the first.
      const seen = new Set<string>();
      const unique = rows.filter((r) => {
        const k = `${r.kind}:${r.value.toLowerCase()}`;
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
      if (unique.length) tx.insert(profileAreas).values(unique).run();
      tx.delete(barAdmissions).where(eq(barAdmissions.userId, userId)).run();
      if (p.admissions.length) {
        tx.insert(barAdmissions)
          .values(p.admissions.map((a, position) => ({ userId, ...a, position })))
          .run();
      }
    }
    return { replacedPhoto: replacedPhoto === photoFile ? null : replacedPhoto };
  });
}

export function upsertProfile(tx: DB, userId: number, set: Partial<typeof profiles.$inferInsert>) {
  tx.insert(profiles)
    .values({ userId, ...set })
    .onConflictDoUpdate({ target: profiles.userId, set })
    .run();
}

export function markOnboarding(userId: number, action: "complete" | "snooze") {
  writeTransaction((tx) =>
    upsertProfile(
      tx,
      userId,
      action === "complete"
        ? { onboardingCompletedAt: new Date() }
        : { reminderSnoozedUntil: new Date(Date.now() + 7 * 86400_000) },
    ),
  );
}

// --- settings: visibility, directory, mail --------------------------------------------------------------

/** Fields added after the settings form first shipped (issue #18): a form without them keeps what is saved. */
const LATER_FIELDS: readonly string[] = ["visServices", "visReferralThanks", "visStanding"];
const visibilityShape = Object.fromEntries(
  PROFILE_FIELDS.map((f) => {
    const level = z.enum(VISIBILITY_LEVELS, { error: "Choose who can see this." });
    return [f.column, LATER_FIELDS.includes(f.column) ? level.optional() : level];
  }),
) as Record<(typeof PROFILE_FIELDS)[number]["column"], z.ZodEnum<{ [K in (typeof VISIBILITY_LEVELS)[number]]: K }>>;

export const SettingsSchema = z.object({
  ...visibilityShape,
  inDirectory: checkbox,
  mail: MailPreferencesSchema,
  // Issue #15; optional so a form from before it keeps the stored values.
  participation: ParticipationSchema.optional(),
});

export type SettingsInput = z.output<typeof SettingsSchema>;

/** Saves the member's settings, already parsed by the page's form (`SettingsSchema` values). */
export function saveSettings({ userId, value }: { userId: number; value: SettingsInput }): void {
  const { mail, participation, ...profileSet } = value;
  writeTransaction((tx) => {
    upsertProfile(tx, userId, { ...profileSet, updatedAt: new Date() });
    saveMailChoices(tx, { userId, choices: mail });
    if (participation) saveParticipation(tx, { userId, value: participation });
  });
}

/** Whether the reminder to complete the profile should show (not finished, not snoozed). */
export function needsOnboarding(record: MemberRecord, now = new Date()): boolean {
  const p = record.profile;
  if (p.onboardingCompletedAt) return false;
  if (p.reminderSnoozedUntil && p.reminderSnoozedUntil > now) return false;
  return true;
}

/** For the gentle reminder on the home page: null when finished or snoozed, otherwise how complete the profile is. */
export function onboardingReminder({ userId }: { userId: number }): { percent: number; missing: string[] } | null {
  const record = loadMember(userId);
  if (!record || !needsOnboarding(record)) return null;
  const p = record.profile;
  const checks: [boolean, string][] = [
    [Boolean(p.photoFile), "a photo"],
    [Boolean(p.headline || p.jobTitle), "your headline or title"],
    [Boolean(p.firm), "your firm"],
    [record.areas.some((a) => a.kind === "area"), "practice areas"],
    [record.admissions.length > 0, "bar admissions"],
    [p.yearsInPractice !== null, "years in practice"],
    [Boolean(p.bioMd), "a short bio"],
  ];
  const done = checks.filter(([ok]) => ok).length;
  return { percent: Math.round((done / checks.length) * 100), missing: checks.filter(([ok]) => !ok).map(([, l]) => l) };
}
