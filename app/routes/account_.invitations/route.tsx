// Issue #19: a member invites colleagues to the network and follows what became of each invitation. The answer to
// an invitation never depends on the invited address (an existing account, a declined address): see
// app/models/member-invitations.server.ts.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/guards.server";
import { Field, FormError, TextArea } from "~/components/form";
import { db } from "~/models/db.server";
import { revokeInvitation } from "~/models/invitation-admin.server";
import { getMemberInvitationSettings } from "~/models/member-invitation-settings.server";
import { inviteColleague, isOwnMemberInvitation, listMyInvitations, quotaFor, type MemberInvitationState } from "~/models/member-invitations.server";
import { formatDate } from "~/utils/dates";
import { errorsOf, formErrorOf, valuesOf } from "~/utils/forms";
import { redirectWithFlash } from "~/utils/flash.server";
import { mailQueuedNote } from "~/utils/mail-note.server";
import { ColleagueSchema } from "../admin.invitations._index/member-invite-form.server";

export const meta: MetaFunction = () => [{ title: "Your invitations · Colloquy" }];

const RevokeSchema = z.object({ intent: z.literal("revoke"), id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const HERE = "/account/invitations";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const settings = getMemberInvitationSettings();
  const q = quotaFor(db(), { userId: user.id });
  return {
    enabled: settings.enabled,
    requireApproval: settings.requireApproval,
    domains: settings.allowedDomains,
    quota: { ...q, refillsAt: q.refillsAt.toISOString() },
    rows: listMyInvitations({ inviterId: user.id }),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const ip = context.clientIp ?? null;
  if (form.get("intent") === "revoke") {
    const submission = parseWithZod(form, { schema: RevokeSchema });
    if (submission.status !== "success") throw new Response("Bad Request", { status: 400 });
    const { id } = submission.value;
    // Only the member's own member invitations; anything else looks like an invitation that cannot change.
    const ok = isOwnMemberInvitation({ id, inviterId: user.id }) && revokeInvitation({ id, actorId: user.id, ip });
    return redirectWithFlash(HERE, ok ? { kind: "success", message: "The invitation was withdrawn; its link no longer works." } : { kind: "error", message: "That invitation can no longer be changed." });
  }
  const submission = parseWithZod(form, { schema: ColleagueSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const v = submission.value;
  const r = inviteColleague({ inviterId: user.id, email: v.email, name: v.name || null, message: v.message ?? "", ip });
  if (!r.ok) {
    const reply = r.field === "email" ? submission.reply({ fieldErrors: { email: [r.message] } }) : submission.reply({ formErrors: [r.message] });
    return data({ result: reply }, { status: 400 });
  }
  // The same words whether or not the address has an account (issue #19): nothing here may tell them apart.
  const message = r.awaitingApproval
    ? `Your invitation to ${v.email} waits for the institute's approval; it is mailed once staff approve it.`
    : mailQueuedNote({ sent: `Your invitation to ${v.email} is on its way.`, held: `Your invitation to ${v.email} was created.`, admin: user.role === "admin" });
  return redirectWithFlash(HERE, { kind: "success", message });
}

export const STATE_LABELS: Record<MemberInvitationState, string> = {
  "awaiting-approval": "Awaiting approval",
  declined: "Declined by staff",
  revoked: "Withdrawn",
  accepted: "Accepted",
  expired: "Expired",
  opened: "Opened",
  sent: "Sent",
};

export default function YourInvitations() {
  const { enabled, requireApproval, domains, quota, rows } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = errorsOf(actionData?.result);
  const initial = valuesOf(actionData?.result);
  const formError = formErrorOf(actionData?.result);
  return (
    <div className="narrow stack">
      <div className="page-head">
        <h1>Your invitations</h1>
        <p className="muted">
          Invite colleagues to join Colloquy. <Link to="/account">Back to your account</Link>
        </p>
      </div>
      <section className="card form-card" aria-labelledby="invite-title">
        <h2 id="invite-title">Invite a colleague</h2>
        {enabled ? (
          <>
            <p id="quota-left">
              <strong>
                {quota.remaining} of {quota.quota}
              </strong>{" "}
              invitations left this month; more become available on {formatDate(quota.refillsAt)}.
            </p>
            <p className="muted">
              They are invited to the network, not to a seminar. The email names you and carries your note; the link is valid for 14 days.
              {requireApproval ? " The institute's staff approve each invitation before it is mailed." : ""}
              {domains.length ? ` You can invite addresses at ${domains.join(", ")}.` : ""}
            </p>
            <FormError message={formError} />
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="invite" />
              <Field label="Colleague's email address" name="email" type="email" autoComplete="off" required defaultValue={initial.email ?? ""} error={errors.email} />
              <Field label="Their name (optional)" name="name" defaultValue={initial.name ?? ""} error={errors.name} />
              <TextArea label="Personal note (optional)" name="message" rows={4} defaultValue={initial.message ?? ""} error={errors.message} />
              <button type="submit" disabled={busy}>
                Send invitation
              </button>
            </Form>
          </>
        ) : (
          <>
            <FormError message={formError} />
            <p>Member invitations are turned off at the moment. Ask the institute's staff if you would like a colleague invited.</p>
          </>
        )}
      </section>
      <section className="card" aria-labelledby="sent-title">
        <h2 id="sent-title">Invitations you sent</h2>
        {rows.length ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Colleague</th>
                  <th scope="col">State</th>
                  <th scope="col">Created</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td>
                      {r.name ? `${r.name} · ` : ""}
                      {r.email}
                    </td>
                    <td>
                      <span className={`badge badge--invitation-${r.state}`}>{STATE_LABELS[r.state]}</span>
                      {r.acceptedBy ? (
                        <>
                          {" "}
                          by <Link to={`/people/${r.acceptedBy.id}`}>{r.acceptedBy.name}</Link>
                        </>
                      ) : null}
                    </td>
                    <td>{formatDate(r.createdAt)}</td>
                    <td>
                      {r.canRevoke ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="revoke" />
                          <input type="hidden" name="id" value={r.id} />
                          <button type="submit" className="button--small button--secondary" disabled={busy} aria-label={`Withdraw the invitation to ${r.email}`}>
                            Withdraw
                          </button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">You have not invited anyone yet.</p>
        )}
      </section>
    </div>
  );
}
