// The spine's one answer to "may this viewer see it?" (COMMUNITY-DESIGN.md). Notifications, reports, bookmarks,
// search and counts store an ItemRef (kind + id), never a copy of the content; every path that shows an item or its
// title asks here first. Each kind's handler lives with its feature and is registered in item-kinds.server.ts.
import { kindHandlers } from "./item-kinds.server";
import { moderatedRefs, passesModeration } from "./moderation-state.server";

export const ITEM_KINDS = [
  "question",
  "answer",
  "post",
  "comment",
  "wiki",
  "message",
  "job",
  "referral",
  "document",
  "bookmark",
  "profile",
  "seminar",
  "enrolment",
  "certificate",
  "invitation",
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export interface ItemRef {
  kind: ItemKind;
  id: number;
}

/** Who is looking. A SessionUser fits. */
export interface Viewer {
  id: number;
  role: "admin" | "member";
}

export interface ItemSummary {
  /** Plain text, never HTML. */
  title: string;
  /** An in-app path ("/s/<slug>/…"). */
  href: string;
  seminarId: number | null;
}

export interface KindHandler {
  /** Of these ids, the ones this viewer may see (batch: one or two queries, never one per id). */
  visibleIds(viewer: Viewer, ids: number[]): Set<number>;
  /** Title and path of each id that exists. No visibility check: callers go through summarizeVisible. */
  summarize(ids: number[]): Map<number, ItemSummary>;
}

export const refKey = (ref: ItemRef): string => `${ref.kind}:${ref.id}`;

export function isItemKind(kind: string): kind is ItemKind {
  return (ITEM_KINDS as readonly string[]).includes(kind);
}

function handlerFor(kind: string): KindHandler | null {
  return isItemKind(kind) ? (kindHandlers()[kind] ?? null) : null;
}

/** Refs of this viewer may see, in the order given. Unknown kinds are never visible. */
export function visibleRefs(viewer: Viewer, refs: ItemRef[]): ItemRef[] {
  const byKind = new Map<ItemKind, number[]>();
  for (const r of refs) {
    const list = byKind.get(r.kind) ?? [];
    list.push(r.id);
    byKind.set(r.kind, list);
  }
  const allowed = new Set<string>();
  for (const [kind, ids] of byKind) {
    const handler = handlerFor(kind);
    if (!handler) continue;
    for (const id of handler.visibleIds(viewer, [...new Set(ids)])) allowed.add(`${kind}:${id}`);
  }
  // Moderation applies to every kind the same way (issue #15): a hidden item only for its author and staff, a
  // removed one for nobody. One query for the whole batch.
  const moderated = moderatedRefs(refs.filter((r) => allowed.has(refKey(r))));
  return refs.filter((r) => allowed.has(refKey(r)) && passesModeration(viewer, moderated.get(refKey(r))));
}

export function canSee(viewer: Viewer, ref: ItemRef): boolean {
  return visibleRefs(viewer, [ref]).length === 1;
}

/** Title and path of each ref the viewer may see, keyed by refKey; the others are simply absent. */
export function summarizeVisible(viewer: Viewer, refs: ItemRef[]): Map<string, ItemSummary> {
  const out = new Map<string, ItemSummary>();
  const byKind = new Map<ItemKind, number[]>();
  for (const r of visibleRefs(viewer, refs)) {
    const list = byKind.get(r.kind) ?? [];
    list.push(r.id);
    byKind.set(r.kind, list);
  }
  for (const [kind, ids] of byKind) {
    for (const [id, s] of handlerFor(kind)!.summarize(ids)) out.set(`${kind}:${id}`, s);
  }
  return out;
}
