// Issue #17: a member records credits earned elsewhere, with the certificate they were given (PDF or image), through
// the safe upload path. A refusal shows every field again with the error beside the one that caused it.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/guards.server";
import { Field } from "~/components/form";
import { UploadField } from "~/components/upload-field";
import { listJurisdictions } from "~/models/credit-config.server";
import { creditCategoryRules, recordExternalCredit } from "~/models/credit-external.server";
import { maxUploadBytes, maxUploadLabel, receiveUpload, removeStoredFile, storeUpload } from "~/services/uploads.server";
import { formatCredits } from "~/utils/credits";
import { redirectWithFlash } from "~/utils/flash.server";

export const meta: MetaFunction = () => [{ title: "Record credits from elsewhere · Colloquy" }];
// A refused upload closes the connection rather than drain a body it will not read.
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders;

const ROWS = 3;
const CERTIFICATE_KINDS = "PDF or an image (PNG, JPEG, GIF, WebP)";
const CERTIFICATE_ACCEPT = ".pdf,.png,.jpg,.jpeg,.gif,.webp,application/pdf,image/png,image/jpeg,image/gif,image/webp";
const CERTIFICATE_TYPES = new Set(["application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp"]);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return {
    jurisdictions: listJurisdictions().map((j) => ({ id: j.id, name: j.name, categories: j.categories.map((c) => ({ id: c.id, name: c.name })) })),
    upload: { maxBytes: maxUploadBytes(), maxLabel: maxUploadLabel() },
    today: new Date().toISOString().slice(0, 10),
  };
}

const amount = z.string().trim().optional().default("");
export const ExternalCreditSchema = z.object({
  title: z.string({ error: "Enter the course's title." }).trim().min(2, "Enter the course's title.").max(200, "Keep the title under 200 characters."),
  provider: z.string({ error: "Enter who gave the course." }).trim().min(2, "Enter who gave the course.").max(200, "Keep it under 200 characters."),
  completedOn: z.iso.date({ error: "Enter the day you completed the course." }),
  courseNumber: z.string().trim().max(80, "Keep the course number under 80 characters.").optional().default(""),
  category0: z.coerce.number().int().positive().optional(),
  credits0: amount,
  category1: z.coerce.number().int().positive().optional(),
  credits1: amount,
  category2: z.coerce.number().int().positive().optional(),
  credits2: amount,
});
type Values = z.infer<typeof ExternalCreditSchema>;

/** Each row's category and amount, checked against the jurisdiction's step; errors keyed by the field to show them at. */
function creditLines(v: Values, today: string) {
  const rules = creditCategoryRules();
  const errors: Record<string, string[]> = {};
  const lines: { categoryId: number; hundredths: number }[] = [];
  for (let i = 0; i < ROWS; i++) {
    const categoryId = v[`category${i}` as "category0"];
    const raw = v[`credits${i}` as "credits0"];
    if (!categoryId && !raw) continue;
    const rule = categoryId ? rules.get(categoryId) : undefined;
    if (!rule) errors[`category${i}`] = ["Choose the jurisdiction and category of these credits."];
    else if (!/^\d{1,2}(\.\d{1,2})?$/.test(raw)) errors[`credits${i}`] = ["Enter a number of credits such as 1.5."];
    else {
      const hundredths = Math.round(Number(raw) * 100);
      if (hundredths <= 0 || hundredths > 5000) errors[`credits${i}`] = ["Enter between 0 and 50 credits."];
      else if (hundredths % rule.step !== 0) errors[`credits${i}`] = [`${rule.jurisdiction} counts credits in steps of ${formatCredits(rule.step)}.`];
      else if (lines.some((l) => l.categoryId === categoryId)) errors[`category${i}`] = ["This category is already in another row."];
      else lines.push({ categoryId: rule.id, hundredths });
    }
  }
  if (!lines.length && !Object.keys(errors).length) errors.category0 = ["Enter the credits the course carried."];
  if (v.completedOn > today) errors.completedOn = ["Enter a day that has passed: credits count once earned."];
  return { lines, errors };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const received = await receiveUpload(request, { fileField: "certificate" });
  const formData = new FormData();
  for (const [k, v] of Object.entries(received.fields)) formData.append(k, v);
  const submission = parseWithZod(formData, { schema: ExternalCreditSchema });
  const refuse = async (status: number, fieldErrors: Record<string, string[]>) => {
    if (received.ok) await received.discard();
    // Browsers never send a file back with the form: say so beside the file field when something else was wrong.
    if (!fieldErrors.certificate) fieldErrors.certificate = ["Choose the certificate again: browsers do not keep it when a form is sent back."];
    return data({ result: submission.reply({ fieldErrors }) }, { status, headers: { Connection: "close", "Cache-Control": "no-store" } });
  };
  if (!received.ok) {
    const message = received.status === 415 ? `This kind of file is not accepted. Upload the certificate as a ${CERTIFICATE_KINDS}.` : received.error;
    return refuse(received.status, { certificate: [message] });
  }
  if (submission.status !== "success") return refuse(400, (submission.reply().error ?? {}) as Record<string, string[]>);
  const { lines, errors } = creditLines(submission.value, new Date().toISOString().slice(0, 10));
  const file = received.file;
  if (!file) errors.certificate = ["Attach the certificate you were given for this course."];
  else if (!CERTIFICATE_TYPES.has(file.type.contentType)) errors.certificate = [`This kind of file is not accepted. Upload the certificate as a ${CERTIFICATE_KINDS}.`];
  if (Object.keys(errors).length || !file) return refuse(file && errors.certificate ? 415 : 400, errors);
  let storedName: string | null = null;
  try {
    storedName = await storeUpload(file, "credits");
    const v = submission.value;
    recordExternalCredit({
      userId: user.id,
      title: v.title,
      provider: v.provider,
      completedOn: v.completedOn,
      courseNumber: v.courseNumber,
      lines,
      file: { storedName, fileName: file.fileName, contentType: file.type.contentType, size: file.size },
    });
  } catch (error) {
    if (storedName) await removeStoredFile("credits", storedName);
    throw error;
  } finally {
    await received.discard();
  }
  return redirectWithFlash("/credits", { kind: "success", message: "Your credits from elsewhere are recorded (self-reported, certificate on file)." });
}

