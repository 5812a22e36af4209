// One report and the moderator's decision (issue #15): dismiss, hide, remove, warn, or (staff) suspend the author.
// Every decision closes all open reports on the item, is audited, and is told to each reporter.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { notFound, requireUser } from "~/auth/guards.server";
import { FormError } from "~/components/form";
import { LocalTime } from "~/components/local-time";
import { decideReport, getReport, restoreItem } from "~/models/moderation.server";
import { OUTCOME_LABELS, REPORT_OUTCOMES, REPORT_REASON_LABELS } from "~/utils/moderation";
import { redirectWithFlash } from "~/utils/flash.server";

export const meta: MetaFunction = () => [{ title: "Report · Moderation · Colloquy" }];

const IdSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = IdSchema.safeParse(params.id);
  if (!id.success) notFound();
  const report = getReport({ viewer: user, reportId: id.data });
  if (!report) notFound();
  const outcomes = REPORT_OUTCOMES.filter((o) => user.role === "admin" || o !== "suspended").filter(
    (o) => (o !== "warned" && o !== "suspended") || report.author,
  );
  return {
    report: { ...report, createdAt: new Date(report.createdAt).toISOString(), reasonLabel: REPORT_REASON_LABELS[report.reason] },
    outcomes: outcomes.map((value) => ({ value, label: OUTCOME_LABELS[value] })),
    statusLabel: report.status === "open" ? null : OUTCOME_LABELS[report.status],
  };
}

const DecideSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("decide"),
    outcome: z.enum(REPORT_OUTCOMES, { error: "Choose what to do." }),
    note: z.string().trim().max(1000, "Keep the note under 1,000 characters.").optional().default(""),
  }),
  z.object({ intent: z.literal("restore") }),
]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = IdSchema.safeParse(params.id);
  if (!id.success) notFound();
  const report = getReport({ viewer: user, reportId: id.data });
  if (!report) notFound();
  const submission = parseWithZod(await request.formData(), { schema: DecideSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const ip = context.clientIp ?? null;
  const r =
    submission.value.intent === "restore"
      ? restoreItem({ moderator: user, ref: report.ref, ip })
      : decideReport({ moderator: user, reportId: report.id, outcome: submission.value.outcome, note: submission.value.note, ip });
  if (!r.ok) {
    if (r.status === 404) notFound();
    return data({ result: submission.reply({ formErrors: [r.error] }) }, { status: r.status });
  }
  return redirectWithFlash(`/moderation/${report.id}`, { kind: "success", message: r.message });
}

export default function ReportDecision() {
  const { report, outcomes, statusLabel } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = (actionData?.result.error ?? {}) as Record<string, string[] | null>;
  return (
    <div className="narrow stack">
      <div className="page-head">
        <h1>Report: {report.title || `${report.ref.kind} ${report.ref.id}`}</h1>
        <p className="muted">
          <Link to="/moderation">Back to the queue</Link>
          {report.href ? (
            <>
              {" · "}
              <Link to={report.href}>Open the {report.ref.kind}</Link>
            </>
          ) : null}
        </p>
      </div>
      <section className="card" aria-labelledby="report-facts">
        <h2 id="report-facts">What was reported</h2>
        <dl>
          <dt>Kind</dt>
          <dd>{report.ref.kind}</dd>
          <dt>Reason</dt>
          <dd>{report.reasonLabel}</dd>
          {report.details ? (
            <>
              <dt>Reporter’s note</dt>
              <dd>{report.details}</dd>
            </>
          ) : null}
          <dt>Reported by</dt>
          <dd>
            {report.reporter} · <LocalTime iso={report.createdAt} />
          </dd>
          <dt>Author</dt>
          <dd>{report.author ? <Link to={`/people/${report.author.id}`}>{report.author.name}</Link> : "Unknown"}</dd>
          {report.othersOpen ? (
            <>
              <dt>Other open reports on it</dt>
              <dd>{report.othersOpen}</dd>
            </>
          ) : null}
          <dt>State</dt>
          <dd>{report.itemState ? `It is ${report.itemState}.` : "Visible as usual."}</dd>
        </dl>
        {report.excerpt ? (
          <blockquote className="report-excerpt" aria-label="The reported text">
            {report.excerpt}
          </blockquote>
        ) : null}
      </section>
      <FormError message={errors[""]?.[0] ?? null} />
      {statusLabel ? (
        <p className="card">
          Decided: {statusLabel}
          {report.note ? ` — “${report.note}”` : ""}
        </p>
      ) : (
        <Form method="post" className="card stack">
          <input type="hidden" name="intent" value="decide" />
          <fieldset className={errors.outcome ? "field--invalid" : undefined}>
            <legend>Decision</legend>
            {outcomes.map((o) => (
              <label key={o.value} className="check-inline">
                <input type="radio" name="outcome" value={o.value} /> {o.label}
              </label>
            ))}
            {errors.outcome ? <p className="field__error">{errors.outcome[0]}</p> : null}
          </fieldset>
          <div className="field">
            <label htmlFor="f-note">Note (sent to the author with a warning; kept in the audit log)</label>
            <textarea id="f-note" name="note" rows={3} maxLength={1000} />
          </div>
          <div className="actions">
            <button type="submit" disabled={busy}>
              Decide
            </button>
          </div>
        </Form>
      )}
      {report.itemState ? (
        <Form method="post" className="actions">
          <button type="submit" name="intent" value="restore" className="button--secondary">
            Restore the {report.ref.kind}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
