// rss-parser's parseString runs xml2js (sax) synchronously: a 3 MB feed holds the thread for one to three seconds.
// So parsing happens in a worker thread, one feed at a time, and the server's event loop stays free for requests.
// A parse that runs too long is cut off by terminating the worker (a fresh one starts on the next feed).
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

export interface RawFeed {
  title?: unknown;
  link?: unknown;
  items: unknown[];
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Parser = require(workerData.parserPath);
const parser = new Parser({ defaultRSS: 2, xml2js: { strict: true } });
parentPort.on("message", async ({ id, text, maxItems }) => {
  try {
    const feed = await parser.parseString(text);
    const items = (feed.items || []).slice(0, maxItems);
    parentPort.postMessage({ id, ok: true, feed: JSON.parse(JSON.stringify({ title: feed.title, link: feed.link, items })) });
  } catch (e) {
    parentPort.postMessage({ id, ok: false, message: String((e && e.message) || e) });
  }
});
`;

type Pending = { resolve: (v: ParseOutcome) => void; timer: NodeJS.Timeout };
export type ParseOutcome = { ok: true; feed: RawFeed } | { ok: false; message: string; timedOut?: boolean };

let worker: Worker | null = null;
let seq = 0;
const pending = new Map<number, Pending>();
let queue: Promise<unknown> = Promise.resolve();

function settleAll(outcome: ParseOutcome) {
  for (const [id, p] of pending) {
    clearTimeout(p.timer);
    pending.delete(id);
    p.resolve(outcome);
  }
}

function getWorker(): Worker {
  if (worker) return worker;
  const parserPath = createRequire(import.meta.url).resolve("rss-parser");
  const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { parserPath }, resourceLimits: { maxOldGenerationSizeMb: 256 } });
  w.unref();
  w.on("message", (m: { id: number; ok: boolean; feed?: RawFeed; message?: string }) => {
    const p = pending.get(m.id);
    if (!p) return;
    clearTimeout(p.timer);
    pending.delete(m.id);
    p.resolve(m.ok ? { ok: true, feed: m.feed! } : { ok: false, message: m.message ?? "unknown error" });
  });
  const fail = (message: string) => {
    if (worker === w) worker = null;
    settleAll({ ok: false, message });
  };
  w.on("error", (e) => fail(e instanceof Error ? e.message : String(e)));
  w.on("exit", () => fail("The feed reader stopped unexpectedly."));
  worker = w;
  return w;
}

/** Parses feed XML off the main thread; one parse at a time, each within `timeoutMs`. */
export function parseInWorker(text: string, { maxItems = 200, timeoutMs = 10_000 } = {}): Promise<ParseOutcome> {
  const run = () =>
    new Promise<ParseOutcome>((resolve) => {
      const id = ++seq;
      const w = getWorker();
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve({ ok: false, message: "timeout", timedOut: true });
        if (worker === w) worker = null;
        void w.terminate();
      }, timeoutMs);
      pending.set(id, { resolve, timer });
      w.postMessage({ id, text, maxItems });
    });
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}
