// Issue #20: one bookmark, for those who may see it (anyone else gets the 404 of a bookmark that does not exist),
// with who else saved the same link or item; its owner edits or deletes it.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { notFound, requireUser } from "~/auth/guards.server";
import { BookmarkCard } from "~/components/bookmark-card";
import { WhoElseSaved } from "~/components/who-else-saved";
import { deleteBookmark, getBookmarkForViewer, whoElseSaved } from "~/models/bookmarks.server";
import { redirectWithFlash } from "~/utils/flash.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.bookmark.title} · Bookmarks · Colloquy` : "Colloquy" }];

function idFrom(params: { id?: string }): number {
  if (!params.id || !/^[1-9]\d{0,9}$/.test(params.id)) notFound();
  return Number(params.id);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const b = getBookmarkForViewer({ viewer: user, id: idFrom(params) });
  if (!b) notFound();
  const editHref = b.external ? `/bookmarks/new?url=${encodeURIComponent(b.href)}` : `/bookmarks/new?ref=${encodeURIComponent(b.target)}`;
  return {
    bookmark: { ...b, createdAt: b.createdAt.toISOString() },
    editHref,
    others: whoElseSaved({ viewer: user, target: b.target }),
    // The viewer's own copy of someone else's bookmark: "save it too" goes to the same form.
    saveHref: editHref,
  };
}

const ActionSchema = z.object({ intent: z.literal("delete") });

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = idFrom(params);
  const submission = parseWithZod(await request.formData(), { schema: ActionSchema });
  if (submission.status !== "success") throw new Response("Bad Request", { status: 400 });
  if (!deleteBookmark({ viewer: user, id })) notFound();
  return redirectWithFlash("/bookmarks?mine=1", { kind: "success", message: "The bookmark is deleted." });
}

export default function BookmarkPage() {
  const d = useLoaderData<typeof loader>();
  const b = d.bookmark;
  return (
    <div className="narrow-wide stack">
      <p>
        <Link to="/bookmarks">← Bookmarks</Link>
      </p>
      <h1 className="visually-hidden">Bookmark: {b.title}</h1>
      <BookmarkCard b={b} />
      <WhoElseSaved count={d.others.count} people={d.others.people} />
      <div className="actions">
        {b.mine ? (
          <>
            <Link to={d.editHref}>Edit</Link>
            <Form method="post">
              <input type="hidden" name="intent" value="delete" />
              <button type="submit" className="button--danger">
                Delete
              </button>
            </Form>
          </>
        ) : (
          <Link to={d.saveHref}>Save it too</Link>
        )}
      </div>
    </div>
  );
}
