// The profile form's sections, shared by onboarding and the profile editor. Plain form fields: works without JS.
import { useState } from "react";
import { Field, TextArea } from "./form";
import { Avatar } from "./member-link";

export interface ProfileValues {
  admissionRows?: number;
  name: string;
  addressAs: string;
  headline: string;
  firm: string;
  jobTitle: string;
  city: string;
  country: string;
  areas: string[];
  tags: string;
  admissions: { jurisdiction: string; barNumber: string; yearAdmitted: string; status: string }[];
  yearsInPractice: string;
  bioMd: string;
  firmUrl: string;
  linkedinUrl: string;
  websiteUrl: string;
  contactEmail: string;
  phone: string;
  preferredContact: string;
  openToReferrals: boolean;
  openToOpportunities: boolean;
  photoUrl: string | null;
  signInEmail: string;
}

type Errors = Record<string, string | undefined>;

/** The profile form's sections (which fields a page shows and saves). */
export const PROFILE_SECTIONS = ["basics", "practice", "about", "contact"] as const;
export type ProfileSection = (typeof PROFILE_SECTIONS)[number];

/**
 * A submitted profile form (conform's payload: a field is a string, a repeated field a list) in the shape the
 * schemas read. Admission rows arrive as parallel lists; an empty row is dropped. Used by the server's schema and,
 * after a refused submission, by the page to show back what was typed.
 */
