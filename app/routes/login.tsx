import { retryAfterHeaders } from "~/auth/retry-after";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { getOptionalUser, safeRedirectPath } from "~/auth/guards.server";
import { signIn } from "~/auth/sign-in.server";
import { Field, FormError } from "~/components/form";
import { errorsOf, valuesOf } from "~/utils/forms";

export const headers = retryAfterHeaders;

export const meta: MetaFunction = () => [{ title: "Sign in · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const url = new URL(request.url);
  if (user) throw redirect(safeRedirectPath(url.searchParams.get("redirectTo")));
  return null;
}

const LoginSchema = z.object({
  email: z.string({ error: "Enter your email address." }).trim().min(1, "Enter your email address.").max(254),
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(1024),
  redirectTo: z.string().optional(),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: LoginSchema });
  // The password is never sent back into the page.
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  const { email, password, redirectTo } = submission.value;
  const result = await signIn({ email, password, ip: context.clientIp ?? "unknown" });
  if (!result.ok) {
    return data(
      { result: submission.reply({ formErrors: [result.message], hideFields: ["password"] }) },
      { status: result.status, headers: result.retryAfter ? { "Retry-After": String(result.retryAfter) } : undefined },
    );
  }
  // A response that sets a session must never be stored by a cache (issue #21).
  return redirect(safeRedirectPath(redirectTo), {
    headers: { "Set-Cookie": result.cookie, "Cache-Control": "no-store" },
  });
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const errors = errorsOf(actionData?.result);
  return (
    <div className="narrow">
      <section className="card" aria-labelledby="login-title">
        <h1 id="login-title">Sign in</h1>
        <p className="muted">Colloquy is open to invited members of the institute's seminars.</p>
        <FormError message={errors.form} />
        <Form method="post" noValidate>
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
          <Field
            label="Email"
            name="email"
            type="email"
            autoComplete="username"
            required
            defaultValue={valuesOf(actionData?.result).email ?? ""}
            error={errors.email}
          />
          <Field
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            error={errors.password}
          />
          <div className="actions">
            <button type="submit" disabled={navigation.state === "submitting"}>
              Sign in
            </button>
            <Link to="/forgot-password">Forgot your password?</Link>
          </div>
        </Form>
        <p className="muted">
          New here? Colloquy is invitation-only: ask the institute or your seminar's instructor for an invitation.
        </p>
      </section>
    </div>
  );
}
