import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/guards.server";
import { AdminNav } from "~/components/admin-nav";
import { invitationCounts } from "~/models/invitation-admin.server";
import { outboxCounts } from "~/services/outbox.server";
import { env } from "~/utils/env.server";

export const meta: MetaFunction = () => [{ title: "Administration · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { invitations: invitationCounts(), mail: outboxCounts(), smtp: Boolean(env().SMTP_URL) };
}

export default function AdminHome() {
  const { invitations, mail, smtp } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <h1>Administration</h1>
      </div>
      <AdminNav />
      <div className="grid admin-overview">
        <section className="card" aria-labelledby="inv-title">
          <h2 id="inv-title">Invitations</h2>
          <ul className="plain-list">
            <li>
              <Link to="/admin/invitations?state=pending">{invitations.pending} pending</Link>
            </li>
            <li>
              <Link to="/admin/invitations?state=accepted">{invitations.accepted} accepted</Link>
            </li>
            <li>
              <Link to="/admin/invitations?state=expired">{invitations.expired} expired</Link>
            </li>
            <li>
              <Link to="/admin/invitations?state=revoked">{invitations.revoked} revoked</Link>
            </li>
          </ul>
          <p className="actions">
            <Link className="button" to="/admin/invitations/new">
              Invite someone
            </Link>
            <Link to="/admin/invitations/bulk">Bulk invite from CSV</Link>
          </p>
        </section>
        <section className="card" aria-labelledby="mail-title">
          <h2 id="mail-title">Mail</h2>
          <p className="muted">
            {smtp ? "Delivered through the configured SMTP server." : "No SMTP_URL: messages stay in the development outbox."}
          </p>
          <ul className="plain-list">
            <li>{mail.pending + mail.sending} waiting to be sent</li>
            <li>{mail.sent} sent</li>
            {mail.held ? <li>{mail.held} in the development outbox</li> : null}
            <li className={mail.failed ? "text-danger" : undefined}>{mail.failed} failed</li>
          </ul>
          <p>
            <Link to="/admin/mail">Open the outbox</Link>
          </p>
        </section>
        <section className="card" aria-labelledby="people-title">
          <h2 id="people-title">People and records</h2>
          <ul className="plain-list">
            <li>
              <Link to="/admin/users">Members: roles and deactivation</Link>
            </li>
            <li>
              <Link to="/admin/invitations/links">Invite links for a firm or class</Link>
            </li>
            <li>
              <Link to="/admin/audit">Audit log</Link>
            </li>
            <li>
              <Link to="/admin/surveys">Surveys across seminars</Link>
            </li>
            <li>
              <Link to="/admin/news">Legal news sources</Link>
            </li>
          </ul>
        </section>
      </div>
    </>
  );
}
