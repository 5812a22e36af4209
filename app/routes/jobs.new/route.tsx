// Issue #18: post a job opening (members, and staff on behalf of firms).
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { CareersFormPage, CheckList, LabeledField, SelectField, useFormReply, values } from "~/components/careers-fields";
import { postJob } from "~/models/job-postings.server";
import { controlledLists } from "~/models/profile-write.server";
import { APPLY_MODE_LABELS, EMPLOYMENT_LABELS, SENIORITY_LABELS } from "~/utils/careers";
import { redirectWithFlash } from "~/utils/flash.server";
import { jobSchema } from "../jobs._index/careers-forms.server";

export const meta: MetaFunction = () => [{ title: "Post a job · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const lists = controlledLists();
  return { ...lists, defaultClosing: new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: jobSchema() });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const r = postJob({ poster: user, input: submission.value });
  if (!r.ok) return data(submission.reply({ formErrors: [r.error] }), { status: 429 });
  return redirectWithFlash(`/jobs/${r.id}`, { kind: "success", message: "Your opening is posted." });
}

export default function NewJob() {
  const d = useLoaderData<typeof loader>();
  const { busy, errors, initial, v } = useFormReply(useActionData<typeof action>());
  return (
    <CareersFormPage
      title="Post a job"
      intro="Members see open postings until the closing date; then the posting expires by itself."
      errors={errors}
      busy={busy}
      submitLabel="Post the job"
      cancelTo="/jobs"
    >
      <LabeledField id="j-title" label="Job title" error={errors.title}>
        {(a) => <input {...a} name="title" maxLength={150} defaultValue={v("title")} />}
      </LabeledField>
      <LabeledField id="j-org" label="Firm or organisation" error={errors.organisation}>
        {(a) => <input {...a} name="organisation" maxLength={150} defaultValue={v("organisation")} />}
      </LabeledField>
      <LabeledField id="j-location" label="Location" hint="City and country, or leave empty for a remote role." error={errors.location}>
        {(a) => <input {...a} name="location" maxLength={150} defaultValue={v("location")} />}
      </LabeledField>
      <label className="choice">
        <input type="checkbox" name="remote" defaultChecked={v("remote") === "on"} /> Remote
      </label>
      <CheckList name="areas" legend="Practice areas" options={d.areas} chosen={values(initial, "areas")} error={errors.areas} />
      <CheckList name="jurisdictions" legend="Jurisdictions" options={d.jurisdictions} chosen={values(initial, "jurisdictions")} error={errors.jurisdictions} />
      <label className="choice">
        <input type="checkbox" name="barRequired" defaultChecked={v("barRequired") === "on"} /> Bar admission in one of these jurisdictions is
        required
      </label>
      <SelectField id="j-seniority" label="Seniority" name="seniority" options={Object.entries(SENIORITY_LABELS)} defaultValue={v("seniority", "any")} error={errors.seniority} />
      <SelectField
        id="j-type"
        label="Type of employment"
        name="employmentType"
        options={Object.entries(EMPLOYMENT_LABELS)}
        defaultValue={v("employmentType", "full-time")}
        error={errors.employmentType}
      />
      <LabeledField id="j-description" label="Description" hint="Markdown: the role, the team, what you look for." error={errors.descriptionMd}>
        {(a) => <textarea {...a} name="descriptionMd" rows={8} defaultValue={v("descriptionMd")} />}
      </LabeledField>
      <fieldset>
        <legend>How to apply</legend>
        {Object.entries(APPLY_MODE_LABELS).map(([k, l]) => (
          <label key={k} className="choice">
            <input type="radio" name="applyMode" value={k} defaultChecked={v("applyMode", "portal") === k} /> {l}
          </label>
        ))}
        {errors.applyMode ? <p className="field__error">{errors.applyMode[0]}</p> : null}
      </fieldset>
      <LabeledField id="j-url" label="Application link (for “external page”)" error={errors.applyUrl}>
        {(a) => <input {...a} name="applyUrl" type="url" maxLength={2000} defaultValue={v("applyUrl")} />}
      </LabeledField>
      <LabeledField id="j-email" label="Application email (for “by email”)" error={errors.applyEmail}>
        {(a) => <input {...a} name="applyEmail" type="email" maxLength={254} defaultValue={v("applyEmail")} />}
      </LabeledField>
      <LabeledField id="j-closes" label="Closing date" hint="The posting expires at the end of this day (UTC)." error={errors.closesAt}>
        {(a) => <input {...a} name="closesAt" type="date" defaultValue={v("closesAt", d.defaultClosing)} />}
      </LabeledField>
    </CareersFormPage>
  );
}
