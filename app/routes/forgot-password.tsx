// "Forgot password": the answer is the same whether or not an account has that address.
import { retryAfterHeaders } from "~/auth/retry-after";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { EmailSchema, fieldErrors, formString } from "~/auth/forms.server";
import { THROTTLED, throttleKeys } from "~/auth/sign-in.server";
import { Field, FormError } from "~/components/form";
import { requestPasswordReset } from "~/models/password-reset.server";
import { reserveAttempt } from "~/models/rate-limit.server";

export const headers = retryAfterHeaders;

export const meta: MetaFunction = () => [{ title: "Reset your password · Colloquy" }];

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const raw = formString(form, "email");
  const parsed = EmailSchema.safeParse(raw);
  if (!parsed.success) {
    return data({ sent: false, email: raw.slice(0, 254), error: fieldErrors(parsed.error).form ?? "Enter a valid email address.", formError: null }, { status: 400 });
  }
  const ip = context.clientIp ?? "unknown";
  // Every request counts (existing account or not), so throttling reveals nothing either; checked and counted in
  // one step, so simultaneous requests count like sequential ones (issue #21).
  const reserved = reserveAttempt(throttleKeys("reset", parsed.data, ip));
  if (!reserved.ok) {
    return data(
      { sent: false, email: parsed.data, error: null, formError: THROTTLED },
      { status: 429, headers: { "Retry-After": String(reserved.retryAfterSeconds) } },
    );
  }
  requestPasswordReset({ email: parsed.data, ip });
  return data({ sent: true, email: parsed.data, error: null, formError: null });
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
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
            <FormError message={actionData?.formError} />
            <Form method="post" noValidate>
              <Field label="Email" name="email" type="email" autoComplete="username" required defaultValue={actionData?.email ?? ""} error={actionData?.error} />
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
