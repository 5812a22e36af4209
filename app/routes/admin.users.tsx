// Members as staff manage them: network role, seminar roles, deactivation (sessions end at once).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { requireAdmin } from "~/auth/guards.server";
import { AdminNav } from "~/components/admin-nav";
import { AdminTable } from "~/components/admin-table";
import { NextPageLink } from "~/components/next-page-link";
import { listUsers, setActive, setNetworkRole, setSeminarRole, userMemberships } from "~/models/account.server";
import { redirectWithFlash } from "~/utils/flash.server";

export const meta: MetaFunction = () => [{ title: "Members · Administration · Colloquy" }];

const FilterSchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  after: z.string().max(254).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const f = FilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { rows, nextAfter } = listUsers({ search: f.q, after: f.after });
  return {
    me: admin.id,
    q: f.q ?? "",
    nextAfter,
    rows: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), memberships: userMemberships({ userId: r.id }) })),
  };
}

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("role"), id: z.coerce.number().int().positive(), role: z.enum(["admin", "member"]) }),
  z.object({ intent: z.literal("status"), id: z.coerce.number().int().positive(), active: z.enum(["1", "0"]) }),
  z.object({
    intent: z.literal("seminar-role"),
    id: z.coerce.number().int().positive(),
    seminarId: z.coerce.number().int().positive(),
    role: z.enum(["instructor", "attendee"]),
  }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const back = new URL(request.url);
  const to = back.pathname + back.search;
  const submission = parseWithZod(await request.formData(), { schema: ActionSchema });
  // Row buttons only (no fields to mark): a refused request comes back as a message above the list.
  if (submission.status !== "success") return redirectWithFlash(to, { kind: "error", message: "That request was not understood." });
  const d = submission.value;
  const ip = context.clientIp ?? null;
  const result =
    d.intent === "role"
      ? setNetworkRole({ actorId: admin.id, userId: d.id, role: d.role, ip })
      : d.intent === "status"
        ? setActive({ actorId: admin.id, userId: d.id, active: d.active === "1", ip })
        : setSeminarRole({ actorId: admin.id, userId: d.id, seminarId: d.seminarId, role: d.role, ip });
  if (!result.ok) return redirectWithFlash(to, { kind: "error", message: result.message });
  const message =
    d.intent === "status" ? (d.active === "1" ? "The account was reactivated." : "The account was deactivated and signed out everywhere.") : "The role was changed.";
  return redirectWithFlash(to, { kind: "success", message });
}

export default function AdminUsers() {
  const { rows, me, q, nextAfter } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <h1>Members</h1>
      </div>
      <AdminNav />
      <Form method="get" className="filters" role="search" aria-label="Find members">
        <div className="field">
          <label htmlFor="f-q">Name or email</label>
          <input id="f-q" name="q" type="search" defaultValue={q} />
        </div>
        <button type="submit" className="button--secondary">
          Search
        </button>
      </Form>
      <AdminTable
        rows={rows}
        columns={["Member", "Role", "Seminars", "Account"]}
        empty="No members match."
        rowKey={(u) => u.id}
        rowClassName={(u) => u.status !== "active" ? "row--inactive" : undefined}
      >
        {(u) => (
          <>
            <td>
              {u.name}
              <br />
              <span className="muted">{u.email}</span>
            </td>
            <td>
              {u.role === "admin" ? "Administrator" : "Member"}
              {u.id !== me ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="role" />
                  <input type="hidden" name="id" value={u.id} />
                  <input type="hidden" name="role" value={u.role === "admin" ? "member" : "admin"} />
                  <button type="submit" className="link-button" aria-label={`${u.role === "admin" ? "Make member" : "Make administrator"}: ${u.email}`}>
                    {u.role === "admin" ? "Make member" : "Make administrator"}
                  </button>
                </Form>
              ) : null}
            </td>
            <td>
              {u.memberships.length ? (
                <ul className="plain-list">
                  {u.memberships.map((m) => (
                    <li key={m.seminarId}>
                      <Link to={`/s/${m.slug}`}>{m.title}</Link>: {m.role}{" "}
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="seminar-role" />
                        <input type="hidden" name="id" value={u.id} />
                        <input type="hidden" name="seminarId" value={m.seminarId} />
                        <input type="hidden" name="role" value={m.role === "instructor" ? "attendee" : "instructor"} />
                        <button type="submit" className="link-button" aria-label={`make ${m.role === "instructor" ? "attendee" : "instructor"}: ${u.email} in ${m.title}`}>
                          make {m.role === "instructor" ? "attendee" : "instructor"}
                        </button>
                      </Form>
                    </li>
                  ))}
                </ul>
              ) : (
                <span className="muted">None</span>
              )}
            </td>
            <td>
              {u.status === "active" ? "Active" : "Deactivated"}
              {u.id !== me ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="status" />
                  <input type="hidden" name="id" value={u.id} />
                  <input type="hidden" name="active" value={u.status === "active" ? "0" : "1"} />
                  <button type="submit" className={u.status === "active" ? "button--danger button--small" : "button--secondary button--small"} aria-label={`${u.status === "active" ? "Deactivate" : "Reactivate"} ${u.email}`}>
                    {u.status === "active" ? "Deactivate" : "Reactivate"}
                  </button>
                </Form>
              ) : null}
            </td>
          </>
        )}
      </AdminTable>
      <NextPageLink param="after" value={nextAfter}>
        More members
      </NextPageLink>
    </>
  );
}
