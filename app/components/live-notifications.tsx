// Keeps the bell's unread count (and an open notifications page) current without reloading (issue #15): listens
// to the one live-update stream (/events) and, when something changed for this member, refetches the page's
// loaders. Without JavaScript, or if the stream drops, pages simply show the count as of their last load.
import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";

export function LiveNotifications() {
  const revalidator = useRevalidator();
  const ref = useRef(revalidator);
  ref.current = revalidator;
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource("/events");
    let timer: ReturnType<typeof setTimeout> | undefined;
    const changed = () => {
      // Several events in a burst (a mark-all-read, a busy thread) cost one refetch.
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (ref.current.state === "idle") ref.current.revalidate();
      }, 250);
    };
    source.addEventListener("notifications", changed);
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, []);
  return null;
}
