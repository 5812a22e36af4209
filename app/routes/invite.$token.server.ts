// The invitation page's action: each intent is one way in. The seminar, roles and (for personal invitations) the
// email address always come from the invitation row; whatever else the form sends is ignored.
import { data, redirect } from "@remix-run/node";
import { EmailSchema, PersonNameSchema, fieldErrors, formString } from "~/auth/forms.server";
import { hashPassword, passwordProblem } from "~/auth/password.server";
import { createUserSession, signOutRequest } from "~/auth/session.server";
import { verifyCredentials } from "~/auth/sign-in.server";
import { getOptionalUser } from "~/auth/guards.server";
import { findUsableInvitation, redeemAsMember, redeemAsNewcomer, requestFromLink, requestRenewal, type RedeemResult } from "~/models/invitation-redeem.server";
import { POLICIES, checkLimit, recordFailure } from "~/models/rate-limit.server";

export type InviteActionData =
  | { kind: "errors"; intent: string; errors: Record<string, string>; values: Record<string, string> }
  | { kind: "renewed" }
  | { kind: "requested"; email: string }
  | { kind: "unusable" };

const UNUSABLE = () => data<InviteActionData>({ kind: "unusable" }, { status: 410 });

function landing(slug: string | null) {
  // Guided profile set-up first (issue #4); it passes straight on when the profile is already set up.
  return `/onboarding?next=${encodeURIComponent(slug ? `/s/${slug}?welcome=1` : "/")}`;
}

async function finish(result: RedeemResult, setCookie: string | null, values: Record<string, string>, intent: string) {
  if (result.ok) {
    const headers = new Headers();
    headers.append("Set-Cookie", setCookie ?? (await createUserSession(result.userId)));
    return redirect(landing(result.seminarSlug), { headers });
  }
  if (result.reason === "unusable") return UNUSABLE();
  const messages: Record<string, string> = {
    "account-exists": "An account with this address already exists. Sign in with its password below to accept.",
    "wrong-account": "This invitation was sent to a different email address than the account you signed in with.",
    domain: "This invitation link is only for addresses at its organisation's domain.",
    deactivated: "This account is deactivated. Please contact the institute.",
  };
  return data<InviteActionData>(
    { kind: "errors", intent, errors: { form: messages[result.reason] ?? "That did not work." }, values },
    { status: 400 },
  );
}

export async function inviteAction(request: Request, token: string, ip: string) {
  const form = await request.formData();
  const intent = formString(form, "intent");

  if (intent === "renew") {
    // Same answer for every token; only an expired personal invitation actually notifies its inviter.
    const key = `invite-request:ip:${ip}`;
    if (!checkLimit(key, POLICIES.inviteRequest).blocked) {
      recordFailure(key, POLICIES.inviteRequest);
      requestRenewal({ token, ip });
    }
    return data<InviteActionData>({ kind: "renewed" });
  }

  if (intent === "signout") {
    return redirect(`/invite/${token}`, { headers: { "Set-Cookie": await signOutRequest(request) } });
  }

  const view = findUsableInvitation(token);
  if (!view) return UNUSABLE();

  if (intent === "accept") {
    const user = await getOptionalUser(request);
    if (!user) return redirect(`/invite/${token}`);
    return finish(redeemAsMember({ token, userId: user.id, ip }), null, {}, intent);
  }

  if (intent === "signin") {
    // A personal invitation signs in only the invited address, whatever the form sends.
    const emailRaw = view.kind === "email" ? view.email! : formString(form, "email");
    const values = { email: view.kind === "email" ? "" : emailRaw.slice(0, 254) };
    const email = EmailSchema.safeParse(emailRaw);
    const password = formString(form, "password");
    if (!email.success) return data<InviteActionData>({ kind: "errors", intent, errors: { email: fieldErrors(email.error).form ?? "Enter a valid email address." }, values }, { status: 400 });
    if (!password) return data<InviteActionData>({ kind: "errors", intent, errors: { password: "Enter your password." }, values }, { status: 400 });
    const r = await verifyCredentials({ email: email.data, password: password.slice(0, 1024), ip });
    if (!r.ok) {
      return data<InviteActionData>(
        { kind: "errors", intent, errors: { form: r.message }, values },
        { status: r.status, headers: r.retryAfter ? { "Retry-After": String(r.retryAfter) } : undefined },
      );
    }
    return finish(redeemAsMember({ token, userId: r.user.id, ip }), null, values, intent);
  }

  if (intent === "create") {
    if (view.kind !== "email") return UNUSABLE();
    const name = PersonNameSchema.safeParse(formString(form, "name"));
    const password = formString(form, "password");
    const confirm = formString(form, "confirm");
    const errors: Record<string, string> = {};
    if (!name.success) errors.name = fieldErrors(name.error).form ?? "Enter your name.";
    const problem = passwordProblem(password, { email: view.email!, name: name.data });
    if (problem) errors.password = problem;
    else if (confirm !== password) errors.confirm = "The two passwords don't match.";
    const values = { name: formString(form, "name").slice(0, 200) };
    if (Object.keys(errors).length) return data<InviteActionData>({ kind: "errors", intent, errors, values }, { status: 400 });
    const passwordHash = await hashPassword(password);
    return finish(redeemAsNewcomer({ token, name: name.data!, passwordHash, ip }), null, values, intent);
  }

  if (intent === "request") {
    if (view.kind !== "link") return UNUSABLE();
    const key = `invite-request:ip:${ip}`;
    const limit = checkLimit(key, POLICIES.inviteRequest);
    if (limit.blocked) {
      return data<InviteActionData>(
        { kind: "errors", intent, errors: { form: "Too many requests. Please wait a little and try again." }, values: {} },
        { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds) } },
      );
    }
    const email = EmailSchema.safeParse(formString(form, "email"));
    const values = { email: formString(form, "email").slice(0, 254) };
    if (!email.success) return data<InviteActionData>({ kind: "errors", intent, errors: { email: fieldErrors(email.error).form! }, values }, { status: 400 });
    recordFailure(key, POLICIES.inviteRequest);
    const r = requestFromLink({ token, email: email.data, ip });
    if (!r.ok && r.reason === "domain") {
      return data<InviteActionData>({ kind: "errors", intent, errors: { email: `Use your address at @${view.requiredDomain}.` }, values }, { status: 400 });
    }
    if (!r.ok) return UNUSABLE();
    return data<InviteActionData>({ kind: "requested", email: email.data });
  }

  return data<InviteActionData>({ kind: "errors", intent, errors: { form: "Unknown action." }, values: {} }, { status: 400 });
}

