// Accepting an invitation. Opening the link never uses it (mail scanners open every link); only a POST from this
// page redeems it. The server sends Referrer-Policy: no-referrer and Cache-Control: no-store on /invite/* pages.
import { retryAfterHeaders } from "~/auth/retry-after";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getOptionalUser } from "~/auth/guards.server";
import { Field, FormError } from "~/components/form";
import { countUnknownToken, requireTokenAttemptAllowed } from "~/auth/token-throttle.server";
import { findInvitationByToken, findUsableInvitation, markInvitationOpened } from "~/models/invitation-redeem.server";
import { inviteAction, type InviteActionData } from "./invite-action.server";
import { errorsOf, valuesOf } from "~/utils/forms";

export const headers = retryAfterHeaders;

export const meta: MetaFunction = () => [{ title: "Invitation · Colloquy" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  requireTokenAttemptAllowed(context.clientIp);
  const view = findUsableInvitation(token);
  if (!view) {
    if (!findInvitationByToken(token)) countUnknownToken(context.clientIp);
    return data({ usable: false as const }, { status: 410 });
  }
  if (request.method === "GET") markInvitationOpened(view.id);
  const user = await getOptionalUser(request);
  const expires = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" }).format(view.expiresAt);
  return {
    usable: true as const,
    invitation: {
      kind: view.kind,
      email: view.email,
      name: view.name,
      seminar: view.seminar,
      seminarRole: view.seminarRole,
      networkRole: view.networkRole,
      message: view.message,
      inviterName: view.inviterName,
      requiredDomain: view.requiredDomain,
      accountExists: view.accountExists,
      expires,
    },
    user: user ? { name: user.name, email: user.email } : null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  requireTokenAttemptAllowed(context.clientIp);
  return inviteAction(request, params.token ?? "", context.clientIp ?? "unknown");
}

function Unusable({ renewed }: { renewed: boolean }) {
  return (
    <div className="narrow">
      <section className="card stack" aria-labelledby="invite-title">
        <h1 id="invite-title">This invitation link can't be used</h1>
        <p>
          It may have expired, been replaced by a newer invitation, been withdrawn, or already been used. For your
          security, we don't say which.
        </p>
        {renewed ? (
          <p className="flash flash--success" role="status">
            Thank you. If this invitation can be renewed, the person who sent it has been told and will send you a new
            one.
          </p>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="renew" />
            <button type="submit">Ask for a new invitation</button>
          </Form>
        )}
        <p className="muted">
          Already accepted? <Link to="/login">Sign in</Link> or <Link to="/forgot-password">reset your password</Link>.
          You can also write to the institute or your seminar's instructor.
        </p>
      </section>
    </div>
  );
}

export default function Invite() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<InviteActionData>();
  const busy = useNavigation().state === "submitting";
  if (!loaded.usable || actionData?.kind === "unusable" || actionData?.kind === "renewed") {
    return <Unusable renewed={actionData?.kind === "renewed"} />;
  }
  const { invitation: inv, user } = loaded;
  const errs = actionData?.kind === "errors" ? actionData : null;
  const errors = errorsOf(errs?.result);
  const values = valuesOf(errs?.result);
  const e = (intent: string, field: string) => (errs?.intent === intent ? errors[field] : undefined);
  const v = (intent: string, field: string) => (errs?.intent === intent ? values[field] : undefined);
  const target = inv.seminar ? inv.seminar.title : "the institute's network";
  const roleText = inv.seminar ? (inv.seminarRole === "instructor" ? "as an instructor" : "as an attendee") : inv.networkRole === "admin" ? "as an administrator" : "";

  return (
    <div className="narrow">
      <section className="card stack" aria-labelledby="invite-title">
        <h1 id="invite-title">You're invited to {target}</h1>
        <p>
          <strong>{inv.inviterName}</strong> invited {inv.kind === "email" ? <strong>{inv.email}</strong> : "you"} to join{" "}
          {target} {roleText} on Colloquy, the institute's members-only portal.
        </p>
        {inv.seminar ? <p className="muted">{inv.seminar.dates}</p> : null}
        {inv.message ? (
          <blockquote className="invite-message">
            <p className="muted">Message from {inv.inviterName}:</p>
            <p>{inv.message}</p>
          </blockquote>
        ) : null}
        <p className="muted">
          This invitation expires on {inv.expires}.
          {inv.kind === "email" ? (
            <>
              {" "}
              Not interested? <Link to="decline" relative="path">Decline and receive no further invitations</Link>.
            </>
          ) : null}
        </p>
        {errors.form ? <FormError message={errors.form} /> : null}

        {actionData?.kind === "requested" ? (
          <p className="flash flash--success" role="status">
            We've sent a personal invitation link to {actionData.email}. Open it from that mailbox to finish joining.
          </p>
        ) : user && (inv.kind === "link" || user.email === inv.email) ? (
          <Form method="post">
            <input type="hidden" name="intent" value="accept" />
            <p>You're signed in as {user.name} ({user.email}).</p>
            <button type="submit" disabled={busy}>
              Accept and join {inv.seminar ? "the seminar" : "Colloquy"}
            </button>
          </Form>
        ) : user ? (
          <Form method="post">
            <input type="hidden" name="intent" value="signout" />
            <p>
              You're signed in as {user.email}, but this invitation is for {inv.email}. Sign out, then open the link again
              to accept it with that address.
            </p>
            <button type="submit" className="button--secondary">
              Sign out
            </button>
          </Form>
        ) : inv.kind === "email" && !inv.accountExists ? (
          <Form method="post" noValidate aria-labelledby="create-title">
            <h2 id="create-title">Create your account</h2>
            <input type="hidden" name="intent" value="create" />
            <p className="muted">Your account will use the address {inv.email}.</p>
            <Field label="Your name" name="name" autoComplete="name" required defaultValue={v("create", "name") ?? inv.name ?? ""} error={e("create", "name")} hint="As you'd like other members to see it, e.g. Maria Alvarez." />
            <Field label="Choose a password" name="password" type="password" autoComplete="new-password" required minLength={12} maxLength={128} error={e("create", "password")} hint="At least 12 characters. A few unrelated words work well." />
            <Field label="Repeat the password" name="confirm" type="password" autoComplete="new-password" required error={e("create", "confirm")} />
            <button type="submit" disabled={busy}>
              Accept and create account
            </button>
          </Form>
        ) : inv.kind === "email" ? (
          <Form method="post" noValidate aria-labelledby="signin-title">
            <h2 id="signin-title">Sign in to accept</h2>
            <input type="hidden" name="intent" value="signin" />
            <p className="muted">You already have an account with {inv.email}. Sign in to add this invitation to it.</p>
            <Field label="Password" name="password" type="password" autoComplete="current-password" required error={e("signin", "password")} />
            <div className="actions">
              <button type="submit" disabled={busy}>
                Sign in and accept
              </button>
              <Link to="/forgot-password">Forgot your password?</Link>
            </div>
          </Form>
        ) : (
          <>
            <Form method="post" noValidate aria-labelledby="request-title">
              <h2 id="request-title">New to Colloquy?</h2>
              <input type="hidden" name="intent" value="request" />
              <p className="muted">
                Enter your work email{inv.requiredDomain ? ` (an address at @${inv.requiredDomain})` : ""}. We'll send you a
                personal link to finish joining.
              </p>
              <Field label="Work email" name="email" type="email" autoComplete="email" required defaultValue={v("request", "email") ?? ""} error={e("request", "email")} />
              <button type="submit" disabled={busy}>
                Send me a link
              </button>
            </Form>
            <Form method="post" noValidate aria-labelledby="member-title">
              <h2 id="member-title">Already a member?</h2>
              <input type="hidden" name="intent" value="signin" />
              <Field label="Email" name="email" type="email" autoComplete="username" required defaultValue={v("signin", "email") ?? ""} error={e("signin", "email")} id="f-signin-email" />
              <Field label="Password" name="password" type="password" autoComplete="current-password" required error={e("signin", "password")} id="f-signin-password" />
              <button type="submit" disabled={busy}>
                Sign in and join
              </button>
            </Form>
          </>
        )}
      </section>
    </div>
  );
}
