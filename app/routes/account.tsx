// The signed-in person's account: change password (signs out every other session), sign out elsewhere.
import { retryAfterHeaders } from "~/auth/retry-after";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { NewPasswordSchema, PASSWORD_FIELDS } from "~/auth/forms.server";
import { requireUser } from "~/auth/guards.server";
import { hashPassword } from "~/auth/password.server";
import { sessionIdFrom } from "~/auth/session.server";
import { verifyCredentials } from "~/auth/sign-in.server";
import { Field, FormError } from "~/components/form";
import { countSessions, setPasswordKeepingSession, signOutOtherSessions } from "~/models/account.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { errorsOf } from "~/utils/forms";

export const headers = retryAfterHeaders;

export const meta: MetaFunction = () => [{ title: "Account and password · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { name: user.name, email: user.email, role: user.role, otherSessions: Math.max(0, countSessions({ userId: user.id }) - 1) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const intent = form.get("intent");
  const ip = context.clientIp ?? "unknown";
  const keep = sessionIdFrom(request);

  if (intent === "signout-others") {
    signOutOtherSessions({ userId: user.id, keepSessionId: keep });
    return redirectWithFlash("/account", { kind: "success", message: "Every other session has been signed out." });
  }

  const submission = parseWithZod(form, { schema: NewPasswordSchema({ email: user.email, name: user.name }, { current: true }) });
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields: PASSWORD_FIELDS }) }, { status: 400 });
  const { current, password: next } = submission.value;

  const check = await verifyCredentials({ email: user.email, password: current, ip });
  if (!check.ok) {
    const refusal = check.status === 429 ? { formErrors: [check.message] } : { fieldErrors: { current: ["That is not your current password."] } };
    return data(
      { result: submission.reply({ ...refusal, hideFields: PASSWORD_FIELDS }) },
      { status: check.status, headers: check.retryAfter ? { "Retry-After": String(check.retryAfter) } : undefined },
    );
  }
  setPasswordKeepingSession({ userId: user.id, passwordHash: await hashPassword(next), keepSessionId: keep, ip });
  return redirectWithFlash("/account", {
    kind: "success",
    message: "Your password has been changed, and every other session has been signed out.",
  });
}

export default function Account() {
  const { name, email, otherSessions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = errorsOf(actionData?.result);
  return (
    <div className="narrow stack">
      <div className="page-head">
        <h1>Account and password</h1>
      </div>
      <section className="card" aria-labelledby="who-title">
        <h2 id="who-title">Your sign-in</h2>
        <p>
          {name}
          <br />
          <span className="muted">{email}</span>
        </p>
      </section>
      <section className="card" aria-labelledby="pw-title">
        <h2 id="pw-title">Change your password</h2>
        <p className="muted">Changing it signs out every other browser and device where you are signed in.</p>
        <FormError message={errors.form} />
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="password" />
          <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
          <Field label="Current password" name="current" type="password" autoComplete="current-password" required error={errors.current} />
          <Field label="New password" name="password" type="password" autoComplete="new-password" required error={errors.password} hint="At least 12 characters. A few unrelated words work well." />
          <Field label="Repeat the new password" name="confirm" type="password" autoComplete="new-password" required error={errors.confirm} />
          <button type="submit" disabled={busy}>
            Change password
          </button>
        </Form>
      </section>
      <section className="card" aria-labelledby="sessions-title">
        <h2 id="sessions-title">Other sessions</h2>
        <p>
          {otherSessions === 0
            ? "You are not signed in anywhere else."
            : `You are also signed in ${otherSessions === 1 ? "in one other place" : `in ${otherSessions} other places`}.`}
        </p>
        {otherSessions > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="signout-others" />
            <button type="submit" className="button--secondary">
              Sign out everywhere else
            </button>
          </Form>
        ) : null}
      </section>
    </div>
  );
}
