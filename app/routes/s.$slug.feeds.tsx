import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { requireSeminarRole } from "~/auth/guards.server";
import { When } from "~/components/when";
import { activeFeedToken, createFeedToken, revokeFeedTokens } from "~/models/feed-token.server";
import { env } from "~/utils/env.server";
import { redirectWithFlash } from "~/utils/flash.server";

export const meta: MetaFunction = () => [{ title: "Feeds · Colloquy" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { seminar, user } = await requireSeminarRole(request, params.slug);
  const active = activeFeedToken({ userId: user.id, seminarId: seminar.id });
  return {
    title: seminar.title,
    timeZone: seminar.timeZone,
    active: active ? { createdAt: active.createdAt.toISOString(), lastUsedAt: active.lastUsedAt?.toISOString() ?? null } : null,
  };
}

const FeedActionSchema = z.object({ intent: z.enum(["create", "revoke"]) });

export async function action({ request, params }: ActionFunctionArgs) {
  const { seminar, user } = await requireSeminarRole(request, params.slug);
  const submission = parseWithZod(await request.formData(), { schema: FeedActionSchema });
  if (submission.status !== "success") throw new Response("Bad Request", { status: 400 });
  if (submission.value.intent === "revoke") {
    revokeFeedTokens({ userId: user.id, seminarId: seminar.id });
    return redirectWithFlash(`/s/${seminar.slug}/feeds`, { kind: "success", message: "Your feed addresses no longer work." });
  }
  // Shown once, in this response only: the database keeps nothing but its hash.
  const token = createFeedToken({ userId: user.id, seminarId: seminar.id });
  const base = new URL(`/feeds/${token}/`, env().APP_URL).href;
  const feeds = { blog: `${base}blog.atom`, wiki: `${base}wiki.atom`, questions: `${base}questions.atom` };
  // Issue #20: the same address also carries the network library and the bookmarks shared with this seminar.
  return data({ ...feeds, library: `${base}library.atom`, bookmarks: `${base}bookmarks.atom` }, { headers: { "Cache-Control": "no-store" } });
}

export default function Feeds() {
  const d = useLoaderData<typeof loader>();
  const created = useActionData<typeof action>();
  return (
    <div className="stack narrow-wide">
      <h1>Follow in a feed reader</h1>
      <p>
        The blog and the wiki's recent changes of {d.title} are available as Atom feeds. Because the seminar is private,
        your feed reader uses a personal secret address: anyone who has it can read the feeds, so keep it to yourself. The
        same address also gives the network library's new documents and the bookmarks shared with this seminar.
      </p>
      {created ? (
        <section className="card flash--success" aria-labelledby="new-feed-title" role="status">
          <h2 id="new-feed-title">Your new feed addresses</h2>
          <p>Copy them into your feed reader now: for your security they are shown only this once.</p>
          <div className="field">
            <label htmlFor="feed-blog">Blog feed</label>
            <input id="feed-blog" readOnly value={created.blog} />
          </div>
          <div className="field">
            <label htmlFor="feed-wiki">Wiki changes feed</label>
            <input id="feed-wiki" readOnly value={created.wiki} />
          </div>
          <div className="field">
            <label htmlFor="feed-questions">Questions feed</label>
            <input id="feed-questions" readOnly value={created.questions} />
          </div>
          <div className="field">
            <label htmlFor="feed-library">Library feed (new documents; add ?kind=, ?area= or ?jurisdiction= to narrow it)</label>
            <input id="feed-library" readOnly value={created.library} />
          </div>
          <div className="field">
            <label htmlFor="feed-bookmarks">Bookmarks shared with this seminar (add ?tag= for one tag)</label>
            <input id="feed-bookmarks" readOnly value={created.bookmarks} />
          </div>
        </section>
      ) : d.active ? (
        <p>
          You made feed addresses on <When iso={d.active.createdAt} timeZone={d.timeZone} />
          {d.active.lastUsedAt ? (
            <>
              ; a feed reader last used them on <When iso={d.active.lastUsedAt} timeZone={d.timeZone} />
            </>
          ) : (
            "; no feed reader has used them yet"
          )}
          . If you lost them, make new ones: the old ones stop working.
        </p>
      ) : (
        <p className="muted">You have no feed addresses for this seminar.</p>
      )}
      <div className="actions">
        <Form method="post">
          <button type="submit" name="intent" value="create">
            {d.active || created ? "Make new addresses (the old ones stop working)" : "Make my feed addresses"}
          </button>
        </Form>
        {d.active || created ? (
          <Form method="post">
            <button type="submit" name="intent" value="revoke" className="button--secondary">
              Turn off my feed addresses
            </button>
          </Form>
        ) : null}
      </div>
    </div>
  );
}
