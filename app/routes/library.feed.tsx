// The library in a feed reader (issue #20) for every member, also those in no seminar: a personal network feed
// address, shown once when made, that gives the library's new documents (narrowed by kind, area or jurisdiction).
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/guards.server";
import { When } from "~/components/when";
import { activeFeedToken, createFeedToken, revokeFeedTokens } from "~/models/feed-token.server";
import { participationOf } from "~/models/participation.server";
import { env } from "~/utils/env.server";
import { redirectWithFlash } from "~/utils/flash.server";

export const meta: MetaFunction = () => [{ title: "Follow the library · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const active = activeFeedToken({ userId: user.id, seminarId: null });
  return {
    // Dates in the member's own time zone (their participation settings), else UTC.
    timeZone: participationOf({ userId: user.id }).timeZone || "UTC",
    active: active ? { createdAt: active.createdAt.toISOString(), lastUsedAt: active.lastUsedAt?.toISOString() ?? null } : null,
  };
}

const FeedActionSchema = z.object({ intent: z.enum(["create", "revoke"]) });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: FeedActionSchema });
  if (submission.status !== "success") throw new Response("Bad Request", { status: 400 });
  if (submission.value.intent === "revoke") {
    revokeFeedTokens({ userId: user.id, seminarId: null });
    return redirectWithFlash("/library/feed", { kind: "success", message: "Your library feed address no longer works." });
  }
  // Shown once, in this response only: the database keeps nothing but its hash.
  const token = createFeedToken({ userId: user.id, seminarId: null });
  return data({ library: new URL(`/feeds/${token}/library.atom`, env().APP_URL).href }, { headers: { "Cache-Control": "no-store" } });
}

export default function LibraryFeed() {
  const d = useLoaderData<typeof loader>();
  const created = useActionData<typeof action>();
  return (
    <div className="stack narrow-wide">
      <p>
        <Link to="/library">← The library</Link>
      </p>
      <h1>Follow the library in a feed reader</h1>
      <p>
        New and updated library documents are available as an Atom feed. The library is for members only, so your feed
        reader uses a personal secret address: anyone who has it can read the feed, so keep it to yourself. Add{" "}
        <code>?kind=</code>, <code>?area=</code> or <code>?jurisdiction=</code> to follow only part of the library.
      </p>
      {created ? (
        <section className="card flash--success" aria-labelledby="new-feed-title" role="status">
          <h2 id="new-feed-title">Your new feed address</h2>
          <p>Copy it into your feed reader now: for your security it is shown only this once.</p>
          <div className="field">
            <label htmlFor="feed-library">Library feed</label>
            <input id="feed-library" readOnly value={created.library} />
          </div>
        </section>
      ) : d.active ? (
        <p>
          You made a library feed address on <When iso={d.active.createdAt} timeZone={d.timeZone} />
          {d.active.lastUsedAt ? (
            <>
              ; a feed reader last used it on <When iso={d.active.lastUsedAt} timeZone={d.timeZone} />
            </>
          ) : (
            "; no feed reader has used it yet"
          )}
          . If you lost it, make a new one: the old one stops working.
        </p>
      ) : (
        <p className="muted">You have no library feed address.</p>
      )}
      <div className="actions">
        <Form method="post">
          <button type="submit" name="intent" value="create">
            {d.active || created ? "Make a new address (the old one stops working)" : "Make my library feed address"}
          </button>
        </Form>
        {d.active || created ? (
          <Form method="post">
            <button type="submit" name="intent" value="revoke" className="button--secondary">
              Turn off my library feed address
            </button>
          </Form>
        ) : null}
      </div>
    </div>
  );
}
