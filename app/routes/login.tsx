import { retryAfterHeaders } from "~/auth/retry-after";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { getOptionalUser, safeRedirectPath } from "~/auth/guards.server";
import { signIn } from "~/auth/sign-in.server";
import { Field, FormError } from "~/components/form";

export const headers = retryAfterHeaders;

export const meta: MetaFunction = () => [{ title: "Sign in · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const url = new URL(request.url);
  if (user) throw redirect(safeRedirectPath(url.searchParams.get("redirectTo")));
  return null;
}

const LoginSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address.").max(254),
  password: z.string().min(1, "Enter your password.").max(1024),
  redirectTo: z.string().optional(),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const form = Object.fromEntries(await request.formData());
  const parsed = LoginSchema.safeParse(form);
  const email = typeof form.email === "string" ? form.email : "";
  if (!parsed.success) {
    const errors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
    return data({ errors, formError: null, email }, { status: 400 });
  }
  const result = await signIn({ email: parsed.data.email, password: parsed.data.password, ip: context.clientIp ?? "unknown" });
  if (!result.ok) {
    return data(
      { errors: {} as Record<string, string>, formError: result.message, email },
      { status: result.status, headers: result.retryAfter ? { "Retry-After": String(result.retryAfter) } : undefined },
    );
  }
  // A response that sets a session must never be stored by a cache (issue #21).
  return redirect(safeRedirectPath(parsed.data.redirectTo), {
    headers: { "Set-Cookie": result.cookie, "Cache-Control": "no-store" },
  });
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  return (
    <div className="narrow">
      <section className="card" aria-labelledby="login-title">
        <h1 id="login-title">Sign in</h1>
        <p className="muted">Colloquy is open to invited members of the institute's seminars.</p>
        <FormError message={actionData?.formError} />
        <Form method="post" noValidate>
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
          <Field
            label="Email"
            name="email"
            type="email"
            autoComplete="username"
            required
            defaultValue={actionData?.email ?? ""}
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
