import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireAdmin } from "~/auth/guards.server";
import { AdminNav } from "~/components/admin-nav";
import { Field, FormError, TextArea } from "~/components/form";
import { listSeminarOptions } from "~/models/invitation-admin.server";
import { mailQueuedNote } from "~/utils/mail-note.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { submitInvite } from "./invite-form.server";

export const meta: MetaFunction = () => [{ title: "Invite someone · Administration · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { seminars: listSeminarOptions() };
}

const RolesSchema = z.object({
  seminar: z.union([z.literal(""), z.coerce.number().int().positive()]),
  seminarRole: z.enum(["attendee", "instructor"]).catch("attendee"),
  networkRole: z.enum(["member", "admin"]).catch("member"),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const form = await request.formData();
  const roles = RolesSchema.safeParse({ seminar: form.get("seminar") ?? "", seminarRole: form.get("seminarRole"), networkRole: form.get("networkRole") });
  const seminars = listSeminarOptions();
  const seminarId = roles.success && roles.data.seminar !== "" ? roles.data.seminar : null;
  const seminarError = !roles.success || (seminarId !== null && !seminars.some((s) => s.id === seminarId)) ? "Choose a seminar from the list." : null;
  const keep = { seminar: String(form.get("seminar") ?? ""), seminarRole: String(form.get("seminarRole") ?? ""), networkRole: String(form.get("networkRole") ?? "") };
  if (seminarError) {
    return data({ errors: { seminar: seminarError } as Record<string, string>, values: { ...keep } as Record<string, string> }, { status: 400 });
  }
  const result = submitInvite(form, {
    seminarId,
    seminarRole: seminarId ? roles.data!.seminarRole : null,
    networkRole: roles.data!.networkRole,
    invitedById: admin.id,
    ip: context.clientIp ?? null,
  });
  if (!result.ok) return data({ errors: result.errors, values: { ...result.values, ...keep } as Record<string, string> }, { status: 400 });
  return redirectWithFlash("/admin/invitations", { kind: "success", message: mailQueuedNote({ sent: `Invitation sent to ${result.email}.`, held: `Invitation to ${result.email} created.`, admin: true }) });
}

export default function NewInvitation() {
  const { seminars } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string> = actionData?.errors ?? {};
  const values: Record<string, string> = actionData?.values ?? {};
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
