// Shared by the news routes (issue #7): query parsing, dates and a source's status in plain words.
import { z } from "zod";
import { formatDate } from "~/utils/dates";
import type { NewsItemView, SourceStatusView } from "~/components/news";
import { type NewsSource, sourceTags } from "~/models/news.server";
import { CursorSchema, type NewsListItem } from "~/models/news-items.server";

const stamp = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function formatDay(d: Date | string) {
  return formatDate(d);
}

export function toItemViews(items: NewsListItem[]): NewsItemView[] {
  return items.map((i) => ({ ...i, date: formatDay(i.publishedAt) }));
}

export const ListQuerySchema = z.object({
  source: z.coerce.number().int().positive().optional().catch(undefined),
  tag: z.string().trim().toLowerCase().max(40).optional().catch(undefined),
  cursor: CursorSchema.optional().catch(undefined),
});

export function readListQuery(request: Request) {
  const url = new URL(request.url);
  const q = ListQuerySchema.parse({
    source: url.searchParams.get("source") || undefined,
    tag: url.searchParams.get("tag") || undefined,
    cursor: url.searchParams.get("cursor") || undefined,
  });
  return { sourceId: q.source ?? null, tag: q.tag || null, cursor: q.cursor ?? null, path: url.pathname };
}

export function olderHref(path: string, params: { source?: number | null; tag?: string | null }, next: string | null) {
  if (!next) return null;
  const sp = new URLSearchParams();
  if (params.source) sp.set("source", String(params.source));
  if (params.tag) sp.set("tag", params.tag);
  sp.set("cursor", next);
  return `${path}?${sp.toString()}`;
}

function ago(d: Date, now: Date): string {
  const mins = Math.round((now.getTime() - d.getTime()) / 60_000);
  if (mins < 1) return "just now";
  if (mins < 60) return `${mins} minute${mins === 1 ? "" : "s"} ago`;
  const hours = Math.round(mins / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? "" : "s"} ago`;
  return `on ${stamp.format(d)} UTC`;
}

function until(d: Date, now: Date): string {
  const mins = Math.round((d.getTime() - now.getTime()) / 60_000);
  if (mins <= 1) return "in a minute or so";
  if (mins < 90) return `in about ${mins} minutes`;
  const hours = Math.round(mins / 60);
  return hours < 36 ? `in about ${hours} hours` : `on ${stamp.format(d)} UTC`;
}

/** What a source's fetching looks like, in words. */
export function sourceStatus(s: NewsSource, now = new Date()): SourceStatusView {
  if (!s.lastFetchedAt) {
    return { state: "new", text: "The first fetch happens within a few minutes; its news appears here then." };
  }
  if (s.lastError) {
    const last = s.lastSuccessAt ? ` Last successful fetch ${ago(s.lastSuccessAt, now)}.` : "";
    const tries = s.consecutiveFailures > 1 ? ` (${s.consecutiveFailures} attempts in a row)` : "";
    return {
      state: "failing",
      text: `${s.lastError} Failed ${ago(s.lastErrorAt ?? s.lastFetchedAt, now)}${tries}.${last} Next try ${until(s.nextFetchAt, now)}.`,
    };
  }
  return { state: "ok", text: `Fetched ${ago(s.lastSuccessAt ?? s.lastFetchedAt, now)}. ${s.lastNotice ?? ""}`.trim() };
}

export function sourceRow(s: NewsSource, counts?: { approved: number; pending: number }) {
  return {
    id: s.id,
    name: s.name,
    url: s.url,
    siteUrl: s.siteUrl,
    tags: sourceTags(s),
    requiresApproval: s.requiresApproval,
    includeKeywords: s.includeKeywords,
    excludeKeywords: s.excludeKeywords,
    status: sourceStatus(s),
    approved: counts?.approved ?? 0,
    pending: counts?.pending ?? 0,
  };
}

export type SourceRowView = ReturnType<typeof sourceRow>;

export const IdSchema = z.coerce.number().int().positive();

/**
 * The sources behind a news page and the empty-list sentence that fits them. Whether a source's fetching works is
 * staff information (issue #22): members see the sources' names and count only.
 */
export function sourcesOverview(sources: NewsSource[], filtered: boolean, { staff }: { staff: boolean }) {
  if (!staff) {
    return {
      rows: sources.map((s) => ({ id: s.id, name: s.name, status: null })),
      summary: `Sources: ${sources.length}`,
      empty: !sources.length
        ? "There are no news sources here yet."
        : filtered
          ? "No news matches these filters yet."
          : sources.every((s) => !s.lastFetchedAt)
            ? "The news sources have not been fetched yet. News appears here after the first fetch, usually within a few minutes."
            : "No news yet. Headlines appear here as the sources publish them.",
    };
  }
  const rows = sources.map((s) => ({ id: s.id, name: s.name, status: sourceStatus(s) as SourceStatusView | null }));
  const count = (state: SourceStatusView["state"]) => rows.filter((r) => r.status?.state === state).length;
  const working = count("ok");
  const failing = count("failing");
  const fresh = count("new");
  const parts = [
    working ? `${working} working` : null,
    failing ? `${failing} failing` : null,
    fresh ? `${fresh} not fetched yet` : null,
  ].filter(Boolean);
  const summary = `Sources: ${rows.length}${parts.length ? ` (${parts.join(", ")})` : ""}`;
  const empty = !rows.length
    ? "There are no news sources here yet."
    : filtered
      ? "No news matches these filters yet."
      : working === 0 && failing === 0
        ? "The news sources have not been fetched yet. News appears here after the first fetch, usually within a few minutes."
        : working === 0
          ? "The news sources could not be fetched so far; their status is listed below. News appears as soon as a fetch succeeds."
          : "No news yet.";
  return { rows, summary, empty };
}

const ItemKeySchema = z
  .string()
  .regex(/^\d{1,12}:\d{1,12}$/)
  .transform((k) => {
    const [itemId, sourceId] = k.split(":").map(Number);
    return { itemId: itemId!, sourceId: sourceId! };
  });

/**
 * The approval form (issue #22): one form with a checkbox per pending item ("item" = "itemId:sourceId"), buttons
 * that decide the ticked ones ("decision"), and per-item buttons ("one" = "approved:itemId:sourceId").
 */
export const DecisionsSchema = z.union([
  z.object({ one: z.string().regex(/^(approved|rejected):\d{1,12}:\d{1,12}$/) }).transform(({ one }) => {
    const at = one.indexOf(":");
    return { decision: one.slice(0, at) as "approved" | "rejected", items: [ItemKeySchema.parse(one.slice(at + 1))] };
  }),
  z
    .object({ decision: z.enum(["approved", "rejected"]), item: z.array(ItemKeySchema).max(200) })
    .transform(({ decision, item }) => ({ decision, items: item })),
]);

export function decisionsFlash(decision: "approved" | "rejected", asked: number, done: number) {
  if (!done) return { kind: "info" as const, message: asked === 1 ? "That item was already decided." : "Those items were already decided." };
  const what = done === 1 ? "The item" : `${done} items`;
  const verb = decision === "approved" ? `${done === 1 ? "is" : "are"} now shown to members.` : `${done === 1 ? "was" : "were"} rejected.`;
  const already = asked > done ? ` ${asked - done} had already been decided.` : "";
  return { kind: "success" as const, message: `${what} ${verb}${already}` };
}
