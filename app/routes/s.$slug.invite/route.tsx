// Instructors invite attendees to their own seminar. The seminar and the attendee role are fixed on the server.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { requireSeminarRole } from "~/auth/guards.server";
import { Field, FormError, TextArea } from "~/components/form";
import { InvitationTable } from "~/components/invitation-table";
import { listInvitations, revokeInvitation } from "~/models/invitation-admin.server";
import { mailQueuedNote } from "~/utils/mail-note.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { errorsOf, IdFormSchema, replyWith, valuesOf } from "~/utils/forms";
import { InviteFormSchema, resendWithinLimits, submitInvite } from "../admin.invitations._index/invite-form.server";

export const meta: MetaFunction = () => [{ title: "Invite attendees · Colloquy" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { seminar } = await requireSeminarRole(request, params.slug, "instructor");
  const { rows } = listInvitations({ kind: "email", seminarId: seminar.id });
  return { title: seminar.title, rows };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { seminar, user } = await requireSeminarRole(request, params.slug, "instructor");
  const form = await request.formData();
  const intent = form.get("intent");
  const ip = context.clientIp ?? null;
  const here = `/s/${seminar.slug}/invite`;
  if (intent === "resend" || intent === "revoke") {
    const sent = parseWithZod(form, { schema: IdFormSchema });
    // Scoped to this seminar: an invitation id from elsewhere does nothing.
    const args = { id: sent.status === "success" ? sent.value.id : 0, actorId: user.id, seminarId: seminar.id, ip };
    if (intent === "resend") {
      const r = resendWithinLimits(args);
      return redirectWithFlash(
        here,
        r.ok ? { kind: "success", message: "A new invitation link was sent; the old link no longer works." } : { kind: "error", message: r.message },
      );
    }
    const ok = revokeInvitation(args);
    return redirectWithFlash(
      here,
      ok ? { kind: "success", message: "The invitation was revoked." } : { kind: "error", message: "That invitation can no longer be changed." },
    );
  }
  const submission = parseWithZod(form, { schema: InviteFormSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const result = submitInvite(submission.value, { seminarId: seminar.id, seminarRole: "attendee", networkRole: "member", invitedById: user.id, ip });
  if (!result.ok) return data({ result: submission.reply(replyWith(result.errors)) }, { status: 400 });
  return redirectWithFlash(here, { kind: "success", message: mailQueuedNote({ sent: `Invitation sent to ${result.email}.`, held: `Invitation to ${result.email} created.`, admin: user.role === "admin" }) });
}

export default function SeminarInvite() {
  const { title, rows } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = errorsOf(actionData?.result);
  const values = valuesOf(actionData?.result);
  return (
    <div className="stack">
      <h1>Invite attendees</h1>
      <section className="card form-card" aria-labelledby="invite-form-title">
        <h2 id="invite-form-title">Invite someone to {title}</h2>
        <p className="muted">They join as an attendee. The email names you, the seminar and your message.</p>
        <FormError message={errors.form} />
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="invite" />
          <Field label="Email address" name="email" type="email" autoComplete="off" required defaultValue={values.email ?? ""} error={errors.email} />
          <Field label="Name (optional)" name="name" defaultValue={values.name ?? ""} error={errors.name} />
          <TextArea label="Personal message (optional)" name="message" defaultValue={values.message ?? ""} error={errors.message} rows={4} />
          <Field label="Valid for (days)" name="days" type="number" min={1} max={90} defaultValue={values.days ?? "14"} error={errors.days} />
          <button type="submit" disabled={busy}>
            Send invitation
          </button>
        </Form>
      </section>
      <section aria-labelledby="sent-title" className="stack">
        <h2 id="sent-title">Invitations to this seminar</h2>
        <InvitationTable rows={rows} showSeminar={false} />
      </section>
    </div>
  );
}
