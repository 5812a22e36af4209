import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requireAdmin } from "~/auth/guards.server";
import { AdminNav } from "~/components/admin-nav";
import { LinkedText } from "~/components/linked-text";
import { getOutboxMessage } from "~/services/outbox.server";
import { env } from "~/utils/env.server";

export const meta: MetaFunction = () => [{ title: "Message · Mail · Colloquy" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const id = Number(params.id);
  const m = Number.isSafeInteger(id) ? getOutboxMessage({ id }) : undefined;
  if (!m) notFound();
  // Bodies are readable only in the development outbox (no SMTP_URL).
  const readable = !env().SMTP_URL;
  return {
    id: m.id,
    to: m.toAddress,
    subject: m.subject,
    messageId: m.messageId,
    status: m.status,
    attempts: m.attempts,
    lastError: m.lastError,
    kind: m.kind,
    createdAt: m.createdAt.toISOString(),
    text: readable ? m.text : null,
    hasHtml: readable && Boolean(m.html),
    appOrigin: new URL(env().APP_URL).origin,
  };
}

export default function MailMessage() {
  const m = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <h1>{m.subject}</h1>
      </div>
      <AdminNav />
      <section className="card stack" aria-label="Message">
        <dl className="meta-list">
          <dt>To</dt>
          <dd>{m.to}</dd>
          <dt>Kind</dt>
          <dd>{m.kind}</dd>
          <dt>Status</dt>
          <dd>
            {m.status}
            {m.attempts ? ` after ${m.attempts} ${m.attempts === 1 ? "attempt" : "attempts"}` : ""}
            {m.lastError ? ` (${m.lastError})` : ""}
          </dd>
          <dt>Message-ID</dt>
          <dd>
            <code>{m.messageId}</code>
          </dd>
        </dl>
        {m.text !== null ? (
          <>
            <pre className="mail-text">
              <LinkedText text={m.text} origin={m.appOrigin} />
            </pre>
            {m.hasHtml ? (
              <p>
                <a href={`/admin/mail/${m.id}/html`} target="_blank" rel="noreferrer">
                  View the HTML version
                </a>
              </p>
            ) : null}
          </>
        ) : (
          <p className="muted">
            Message bodies are shown only in the development outbox (when SMTP_URL is not set). With SMTP configured, a
            body is deleted as soon as the message is delivered or fails for good, so the links in it are not kept.
          </p>
        )}
        <p>
          <Link to="/admin/mail">Back to the outbox</Link>
        </p>
      </section>
    </>
  );
}
