// "Forgot password": the answer is the same whether or not an account has that address.
import { retryAfterHeaders } from "~/auth/retry-after";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { EmailSchema } from "~/auth/forms.server";
import { THROTTLED, throttleKeys } from "~/auth/sign-in.server";
import { Field, FormError } from "~/components/form";
import { requestPasswordReset } from "~/models/password-reset.server";
import { reserveAttempt } from "~/models/rate-limit.server";
import { errorsOf, valuesOf } from "~/utils/forms";

export const headers = retryAfterHeaders;

export const meta: MetaFunction = () => [{ title: "Reset your password · Colloquy" }];

/** Built in the action: EmailSchema comes from a .server module, which is empty in the browser. */
const forgotSchema = () => z.object({ email: EmailSchema });

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: forgotSchema() });
  if (submission.status !== "success") return data({ sent: false, email: null, result: submission.reply() }, { status: 400 });
  const email = submission.value.email;
  const ip = context.clientIp ?? "unknown";
  // Every request counts (existing account or not), so throttling reveals nothing either; checked and counted in
  // one step, so simultaneous requests count like sequential ones (issue #21).
  const reserved = reserveAttempt(throttleKeys("reset", email, ip));
  if (!reserved.ok) {
    return data(
      { sent: false, email: null, result: submission.reply({ formErrors: [THROTTLED] }) },
      { status: 429, headers: { "Retry-After": String(reserved.retryAfterSeconds) } },
    );
  }
  requestPasswordReset({ email, ip });
  return data({ sent: true, email, result: null });
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = errorsOf(actionData?.result);
  return (
    <div className="narrow">
      <section className="card" aria-labelledby="forgot-title">
        <h1 id="forgot-title">Reset your password</h1>
        {actionData?.sent ? (
          <div className="stack">
            <p className="flash flash--success" role="status">
              If an active account uses {actionData.email}, we've sent it a link to choose a new password. The link works
              once, for one hour.
            </p>
            <p className="muted">
              Nothing arrived after a few minutes? Check your spam folder, or <Link to="/forgot-password">try again</Link>.
            </p>
          </div>
        ) : (
          <>
            <p className="muted">Enter the email address of your account and we'll send you a link to choose a new password.</p>
            <FormError message={errors.form} />
            <Form method="post" noValidate>
              <Field label="Email" name="email" type="email" autoComplete="username" required defaultValue={valuesOf(actionData?.result).email?.slice(0, 254) ?? ""} error={errors.email} />
              <div className="actions">
                <button type="submit" disabled={busy}>
                  Send the link
                </button>
                <Link to="/login">Back to sign in</Link>
              </div>
            </Form>
          </>
        )}
      </section>
    </div>
  );
}
