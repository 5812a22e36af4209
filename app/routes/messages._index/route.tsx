// The member's conversations, newest first (issue #15). Unread ones are marked; the header count says how many.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/guards.server";
import { useLiveEvent } from "~/components/live-events";
import { LocalTime } from "~/components/local-time";
import { listInbox } from "~/models/messages.server";

export const meta: MetaFunction = () => [{ title: "Messages · Colloquy" }];

const BeforeSchema = z.coerce.number().int().positive().optional().catch(undefined);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const before = BeforeSchema.parse(new URL(request.url).searchParams.get("before") ?? undefined);
  const inbox = listInbox({ userId: user.id, before });
  return {
    rows: inbox.rows.map((r) => ({ ...r, lastAt: new Date(r.lastAt).toISOString() })),
    nextBefore: inbox.nextBefore,
    paged: before !== undefined,
  };
}

export default function Inbox() {
  const { rows, nextBefore, paged } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  useLiveEvent("messages", () => {
    if (revalidator.state === "idle") revalidator.revalidate();
  });
  return (
    <div className="narrow stack">
      <div className="page-head">
        <h1>Messages</h1>
        <p className="muted">
          Start a conversation from a member’s profile or a seminar roster. <Link to="/profile/settings#messaging">Who may message you</Link>
          {" · "}
          <Link to="/messages" reloadDocument>
            Check for new messages
          </Link>
        </p>
      </div>
      {rows.length === 0 ? (
        <p className="card">{paged ? "No older conversations." : "No conversations yet."}</p>
      ) : (
        <ul className="plain-list conversation-list" aria-label="Conversations">
          {rows.map((r) => {
            const who = r.title || r.people.map((p) => p.name).join(", ") || "Only you";
            return (
              <li key={r.id} className={`card conversation-row${r.unread ? " conversation-row--unread" : ""}`}>
                <Link to={`/messages/${r.id}`}>
                  <strong>{who}</strong>
                </Link>
                {r.unread ? <span className="badge">Unread</span> : null} {r.muted ? <span className="badge">Muted</span> : null}
                <p className="muted">
                  {r.lastAuthor ? `${r.lastAuthor}: ` : ""}
                  {r.excerpt} · <LocalTime iso={r.lastAt} />
                </p>
              </li>
            );
          })}
        </ul>
      )}
      {nextBefore ? (
        <p>
          <Link to={`/messages?before=${nextBefore}`}>Older conversations</Link>
        </p>
      ) : null}
    </div>
  );
}
