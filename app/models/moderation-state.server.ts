// Which items moderators hid or removed (issue #15), read by the spine's canSee for every kind alike: a hidden item
// is seen only by its author (who is told it is hidden) and staff; a removed one by nobody. No other dependency, so
// the spine can import it without a cycle.
import { prepared } from "./db.server";

export type ModerationState = "hidden" | "removed";

interface Row {
  kind: string;
  id: number;
  state: ModerationState;
  authorId: number | null;
}

/** The moderation state of these refs that have one, keyed "kind:id" (one query for any number). */
export function moderatedRefs(refs: { kind: string; id: number }[]): Map<string, { state: ModerationState; authorId: number | null }> {
  const out = new Map<string, { state: ModerationState; authorId: number | null }>();
  if (!refs.length) return out;
  const rows = prepared("moderation.refs", (d) =>
    d.$client.prepare(
      `select item_kind as kind, item_id as id, state, author_id as authorId from moderated_items
       where (item_kind || ':' || item_id) in (select value from json_each(?))`,
    ),
  ).all(JSON.stringify(refs.map((r) => `${r.kind}:${r.id}`))) as Row[];
  for (const r of rows) out.set(`${r.kind}:${r.id}`, { state: r.state, authorId: r.authorId });
  return out;
}

/** For one kind: id -> state, for the ids that have one. */
export function moderationStates(kind: string, ids: number[]): Map<number, ModerationState> {
  const out = new Map<number, ModerationState>();
  if (!ids.length) return out;
  const rows = prepared("moderation.kind", (d) =>
    d.$client.prepare(
      `select item_id as id, state from moderated_items where item_kind = ? and item_id in (select value from json_each(?))`,
    ),
  ).all(kind, JSON.stringify(ids)) as { id: number; state: ModerationState }[];
  for (const r of rows) out.set(r.id, r.state);
  return out;
}

/** Whether a viewer may still see an item in this state: removed, nobody; hidden, its author and staff. */
export function passesModeration(viewer: { id: number; role: "admin" | "member" }, m: { state: ModerationState; authorId: number | null } | undefined): boolean {
  if (!m) return true;
  if (m.state === "removed") return false;
  return viewer.role === "admin" || (m.authorId !== null && m.authorId === viewer.id);
}

/** "hidden" when the viewer sees this item only because they wrote it (or are staff): pages show the notice. */
export function hiddenNoticeFor(ref: { kind: string; id: number }): ModerationState | null {
  return moderatedRefs([ref]).get(`${ref.kind}:${ref.id}`)?.state ?? null;
}

/** Search results without what moderation keeps from this viewer: a hidden item only for its author and staff, a
 *  removed one for nobody (the index still holds both). One query for the page of hits. */
export function withoutModerated<R extends { hits: { kind: string; refId: number }[] }>(viewer: { id: number; role: "admin" | "member" }, result: R): R {
  const moderated = moderatedRefs(result.hits.map((h) => ({ kind: h.kind, id: h.refId })));
  if (!moderated.size) return result;
  return { ...result, hits: result.hits.filter((h) => passesModeration(viewer, moderated.get(`${h.kind}:${h.refId}`))) };
}
