// Issue #18: ask colleagues for counsel. No client names here: share them in the private conversation.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { CareersFormPage, LabeledField, SelectField, useFormReply } from "~/components/careers-fields";
import { controlledLists } from "~/models/profile-write.server";
import { postReferral } from "~/models/referrals.server";
import { URGENCY_LABELS } from "~/utils/careers";
import { redirectWithFlash } from "~/utils/flash.server";
import { referralSchema } from "../jobs._index/careers-forms.server";

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
  const { busy, errors, v } = useFormReply(useActionData<typeof action>());
  const pairs = (xs: string[]) => xs.map((x) => [x, x] as const);
  return (
    <CareersFormPage
      title="Ask for a referral"
      intro="Members who are open to referrals, practise this area and are admitted in this jurisdiction are told. Leave client names out: share them privately with the member you choose."
      errors={errors}
      busy={busy}
      submitLabel="Post the request"
      cancelTo="/referrals"
    >
      <LabeledField id="r-title" label="What you need" hint="For example: local counsel in Texas for a commercial lease dispute, 2 weeks." error={errors.title}>
        {(a) => <input {...a} name="title" maxLength={200} defaultValue={v("title")} />}
      </LabeledField>
      <SelectField id="r-area" label="Practice area" name="practiceArea" options={pairs(d.areas)} placeholder="Choose…" defaultValue={v("practiceArea")} error={errors.practiceArea} />
      <SelectField
        id="r-jur"
        label="Jurisdiction"
        name="jurisdiction"
        options={pairs(d.jurisdictions)}
        placeholder="Choose…"
        defaultValue={v("jurisdiction")}
        error={errors.jurisdiction}
      />
      <SelectField id="r-urgency" label="Urgency" name="urgency" options={Object.entries(URGENCY_LABELS)} defaultValue={v("urgency", "routine")} error={errors.urgency} />
      <LabeledField id="r-details" label="Details" hint="Markdown. No client names." error={errors.detailsMd}>
        {(a) => <textarea {...a} name="detailsMd" rows={6} defaultValue={v("detailsMd")} />}
      </LabeledField>
      <label className="choice">
        <input type="checkbox" name="shareBeyondSeminars" defaultChecked={v("shareBeyondSeminars") === "on"} /> Share beyond my seminars (with the
        whole network)
      </label>
    </CareersFormPage>
  );
}
