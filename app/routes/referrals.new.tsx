// Issue #18: ask colleagues for counsel. No client names here: share them in the private conversation.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { LabeledField, value, type Errors } from "~/components/careers-fields";
import { FormError } from "~/components/form";
import { controlledLists } from "~/models/profile-write.server";
import { postReferral } from "~/models/referrals.server";
import { URGENCY_LABELS } from "~/utils/careers";
import { redirectWithFlash } from "~/utils/flash.server";
import { referralSchema } from "./careers-forms.server";

export const meta: MetaFunction = () => [{ title: "Ask for a referral · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return controlledLists();
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: referralSchema() });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const r = postReferral({ requester: user, input: submission.value });
  if (!r.ok) return data(submission.reply({ formErrors: [r.error] }), { status: 429 });
  const whom = r.routed === 0 ? "No member matches yet; it is listed for your network." : `It went to ${r.routed} matching member${r.routed === 1 ? "" : "s"}.`;
  return redirectWithFlash(`/referrals/${r.id}`, { kind: "success", message: `Your request is posted. ${whom}` });
}

export default function NewReferral() {
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = (reply?.error ?? {}) as Errors;
  const initial = (reply?.initialValue ?? null) as Record<string, unknown> | null;
  const v = (k: string, f = "") => value(initial, k, f);
  const count = Object.keys(errors).filter((k) => k !== "").length;
  return (
    <div className="narrow stack">
      <div className="page-head">
        <h1>Ask for a referral</h1>
        <p className="muted">
          Members who are open to referrals, practise this area and are admitted in this jurisdiction are told. Leave client names out: share
          them privately with the member you choose.
        </p>
      </div>
      <FormError message={errors[""]?.[0] ?? (count ? `Please correct the ${count === 1 ? "field" : `${count} fields`} marked below.` : null)} />
      <Form method="post" noValidate className="card stack">
        <LabeledField id="r-title" label="What you need" hint="For example: local counsel in Texas for a commercial lease dispute, 2 weeks." error={errors.title}>
          {(a) => <input {...a} name="title" maxLength={200} defaultValue={v("title")} />}
        </LabeledField>
        <LabeledField id="r-area" label="Practice area" error={errors.practiceArea}>
          {(a) => (
            <select {...a} name="practiceArea" defaultValue={v("practiceArea")}>
              <option value="">Choose…</option>
              {d.areas.map((x) => (
                <option key={x} value={x}>
                  {x}
                </option>
              ))}
            </select>
          )}
        </LabeledField>
        <LabeledField id="r-jur" label="Jurisdiction" error={errors.jurisdiction}>
          {(a) => (
            <select {...a} name="jurisdiction" defaultValue={v("jurisdiction")}>
              <option value="">Choose…</option>
              {d.jurisdictions.map((x) => (
                <option key={x} value={x}>
                  {x}
                </option>
              ))}
            </select>
          )}
        </LabeledField>
        <LabeledField id="r-urgency" label="Urgency" error={errors.urgency}>
          {(a) => (
            <select {...a} name="urgency" defaultValue={v("urgency", "routine")}>
              {Object.entries(URGENCY_LABELS).map(([k, l]) => (
                <option key={k} value={k}>
                  {l}
                </option>
              ))}
            </select>
          )}
        </LabeledField>
        <LabeledField id="r-details" label="Details" hint="Markdown. No client names." error={errors.detailsMd}>
          {(a) => <textarea {...a} name="detailsMd" rows={6} defaultValue={v("detailsMd")} />}
        </LabeledField>
        <label className="choice">
          <input type="checkbox" name="shareBeyondSeminars" defaultChecked={v("shareBeyondSeminars") === "on"} /> Share beyond my seminars (with
          the whole network)
        </label>
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? "Posting…" : "Post the request"}
          </button>
          <Link to="/referrals" className="button button--secondary">
            Cancel
          </Link>
        </div>
      </Form>
    </div>
  );
}
