// The outbox. Without SMTP_URL (development) this is where mail lands; admins can read it. With SMTP configured
// it shows delivery state only: staff should not read members' password-reset links.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireAdmin } from "~/auth/guards.server";
import { AdminNav } from "~/components/admin-nav";
import { AdminTable } from "~/components/admin-table";
import { NextPageLink } from "~/components/next-page-link";
import { listOutbox, outboxCounts } from "~/services/outbox.server";
import { env } from "~/utils/env.server";
import { dateTimeFormat } from "~/utils/intl";

export const meta: MetaFunction = () => [{ title: "Mail · Administration · Colloquy" }];

const FilterSchema = z.object({
  status: z.enum(["pending", "sending", "sent", "failed", "held"]).optional().catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
  to: z.string().trim().max(200).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const f = FilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { rows, nextBefore } = listOutbox(f);
  return {
    devOutbox: !env().SMTP_URL,
    counts: outboxCounts(),
    status: f.status ?? "",
    to: f.to ?? "",
    nextBefore,
    rows: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), sentAt: r.sentAt?.toISOString() ?? null, nextAttemptAt: r.nextAttemptAt.toISOString() })),
  };
}

const when = (iso: string) => dateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(new Date(iso)) + " UTC";
const STATUS = { pending: "Waiting", sending: "Sending", sent: "Sent", failed: "Failed", held: "Development outbox" } as const;

export default function AdminMail() {
  const { devOutbox, counts, rows, status, to, nextBefore } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <h1>Mail</h1>
      </div>
      <AdminNav />
      <p className={devOutbox ? "flash" : "muted"}>
        {devOutbox
          ? "SMTP_URL is not set, so nothing is sent: every message stays here, in the development outbox, where you can read it. The development outbox keeps message bodies, including the invitation and password-reset links in them."
          : `Delivered through the configured SMTP server. Failed deliveries are retried with growing delays; ${counts.failed} failed for good. Once a message is delivered or fails for good only its recipient, subject, kind, status and times are kept: its text, with any links in it, is deleted.`}
      </p>
      <Form method="get" className="filters" aria-label="Filter mail">
        <div className="field">
          <label htmlFor="f-to">Recipient</label>
          <input id="f-to" type="search" name="to" defaultValue={to} placeholder="name@example.com" maxLength={200} />
        </div>
        <div className="field">
          <label htmlFor="f-status">Status</label>
          <select id="f-status" name="status" defaultValue={status}>
            <option value="">Any</option>
            {Object.entries(STATUS).map(([k, v]) => (
              <option key={k} value={k}>
                {v} ({counts[k as keyof typeof counts]})
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button--secondary">
          Filter
        </button>
      </Form>
      <AdminTable
        rows={rows}
        columns={["To", "Subject", "Status", "Queued"]}
        empty={to ? `No messages to an address containing “${to}”.` : "No messages."}
        rowKey={(m) => m.id}
      >
        {(m) => (
          <>
            <td>{m.toAddress}</td>
            <td>
              <Link to={`/admin/mail/${m.id}`}>{m.subject}</Link>
            </td>
            <td>
              <span className={`badge badge--mail-${m.status}`}>{STATUS[m.status]}</span>
              {m.status === "pending" && m.attempts > 0 ? (
                <span className="muted"> · attempt {m.attempts + 1} at {when(m.nextAttemptAt)}</span>
              ) : null}
              {m.lastError && m.status !== "sent" ? <span className="muted"> · {m.lastError}</span> : null}
            </td>
            <td>{when(m.createdAt)}</td>
          </>
        )}
      </AdminTable>
      <NextPageLink param="before" value={nextBefore}>
        Older messages
      </NextPageLink>
    </>
  );
}