export function readProfilePayload(payload: Record<string, unknown> | null | undefined) {
  const p = payload ?? {};
  // A list keeps its positions (the reply sends an emptied field back as null); `str` is a field's first value.
  const list = (k: string) => (p[k] === undefined ? [] : [p[k]].flat().map((v) => (typeof v === "string" ? v : "")));
  const all = (k: string) => list(k).filter(Boolean);
  const str = (k: string) => list(k)[0];
  const numbers = list("adm-number");
  const years = list("adm-year");
  const statuses = list("adm-status");
  const admissions = list("adm-jurisdiction")
    .map((jurisdiction, i) => ({
      jurisdiction,
      barNumber: numbers[i] ?? "",
      yearAdmitted: years[i] ?? "",
      status: statuses[i] ?? "active",
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

/** What the member typed, over the saved values, for the sections the form showed: nothing typed is lost. */
export function submittedProfileValues(
  saved: ProfileValues,
  payload: Record<string, unknown> | null | undefined,
  sections: readonly ProfileSection[],
): ProfileValues {
  if (!payload) return saved;
  const raw = readProfilePayload(payload);
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

/**
 * The reply's errors as the fields read them: one message per field, and one per admission row
 * (`admissions[2].barNumber` shows on row 2 as `admissions.2`; `areas[1]` on the areas).
 */
export function profileErrors(error: Record<string, string[] | null | undefined> | null | undefined): Errors {
  const out: Errors = {};
  for (const [key, messages] of Object.entries(error ?? {})) {
    const first = messages?.[0];
    if (!first) continue;
    const row = /^admissions\[(\d+)\]/.exec(key);
    out[row ? `admissions.${row[1]}` : key === "" ? "form" : key.split(/[[.]/)[0]!] ??= first;
  }
  return out;
}

export function CheckField({
  name,
  label,
  hint,
  defaultChecked,
}: {
  name: string;
  label: string;
  hint?: string;
  defaultChecked: boolean;
}) {
  const id = `f-${name}`;
  return (
    <div className="check-field">
      <input type="checkbox" id={id} name={name} defaultChecked={defaultChecked} aria-describedby={hint ? `${id}-hint` : undefined} />
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function PhotoField({ values, errors, maxLabel }: { values: ProfileValues; errors: Errors; maxLabel: string }) {
  return (
    <div className="photo-field">
      <Avatar name={values.name} photoUrl={values.photoUrl ?? undefined} size="l" />
      <div>
        <Field
          label="Photo"
          name="photo"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          error={errors.photo}
          hint={`A JPEG, PNG or WebP image under ${maxLabel}. We crop it square and remove its metadata (such as location).`}
        />
        {values.photoUrl ? <CheckField name="removePhoto" label="Remove my current photo" defaultChecked={false} /> : null}
      </div>
    </div>
  );
}

export function BasicsFields({ values, errors }: { values: ProfileValues; errors: Errors }) {
  return (
    <>
      <Field label="Name" name="name" required maxLength={100} autoComplete="name" defaultValue={values.name} error={errors.name} hint="Always shown to other members." />
      <Field
        label="How to address you"
        name="addressAs"
        maxLength={60}
        defaultValue={values.addressAs}
        error={errors.addressAs}
        hint="For example “Ms. Abernathy”, “Olivia” or “Judge Hale”; pronouns are welcome."
      />
      <Field label="Headline" name="headline" maxLength={140} defaultValue={values.headline} error={errors.headline} hint="One line, such as “Privacy counsel to health-tech start-ups”." />
      <div className="field-row">
        <Field label="Firm or organisation" name="firm" maxLength={120} autoComplete="organization" defaultValue={values.firm} error={errors.firm} />
        <Field label="Title" name="jobTitle" maxLength={100} autoComplete="organization-title" defaultValue={values.jobTitle} error={errors.jobTitle} />
      </div>
      <div className="field-row">
        <Field label="City" name="city" maxLength={80} autoComplete="address-level2" defaultValue={values.city} error={errors.city} />
        <Field label="Country" name="country" maxLength={80} autoComplete="country-name" defaultValue={values.country} error={errors.country} />
      </div>
    </>
  );
}

const STATUSES = [
  ["active", "Active"],
  ["inactive", "Inactive"],
  ["retired", "Retired"],
  ["pending", "Pending"],
] as const;

const MAX_ADMISSIONS = 8;

export function PracticeFields({
  values,
  errors,
  areaChoices,
  jurisdictionChoices,
}: {
  values: ProfileValues;
  errors: Errors;
  areaChoices: string[];
  jurisdictionChoices: string[];
}) {
  // Two empty rows to start; "Add another jurisdiction" adds one more, up to the limit of 8 (in the page with
  // JavaScript, through the server without it).
  const [extra, setExtra] = useState(0);
  const rows = [...values.admissions];
  const wanted = Math.min(MAX_ADMISSIONS, Math.max(values.admissions.length + 2, values.admissionRows ?? 0) + extra);
  while (rows.length < wanted) rows.push({ jurisdiction: "", barNumber: "", yearAdmitted: "", status: "active" });
  return (
    <>
      <fieldset className={errors.areas ? "field--invalid" : undefined} aria-describedby={errors.areas ? "areas-error" : undefined}>
        <legend>Practice areas</legend>
        <p className="field__hint">Choose up to 8.</p>
        {errors.areas ? (
          <p className="field__error" id="areas-error">
            {errors.areas}
          </p>
        ) : null}
        <div className="check-grid">
          {areaChoices.map((a) => (
            <label key={a} className="check-inline">
              <input type="checkbox" name="areas" value={a} defaultChecked={values.areas.includes(a)} /> {a}
            </label>
          ))}
        </div>
      </fieldset>
      <Field
        label="Other tags"
        name="tags"
        maxLength={500}
        defaultValue={values.tags}
        error={errors.tags}
        hint="Separated by commas, for example “GDPR, HIPAA, class actions” (up to 10)."
      />
      <fieldset>
        <legend>Jurisdictions and bar admissions</legend>
        <p className="field__hint">Leave a row's jurisdiction empty to remove it. Your bar numbers are only visible to you unless you choose otherwise in privacy settings.</p>
        {errors.admissions ? <p className="field__error">{errors.admissions}</p> : null}
        {rows.map((a, i) => {
          const err = errors[`admissions.${i}`];
          return (
            <div key={i} className={`admission-row${err ? " field--invalid" : ""}`}>
              <div className="field">
                <label htmlFor={`adm-j-${i}`}>Jurisdiction {i + 1}</label>
                <select id={`adm-j-${i}`} name="adm-jurisdiction" defaultValue={a.jurisdiction} aria-invalid={err ? true : undefined}>
                  <option value="">—</option>
                  {jurisdictionChoices.map((j) => (
                    <option key={j} value={j}>
                      {j}
                    </option>
                  ))}
                </select>
              </div>
              <Field label="Bar number" id={`adm-n-${i}`} name="adm-number" maxLength={30} defaultValue={a.barNumber} />
              <Field label="Year admitted" id={`adm-y-${i}`} name="adm-year" inputMode="numeric" maxLength={4} defaultValue={a.yearAdmitted} />
              <div className="field">
                <label htmlFor={`adm-s-${i}`}>Status</label>
                <select id={`adm-s-${i}`} name="adm-status" defaultValue={a.status || "active"}>
                  {STATUSES.map(([v, l]) => (
                    <option key={v} value={v}>
                      {l}
                    </option>
                  ))}
                </select>
              </div>
              {err ? <p className="field__error admission-row__error">{err}</p> : null}
            </div>
          );
        })}
        <input type="hidden" name="adm-rows" value={rows.length} />
        {rows.length < MAX_ADMISSIONS ? (
          <button
            type="submit"
            name="intent"
            value="add-admission"
            formNoValidate
            className="button--secondary"
            onClick={(e) => {
              e.preventDefault();
              setExtra((n) => n + 1);
            }}
          >
            Add another jurisdiction
          </button>
        ) : null}
      </fieldset>
      <Field
        label="Years in practice"
        name="yearsInPractice"
        inputMode="numeric"
        maxLength={2}
        defaultValue={values.yearsInPractice}
        error={errors.yearsInPractice}
        className="input-short"
      />
    </>
  );
}

export function AboutFields({ values, errors }: { values: ProfileValues; errors: Errors }) {
  return (
    <>
      <TextArea
        label="Short bio"
        name="bioMd"
        rows={8}
        maxLength={4000}
        defaultValue={values.bioMd}
        error={errors.bioMd}
        hint="Up to 4,000 characters. Markdown works: **bold**, *italic*, lists and links."
      />
      <Field label="Firm page" name="firmUrl" type="url" maxLength={300} placeholder="https://" defaultValue={values.firmUrl} error={errors.firmUrl} />
      <Field
        label="LinkedIn"
        name="linkedinUrl"
        type="url"
        maxLength={300}
        placeholder="https://www.linkedin.com/in/…"
        defaultValue={values.linkedinUrl}
        error={errors.linkedinUrl}
      />
      <Field label="Personal site" name="websiteUrl" type="url" maxLength={300} placeholder="https://" defaultValue={values.websiteUrl} error={errors.websiteUrl} />
    </>
  );
}

export function ContactFields({ values, errors }: { values: ProfileValues; errors: Errors }) {
  return (
    <>
      <Field
        label="Contact email"
        name="contactEmail"
        type="email"
        maxLength={254}
        autoComplete="email"
        defaultValue={values.contactEmail}
        error={errors.contactEmail}
        hint={`Leave empty to use your sign-in address (${values.signInEmail}).`}
      />
      <Field label="Phone" name="phone" type="tel" maxLength={40} autoComplete="tel" defaultValue={values.phone} error={errors.phone} />
      <div className={`field${errors.preferredContact ? " field--invalid" : ""}`}>
        <label htmlFor="f-preferredContact">Preferred way to be contacted</label>
        <select id="f-preferredContact" name="preferredContact" defaultValue={values.preferredContact}>
          <option value="">No preference</option>
          <option value="email">Email</option>
          <option value="phone">Phone</option>
          <option value="either">Either</option>
        </select>
        {errors.preferredContact ? <p className="field__error">{errors.preferredContact}</p> : null}
      </div>
      <CheckField
        name="openToReferrals"
        label="Open to referrals"
        hint="Other members may send you matters in your areas."
        defaultChecked={values.openToReferrals}
      />
      <CheckField
        name="openToOpportunities"
        label="Open to new opportunities"
        hint="By default only people in your seminars see this."
        defaultChecked={values.openToOpportunities}
      />
    </>
  );
}
