// `npm run bench`: builds, starts the production server on the scale database pinned to one core, loads it from
// the other core as signed-in members, and compares every route with a bare Node http server sending a page of the
// same size, in the same run. Prints a table and writes JSON + Markdown under bench-results/.
//
//   npm run bench -- [--db data/scale.db] [--duration 10] [--soak 0] [--only home,search-rare]
import autocannon from "autocannon";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { benchScenarios, type Scenario } from "./scenarios";

const args = parseArgs(process.argv.slice(2));
const DB = path.resolve(String(args.db ?? "data/scale.db"));
const DURATION = Number(args.duration ?? 10);
const SOAK = Number(args.soak ?? 0);
const ONLY = args.only ? String(args.only).split(",") : null;
const SERVER_CPU = "0";
const LOAD_CPU = "1";
const BUILD_DIR = path.resolve("build/bench");

function parseArgs(argv: string[]) {
  const out: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("--")) continue;
    const next = argv[i + 1];
    if (next && !next.startsWith("--")) {
      out[a.slice(2)] = next;
      i++;
    } else out[a.slice(2)] = true;
  }
  return out;
}

function log(msg: string) {
  process.stderr.write(`[bench] ${msg}\n`);
}

function cpuTicks(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks
}
const TICK_MS = 1000 / Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim() || 100);

function memoryKb(pid: number): { rss: number; peak: number; anon: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const get = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: get("VmRSS"), peak: get("VmHWM"), anon: get("RssAnon") };
}

/**
 * Samples the server's memory through the run. RSS counts the database pages SQLite reads through its memory map
 * (file-backed, shared with the OS page cache, dropped under pressure); RssAnon is the process's own memory (heap,
 * SQLite's page cache), which is what can leak.
 */
function watchMemory(pid: number) {
  let peakAnon = 0;
  const samples: { t: number; anonMb: number }[] = [];
  const started = performance.now();
  const timer = setInterval(() => {
    try {
      const m = memoryKb(pid);
      peakAnon = Math.max(peakAnon, m.anon);
      samples.push({ t: (performance.now() - started) / 1000, anonMb: m.anon / 1024 });
    } catch {
      // the process has gone
    }
  }, 250);
  return {
    stop: () => clearInterval(timer),
    peakAnonMb: () => peakAnon / 1024,
    samples,
  };
}

