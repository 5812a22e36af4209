// Choosing a new password from an emailed link. Opening the page does not use the link; the POST does, once.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { NewPasswordSchema, PASSWORD_FIELDS } from "~/auth/forms.server";
import { hashPassword } from "~/auth/password.server";
import { createUserSession } from "~/auth/session.server";
import { signInAccountKey } from "~/auth/sign-in.server";
import { Field } from "~/components/form";
import { countUnknownToken, requireTokenAttemptAllowed } from "~/auth/token-throttle.server";
import { findUsableReset, isKnownResetToken, resetPassword } from "~/models/password-reset.server";
import { clearLimit } from "~/models/rate-limit.server";
import { errorsOf } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Choose a new password · Colloquy" }, { name: "robots", content: "noindex" }];

export function loader({ params, context }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  requireTokenAttemptAllowed(context.clientIp);
  const reset = findUsableReset(token);
  if (!reset) {
    if (!isKnownResetToken(token)) countUnknownToken(context.clientIp);
    return data({ usable: false as const, email: null }, { status: 410 });
  }
  return { usable: true as const, email: reset.email };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  requireTokenAttemptAllowed(context.clientIp);
  const reset = findUsableReset(token);
  if (!reset) {
    if (!isKnownResetToken(token)) countUnknownToken(context.clientIp);
    return data({ usable: false as const, result: null }, { status: 410 });
  }
  const email = reset.email;
  const submission = parseWithZod(await request.formData(), { schema: NewPasswordSchema({ email }) });
  if (submission.status !== "success") {
    return data({ usable: true as const, result: submission.reply({ hideFields: PASSWORD_FIELDS }) }, { status: 400 });
  }
  const { password } = submission.value;
  const done = resetPassword({ token, passwordHash: await hashPassword(password), ip: context.clientIp ?? null });
  if (!done) return data({ usable: false as const, result: null }, { status: 410 });
  // The owner proved control of the mailbox: lift any sign-in throttle on the account.
  clearLimit(signInAccountKey(done.email));
  return redirect("/", { headers: { "Set-Cookie": await createUserSession(done.userId), "Cache-Control": "no-store" } });
}

export default function ResetPassword() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  if (!loaded.usable || actionData?.usable === false) {
    return (
      <div className="narrow">
        <section className="card stack" aria-labelledby="reset-title">
          <h1 id="reset-title">This reset link can't be used</h1>
          <p>It has expired, was replaced by a newer one, or was already used. Reset links work once, for one hour.</p>
          <p>
            <Link className="button" to="/forgot-password">
              Send a new link
            </Link>
          </p>
        </section>
      </div>
    );
  }
  const errors = errorsOf(actionData?.result);
  return (
    <div className="narrow">
      <section className="card" aria-labelledby="reset-title">
        <h1 id="reset-title">Choose a new password</h1>
        <p className="muted">For {loaded.email}. Every signed-in session of this account will be signed out.</p>
        <Form method="post" noValidate>
          <input type="text" name="username" autoComplete="username" value={loaded.email} readOnly hidden />
          <Field label="New password" name="password" type="password" autoComplete="new-password" required error={errors.password} hint="At least 12 characters. A few unrelated words work well." />
          <Field label="Repeat the new password" name="confirm" type="password" autoComplete="new-password" required error={errors.confirm} />
          <button type="submit" disabled={busy}>
            Save the new password
          </button>
        </Form>
      </section>
    </div>
  );
}
