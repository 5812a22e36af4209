// The unread-messages count in the site header, kept current by the live-update stream (issue #15).
import { NavLink } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useLiveEvent } from "./live-events";

export function MessagesLink({ unread }: { unread: number }) {
  const [count, setCount] = useState(unread);
  useEffect(() => setCount(unread), [unread]);
  useLiveEvent("messages", (data) => {
    const n = (data as { unread?: unknown } | null)?.unread;
    if (typeof n === "number") setCount(n);
  });
  return (
    <NavLink to="/messages" aria-label={count ? `Messages, ${count} unread` : undefined}>
      Messages
      {count ? (
        <span className="badge badge--count" data-testid="unread-messages" aria-hidden="true">
          {count}
        </span>
      ) : null}
    </NavLink>
  );
}