async function waitForHttp(url: string, timeoutMs = 30_000): Promise<number> {
  const start = performance.now();
  while (performance.now() - start < timeoutMs) {
    try {
      const res = await fetch(url, { redirect: "manual" });
      await res.arrayBuffer();
      if (res.status < 500) return performance.now() - start;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

interface Server {
  url: string;
  child: ChildProcess;
  coldStartMs: number;
  stop(): Promise<void>;
}

async function startAppServer(port: number): Promise<Server> {
  const started = performance.now();
  const child = spawn(
    "taskset",
    ["-c", SERVER_CPU, process.execPath, "app/cli/serve-built.mjs"],
    {
      env: {
        ...process.env,
        NODE_ENV: "production",
        HOST: "127.0.0.1",
        PORT: String(port),
        APP_URL: `http://127.0.0.1:${port}`,
        DATABASE_PATH: DB,
        BUILD_DIR,
        WORKERS: "off",
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/login`);
  const coldStartMs = performance.now() - started;
  return {
    url,
    child,
    coldStartMs,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** A bare Node http server on the same core, sending a body of the given size: the floor to compare against. */
async function startBareServer(port: number): Promise<Server> {
  const src = `
    const http = require("node:http");
    let body = Buffer.alloc(0);
    http.createServer((req, res) => {
      const m = /^\\/size\\/(\\d+)/.exec(req.url);
      if (m && body.length !== Number(m[1])) body = Buffer.alloc(Number(m[1]), 97);
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": body.length });
      res.end(body);
    }).listen(${port}, "127.0.0.1");`;
  const started = performance.now();
  const child = spawn("taskset", ["-c", SERVER_CPU, process.execPath, "-e", src], { stdio: "inherit" });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/size/1`);
  return {
    url,
    child,
    coldStartMs: performance.now() - started,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

async function load(opts: {
  url: string;
  requests: { path: string }[];
  headers?: Record<string, string>;
  duration: number;
  connections?: number;
  overallRate?: number;
}) {
  const result = await autocannon({
    url: opts.url,
    connections: opts.connections ?? 10,
    duration: opts.duration,
    overallRate: opts.overallRate,
    headers: opts.headers,
    requests: opts.requests.map((r) => ({ method: "GET", path: r.path })),
  });
  return result;
}

/**
 * An open-loop load at an even rate: request i is due at start + i/rate whatever happened before (autocannon's
 * overallRate sends each second's budget in a burst, which measures its own queue), and its latency counts from when it
 * was due, so a stalled server cannot hide slow requests by delaying the next ones.
 */
async function fixedRate(opts: { url: string; paths: string[]; headers?: Record<string, string>; duration: number; rate: number }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const latencies: number[] = [];
  let errors = 0;
  const interval = 1000 / opts.rate;
  const n = Math.floor(opts.duration * opts.rate);
  const start = performance.now() + 50;
  const pending: Promise<void>[] = [];
  for (let i = 0; i < n; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const target = opts.url + opts.paths[i % opts.paths.length]!;
    pending.push(
      new Promise<void>((resolve) => {
        const req = http.get(target, { agent, headers: opts.headers }, (res) => {
          res.resume();
          res.on("end", () => {
            latencies.push(performance.now() - due);
            if ((res.statusCode ?? 500) >= 400) errors++;
            resolve();
          });
        });
        req.on("error", () => {
          errors++;
          resolve();
        });
      }),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return { p50: q(0.5), p99: q(0.99), max: latencies[latencies.length - 1] ?? NaN, errors };
}

async function measure(server: Server, scenario: Scenario, cookie: string | undefined, bareSize?: number) {
  const pid = server.child.pid!;
  const headers = cookie ? { cookie } : undefined;
  const requests = bareSize !== undefined ? [{ path: `/size/${bareSize}` }] : scenario.paths.map((p) => ({ path: p }));
  // Warm up, then saturate.
  await load({ url: server.url, requests, headers, duration: 2 });
  const before = cpuTicks(pid);
  const sat = await load({ url: server.url, requests, headers, duration: DURATION });
  const cpuMs = (cpuTicks(pid) - before) * TICK_MS;
  const total = sat.requests.total;
  const bad = sat.non2xx + sat.errors + sat.timeouts;
  // Let the server drain what saturation queued before latency is measured.
  await new Promise((r) => setTimeout(r, 1000));
  // Latency at a fixed request rate (below saturation), as a user meets it.
  const fixed = await fixedRate({ url: server.url, paths: requests.map((r) => r.path), headers, duration: DURATION, rate: scenario.rate });
  return {
    rps: sat.requests.average,
    cpuMsPerRequest: total ? cpuMs / total : NaN,
    errors: bad,
    p50: fixed.p50,
    p99: fixed.p99,
    max: fixed.max,
    fixedRate: scenario.rate,
    fixedErrors: fixed.errors,
  };
}

async function firstVisitJs(baseUrl: string, pagePath: string, cookie: string): Promise<number> {
  const html = await (await fetch(baseUrl + pagePath, { headers: { cookie } })).text();
  const srcs = new Set<string>();
  for (const m of html.matchAll(/<(?:script|link)\b[^>]*(?:src|href)="([^"]+\.js)"/g)) srcs.add(m[1]!);
  for (const m of html.matchAll(/import\("([^"]+\.js)"\)|from "([^"]+\.js)"/g)) srcs.add((m[1] ?? m[2])!);
  let total = 0;
  for (const src of srcs) {
    const body = Buffer.from(await (await fetch(new URL(src, baseUrl))).arrayBuffer());
    total += gzipSync(body, { level: 9 }).length;
  }
  return total;
}

async function main() {
  if (os.cpus().length < 2) log("warning: fewer than two cores; server and load share a core");
  // The load generator (this process, autocannon runs in it) stays off the server's core.
  else spawnSync("taskset", ["-a", "-p", "-c", LOAD_CPU, String(process.pid)], { stdio: "ignore" });
  if (!fs.existsSync(DB)) {
    log(`no scale database at ${DB}: creating one with the default size (npm run seed:scale)`);
    const r = spawnSync(process.execPath, ["--import", "tsx", "db/scale-seed.ts", "--db", DB], { stdio: "inherit" });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  log("building the production app…");
  const b = spawnSync(process.execPath, [path.resolve("node_modules/@remix-run/dev/dist/cli.js"), "build"], {
    env: { ...process.env, NODE_ENV: "production", BUILD_DIR },
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (b.status !== 0) process.exit(b.status ?? 1);

  const loadBefore = os.loadavg()[0]!;
  const app = await startAppServer(4610);
  const bare = await startBareServer(4611);
  const memory = watchMemory(app.child.pid!);
  const { scenarios, cookie, firstVisitPath } = await benchScenarios({ baseUrl: app.url, dbFile: DB });
  const rows: Record<string, unknown>[] = [];
  try {
    for (const s of scenarios) {
      if (ONLY && !ONLY.includes(s.name)) continue;
      const sample = await fetch(app.url + s.paths[0], { headers: { cookie } });
      const size = (await sample.arrayBuffer()).byteLength;
      if (sample.status !== 200) throw new Error(`${s.name}: ${s.paths[0]} answered ${sample.status}`);
      log(`${s.name}: ${s.paths.length} URL(s), ${size} bytes`);
      const m = await measure(app, s, cookie);
      const base = await measure(bare, { ...s, rate: s.rate }, undefined, size);
      rows.push({ route: s.name, bytes: size, ...m, bareRps: base.rps, ratio: base.rps / m.rps, target: s.target });
      log(`  ${m.rps.toFixed(0)} req/s (bare ${base.rps.toFixed(0)}), p99 ${m.p99} ms at ${s.rate}/s`);
    }
    let soak: { minutes: number; rate: number; anonStartMb: number; anonEndMb: number; anonMaxMb: number } | null = null;
    if (SOAK > 0) {
      // The mixed workload at its fixed rate; memory is compared after the first minute (caches warm) and at the end.
      const mixed = scenarios.find((s) => s.name === "mixed") ?? scenarios[0]!;
      log(`soak: mixed workload at ${mixed.rate} req/s for ${SOAK} s`);
      const from = memory.samples.length;
      await load({ url: app.url, requests: mixed.paths.map((p) => ({ path: p })), headers: { cookie }, duration: SOAK, overallRate: mixed.rate, connections: 16 });
      const during = memory.samples.slice(from);
      const warm = during.find((x) => x.t - during[0]!.t >= Math.min(60, SOAK / 4)) ?? during[0]!;
      soak = {
        minutes: SOAK / 60,
        rate: mixed.rate,
        anonStartMb: warm.anonMb,
        anonEndMb: during[during.length - 1]!.anonMb,
        anonMaxMb: Math.max(...during.map((x) => x.anonMb)),
      };
    }
    memory.stop();
    const mem = memoryKb(app.child.pid!);
    const jsGzip = await firstVisitJs(app.url, firstVisitPath, cookie);
    const report = {
      at: new Date().toISOString(),
      machine: `${os.cpus()[0]?.model ?? "cpu"} ×${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
      database: DB,
      // Other work on the machine disturbs the figures: the 1-minute load average before and after the run.
      loadAverage: { before: loadBefore, after: os.loadavg()[0]! },
      durationSeconds: DURATION,
      coldStartMs: app.coldStartMs,
      bareColdStartMs: bare.coldStartMs,
      peakMemoryMb: memory.peakAnonMb(),
      peakRssMb: mem.peak / 1024,
      firstVisitJsGzipKb: jsGzip / 1024,
      soak,
      routes: rows,
    };
    const table = renderTable(report);
    console.log(table);
    fs.mkdirSync("bench-results", { recursive: true });
    const stamp = report.at.replace(/[:.]/g, "-");
    fs.writeFileSync(`bench-results/${stamp}.json`, JSON.stringify(report, null, 2));
    fs.writeFileSync(`bench-results/latest.md`, table);
    log(`written bench-results/${stamp}.json and bench-results/latest.md`);
  } finally {
    memory.stop();
    await app.stop();
    await bare.stop();
  }
}

function renderTable(r: {
  at: string;
  machine: string;
  loadAverage: { before: number; after: number };
  coldStartMs: number;
  peakMemoryMb: number;
  peakRssMb: number;
  firstVisitJsGzipKb: number;
  soak: { minutes: number; rate: number; anonStartMb: number; anonEndMb: number; anonMaxMb: number } | null;
  routes: Record<string, unknown>[];
}): string {
  const f = (n: unknown, d = 0) => (typeof n === "number" && Number.isFinite(n) ? n.toFixed(d) : "–");
  const lines = [
    `Benchmark ${r.at} on ${r.machine}; server pinned to one core, load from the other; 1-minute load average ${r.loadAverage.before.toFixed(1)} before, ${r.loadAverage.after.toFixed(1)} after.`,
    "",
    "| route | bytes | req/s | CPU ms/req | bare req/s | bare ÷ app | p50 ms | p99 ms | max ms | at req/s | errors | target |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ...r.routes.map(
      (x) =>
        `| ${x.route} | ${x.bytes} | ${f(x.rps)} | ${f(x.cpuMsPerRequest, 2)} | ${f(x.bareRps)} | ${f(x.ratio, 0)}× | ${f(x.p50, 1)} | ${f(x.p99, 1)} | ${f(x.max, 1)} | ${x.fixedRate}${Number(x.rps) < Number(x.fixedRate) ? " (over capacity)" : ""} | ${Number(x.errors) + Number(x.fixedErrors)} | ${x.target} |`,
    ),
    "",
    `Cold start to first page: ${f(r.coldStartMs)} ms · peak memory: ${f(r.peakMemoryMb)} MB own (RssAnon), ${f(r.peakRssMb)} MB RSS with the memory-mapped database · first-visit JavaScript: ${f(r.firstVisitJsGzipKb, 1)} KB gzipped` +
      (r.soak
        ? ` · soak ${f(r.soak.minutes, 1)} min of the mixed workload at ${r.soak.rate} req/s: own memory ${f(r.soak.anonStartMb)} MB after warm-up → ${f(r.soak.anonEndMb)} MB at the end (max ${f(r.soak.anonMaxMb)} MB)`
        : ""),
  ];
  return lines.join("\n");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
