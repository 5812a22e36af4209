// Background news work (issue #7): refreshing due sources a few at a time, refreshing one on demand, and the news
// digest mail. Everything is async; at most MAX_CONCURRENT fetches run at once in this process, whoever asked.
import { fetchFeed, type FetchFeedOptions } from "~/services/feed-fetch.server";
import { getSource, type NewsSource } from "~/models/news.server";
import { claimDueSources, recordFailure, recordNotModified, recordSuccess } from "~/models/news-fetch-state.server";

export const MAX_CONCURRENT = 3;

let active = 0;
const waiting: (() => void)[] = [];
const inFlight = new Map<number, Promise<RefreshOutcome>>();

async function withSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (active >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  active++;
  try {
    return await fn();
  } finally {
    active--;
    waiting.shift()?.();
  }
}

export type RefreshOutcome = { ok: true; added: number; notModified: boolean } | { ok: false; error: string };

type Opts = Omit<FetchFeedOptions, "etag" | "lastModified"> & {
  /** The clock the results are recorded with (tests run the schedule forward). */
  clock?: () => Date;
};

async function refresh(source: NewsSource, opts: Opts): Promise<RefreshOutcome> {
  const now = opts.clock ?? (() => new Date());
  const r = await withSlot(() =>
    fetchFeed(source.url, { ...opts, etag: source.etag, lastModified: source.lastModified }),
  );
  try {
    if (!r.ok) {
      recordFailure({ sourceId: source.id, error: r.error, now: now() });
      return { ok: false, error: r.error };
    }
    if (r.value.notModified) {
      recordNotModified({ sourceId: source.id, etag: r.value.etag, lastModified: r.value.lastModified, now: now() });
      return { ok: true, added: 0, notModified: true };
    }
    const { added } = recordSuccess({
      sourceId: source.id,
      feed: r.value.feed,
      etag: r.value.etag,
      lastModified: r.value.lastModified,
      now: now(),
    });
    return { ok: true, added, notModified: false };
  } catch (e) {
    console.error(`[news] storing source ${source.id} failed`, e);
    const error = "The feed was fetched but could not be stored; it will be tried again.";
    recordFailure({ sourceId: source.id, error, now: now() });
    return { ok: false, error };
  }
}

function once(source: NewsSource, opts: Opts): Promise<RefreshOutcome> {
  const existing = inFlight.get(source.id);
  if (existing) return existing;
  const p = refresh(source, opts).finally(() => inFlight.delete(source.id));
  inFlight.set(source.id, p);
  return p;
}

/** Refreshes one source now (the "Refresh now" buttons, and right after a source is added). */
export async function refreshSourceNow(
  sourceId: number,
  opts: Opts = {},
): Promise<RefreshOutcome> {
  const source = getSource({ id: sourceId });
  if (!source) return { ok: false, error: "That source no longer exists." };
  // A manual refresh ignores the validators: the person asking wants to see the feed as it is now.
  return once({ ...source, etag: null, lastModified: null }, opts);
}

/** Refreshes due sources, at most `batch` per call and MAX_CONCURRENT at a time; one failure never stops the rest. */
export async function refreshDueSources({
  now = new Date(),
  batch = 12,
  ...opts
}: { now?: Date; batch?: number } & Opts = {}): Promise<
  { sourceId: number; outcome: RefreshOutcome }[]
> {
  const due = claimDueSources({ now, limit: batch, exclude: [...inFlight.keys()] });
  const results = await Promise.all(
    due.map(async (s) => ({ sourceId: s.id, outcome: await once(s, { clock: () => now, ...opts }) })),
  );
  return results;
}
