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

// --- what a profile form saves ---------------------------------------------------------------------------
// The form's schemas (limits, cleaning, messages) live beside the form in app/routes/profile.edit/profile-form.server.ts; this
// model takes the typed, already-validated sections.

export interface ProfileSectionsInput {
  basics?: { name: string; addressAs: string; headline: string; firm: string; jobTitle: string; city: string; country: string };
  practice?: {
    areas: string[];
    tags: string[];
    admissions: { jurisdiction: string; barNumber: string; yearAdmitted: number | null; status: (typeof BAR_STATUSES)[number] }[];
    yearsInPractice: number | null;
  };
  about?: { bioMd: string; bioHtml: string; firmUrl: string; linkedinUrl: string; websiteUrl: string };
  contact?: {
    contactEmail: string;
    phone: string;
    preferredContact: "" | "email" | "phone" | "either";
    openToReferrals: boolean;
    openToOpportunities: boolean;
  };
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
  input: ProfileSectionsInput;
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

const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("1"), z.literal("")])
  .optional()
  .transform((v) => v === "on" || v === "true" || v === "1");

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
