// Declining invitations with one click from the invitation mail (issue #21). Opening the link changes nothing (mail
// scanners open every link); the one button on the page does. Declining withdraws the address's pending invitations
// and keeps any further ones from being sent; the same page can undo it. Works whatever state the invitation is in.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { retryAfterHeaders } from "~/auth/retry-after";
import { countUnknownToken, requireTokenAttemptAllowed } from "~/auth/token-throttle.server";
import { allowInvitationsAgain, declineInvitations, invitedAddressForToken, isOptedOut } from "~/models/invitation-limits.server";

export const headers = retryAfterHeaders;

export const meta: MetaFunction = () => [{ title: "Decline invitations · Colloquy" }, { name: "robots", content: "noindex" }];

const DeclineSchema = z.object({ intent: z.enum(["decline", "allow"], { error: "Choose one of the buttons." }) });

function addressFor(token: string, ip: string | undefined): string {
  requireTokenAttemptAllowed(ip);
  const email = invitedAddressForToken(token);
  if (!email) {
    countUnknownToken(ip);
    throw new Response("Not Found", { status: 404, statusText: "Not Found" });
  }
  return email;
}

export function loader({ params, context }: LoaderFunctionArgs) {
  const email = addressFor(params.token ?? "", context.clientIp);
  return { email, declined: isOptedOut(email) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const email = addressFor(params.token ?? "", context.clientIp);
  const submission = parseWithZod(await request.formData(), { schema: DeclineSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), done: null }, { status: 400 });
  const ip = context.clientIp ?? null;
  if (submission.value.intent === "decline") {
    declineInvitations({ email, ip });
    return { result: submission.reply(), done: "declined" as const };
  }
  allowInvitationsAgain({ email, ip });
  return { result: submission.reply(), done: "allowed" as const };
}

export default function DeclineInvitations() {
  const { email, declined } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const error = actionData?.result.error?.intent?.[0];
  return (
    <div className="narrow">
      <section className="card stack" aria-labelledby="decline-title">
        <h1 id="decline-title">{declined ? "You won't receive further invitations" : "Decline invitations to Colloquy"}</h1>
        {actionData?.done === "allowed" ? (
          <p className="flash flash--success" role="status">
            Invitations may reach {email} again.
          </p>
        ) : null}
        {error ? (
          <p className="flash flash--error" role="alert">
            {error}
          </p>
        ) : null}
        {declined ? (
          <>
            <p role="status">
              {actionData?.done === "declined" ? "Done. " : null}
              Colloquy will send no more invitations to <strong>{email}</strong>, and the invitations that were waiting
              for you have been withdrawn. Nobody is told why.
            </p>
            <Form method="post">
              <p>Changed your mind? You can allow invitations again; you will not be sent anything until someone invites you.</p>
              <button type="submit" name="intent" value="allow" className="button--secondary" disabled={busy}>
                Allow invitations again
              </button>
            </Form>
          </>
        ) : (
          <>
            <p>
              Someone invited <strong>{email}</strong> to Colloquy, the members-only portal of the institute's continuing
              legal education seminars. If you don't want this or any further invitation, decline below: the waiting
              invitations are withdrawn and no more are sent to this address.
            </p>
            <Form method="post">
              <button type="submit" name="intent" value="decline" disabled={busy}>
                Decline and send me no more invitations
              </button>
            </Form>
          </>
        )}
        <p className="muted">
          <Link to="/">Colloquy home</Link>
        </p>
      </section>
    </div>
  );
}
