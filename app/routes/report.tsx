// The Report action (issue #15): /report?kind=post&id=12 for any item the member can see (messages, posts, comments,
// answers, wiki pages, profiles, job postings, referral requests). What cannot be seen cannot be reported: the same
// 404 as a page that does not exist.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { notFound, requireUser } from "~/auth/guards.server";
import { FormError } from "~/components/form";
import { ITEM_KINDS, type ItemRef } from "~/models/items.server";
import { fileReport, reportTarget } from "~/models/moderation.server";
import { DETAILS_MAX, REPORT_REASON_LABELS, REPORT_REASONS } from "~/utils/moderation";
import { redirectWithFlash } from "~/utils/flash.server";

export const meta: MetaFunction = () => [{ title: "Report · Colloquy" }];

function refFrom(url: URL): ItemRef {
  // Built here, not at module level: ITEM_KINDS comes from a server module, which the browser bundle leaves out.
  const RefSchema = z.object({ kind: z.enum(ITEM_KINDS), id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
  const r = RefSchema.safeParse({ kind: url.searchParams.get("kind"), id: url.searchParams.get("id") });
  if (!r.success) notFound();
  return r.data as ItemRef;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const ref = refFrom(new URL(request.url));
  const target = reportTarget(user, ref);
  if (!target) notFound();
  return { ref, title: target.title, href: target.href, reasons: REPORT_REASONS.map((value) => ({ value, label: REPORT_REASON_LABELS[value] })) };
}

const ReportSchema = z.object({
  reason: z.enum(REPORT_REASONS, { error: "Choose what is wrong with it." }),
  details: z.string().trim().max(DETAILS_MAX, `Keep it under ${DETAILS_MAX} characters.`).optional().default(""),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const ref = refFrom(new URL(request.url));
  const submission = parseWithZod(await request.formData(), { schema: ReportSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const r = fileReport({ reporter: user, ref, reason: submission.value.reason, details: submission.value.details, ip: context.clientIp ?? null });
  if (!r.ok) {
    if (r.status === 404) notFound();
    return data({ result: submission.reply({ formErrors: [r.error] }) }, { status: r.status });
  }
  const back = reportTarget(user, ref)?.href ?? "/";
  return redirectWithFlash(back, { kind: "success", message: "Thank you: your report is with the moderators. We will tell you what they decide." });
}

export default function ReportPage() {
  const { title, href, reasons } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = (actionData?.result.error ?? {}) as Record<string, string[] | null>;
  const initial = (actionData?.result.initialValue ?? {}) as Record<string, unknown>;
  return (
    <div className="narrow stack">
      <div className="page-head">
        <h1>Report “{title}”</h1>
        <p className="muted">
          The moderators (the institute’s staff, and for a seminar’s content its instructors) will look at it. The author is not told who
          reported it. <Link to={href}>Back</Link>
        </p>
      </div>
      <FormError message={errors[""]?.[0] ?? null} />
      <Form method="post" className="card stack">
        <fieldset className={errors.reason ? "field--invalid" : undefined} aria-describedby={errors.reason ? "reason-error" : undefined}>
          <legend>What is wrong with it?</legend>
          {reasons.map((r) => (
            <label key={r.value} className="check-inline">
              <input type="radio" name="reason" value={r.value} defaultChecked={initial.reason === r.value} /> {r.label}
            </label>
          ))}
          {errors.reason ? (
            <p className="field__error" id="reason-error">
              {errors.reason[0]}
            </p>
          ) : null}
        </fieldset>
        <div className={`field${errors.details ? " field--invalid" : ""}`}>
          <label htmlFor="f-details">Anything the moderators should know (optional)</label>
          <textarea id="f-details" name="details" rows={4} maxLength={DETAILS_MAX} defaultValue={String(initial.details ?? "")} />
          {errors.details ? <p className="field__error">{errors.details[0]}</p> : null}
        </div>
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? "Sending…" : "Send report"}
          </button>
        </div>
      </Form>
    </div>
  );
}
