import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { requireAdmin } from "~/auth/guards.server";
import { AdminNav } from "~/components/admin-nav";
import { Field, FormError, TextArea } from "~/components/form";
import { listSeminarOptions } from "~/models/invitation-admin.server";
import { mailQueuedNote } from "~/utils/mail-note.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { errorsOf, replyWith, valuesOf } from "~/utils/forms";
import { InviteFormSchema, submitInvite } from "../admin.invitations._index/invite-form.server";

export const meta: MetaFunction = () => [{ title: "Invite someone · Administration · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { seminars: listSeminarOptions() };
}

// The staff form adds the seminar (none: the network only) and both roles to the shared invitation fields. Built
// inside the action: InviteFormSchema comes from a .server module, which is empty in the browser.
const adminInviteSchema = () => InviteFormSchema.extend({
  seminar: z.coerce.number({ error: "Choose a seminar from the list." }).int("Choose a seminar from the list.").positive("Choose a seminar from the list.").optional(),
  seminarRole: z.enum(["attendee", "instructor"]).catch("attendee"),
  networkRole: z.enum(["member", "admin"]).catch("member"),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const submission = parseWithZod(await request.formData(), { schema: adminInviteSchema() });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { seminar, seminarRole, networkRole, ...invite } = submission.value;
  const seminarId = seminar ?? null;
  if (seminarId !== null && !listSeminarOptions().some((s) => s.id === seminarId)) {
    return data({ result: submission.reply({ fieldErrors: { seminar: ["Choose a seminar from the list."] } }) }, { status: 400 });
  }
  const result = submitInvite(invite, {
    seminarId,
    seminarRole: seminarId ? seminarRole : null,
    networkRole,
    invitedById: admin.id,
    ip: context.clientIp ?? null,
  });
  if (!result.ok) return data({ result: submission.reply(replyWith(result.errors)) }, { status: 400 });
  return redirectWithFlash("/admin/invitations", { kind: "success", message: mailQueuedNote({ sent: `Invitation sent to ${result.email}.`, held: `Invitation to ${result.email} created.`, admin: true }) });
}

export default function NewInvitation() {
  const { seminars } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errors = errorsOf(actionData?.result);
  const values = valuesOf(actionData?.result);
  return (
    <>
      <div className="page-head">
        <h1>Invite someone</h1>
      </div>
      <AdminNav />
      <section className="card form-card" aria-label="Invitation">
        <FormError message={errors.form} />
        <Form method="post" noValidate>
          <Field label="Email address" name="email" type="email" autoComplete="off" required defaultValue={values.email ?? ""} error={errors.email} />
          <Field label="Name (optional)" name="name" defaultValue={values.name ?? ""} error={errors.name} hint="Used to greet them in the email." />
          <div className={`field${errors.seminar ? " field--invalid" : ""}`}>
            <label htmlFor="f-seminar">Seminar</label>
            <select id="f-seminar" name="seminar" defaultValue={values.seminar ?? params.get("seminar") ?? ""} aria-describedby={errors.seminar ? "f-seminar-error" : undefined}>
              <option value="">None: the network only</option>
              {seminars.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>
            {errors.seminar ? (
              <p className="field__error" id="f-seminar-error">
                {errors.seminar}
              </p>
            ) : null}
          </div>
          <fieldset>
            <legend>Role in the seminar</legend>
            <label className="choice">
              <input type="radio" name="seminarRole" value="attendee" defaultChecked={values.seminarRole !== "instructor"} /> Attendee
            </label>
            <label className="choice">
              <input type="radio" name="seminarRole" value="instructor" defaultChecked={values.seminarRole === "instructor"} /> Instructor
            </label>
          </fieldset>
          <fieldset>
            <legend>Role in the network</legend>
            <label className="choice">
              <input type="radio" name="networkRole" value="member" defaultChecked={values.networkRole !== "admin"} /> Member
            </label>
            <label className="choice">
              <input type="radio" name="networkRole" value="admin" defaultChecked={values.networkRole === "admin"} /> Administrator (institute staff)
            </label>
          </fieldset>
          <TextArea label="Personal message (optional)" name="message" defaultValue={values.message ?? ""} error={errors.message} hint="Shown in the email and on the invitation page." />
          <Field label="Valid for (days)" name="days" type="number" min={1} max={90} inputMode="numeric" defaultValue={values.days ?? "14"} error={errors.days} />
          <button type="submit" disabled={busy}>
            Send invitation
          </button>
        </Form>
      </section>
    </>
  );
}
