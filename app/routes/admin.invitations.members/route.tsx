// Issue #19: staff decide whether members may invite colleagues (on/off, approval, allowed domains, monthly quota)
// and work through the invitations that wait for approval. Only staff: anyone else gets "no such page".
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/guards.server";
import { AdminNav } from "~/components/admin-nav";
import { Field, FormError, TextArea } from "~/components/form";
import { decideMemberInvitation, listAwaitingApproval, listHeldInvitations } from "~/models/member-invitation-review.server";
import { DEFAULT_MEMBER_INVITATION_SETTINGS, QUOTA_BOUNDS, getMemberInvitationSettings, saveMemberInvitationSettings } from "~/models/member-invitation-settings.server";
import { formatDate } from "~/utils/dates";
import { errorsOf, valuesOf } from "~/utils/forms";
import { redirectWithFlash } from "~/utils/flash.server";
import { DecideSchema, MemberInvitationSettingsSchema } from "../admin.invitations._index/member-invite-form.server";

export const meta: MetaFunction = () => [{ title: "Member invitations · Administration · Colloquy" }];

const HERE = "/admin/invitations/members";
/** Staff only; for everybody else this page does not exist. */
async function requireStaffPage(request: Request) {
  const user = await requireUser(request);
  if (user.role !== "admin") notFound();
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaffPage(request);
  return { settings: getMemberInvitationSettings(), defaults: DEFAULT_MEMBER_INVITATION_SETTINGS, bounds: QUOTA_BOUNDS, queue: listAwaitingApproval(), held: listHeldInvitations() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireStaffPage(request);
  const form = await request.formData();
  const ip = context.clientIp ?? null;
  if (form.get("intent") === "settings") {
    const submission = parseWithZod(form, { schema: MemberInvitationSettingsSchema });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    const v = submission.value;
    saveMemberInvitationSettings({
      settings: { enabled: v.enabled === "on", requireApproval: v.requireApproval === "on", allowedDomains: v.allowedDomains, monthlyQuota: v.monthlyQuota },
      actorId: admin.id,
      ip,
    });
    return redirectWithFlash(HERE, { kind: "success", message: "The member invitation settings were saved." });
  }
  const submission = parseWithZod(form, { schema: DecideSchema });
  if (submission.status !== "success") throw new Response("Bad Request", { status: 400 });
  const { id, intent } = submission.value;
  const ok = decideMemberInvitation({ id, decision: intent, actorId: admin.id, ip });
  const done = intent === "approve" ? "The invitation was approved and goes out now." : "The invitation was declined; the member sees that.";
  return redirectWithFlash(HERE, ok ? { kind: "success", message: done } : { kind: "error", message: "That invitation no longer waits for approval." });
}

export default function MemberInvitationsAdmin() {
  const { settings, defaults, bounds, queue, held } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = errorsOf(actionData?.result);
  const initial = actionData ? valuesOf(actionData.result) : null;
  const count = Object.keys(errors).length;
  const checked = (k: "enabled" | "requireApproval") => (initial ? initial[k] === "on" : settings[k]);
  return (
    <>
      <div className="page-head">
        <h1>Member invitations</h1>
      </div>
      <AdminNav />
      <section className="card" aria-labelledby="queue-title">
        <h2 id="queue-title">Waiting for approval ({queue.length})</h2>
        {queue.length ? (
          <ol className="plain-list stack">
            {queue.map((q) => (
              <li key={q.id}>
                <p>
                  <strong>{q.email}</strong>
                  {q.name ? ` (${q.name})` : ""}, invited by <Link to={`/people/${q.inviterId}`}>{q.inviterName}</Link> on {formatDate(q.createdAt)}
                </p>
                {q.message ? <blockquote className="muted">{q.message}</blockquote> : null}
                <Form method="post" className="inline-form actions">
                  <input type="hidden" name="id" value={q.id} />
                  <button type="submit" name="intent" value="approve" className="button--small" disabled={busy} aria-label={`Approve the invitation to ${q.email}`}>
                    Approve
                  </button>
                  <button type="submit" name="intent" value="decline" className="button--small button--secondary" disabled={busy} aria-label={`Decline the invitation to ${q.email}`}>
                    Decline
                  </button>
                </Form>
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">No member invitation is waiting.</p>
        )}
      </section>
      {held.length ? (
        <section className="card" aria-labelledby="held-title">
          <h2 id="held-title">Not mailed (last 30 days)</h2>
          <p className="muted">The member was told these went out, so that nobody learns through them whether an address declined invitations or rests after one.</p>
          <ul className="plain-list">
            {held.map((h) => (
              <li key={h.id}>
                {h.email}, from <Link to={`/people/${h.inviterId}`}>{h.inviterName}</Link> on {formatDate(h.createdAt)}: <span className="muted">{h.reason}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="card form-card stack" aria-labelledby="settings-title">
        <h2 id="settings-title">Settings</h2>
        <p className="muted">
          Members invite colleagues to the network from “Your invitations” in their account. The sending limits and quiet period on{" "}
          <Link to="/admin/invitations/limits">Invitation limits</Link> apply to them as well.
        </p>
        <FormError message={count ? `Please correct the ${count === 1 ? "field" : `${count} fields`} marked below.` : null} />
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="settings" />
          <label className="checkbox">
            <input type="checkbox" name="enabled" defaultChecked={checked("enabled")} /> Members may invite colleagues
          </label>
          <label className="checkbox">
            <input type="checkbox" name="requireApproval" defaultChecked={checked("requireApproval")} /> Staff approve each member invitation before it is mailed
          </label>
          <TextArea
            label="Allowed email domains"
            name="allowedDomains"
            rows={3}
            defaultValue={initial ? (initial.allowedDomains ?? "") : settings.allowedDomains.join("\n")}
            error={errors.allowedDomains}
            hint="One a line, like firm.com. Leave empty to allow any address."
          />
          <Field
            label="Invitations per member per calendar month"
            name="monthlyQuota"
            type="number"
            inputMode="numeric"
            min={bounds.min}
            max={bounds.max}
            required
            defaultValue={initial?.monthlyQuota ?? String(settings.monthlyQuota)}
            error={errors.monthlyQuota}
            hint={`Every invitation created in the month (UTC) counts, except ones withdrawn before approval or declined by staff. Default ${defaults.monthlyQuota}.`}
          />
          <div className="actions">
            <button type="submit" disabled={busy}>
              {busy ? "Saving…" : "Save settings"}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}
