// "Your data": download everything held about you, or ask for your account to be deleted (an admin confirms).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { requireUser } from "~/auth/guards.server";
import { verifyCredentials } from "~/auth/sign-in.server";
import { Field, FormError, TextArea } from "~/components/form";
import { cancelDeletionRequest, pendingDeletionRequest, requestDeletion } from "~/models/account-data.server";
import { env } from "~/utils/env.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formatDate } from "~/utils/dates";
import { errorsOf, valuesOf } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Your data · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const pending = pendingDeletionRequest({ userId: user.id });
  return { pendingSince: pending ? formatDate(pending.createdAt) : null };
}

const DeleteSchema = z.object({
  reason: z.string().max(1000, "Please keep the reason under 1,000 characters.").default(""),
  password: z.string({ error: "Enter your password to confirm." }).min(1, "Enter your password to confirm.").max(1024),
  confirm: z.literal("on", { error: "Tick the box to confirm you understand." }),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  // Withdrawing has no fields: its button's intent is all there is.
  if (formData.get("intent") === "cancel") {
    cancelDeletionRequest({ userId: user.id });
    return redirectWithFlash("/account/data", { kind: "success", message: "Your deletion request is withdrawn." });
  }
  const submission = parseWithZod(formData, { schema: DeleteSchema });
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  const check = await verifyCredentials({ email: user.email, password: submission.value.password, ip: context.clientIp ?? "unknown" });
  if (!check.ok || check.user.id !== user.id) {
    const password = [check.ok ? "That password is not right." : check.message];
    return data({ result: submission.reply({ fieldErrors: { password }, hideFields: ["password"] }) }, { status: check.ok ? 400 : check.status });
  }
  requestDeletion({ userId: user.id, reason: submission.value.reason.trim(), origin: env().APP_URL });
  return redirectWithFlash("/account/data", {
    kind: "success",
    message: "Your request is sent. An administrator will confirm it, and we will email you when your account is deleted.",
  });
}

export default function AccountData() {
  const { pendingSince } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = errorsOf(actionData?.result);
  const values = valuesOf(actionData?.result);
  const busy = useNavigation().state === "submitting";
  return (
    <div className="narrow stack">
      <div className="page-head">
        <h1>Your data</h1>
      </div>
      <section className="card" aria-labelledby="export-title">
        <h2 id="export-title">Download your data</h2>
        <p>One JSON file with everything the portal holds about you: your account, profile, settings, seminars, what you wrote or uploaded, your job postings, applications, saved jobs and referral requests, and the direct messages you sent or received.</p>
        <p>
          <a className="button" href="/account/data.json" download>
            Download my data
          </a>
        </p>
      </section>
      <section className="card" aria-labelledby="delete-title">
        <h2 id="delete-title">Delete your account</h2>
        {pendingSince ? (
          <Form method="post" className="stack">
            <p>
              You asked to delete your account on {pendingSince}. An administrator will confirm it soon; until then you can change your mind.
            </p>
            <button type="submit" name="intent" value="cancel" className="button--secondary">
              Withdraw my request
            </button>
          </Form>
        ) : (
          <Form method="post" className="stack">
            <p>
              When an administrator confirms, your profile, photo, settings and seminar enrolments are erased and you can no longer sign in.
              Posts, comments and wiki edits you made stay in their seminars, attributed to “Former member”. Download your data first if you
              want a copy.
            </p>
            <FormError message={Object.keys(errors).length ? "Please check the fields below." : null} />
            <TextArea label="Reason (optional)" name="reason" rows={3} maxLength={1000} defaultValue={values.reason?.slice(0, 2000) ?? ""} error={errors.reason} />
            <Field label="Your password" name="password" type="password" autoComplete="current-password" required error={errors.password} />
            <div className={`check-field${errors.confirm ? " field--invalid" : ""}`}>
              <input type="checkbox" id="f-confirm" name="confirm" aria-describedby={errors.confirm ? "f-confirm-error" : undefined} />
              <label htmlFor="f-confirm">I understand my account and personal data will be deleted for good.</label>
              {errors.confirm ? (
                <p className="field__error" id="f-confirm-error">
                  {errors.confirm}
                </p>
              ) : null}
            </div>
            <button type="submit" className="button--danger" disabled={busy}>
              Ask to delete my account
            </button>
          </Form>
        )}
      </section>
    </div>
  );
}
