// TEMPORARY SHIM (untracked): the spine's API until main has it.
import { KIND_HANDLERS } from "./item-kinds.server";
export type ItemKind = "question" | "answer" | "post" | "comment" | "wiki" | "message" | "job" | "referral"
  | "document" | "bookmark" | "profile" | "seminar";
export interface ItemRef { kind: ItemKind; id: number }
export interface Viewer { id: number; role: "admin" | "member" }
export interface ItemSummary { title: string; href: string; seminarId: number | null }
export interface KindHandler {
  visibleIds(viewer: Viewer, ids: number[]): Set<number>;
  summarize(ids: number[]): Map<number, ItemSummary>;
}
export const refKey = (ref: ItemRef) => `${ref.kind}:${ref.id}`;
export function canSee(viewer: Viewer, ref: ItemRef): boolean {
  const h = (KIND_HANDLERS as Partial<Record<string, KindHandler>>)[ref.kind];
  return !!h && h.visibleIds(viewer, [ref.id]).has(ref.id);
}
export function visibleRefs(viewer: Viewer, refs: ItemRef[]): ItemRef[] {
  return refs.filter((r) => canSee(viewer, r));
}
export function summarizeVisible(viewer: Viewer, refs: ItemRef[]): Map<string, ItemSummary> {
  const out = new Map<string, ItemSummary>();
  for (const r of visibleRefs(viewer, refs)) {
    const h = (KIND_HANDLERS as Partial<Record<string, KindHandler>>)[r.kind]!;
    const s = h.summarize([r.id]).get(r.id);
    if (s) out.set(refKey(r), s);
  }
  return out;
}
