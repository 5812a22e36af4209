// Shared by onboarding and the profile editor: turn a record or a submitted form into form values, and save one.
import {
  applyProfileSections,
  controlledLists,
  rawProfileInput,
  validateProfileSections,
  type FieldErrors,
  type ProfileSection,
} from "~/models/profile-write.server";
import { requireUser, notFound } from "~/auth/guards.server";
import { loadMember, photoUrlFor, type MemberRecord } from "~/models/profile.server";
import type { ProfileValues } from "~/components/profile-form";
import { readFormWithPhoto, removePhoto, storePhoto } from "~/services/photos.server";

// The form's values are declared once, beside the fields that show them (issue #13).
export type ProfileFormValues = ProfileValues;
export type AdmissionValues = ProfileValues["admissions"][number];

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

/** What the member submitted, shown back to them after an error (merged over the saved values). */
function formValuesFromForm(form: FormData, saved: ProfileFormValues, sections: readonly ProfileSection[]): ProfileFormValues {
  const raw = rawProfileInput(form);
  const v = { ...saved };
  const s = (x: string | undefined) => (x ?? "").slice(0, 10_000);
  if (sections.includes("basics")) {
    Object.assign(v, {
      name: s(raw.name),
      addressAs: s(raw.addressAs),
      headline: s(raw.headline),
      firm: s(raw.firm),
      jobTitle: s(raw.jobTitle),
      city: s(raw.city),
      country: s(raw.country),
    });
  }
  if (sections.includes("practice")) {
    Object.assign(v, {
      areas: raw.areas.slice(0, 50),
      tags: s(raw.tags),
      admissions: raw.admissions.slice(0, 20),
      yearsInPractice: s(raw.yearsInPractice),
    });
  }
  if (sections.includes("about")) {
    Object.assign(v, { bioMd: s(raw.bioMd), firmUrl: s(raw.firmUrl), linkedinUrl: s(raw.linkedinUrl), websiteUrl: s(raw.websiteUrl) });
  }
  if (sections.includes("contact")) {
    Object.assign(v, {
      contactEmail: s(raw.contactEmail),
      phone: s(raw.phone),
      preferredContact: s(raw.preferredContact),
      openToReferrals: raw.openToReferrals === "on",
      openToOpportunities: raw.openToOpportunities === "on",
    });
  }
  return v;
}

export type ProfileFormResult =
  | { ok: true; form: FormData }
  | { ok: false; status: number; errors: FieldErrors; values: ProfileFormValues };

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
  const saved = formValuesFromRecord(record);
  const read = await readFormWithPhoto(request);
  if (!read.ok) {
    const values = read.form ? formValuesFromForm(read.form, saved, sections) : saved;
    return { ok: false, status: read.status, errors: { photo: read.error }, values };
  }
  const { form } = read;
  // "Add another jurisdiction" without JavaScript (issue #22): the same form comes back with one more row, nothing saved.
  if (form.get("intent") === "add-admission" && sections.includes("practice")) {
    const shown = Number(form.get("adm-rows")) || 0;
    return { ok: false, status: 200, errors: {}, values: { ...formValuesFromForm(form, saved, sections), admissionRows: Math.min(shown + 1, 8) } };
  }
  const valid = validateProfileSections(sections, form);
  let photoFile: string | null | undefined;
  let status = 400;
  const errors: FieldErrors = valid.ok ? {} : { ...valid.errors };
  if (withPhoto && read.photo) {
    if (Object.keys(errors).length === 0) {
      const stored = await storePhoto(read.photo);
      if (stored.ok) photoFile = stored.file;
      else {
        errors.photo = stored.error;
        status = stored.status;
      }
    } else {
      errors.photo = "Please choose the photo again once the other fields are corrected.";
    }
  } else if (withPhoto && form.get("removePhoto") === "on") {
    photoFile = null;
  }
  if (!valid.ok || Object.keys(errors).length) {
    if (photoFile) await removePhoto(photoFile);
    return { ok: false, status, errors, values: formValuesFromForm(form, saved, sections) };
  }
  try {
    const { replacedPhoto } = applyProfileSections({ userId: record.user.id, input: valid.input, photoFile });
    await removePhoto(replacedPhoto);
  } catch (e) {
    if (photoFile) await removePhoto(photoFile);
    throw e;
  }
  return { ok: true, form };
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
