// Mentions (issue #15): `@name` in the markdown of a post, comment, wiki page or answer tells that person, through
// notify(), which drops everyone who may not see the item (canSee). Completion inserts `@[Ada Lovelace](/people/12)`,
// which names the person exactly; a hand-typed `@Ada Lovelace` or `@Ada` counts when exactly one of the people who
// may see the content has that name. Editing only notifies people newly mentioned.
import type { DB } from "./db.server";
import { summarizeVisible, type ItemRef } from "./items.server";
import { notify } from "./notifications.server";

/** At most this many people are notified from one text (a list of the whole class is not a mention). */
export const MAX_MENTIONS = 20;

export interface MentionCandidate {
  id: number;
  name: string;
}

/** Text without code (fenced blocks and inline spans), where an @ is not a mention. */
function withoutCode(md: string): string {
  return md.replace(/```[\s\S]*?```|~~~[\s\S]*?~~~/g, " ").replace(/`[^`\n]*`/g, " ");
}

/** The people a markdown text mentions: explicit `@[Name](/people/ID)` links, and unambiguous hand-typed names. */
export function mentionedIds(markdown: string, candidates: MentionCandidate[]): number[] {
  const text = withoutCode(markdown);
  const found = new Set<number>();
  for (const m of text.matchAll(/@\[[^\]\n]{1,120}\]\(\/people\/([1-9][0-9]{0,9})\)/g)) found.add(Number(m[1]));
  const byFull = new Map<string, number[]>();
  const byFirst = new Map<string, number[]>();
  for (const c of candidates) {
    const full = c.name.trim().toLowerCase().replace(/\s+/g, " ");
    byFull.set(full, [...(byFull.get(full) ?? []), c.id]);
    const first = full.split(" ")[0]!;
    byFirst.set(first, [...(byFirst.get(first) ?? []), c.id]);
  }
  const plain = text.replace(/@\[[^\]\n]{1,120}\]\([^)\n]*\)/g, " ");
  for (const m of plain.matchAll(/(?:^|[^\p{L}\p{N}_@.])@(\p{L}[\p{L}'’-]*)(?:[ \u00a0](\p{L}[\p{L}'’-]*))?/gu)) {
    const one = m[1]!.toLowerCase();
    const two = m[2] ? `${one} ${m[2].toLowerCase()}` : null;
    const full = two ? byFull.get(two) : undefined;
    if (full?.length === 1) {
      found.add(full[0]!);
      continue;
    }
    const single = byFull.get(one) ?? byFirst.get(one);
    if (single?.length === 1) found.add(single[0]!);
  }
  return [...found].slice(0, MAX_MENTIONS);
}

/** The active members of a seminar (who may see its content), for matching hand-typed names and for completion. */
export function seminarMentionCandidates(tx: DB, { seminarId }: { seminarId: number }): MentionCandidate[] {
  return tx.$client
    .prepare(
      `select u.id, u.name from memberships m join users u on u.id = m.user_id
        where m.seminar_id = ? and u.status = 'active' order by u.name limit 2000`,
    )
    .all(seminarId) as MentionCandidate[];
}

/**
 * Content of no seminar (a network question and its answers) is seen by every member: the hand-typed names are looked
 * up among active members whose name starts with the typed word, a few at a time (not the whole network).
 */
export function networkMentionCandidates(tx: DB, markdown: string): MentionCandidate[] {
  const words = [...new Set([...withoutCode(markdown).matchAll(/(?:^|[^\p{L}\p{N}_@.])@(\p{L}[\p{L}'’-]*)/gu)].map((m) => m[1]!.toLowerCase()))].slice(0, MAX_MENTIONS);
  const out = new Map<number, MentionCandidate>();
  const stmt = tx.$client.prepare(`select id, name from users where status = 'active' and lower(name) like ? escape '\\' order by id limit 50`);
  for (const w of words) {
    for (const c of stmt.all(`${w.replace(/[\\%_]/g, (x) => `\\${x}`)}%`) as MentionCandidate[]) out.set(c.id, c);
  }
  return [...out.values()];
}

/**
 * Call inside the write transaction that saves the text. Notifies the people mentioned in `markdown` and not already
 * in `previous` (an edit), through notify(): those who may not see the item are dropped there.
 */
export function notifyMentions(
  tx: DB,
  {
    ref,
    seminarId,
    actorId,
    markdown,
    previous = "",
    exclude = [],
  }: { exclude?: number[]; ref: ItemRef; /** null: content every member may see (a network question's answers). */ seminarId: number | null; actorId: number; markdown: string; previous?: string },
): number[] {
  if (!markdown.includes("@")) return [];
  const actor = tx.$client.prepare(`select id, name, role from users where id = ?`).get(actorId) as
    | { id: number; name: string; role: "admin" | "member" }
    | undefined;
  if (!actor) return [];
  const candidates = seminarId === null ? networkMentionCandidates(tx, `${markdown}\n${previous}`) : seminarMentionCandidates(tx, { seminarId });
  const before = new Set(previous.includes("@") ? mentionedIds(previous, candidates) : []);
  const recipients = mentionedIds(markdown, candidates).filter((id) => !before.has(id) && id !== actor.id && !exclude.includes(id));
  if (!recipients.length) return [];
  const title = summarizeVisible(actor, [ref]).get(`${ref.kind}:${ref.id}`)?.title ?? "a page";
  return notify(tx, {
    ref,
    event: "mention",
    actorId: actor.id,
    recipients,
    topic: "mentions",
    summary: `${actor.name} mentioned you in “${title.replace(/^(?:Comment on|Answer to) “(.*)”$/, "$1")}”`,
  });
}

/** Completion: members of the seminar whose name starts with (or has a word starting with) `q`. */
export function completeMentions(tx: DB, { seminarId, q, limit = 8 }: { seminarId: number; q: string; limit?: number }): MentionCandidate[] {
  const needle = q.trim().toLowerCase();
  if (!needle) return [];
  return seminarMentionCandidates(tx, { seminarId })
    .filter((c) => {
      const name = c.name.toLowerCase();
      return name.startsWith(needle) || name.split(/\s+/).some((w) => w.startsWith(needle));
    })
    .slice(0, limit);
}
