// The invitation page's action: each intent is one way in. The seminar, roles and (for personal invitations) the
// email address always come from the invitation row; whatever else the form sends is ignored.
import { data, redirect } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { EmailSchema, PersonNameSchema, fieldErrors } from "~/auth/forms.server";
import { hashPassword, passwordProblem } from "~/auth/password.server";
import { createUserSession, signOutRequest } from "~/auth/session.server";
import { verifyCredentials } from "~/auth/sign-in.server";
import { getOptionalUser } from "~/auth/guards.server";
import { findUsableInvitation, redeemAsMember, redeemAsNewcomer, requestFromLink, requestRenewal, type RedeemResult } from "~/models/invitation-redeem.server";
import { POLICIES, checkLimit, recordFailure } from "~/models/rate-limit.server";
import { type FormResult, replyWith } from "~/utils/forms";

// The ways in, told apart by `intent`. The fields are read loosely here: which ones count depends on the invitation
// (a personal one signs in only its own address), so the action checks them against it with the shared schemas.
const InviteSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("renew") }),
  z.object({ intent: z.literal("signout") }),
  z.object({ intent: z.literal("accept") }),
  z.object({ intent: z.literal("signin"), email: z.string().default(""), password: z.string().default("") }),
  z.object({ intent: z.literal("create"), name: z.string().default(""), password: z.string().default(""), confirm: z.string().default("") }),
  z.object({ intent: z.literal("request"), email: z.string().default("") }),
]);
type InviteSubmission = { reply(options: { formErrors?: string[]; fieldErrors?: Record<string, string[]>; hideFields?: string[] }): FormResult };

export type InviteActionData =
  | { kind: "errors"; intent: string; result: FormResult }
  | { kind: "renewed" }
  | { kind: "requested"; email: string }
  | { kind: "unusable" };

const UNUSABLE = () => data<InviteActionData>({ kind: "unusable" }, { status: 410 });

/** A refused way in: the messages beside their fields (or above the form), what was typed kept, passwords never. */
function refusal(submission: InviteSubmission, intent: string, errors: Record<string, string>, init: ResponseInit = { status: 400 }) {
  return data<InviteActionData>({ kind: "errors", intent, result: submission.reply({ ...replyWith(errors), hideFields: ["password", "confirm"] }) }, init);
}

function landing(slug: string | null) {
  // Guided profile set-up first (issue #4); it passes straight on when the profile is already set up.
  return `/onboarding?next=${encodeURIComponent(slug ? `/s/${slug}?welcome=1` : "/")}`;
}

async function finish(result: RedeemResult, setCookie: string | null, submission: InviteSubmission, intent: string) {
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
  return refusal(submission, intent, { form: messages[result.reason] ?? "That did not work." });
}

export async function inviteAction(request: Request, token: string, ip: string) {
  const submission = parseWithZod(await request.formData(), { schema: InviteSchema });
  if (submission.status !== "success") return refusal(submission, "", { form: "Unknown action." });
  const v = submission.value;
  const intent = v.intent;

  if (v.intent === "renew") {
    // Same answer for every token; only an expired personal invitation actually notifies its inviter.
    const key = `invite-request:ip:${ip}`;
    if (!checkLimit(key, POLICIES.inviteRequest).blocked) {
      recordFailure(key, POLICIES.inviteRequest);
      requestRenewal({ token, ip });
    }
    return data<InviteActionData>({ kind: "renewed" });
  }

  if (v.intent === "signout") {
    return redirect(`/invite/${token}`, { headers: { "Set-Cookie": await signOutRequest(request) } });
  }

  const view = findUsableInvitation(token);
  if (!view) return UNUSABLE();

  if (v.intent === "accept") {
    const user = await getOptionalUser(request);
    if (!user) return redirect(`/invite/${token}`);
    return finish(redeemAsMember({ token, userId: user.id, ip }), null, submission, intent);
  }

  if (v.intent === "signin") {
    // A personal invitation signs in only the invited address, whatever the form sends.
    const emailRaw = view.kind === "email" ? view.email! : v.email;
    const email = EmailSchema.safeParse(emailRaw);
    const password = v.password;
    if (!email.success) return refusal(submission, intent, { email: fieldErrors(email.error).form ?? "Enter a valid email address." });
    if (!password) return refusal(submission, intent, { password: "Enter your password." });
    const r = await verifyCredentials({ email: email.data, password: password.slice(0, 1024), ip });
    if (!r.ok) {
      return refusal(submission, intent, { form: r.message }, { status: r.status, headers: r.retryAfter ? { "Retry-After": String(r.retryAfter) } : undefined });
    }
    return finish(redeemAsMember({ token, userId: r.user.id, ip }), null, submission, intent);
  }

  if (v.intent === "create") {
    if (view.kind !== "email") return UNUSABLE();
    const name = PersonNameSchema.safeParse(v.name);
    const { password, confirm } = v;
    const errors: Record<string, string> = {};
    if (!name.success) errors.name = fieldErrors(name.error).form ?? "Enter your name.";
    const problem = passwordProblem(password, { email: view.email!, name: name.data });
    if (problem) errors.password = problem;
    else if (confirm !== password) errors.confirm = "The two passwords don't match.";
    if (Object.keys(errors).length) return refusal(submission, intent, errors);
    const passwordHash = await hashPassword(password);
    return finish(redeemAsNewcomer({ token, name: name.data!, passwordHash, ip }), null, submission, intent);
  }

  if (v.intent === "request") {
    if (view.kind !== "link") return UNUSABLE();
    const key = `invite-request:ip:${ip}`;
    const limit = checkLimit(key, POLICIES.inviteRequest);
    if (limit.blocked) {
      return refusal(submission, intent, { form: "Too many requests. Please wait a little and try again." }, { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds) } });
    }
    const email = EmailSchema.safeParse(v.email);
    if (!email.success) return refusal(submission, intent, { email: fieldErrors(email.error).form! });
    recordFailure(key, POLICIES.inviteRequest);
    const r = requestFromLink({ token, email: email.data, ip });
    if (!r.ok && r.reason === "domain") {
      return refusal(submission, intent, { email: `Use your address at @${view.requiredDomain}.` });
    }
    if (!r.ok) return UNUSABLE();
    return data<InviteActionData>({ kind: "requested", email: email.data });
  }

  return refusal(submission, intent, { form: "Unknown action." });
}

