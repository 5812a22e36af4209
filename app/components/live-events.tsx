// The browser side of the one live-update stream (GET /events, app/services/events.server.ts): one EventSource per
// tab, shared by every component that listens, opened with the first listener and closed with the last. Without
// JavaScript nothing here runs and pages simply show what was true when they loaded (issue #15).
import { useEffect, useRef } from "react";

type Handler = (data: unknown) => void;
const handlers = new Map<string, Set<Handler>>();
const attached = new Set<string>();
let source: EventSource | null = null;

function ensureSource() {
  if (source || typeof EventSource === "undefined") return;
  source = new EventSource("/events");
  attached.clear();
  for (const event of handlers.keys()) attach(event);
}

function attach(event: string) {
  if (!source || attached.has(event)) return;
  attached.add(event);
  source.addEventListener(event, (e) => {
    let data: unknown = null;
    try {
      data = JSON.parse((e as MessageEvent<string>).data);
    } catch {
      data = null;
    }
    for (const h of handlers.get(event) ?? []) h(data);
  });
}

function subscribe(event: string, handler: Handler): () => void {
  let set = handlers.get(event);
  if (!set) handlers.set(event, (set = new Set()));
  set.add(handler);
  ensureSource();
  attach(event);
  return () => {
    set!.delete(handler);
    if ([...handlers.values()].every((s) => s.size === 0) && source) {
      source.close();
      source = null;
    }
  };
}

/** Calls `handler` with the JSON data of every `event` pushed to this member while the component is mounted. */
export function useLiveEvent(event: string, handler: Handler) {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => subscribe(event, (d) => ref.current(d)), [event]);
}
