// Bulk invitations: paste or upload CSV (email,name,role), preview with every bad row named, then send as a
// durable background job whose progress has its own page.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { requireAdmin } from "~/auth/guards.server";
import { AdminNav } from "~/components/admin-nav";
import { BulkPreview, type BulkPreviewData } from "~/components/bulk-preview";
import { FormError, TextArea, Field } from "~/components/form";
import { bulkLimitProblem } from "~/models/invitation-limits.server";
import { listSeminarOptions } from "~/models/invitation-admin.server";
import { previewBulk, startBulkInvitations } from "~/services/bulk-invite.server";
import { errorsOf, formErrorOf, replyWith, valuesOf } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Bulk invite · Administration · Colloquy" }];

const MAX_BYTES = 2 * 1024 * 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { seminars: listSeminarOptions() };
}

// Conform turns an empty field into undefined: no seminar is "the network only", an empty message is no message.
const BulkSchema = z.object({
  intent: z.enum(["preview", "send"]).default("preview"),
  csv: z.string().default(""),
  file: z.unknown().optional(),
  seminar: z.coerce.number().int().positive().optional(),
  message: z.string().trim().max(2000, "Keep the message under 2,000 characters.").default(""),
  days: z.coerce.number({ error: "At least one day." }).int().min(1, "At least one day.").max(90, "At most 90 days."),
});

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BYTES) {
    throw new Response("Payload Too Large", { status: 413 });
  }
  const submission = parseWithZod(await request.formData(), { schema: BulkSchema });
  // The list as the preview and the send read it: the uploaded file's text, else what was pasted. It goes back into
  // the textarea, so a file's rows are kept for the send after the preview.
  const file = submission.payload.file;
  let csv = typeof submission.payload.csv === "string" ? submission.payload.csv : "";
  if (file instanceof File && file.size > 0) {
    if (file.size > MAX_BYTES) throw new Response("Payload Too Large", { status: 413 });
    csv = await file.text();
  }
  const refuse = (errors: Record<string, string>) =>
    data({ result: submission.reply(replyWith(errors)), csv, preview: null as BulkPreviewData | null }, { status: 400 });
  const errors: Record<string, string> = {};
  if (!csv.trim()) errors.csv = "Paste the CSV here, or choose a file.";
  if (submission.status !== "success") return refuse(errors);
  const v = submission.value;
  const seminarId = v.seminar ?? null;
  if (seminarId !== null && !listSeminarOptions().some((s) => s.id === seminarId)) errors.seminar = "Choose a seminar from the list.";
  if (Object.keys(errors).length) return refuse(errors);
  const preview = previewBulk({ csv, seminarId, allowInstructors: true });
  if (preview.error) return refuse({ csv: preview.error });
  const good = preview.rows.filter((r) => !r.problem);
  // The batch must fit in what is left of the admin's daily invitation allowance (issue #21).
  const limit = good.length ? bulkLimitProblem({ senderId: admin.id, wanted: good.length }) : null;
  if (v.intent === "send" && good.length && !limit) {
    const jobId = startBulkInvitations({
      rows: good.map((r) => ({ email: r.email, name: r.name, role: r.role })),
      seminarId,
      message: v.message,
      expiresAt: Date.now() + v.days * 86400_000,
      invitedById: admin.id,
    });
    return redirect(`/admin/invitations/batches/${jobId}`);
  }
  return data({
    result: submission.reply(limit ? { formErrors: [limit] } : {}),
    csv,
    preview: { ...preview, good: good.length } as BulkPreviewData,
  });
}

export default function BulkInvite() {
  const { seminars } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = errorsOf(actionData?.result);
  const values: Record<string, string> = actionData ? { ...valuesOf(actionData.result), csv: actionData.csv } : {};
  return (
    <>
      <div className="page-head">
        <h1>Bulk invite</h1>
      </div>
      <AdminNav />
      <FormError message={formErrorOf(actionData?.result)} />
      {actionData?.preview ? (
        <BulkPreview preview={actionData.preview} values={values} seminarTitle={seminars.find((s) => String(s.id) === values.seminar)?.title ?? null} busy={busy} />
      ) : null}
      <section className="card form-card" aria-labelledby="bulk-form-title">
        <h2 id="bulk-form-title">{actionData?.preview ? "Change the list" : "The list"}</h2>
        <Form method="post" encType="multipart/form-data" noValidate>
          <input type="hidden" name="intent" value="preview" />
          <TextArea label="CSV: email,name,role" name="csv" defaultValue={values.csv ?? ""} error={errors.csv} hint="One person per line. Role is attendee (the default) or instructor. A first line “email,name,role” is skipped." rows={8} />
          <div className="field">
            <label htmlFor="f-file">Or upload a .csv file</label>
            <input id="f-file" name="file" type="file" accept=".csv,text/csv" />
          </div>
          <div className={`field${errors.seminar ? " field--invalid" : ""}`}>
            <label htmlFor="f-seminar">Seminar</label>
            <select id="f-seminar" name="seminar" defaultValue={values.seminar ?? ""}>
              <option value="">None: the network only</option>
              {seminars.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>
            {errors.seminar ? <p className="field__error">{errors.seminar}</p> : null}
          </div>
          <TextArea label="Personal message (optional)" name="message" defaultValue={values.message ?? ""} error={errors.message} rows={3} />
          <Field label="Valid for (days)" name="days" type="number" min={1} max={90} defaultValue={values.days ?? "14"} error={errors.days} />
          <button type="submit" disabled={busy}>
            Preview
          </button>
        </Form>
      </section>
    </>
  );
}
