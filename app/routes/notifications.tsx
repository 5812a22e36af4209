// The notification centre (COMMUNITY-DESIGN.md "one way to tell people"): what happened for me, newest first, each
// checked again with canSee, each linking to its place. Mark one or all as read; works without JavaScript.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/guards.server";
import { LocalTime } from "~/components/local-time";
import { listNotifications, markNotificationsRead } from "~/models/notifications.server";
import { redirectWithFlash } from "~/utils/flash.server";

export const meta: MetaFunction = () => [{ title: "Notifications · Colloquy" }];

const PageSchema = z.coerce.number().int().min(1).max(10_000).catch(1);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = PageSchema.parse(new URL(request.url).searchParams.get("page") ?? 1);
  return { page, ...listNotifications({ viewer: user, page }) };
}

export const MarkReadSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read-all") }),
  z.object({ intent: z.literal("read"), id: z.coerce.number().int().positive(), next: z.string().optional() }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: MarkReadSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  if (submission.value.intent === "read-all") {
    const n = markNotificationsRead({ userId: user.id, ids: "all" });
    return redirectWithFlash("/notifications", {
      kind: "success",
      message: n ? `Marked ${n} notification${n === 1 ? "" : "s"} as read.` : "Nothing was unread.",
    });
  }
  markNotificationsRead({ userId: user.id, ids: [submission.value.id] });
  return redirectWithFlash("/notifications", { kind: "success", message: "Marked as read." });
}

export default function Notifications() {
  const { entries, hasMore, page } = useLoaderData<typeof loader>();
  const unread = entries.filter((e) => !e.read).length;
  return (
    <div className="narrow stack">
      <div className="page-head">
        <h1>Notifications</h1>
        {unread ? (
          <Form method="post">
            <input type="hidden" name="intent" value="read-all" />
            <button type="submit" className="button button--secondary">
              Mark all as read
            </button>
          </Form>
        ) : null}
      </div>
      {entries.length === 0 ? (
        <p className="muted">{page > 1 ? "No older notifications." : "Nothing yet. Replies, answers, new materials and messages will show up here."}</p>
      ) : (
        <ul className="notification-list" aria-label="Notifications, newest first">
          {entries.map((n) => (
            <li key={n.id} className={n.read ? "notification" : "notification notification--unread"}>
              <p>
                {n.read ? null : <span className="visually-hidden">Unread: </span>}
                <Link to={n.href}>{n.summary}</Link>
              </p>
              <p className="muted">
                <LocalTime iso={new Date(n.createdAt).toISOString()} />
              </p>
              {n.read ? null : (
                <Form method="post">
                  <input type="hidden" name="intent" value="read" />
                  <input type="hidden" name="id" value={n.id} />
                  <button type="submit" className="button button--small button--secondary">
                    Mark as read<span className="visually-hidden">: {n.summary}</span>
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
      {hasMore ? (
        <p>
          <Link to={`?page=${page + 1}`}>Older notifications</Link>
        </p>
      ) : null}
    </div>
  );
}
