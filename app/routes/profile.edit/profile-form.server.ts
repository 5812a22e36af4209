// The profile form (issue #4), shared by onboarding and the profile editor: its schemas, and the one handler that
// reads a submission (with its photo), validates it with conform and saves it through the model. What the form shows
// back after a refusal is computed on the page from the reply (`submittedProfileValues`, `profileErrors`).
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { requireUser, notFound } from "~/auth/guards.server";
import { readProfilePayload, type ProfileSection, type ProfileValues } from "~/components/profile-form";
import {
  applyProfileSections,
  controlledLists,
  type ProfileSectionsInput,
} from "~/models/profile-write.server";
import { loadMember, photoUrlFor, type MemberRecord } from "~/models/profile.server";
import { tryRenderMarkdown } from "~/services/markdown.server";
import { readFormWithPhoto, removePhoto, storePhoto } from "~/services/photos.server";
import type { FormResult } from "~/utils/forms";
import { BAR_STATUSES } from "../../../db/schema";

// ---------- limits and schemas ----------


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

const SECTION_SCHEMAS = { basics: BasicsSchema, practice: PracticeSchema, about: AboutSchema, contact: ContactSchema };

/**
 * The schema for the given sections of the form: reads the payload (`readProfilePayload`), checks every field, renders
 * the bio, and hands the model its typed sections. Built per request: it reads the controlled lists of content/.
 */
export function profileFormSchema(sections: readonly ProfileSection[]) {
  const shape = Object.assign({}, ...sections.map((s) => SECTION_SCHEMAS[s].shape)) as typeof BasicsSchema.shape &
    typeof PracticeSchema.shape &
    typeof AboutSchema.shape &
    typeof ContactSchema.shape;
  return z.preprocess(
    (payload) => readProfilePayload(payload as Record<string, unknown>),
    z.object(shape).transform((v, ctx): ProfileSectionsInput => {
      const input: ProfileSectionsInput = {};
      if (sections.includes("basics")) {
        const { name, addressAs, headline, firm, jobTitle, city, country } = v;
        input.basics = { name, addressAs, headline, firm, jobTitle, city, country };
      }
      if (sections.includes("practice")) {
        const { areas, tags, admissions, yearsInPractice } = v;
        input.practice = { areas, tags, admissions, yearsInPractice };
      }
      if (sections.includes("about")) {
        const rendered = tryRenderMarkdown(v.bioMd);
        if (!rendered.ok) {
          ctx.addIssue({ code: "custom", path: ["bioMd"], message: rendered.error });
          return z.NEVER;
        }
        const { bioMd, firmUrl, linkedinUrl, websiteUrl } = v;
        input.about = { bioMd, bioHtml: rendered.html, firmUrl, linkedinUrl, websiteUrl };
      }
      if (sections.includes("contact")) {
        const { contactEmail, phone, preferredContact, openToReferrals, openToOpportunities } = v;
        input.contact = { contactEmail, phone, preferredContact, openToReferrals, openToOpportunities };
      }
      return input;
    }),
  );
}

// ---------- values ----------

// The form's values are declared once, beside the fields that show them (issue #13).
export type ProfileFormValues = ProfileValues;

export function formValuesFromRecord(r: MemberRecord): ProfileFormValues {
  const p = r.profile;
  return {
    name: r.user.name,
    addressAs: p.addressAs,
    headline: p.headline,
    firm: p.firm,
    jobTitle: p.jobTitle,
    city: p.city,
    country: p.country,
    areas: r.areas.filter((a) => a.kind === "area").map((a) => a.value),
    tags: r.areas
      .filter((a) => a.kind === "tag")
      .map((a) => a.value)
      .join(", "),
    admissions: r.admissions.map((a) => ({
      jurisdiction: a.jurisdiction,
      barNumber: a.barNumber,
      yearAdmitted: a.yearAdmitted === null ? "" : String(a.yearAdmitted),
      status: a.status,
    })),
    yearsInPractice: p.yearsInPractice === null ? "" : String(p.yearsInPractice),
    bioMd: p.bioMd,
    firmUrl: p.firmUrl,
    linkedinUrl: p.linkedinUrl,
    websiteUrl: p.websiteUrl,
    contactEmail: p.contactEmail,
    phone: p.phone,
    preferredContact: p.preferredContact,
    openToReferrals: p.openToReferrals,
    openToOpportunities: p.openToOpportunities,
    photoUrl: p.photoFile ? photoUrlFor(r.user.id, p.photoFile) : null,
    signInEmail: r.user.email,
  };
}

// ---------- the handler ----------

/** A refusal, or the form sent back with one more admission row: the page shows `result` (and `admissionRows`). */
export type ProfileFormResult =
  | { ok: true }
  | { ok: false; status: number; result: FormResult; admissionRows?: number };

/** The submission as sent, without checking it: for answers that are not about its fields (photo, "add a row"). */
const asSent = (form: FormData | undefined) => parseWithZod(form ?? new FormData(), { schema: z.object({}) });

/**
 * Validates and saves the member's own profile sections (and photo, when `withPhoto`). Nothing is saved unless
 * everything is valid; the user id always comes from the session, never from the form.
 */
export async function handleProfileForm({
  request,
  record,
  sections,
  withPhoto,
}: {
  request: Request;
  record: MemberRecord;
  sections: readonly ProfileSection[];
  withPhoto: boolean;
}): Promise<ProfileFormResult> {
  const read = await readFormWithPhoto(request);
  read.form?.delete("photo");
  if (!read.ok) return { ok: false, status: read.status, result: asSent(read.form).reply({ fieldErrors: { photo: [read.error] } }) };
  const { form } = read;
  // "Add another jurisdiction" without JavaScript (issue #22): the same form comes back with one more row, nothing saved.
  if (form.get("intent") === "add-admission" && sections.includes("practice")) {
    const shown = Number(form.get("adm-rows")) || 0;
    return { ok: false, status: 200, result: asSent(form).reply(), admissionRows: Math.min(shown + 1, 8) };
  }
  const submission = parseWithZod(form, { schema: profileFormSchema(sections), disableAutoCoercion: true });
  let photoFile: string | null | undefined;
  let photoError: string | undefined;
  let status = 400;
  if (withPhoto && read.photo) {
    if (submission.status === "success") {
      const stored = await storePhoto(read.photo);
      if (stored.ok) photoFile = stored.file;
      else {
        photoError = stored.error;
        status = stored.status;
      }
    } else {
      photoError = "Please choose the photo again once the other fields are corrected.";
    }
  } else if (withPhoto && form.get("removePhoto") === "on") {
    photoFile = null;
  }
  if (submission.status !== "success" || photoError) {
    return { ok: false, status, result: submission.reply(photoError ? { fieldErrors: { photo: [photoError] } } : {}) };
  }
  try {
    const { replacedPhoto } = applyProfileSections({ userId: record.user.id, input: submission.value, photoFile });
    await removePhoto(replacedPhoto);
  } catch (e) {
    if (photoFile) await removePhoto(photoFile);
    throw e;
  }
  return { ok: true };
}

/** The signed-in member's own record: the member edited is never taken from the URL or the form. */
export async function requireOwnRecord(request: Request): Promise<MemberRecord> {
  const user = await requireUser(request);
  return loadMember(user.id) ?? notFound();
}

export function formLists() {
  const { areas, jurisdictions } = controlledLists();
  return { areaChoices: areas, jurisdictionChoices: jurisdictions };
}
