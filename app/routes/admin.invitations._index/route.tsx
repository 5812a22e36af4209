// Every personal invitation with its state; resend (new token, old link dies) or revoke.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { requireAdmin } from "~/auth/guards.server";
import { AdminNav } from "~/components/admin-nav";
import { NextPageLink } from "~/components/next-page-link";
import { InvitationTable } from "~/components/invitation-table";
import { listInvitations, listSeminarOptions, revokeInvitation } from "~/models/invitation-admin.server";
import { resendWithinLimits } from "./invite-form.server";
import { mailQueuedNote } from "~/utils/mail-note.server";
import { redirectWithFlash } from "~/utils/flash.server";

export const meta: MetaFunction = () => [{ title: "Invitations · Administration · Colloquy" }];

const FilterSchema = z.object({
  state: z.enum(["pending", "accepted", "expired", "revoked"]).optional().catch(undefined),
  seminar: z.coerce.number().int().positive().optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const f = FilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { rows, nextBefore } = listInvitations({ kind: "email", state: f.state, seminarId: f.seminar, search: f.q || undefined, before: f.before });
  return { rows, nextBefore, seminars: listSeminarOptions(), filters: f };
}

const ActionSchema = z.object({ intent: z.enum(["resend", "revoke"]), id: z.coerce.number().int().positive() });

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const submission = parseWithZod(await request.formData(), { schema: ActionSchema });
  const back = new URL(request.url);
  const to = back.pathname + back.search;
  // Row buttons only (no fields to mark): a refused request comes back as a message above the list.
  if (submission.status !== "success") return redirectWithFlash(to, { kind: "error", message: "That request was not understood." });
  const args = { id: submission.value.id, actorId: admin.id, ip: context.clientIp ?? null };
  if (submission.value.intent === "resend") {
    const r = resendWithinLimits(args);
    return redirectWithFlash(to, r.ok ? { kind: "success", message: mailQueuedNote({ sent: "A new invitation link was sent; the old link no longer works.", held: "A new invitation link was made; the old link no longer works.", admin: true }) } : { kind: "error", message: r.message });
  }
  const ok = revokeInvitation(args);
  return redirectWithFlash(to, ok ? { kind: "success", message: "The invitation was revoked; its link no longer works." } : { kind: "error", message: "That invitation can no longer be revoked." });
}

export default function AdminInvitations() {
  const { rows, nextBefore, seminars, filters } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <h1>Invitations</h1>
        <div className="actions">
          <Link className="button" to="/admin/invitations/new">
            Invite someone
          </Link>
          <Link to="/admin/invitations/bulk">Bulk invite</Link>
          <Link to="/admin/invitations/limits">Sending limits</Link>
        </div>
      </div>
      <AdminNav />
      <Form method="get" className="filters" aria-label="Filter invitations">
        <div className="field">
          <label htmlFor="f-state">State</label>
          <select id="f-state" name="state" defaultValue={filters.state ?? ""}>
            <option value="">Any state</option>
            <option value="pending">Pending</option>
            <option value="accepted">Accepted</option>
            <option value="expired">Expired</option>
            <option value="revoked">Revoked</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-seminar">Seminar</label>
          <select id="f-seminar" name="seminar" defaultValue={filters.seminar ?? ""}>
            <option value="">Any seminar</option>
            {seminars.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-q">Email contains</label>
          <input id="f-q" name="q" type="search" defaultValue={filters.q ?? ""} />
        </div>
        <button type="submit" className="button--secondary">
          Filter
        </button>
      </Form>
      <InvitationTable rows={rows} />
      <NextPageLink param="before" value={nextBefore}>
        Older invitations
      </NextPageLink>
    </>
  );
}
