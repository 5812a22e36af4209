import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireAdmin } from "~/auth/guards.server";
import { AdminNav } from "~/components/admin-nav";
import { AdminTable } from "~/components/admin-table";
import { NextPageLink } from "~/components/next-page-link";
import { LocalTime } from "~/components/local-time";
import { auditNames, listAudit } from "~/models/audit.server";

export const meta: MetaFunction = () => [{ title: "Audit log · Administration · Colloquy" }];

const GROUPS = [
  { value: "", label: "Everything" },
  { value: "invitation.", label: "Invitations" },
  { value: "invite-link.", label: "Invite links" },
  { value: "user.", label: "Roles and deactivations" },
  { value: "signin.", label: "Failed sign-ins" },
  { value: "password.", label: "Passwords" },
];

const FilterSchema = z.object({
  action: z.enum(GROUPS.map((g) => g.value) as [string, ...string[]]).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
});

const ACTION_LABELS: Record<string, string> = {
  "invitation.created": "Invitation created",
  "invitation.resent": "Invitation resent",
  "invitation.revoked": "Invitation revoked",
  "invitation.redeemed": "Invitation accepted",
  "invitation.renewal-requested": "New invitation requested",
  "invite-link.created": "Invite link created",
  "invite-link.requested": "Invite link used",
  "user.role-changed": "Network role changed",
  "user.seminar-role-changed": "Seminar role changed",
  "user.deactivated": "Account deactivated",
  "user.reactivated": "Account reactivated",
  "signin.failed": "Failed sign-in",
  "signin.throttled": "Sign-ins throttled",
  "password.changed": "Password changed",
  "password.reset-requested": "Password reset requested",
  "password.reset": "Password reset",
};

type DetailPart = { label: string; text: string; href?: string };

const ROLE_WORDS: Record<string, string> = { null: "none", undefined: "none" };
const num = (v: unknown) => (typeof v === "number" && Number.isSafeInteger(v) ? v : null);
const usersHref = (email: string) => `/admin/users?q=${encodeURIComponent(email)}`;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const f = FilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { rows, nextBefore } = listAudit({ action: f.action || undefined, subject: f.q || undefined, before: f.before });
  const names = auditNames({
    seminarIds: rows.map((r) => num(r.details.seminarId)).filter((n): n is number => n !== null),
    invitationIds: rows
      .flatMap((r) => [num(r.details.invitationId), num(r.details.viaLinkId), num(r.details.linkId)])
      .filter((n): n is number => n !== null),
  });
  const invitationPart = (label: string, id: number): DetailPart => {
    const inv = names.invitations.get(id);
    if (!inv) return { label, text: `no longer listed (#${id})` };
    if (inv.kind === "link") return { label, text: inv.label || "invite link", href: "/admin/invitations/links" };
    return { label, text: inv.email ?? `#${id}`, href: `/admin/invitations?q=${encodeURIComponent(inv.email ?? "")}` };
  };
  const describe = (details: Record<string, unknown>): DetailPart[] => {
    const parts: DetailPart[] = [];
    for (const [key, value] of Object.entries(details)) {
      if (value === undefined) continue;
      const id = num(value);
      if (key === "seminarId") {
        if (id === null) continue;
        const title = names.seminars.get(id);
        parts.push(title ? { label: "Seminar", text: title, href: `/admin/seminars/${id}` } : { label: "Seminar", text: `deleted (#${id})` });
      } else if (key === "invitationId" && id !== null) parts.push(invitationPart("Invitation", id));
      else if ((key === "viaLinkId" || key === "linkId") && id !== null) parts.push(invitationPart("Invite link", id));
      else if (key === "from" || key === "to") continue;
      else if (key === "newAccount") parts.push({ label: "Account", text: value ? "new" : "existing" });
      else if (key === "maxUses") parts.push({ label: "Uses allowed", text: value === null ? "unlimited" : String(value) });
      else if (key === "requiredDomain") parts.push({ label: "Email domain", text: value === null ? "any" : String(value) });
      else if (key === "seminarRole" || key === "networkRole") {
        if (value !== null) parts.push({ label: key === "seminarRole" ? "Seminar role" : "Network role", text: String(value) });
      } else if (key === "kind") parts.push({ label: "Kind", text: value === "link" ? "invite link" : String(value) });
      else if (value !== null) {
        const label = key.replace(/([A-Z])/g, " $1").toLowerCase();
        parts.push({ label: label.charAt(0).toUpperCase() + label.slice(1), text: typeof value === "object" ? JSON.stringify(value) : String(value) });
      }
    }
    if ("from" in details || "to" in details) {
      const word = (v: unknown) => ROLE_WORDS[String(v)] ?? String(v);
      parts.unshift({ label: "Role", text: `${word(details.from)} → ${word(details.to)}` });
    }
    return parts;
  };
  return {
    filters: f,
    nextBefore,
    rows: rows.map((r) => ({
      id: r.id,
      action: r.action,
      what: ACTION_LABELS[r.action] ?? r.action,
      subject: r.subject,
      subjectHref: r.subject.includes("@") ? usersHref(r.subject) : null,
      actor: r.actorName ? { name: r.actorName, email: r.actorEmail, href: usersHref(r.actorEmail ?? "") } : null,
      ip: r.ip,
      details: describe(r.details),
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

export default function AuditLog() {
  const { rows, filters, nextBefore } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <h1>Audit log</h1>
      </div>
      <AdminNav />
      <Form method="get" className="filters" aria-label="Filter the audit log">
        <div className="field">
          <label htmlFor="f-action">What</label>
          <select id="f-action" name="action" defaultValue={filters.action ?? ""}>
            {GROUPS.map((g) => (
              <option key={g.value} value={g.value}>
                {g.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-q">Concerning (email contains)</label>
          <input id="f-q" name="q" type="search" defaultValue={filters.q ?? ""} />
        </div>
        <button type="submit" className="button--secondary">
          Filter
        </button>
      </Form>
      <AdminTable
        rows={rows}
        columns={["When", "What", "Concerning", "By", "Details"]}
        empty="Nothing recorded yet."
        rowKey={(r) => r.id}
      >
        {(r) => (
          <>
            <td>
              <LocalTime iso={r.createdAt} withSeconds />
            </td>
            <td>
              <span title={r.action}>{r.what}</span>
            </td>
            <td>{r.subjectHref ? <Link to={r.subjectHref}>{r.subject}</Link> : r.subject}</td>
            <td>
              {r.actor ? (
                <Link to={r.actor.href} title={r.actor.email ?? undefined}>
                  {r.actor.name}
                </Link>
              ) : (
                <span className="muted">—</span>
              )}
              {r.ip ? <><br /><span className="muted">from {r.ip}</span></> : null}
            </td>
            <td>
              {r.details.length ? (
                <ul className="audit-details">
                  {r.details.map((d, i) => (
                    <li key={i}>
                      <span className="muted">{d.label}:</span> {d.href ? <Link to={d.href}>{d.text}</Link> : d.text}
                    </li>
                  ))}
                </ul>
              ) : null}
            </td>
          </>
        )}
      </AdminTable>
      <NextPageLink param="before" value={nextBefore}>
        Older entries
      </NextPageLink>
    </>
  );
}