export default function RecordExternalCredits() {
  const { jurisdictions, upload, today } = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const errors = (a?.result.error ?? {}) as Record<string, string[] | null>;
  const values = (a?.result.initialValue ?? {}) as Record<string, string | undefined>;
  const err = (k: string) => errors[k]?.[0];
  const busy = useNavigation().state === "submitting";
  return (
    <div className="narrow-wide stack">
      <p>
        <Link to="/credits">← My CLE credits</Link>
      </p>
      <h1>Record credits from elsewhere</h1>
      <p>Credits you record here count in your ledger and transcripts as self-reported, with the certificate you attach.</p>
      <Form method="post" encType="multipart/form-data" noValidate className="card stack">
        <Field label="Course title" name="title" required maxLength={200} defaultValue={values.title ?? ""} error={err("title")} />
        <Field label="Provider" name="provider" required maxLength={200} hint="Who gave the course, e.g. a bar association." defaultValue={values.provider ?? ""} error={err("provider")} />
        <Field label="Completed on" name="completedOn" type="date" required max={today} defaultValue={values.completedOn ?? ""} error={err("completedOn")} />
        <Field label="Course or approval number" name="courseNumber" maxLength={80} hint="Optional." defaultValue={values.courseNumber ?? ""} error={err("courseNumber")} />
        <fieldset className="stack">
          <legend>Credits the course carried</legend>
          {Array.from({ length: ROWS }, (_, i) => (
            <div key={i} className="credit-grid">
              <div className={`field${err(`category${i}`) ? " field--invalid" : ""}`}>
                <label htmlFor={`category${i}`}>Jurisdiction and category {i + 1}</label>
                <select id={`category${i}`} name={`category${i}`} defaultValue={values[`category${i}`] ?? ""} aria-invalid={err(`category${i}`) ? true : undefined} aria-describedby={err(`category${i}`) ? `category${i}-error` : undefined}>
                  <option value="">{i === 0 ? "Choose…" : "None"}</option>
                  {jurisdictions.map((j) => (
                    <optgroup key={j.id} label={j.name}>
                      {j.categories.map((c) => (
                        <option key={c.id} value={c.id}>
                          {j.name} — {c.name}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </select>
                {err(`category${i}`) ? <p className="field__error" id={`category${i}-error`}>{err(`category${i}`)}</p> : null}
              </div>
              <Field label={`Credits ${i + 1}`} name={`credits${i}`} id={`credits${i}`} inputMode="decimal" size={5} defaultValue={values[`credits${i}`] ?? ""} error={err(`credits${i}`)} />
            </div>
          ))}
        </fieldset>
        <UploadField label="Certificate" name="certificate" accept={CERTIFICATE_ACCEPT} maxBytes={upload.maxBytes} maxLabel={upload.maxLabel} kinds={CERTIFICATE_KINDS} error={err("certificate")} />
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? "Saving…" : "Record credits"}
          </button>
        </div>
      </Form>
    </div>
  );
}
