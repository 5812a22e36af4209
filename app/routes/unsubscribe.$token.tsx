// One-click unsubscribe (issue #15, RFC 8058). Opening the link changes nothing (mail scanners open every link); the
// button on the page, or the mail provider's one-click POST (`List-Unsubscribe=One-Click`), does. No sign-in needed:
// the signed link names the member and the kind of mail. Everything else stays as the member set it.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { retryAfterHeaders } from "~/auth/retry-after";
import { countUnknownToken, requireTokenAttemptAllowed } from "~/auth/token-throttle.server";
import { readUnsubscribeToken, unsubscribe, unsubscribeStatus } from "~/models/unsubscribe.server";

export const headers = retryAfterHeaders;

export const meta: MetaFunction = () => [{ title: "Unsubscribe · Colloquy" }, { name: "robots", content: "noindex" }];

/** The page's button sends intent=unsubscribe; a mail provider sends List-Unsubscribe=One-Click (RFC 8058 §3.2). */
const UnsubscribeSchema = z
  .object({ intent: z.literal("unsubscribe").optional(), "List-Unsubscribe": z.literal("One-Click").optional() })
  .refine((v) => v.intent || v["List-Unsubscribe"], { message: "Use the button to unsubscribe.", path: ["intent"] });

function tokenFor(token: string, ip: string | undefined) {
  requireTokenAttemptAllowed(ip);
  const t = readUnsubscribeToken(token);
  const status = t ? unsubscribeStatus(t) : null;
  if (!t || !status) {
    countUnknownToken(ip);
    throw new Response("Not Found", { status: 404, statusText: "Not Found" });
  }
  return { ...t, status };
}

export function loader({ params, context }: LoaderFunctionArgs) {
  const { status } = tokenFor(params.token ?? "", context.clientIp);
  return status;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const t = tokenFor(params.token ?? "", context.clientIp);
  const submission = parseWithZod(await request.formData(), { schema: UnsubscribeSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), done: false }, { status: 400 });
  unsubscribe({ userId: t.userId, kind: t.kind });
  return { result: submission.reply(), done: true };
}

export default function Unsubscribe() {
  const { email, label, subscribed, portalLabel } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const error = actionData?.result.error?.intent?.[0];
  return (
    <div className="narrow">
      <section className="card stack" aria-labelledby="unsub-title">
        <h1 id="unsub-title">{subscribed ? "Unsubscribe" : "You are unsubscribed"}</h1>
        {error ? (
          <p className="flash flash--error" role="alert">
            {error}
          </p>
        ) : null}
        {subscribed ? (
          <>
            <p>
              Stop email to <strong>{email}</strong> about: <strong>{label}</strong>. You will still see these in the portal's
              notifications.
            </p>
            <Form method="post">
              <button type="submit" name="intent" value="unsubscribe" disabled={busy}>
                Unsubscribe
              </button>
            </Form>
          </>
        ) : (
          <p role="status">
            {actionData?.done ? "Done. " : null}
            No more email to <strong>{email}</strong> about: <strong>{label}</strong>. It is set to “{portalLabel}”.
          </p>
        )}
        <p className="muted">
          Change any of your choices at <Link to="/profile/settings#mail-title">Privacy and notifications</Link> (sign-in needed).
        </p>
      </section>
    </div>
  );
}
