// Progress of a bulk invitation job. It runs in the background and survives restarts; this page can be left.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { notFound, requireAdmin } from "~/auth/guards.server";
import { AdminNav } from "~/components/admin-nav";
import { batchSummary } from "~/models/invitation-admin.server";
import { getJob } from "~/services/jobs.server";

export const meta: MetaFunction = () => [{ title: "Bulk invitation progress · Colloquy" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const id = Number(params.id);
  const job = Number.isSafeInteger(id) && id > 0 ? getJob({ id }) : undefined;
  if (!job || job.kind !== "bulk-invite") notFound();
  const { sent } = batchSummary({ batchId: job.id });
  return { id: job.id, status: job.status, progress: job.progress, total: job.total, sent, error: job.status === "failed" ? job.lastError : null };
}

export default function BatchProgress() {
  const b = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const running = b.status === "queued" || b.status === "running";
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 1000);
    return () => clearInterval(t);
  }, [running, revalidator]);
  const skipped = b.progress - b.sent;
  const percent = b.total ? Math.round((b.progress / b.total) * 100) : 100;
  return (
    <>
      <div className="page-head">
        <h1>Bulk invitation</h1>
      </div>
      <AdminNav />
      <section className="card stack" aria-labelledby="batch-title">
        <h2 id="batch-title">
          {b.status === "done" ? "Finished" : b.status === "failed" ? "Stopped with an error" : "Sending…"}
        </h2>
        <progress className="progress" max={b.total || 1} value={b.progress} aria-label="Invitations processed">
          {percent}%
        </progress>
        <p role="status" aria-live="polite">
          {b.progress} of {b.total} processed ({percent}%): {b.sent} invited
          {skipped > 0 ? `, ${skipped} skipped because they joined or were invited meanwhile` : ""}.
        </p>
        {b.error ? <p className="flash flash--error">{b.error}</p> : null}
        {running ? (
          <p className="muted">
            This runs in the background: you can leave this page. <Link to=".">Refresh</Link>
          </p>
        ) : null}
        <p>
          <Link to="/admin/invitations">All invitations</Link>
        </p>
      </section>
    </>
  );
}
