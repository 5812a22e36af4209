import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireAdmin } from "~/auth/guards.server";
import { AdminNav } from "~/components/admin-nav";
import { NextPageLink } from "~/components/next-page-link";
import { listAudit } from "~/models/audit.server";
import { dateTimeFormat } from "~/utils/intl";

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

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const f = FilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { rows, nextBefore } = listAudit({ action: f.action || undefined, subject: f.q || undefined, before: f.before });
  return {
    filters: f,
    nextBefore,
    rows: rows.map((r) => ({
      id: r.id,
      action: r.action,
      subject: r.subject,
      actor: r.actorName ? `${r.actorName} (${r.actorEmail})` : null,
      ip: r.ip,
      details: Object.entries(r.details)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
        .join(", "),
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

const when = (iso: string) => dateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" }).format(new Date(iso)) + " UTC";

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
      {rows.length ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col">Concerning</th>
                <th scope="col">By</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{when(r.createdAt)}</td>
                  <td>
                    <code>{r.action}</code>
                  </td>
                  <td>{r.subject}</td>
                  <td>
                    {r.actor ?? <span className="muted">—</span>}
                    {r.ip ? <><br /><span className="muted">from {r.ip}</span></> : null}
                  </td>
                  <td className="muted">{r.details}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">Nothing recorded yet.</p>
      )}
      <NextPageLink param="before" value={nextBefore}>
        Older entries
      </NextPageLink>
    </>
  );
}
