// Issue #18: "services and skills" on one's own profile. The member edited is always the signed-in one.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { LabeledField, value, type Errors } from "~/components/careers-fields";
import { saveServicesAndSkills } from "~/models/profile-skills.server";
import { VISIBILITY_LABELS } from "~/models/profile.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { requireOwnRecord } from "../profile.edit/profile-form.server";
import { SkillsSchema } from "../jobs._index/careers-forms.server";

export const meta: MetaFunction = () => [{ title: "Services and skills · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, profile: p } = await requireOwnRecord(request);
  return {
    id: user.id,
    values: { skillLanguages: p.skillLanguages, skillIndustries: p.skillIndustries, notableMatters: p.notableMatters, availability: p.availability },
    visibility: VISIBILITY_LABELS[p.visServices],
    thanksVisibility: VISIBILITY_LABELS[p.visReferralThanks],
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: SkillsSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  saveServicesAndSkills({ userId: user.id, input: submission.value });
  return redirectWithFlash(`/people/${user.id}`, { kind: "success", message: "Your services and skills are saved." });
}

export default function Skills() {
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = (reply?.error ?? {}) as Errors;
  const initial = (reply?.initialValue ?? d.values) as Record<string, unknown>;
  return (
    <div className="narrow stack">
      <div className="page-head">
        <h1>Services and skills</h1>
        <p className="muted">
          Who sees this section: <strong>{d.visibility}</strong>. Thanks for referrals you took: <strong>{d.thanksVisibility}</strong>. Change
          either in <Link to="/profile/settings">privacy and notifications</Link>.
        </p>
      </div>
      <Form method="post" noValidate className="card stack">
        <LabeledField id="s-languages" label="Languages" hint="For example: English, Spanish (professional), French (reading)." error={errors.skillLanguages}>
          {(a) => <input {...a} name="skillLanguages" maxLength={300} defaultValue={value(initial, "skillLanguages")} />}
        </LabeledField>
        <LabeledField id="s-industries" label="Industries" hint="The clients' industries you know well." error={errors.skillIndustries}>
          {(a) => <input {...a} name="skillIndustries" maxLength={300} defaultValue={value(initial, "skillIndustries")} />}
        </LabeledField>
        <LabeledField id="s-matters" label="Notable matters" hint="In your own words; only what you may make public." error={errors.notableMatters}>
          {(a) => <textarea {...a} name="notableMatters" rows={5} maxLength={2000} defaultValue={value(initial, "notableMatters")} />}
        </LabeledField>
        <LabeledField id="s-availability" label="Availability" hint="For example: taking local-counsel work from March." error={errors.availability}>
          {(a) => <input {...a} name="availability" maxLength={300} defaultValue={value(initial, "availability")} />}
        </LabeledField>
        <div className="actions">
          <button type="submit" disabled={busy}>
            Save
          </button>
          <Link to={`/people/${d.id}`} className="button button--secondary">
            Cancel
          </Link>
        </div>
      </Form>
    </div>
  );
}
