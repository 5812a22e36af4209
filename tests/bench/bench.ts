// `npm run bench`: builds, then measures PAIRED (issue 23): the production server and a bare node:http server sending
// a body of the same size run at the same time on the same core, each loaded by its own generator process (from the
// other core) over the same window, for several rounds that alternate which starts first. Whatever else runs on the
// machine slows both alike, so the median per-round ratio (bare ÷ app) holds where raw req/s swing by a third; CPU ms
// per request comes from /proc. Then a whole-machine run: every worker on every core against one worker, and search
// latency at a fixed rate. Prints a table with the load average and writes JSON + Markdown under bench-results/.
//
//   npm run bench -- [--db data/scale.db] [--duration 5] [--rounds 5] [--only home,signin] [--no-machine]
//                    [--ab-rendering]   (the "bare" side is the app streaming its pages: string vs stream rendering)
//                    [--ab-checkout DIR] (the "bare" side is the app of another checkout, e.g. a git worktree of an
//                                         earlier commit with its node_modules: built there, served on the same database)
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { benchScenarios, type Scenario } from "./scenarios";

const args = parseArgs(process.argv.slice(2));
const DB = path.resolve(String(args.db ?? "data/scale.db"));
const DURATION = Number(args.duration ?? 5);
const ROUNDS = Number(args.rounds ?? 5);
const MACHINE = args["no-machine"] !== true;
/** `--ab-rendering`: instead of the bare server, pair the app with itself rendering by streaming (DOCUMENT_RENDERING=stream). */
const AB_RENDERING = args["ab-rendering"] === true;
/** `--ab-checkout DIR`: pair the app with the app of another checkout (is a change slower than the code before it?). */
const AB_CHECKOUT = typeof args["ab-checkout"] === "string" ? path.resolve(String(args["ab-checkout"])) : null;
const AB = AB_RENDERING || AB_CHECKOUT !== null;
/** Against a bare server the ratio is large (one decimal is enough); app against app it sits near 1 (two decimals). */
const RATIO_DIGITS = AB ? 2 : 1;
const ONLY = args.only ? String(args.only).split(",") : null;
const SERVER_CPU = "0";
const LOAD_CPU = "1";
const CORES = os.cpus().length;
const ALL_CPUS = `0-${CORES - 1}`;
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
/** CPU ticks of a process and all its descendants (a cluster primary and its workers). */
function treeCpuTicks(pid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone
    }
  }
  let total = 0;
  const walk = (p: number) => {
    try {
      total += cpuTicks(p);
    } catch {
      return;
    }
    for (const c of children.get(p) ?? []) walk(c);
  };
  walk(pid);
  return total;
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

/** The production server: one worker pinned to the server core, or (whole machine) `workers` workers on every core. */
async function startAppServer(port: number, opts: { workers?: number; env?: Record<string, string>; checkout?: string } = {}): Promise<Server> {
  const started = performance.now();
  const pinned = opts.workers === undefined;
  const child = spawn(
    "taskset",
    ["-c", pinned ? SERVER_CPU : ALL_CPUS, process.execPath, "app/cli/serve-built.mjs"],
    {
      cwd: opts.checkout ?? process.cwd(),
      env: {
        ...process.env,
        NODE_ENV: "production",
        HOST: "127.0.0.1",
        PORT: String(port),
        APP_URL: `http://127.0.0.1:${port}`,
        DATABASE_PATH: DB,
        BUILD_DIR: opts.checkout ? path.join(opts.checkout, "build/bench") : BUILD_DIR,
        WORKERS: "off",
        WEB_CONCURRENCY: String(opts.workers ?? 1),
        ...opts.env,
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  spawnedServers.add(child);
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
  spawnedServers.add(child);
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


/** Runs one generator process for the window; resolves with what it completed. */
function generate(opts: { url: string; paths: string[]; headers?: Record<string, string>; duration: number; connections?: number }, pinned = true) {
  const argv = [path.resolve("tests/bench/load-generator.mjs"), JSON.stringify(opts)];
  // This process is pinned to the load core; an unpinned generator is given every core back explicitly.
  const child = spawn("taskset", ["-c", pinned ? LOAD_CPU : ALL_CPUS, process.execPath, ...argv]);
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => process.stderr.write(d));
  return new Promise<{ requests: number; errors: number }>((resolve, reject) =>
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1)!)) : reject(new Error(`generator exited ${code}`)))),
  );
}

const median = (xs: number[]) => {
  const v = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m]! : (v[m - 1]! + v[m]!) / 2;
};

interface Round {
  appRps: number;
  bareRps: number;
  ratio: number;
  appCpuMs: number;
  bareCpuMs: number;
  errors: number;
}

/**
 * Paired rounds: both servers on the same core, each under its own generator over the same window. Odd rounds start
 * the app's generator first, even rounds the bare one's, so neither always has the head start.
 */
async function paired(
  app: Server,
  bare: Server,
  paths: string[],
  headers: Record<string, string> | undefined,
  bytes: number,
  /** The other side's load; by default the bare server's body of the same size. */
  other?: { paths: string[]; headers?: Record<string, string> },
) {
  const rounds: Round[] = [];
  const appLoad = { url: app.url, paths, headers, duration: DURATION };
  const bareLoad = { url: bare.url, paths: other?.paths ?? [`/size/${bytes}`], headers: other?.headers, duration: DURATION };
  // Warm-up (JIT, caches), not counted.
  await Promise.all([generate({ ...appLoad, duration: 1 }), generate({ ...bareLoad, duration: 1 })]);
  for (let r = 0; r < ROUNDS; r++) {
    const a0 = treeCpuTicks(app.child.pid!);
    const b0 = treeCpuTicks(bare.child.pid!);
    const [appRes, bareRes] =
      r % 2 === 0
        ? await Promise.all([generate(appLoad), generate(bareLoad)])
        : await Promise.all([generate(bareLoad), generate(appLoad)]).then(([b, a]) => [a, b] as const);
    const appCpu = (treeCpuTicks(app.child.pid!) - a0) * TICK_MS;
    const bareCpu = (treeCpuTicks(bare.child.pid!) - b0) * TICK_MS;
    rounds.push({
      appRps: appRes.requests / DURATION,
      bareRps: bareRes.requests / DURATION,
      ratio: bareRes.requests / appRes.requests,
      appCpuMs: appCpu / appRes.requests,
      bareCpuMs: bareCpu / bareRes.requests,
      errors: appRes.errors,
    });
  }
  return {
    rounds,
    ratio: median(rounds.map((x) => x.ratio)),
    appCpuMs: median(rounds.map((x) => x.appCpuMs)),
    bareCpuMs: median(rounds.map((x) => x.bareCpuMs)),
    appRps: median(rounds.map((x) => x.appRps)),
    bareRps: median(rounds.map((x) => x.bareRps)),
    ratioRange: [Math.min(...rounds.map((x) => x.ratio)), Math.max(...rounds.map((x) => x.ratio))],
    errors: rounds.reduce((n, x) => n + x.errors, 0),
  };
}

/**
 * The whole machine: one worker and every-core workers, loaded in alternating rounds by an unpinned generator (which
 * shares the cores: on a two-core machine it takes a good part of one). Reports the median throughput ratio.
 */
async function wholeMachine(paths: string[], headers: Record<string, string>) {
  const cores = CORES;
  const one = await startAppServer(4620, { workers: 1 });
  const all = await startAppServer(4621, { workers: cores });
  try {
    const rounds: { one: number; all: number; allCpuMs: number }[] = [];
    await Promise.all([generate({ url: one.url, paths, headers, duration: 1 }, false), generate({ url: all.url, paths, headers, duration: 1 }, false)]);
    for (let r = 0; r < ROUNDS; r++) {
      const order = r % 2 === 0 ? [one, all] : [all, one];
      const got = new Map<Server, number>();
      let allCpuMs = NaN;
      for (const server of order) {
        const c0 = treeCpuTicks(server.child.pid!);
        const res = await generate({ url: server.url, paths, headers, duration: DURATION, connections: 20 }, false);
        got.set(server, res.requests / DURATION);
        if (server === all) allCpuMs = ((treeCpuTicks(server.child.pid!) - c0) * TICK_MS) / res.requests;
      }
      rounds.push({ one: got.get(one)!, all: got.get(all)!, allCpuMs });
    }
    const memMb = workerMemoryMb(all.child.pid!);
    return {
      cores,
      oneRps: median(rounds.map((x) => x.one)),
      allRps: median(rounds.map((x) => x.all)),
      scaling: median(rounds.map((x) => x.all / x.one)),
      allCpuMs: median(rounds.map((x) => x.allCpuMs)),
      coldStartMs: all.coldStartMs,
      workerMemoryMb: memMb,
      app: all,
    };
  } finally {
    await one.stop();
  }
}

/** Own memory (RssAnon) of each worker of a cluster, in MB. */
function workerMemoryMb(primary: number): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === primary) out.push(memoryKb(Number(entry)).anon / 1024);
    } catch {
      // gone
    }
  }
  return out;
}

// Servers started by this run stop with it, also when it is interrupted.
const spawnedServers = new Set<ChildProcess>();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    for (const c of spawnedServers) c.kill("SIGTERM");
    process.exit(130);
  });
}

async function main() {
  if (os.cpus().length < 2) log("warning: fewer than two cores; server and load share a core");
  // This process only coordinates; the generators are processes of their own on the load core.
  else spawnSync("taskset", ["-a", "-p", "-c", LOAD_CPU, String(process.pid)], { stdio: "ignore" });
  if (!fs.existsSync(DB)) {
    log(`no scale database at ${DB}: creating one with the default size (npm run seed:scale)`);
    const r = spawnSync(process.execPath, ["--import", "tsx", "db/scale-seed.ts", "--db", DB], { stdio: "inherit" });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  for (const dir of [process.cwd(), ...(AB_CHECKOUT ? [AB_CHECKOUT] : [])]) {
    log(`building the production app${dir === process.cwd() ? "" : ` of ${dir}`}…`);
    const b = spawnSync(process.execPath, [path.join(dir, "node_modules/@remix-run/dev/dist/cli.js"), "build"], {
      cwd: dir,
      env: { ...process.env, NODE_ENV: "production", BUILD_DIR: path.join(dir, "build/bench") },
      stdio: ["ignore", "ignore", "inherit"],
    });
    if (b.status !== 0) process.exit(b.status ?? 1);
  }

  const loadBefore = os.loadavg()[0]!;
  const app = await startAppServer(4610);
  const bare = AB_CHECKOUT
    ? await startAppServer(4611, { checkout: AB_CHECKOUT })
    : AB_RENDERING
      ? await startAppServer(4611, { env: { DOCUMENT_RENDERING: "stream" } })
      : await startBareServer(4611);
  const memory = watchMemory(app.child.pid!);
  const { scenarios, cookie, firstVisitPath } = await benchScenarios({ baseUrl: app.url, dbFile: DB });
  const rows: Record<string, unknown>[] = [];
  let machine: Awaited<ReturnType<typeof wholeMachine>> | null = null;
  let search: { p50: number; p99: number; max: number; errors: number; rate: number } | null = null;
  try {
    for (const s of scenarios) {
      if (ONLY && !ONLY.includes(s.name)) continue;
      const headers = s.anonymous ? undefined : { cookie: s.cookie ?? cookie };
      const sample = await fetch(app.url + s.paths[0], { headers });
      const size = (await sample.arrayBuffer()).byteLength;
      if (sample.status !== 200) throw new Error(`${s.name}: ${s.paths[0]} answered ${sample.status}`);
      log(`${s.name}: ${s.paths.length} URL(s), ${size} bytes, ${ROUNDS} paired rounds of ${DURATION} s`);
      const m = await paired(app, bare, s.paths, headers, size, AB ? { paths: s.paths, headers } : undefined);
      rows.push({ route: s.name, bytes: size, ...m, rounds: m.rounds, cpuTarget: s.cpuMsTarget, target: s.target });
      log(
        `  app ${m.appCpuMs.toFixed(2)} CPU ms/req (${m.appRps.toFixed(0)} req/s), bare ${m.bareCpuMs.toFixed(2)} ms/req; ` +
          `bare ÷ app ${m.ratio.toFixed(RATIO_DIGITS)} (rounds ${m.rounds.map((x) => x.ratio.toFixed(RATIO_DIGITS)).join(", ")})`,
      );
    }
    memory.stop();
    if (MACHINE) {
      const home = scenarios.find((s) => s.name === "home")!;
      await app.stop();
      await bare.stop();
      log(`whole machine: ${CORES} workers against 1, ${ROUNDS} alternating rounds of ${DURATION} s`);
      machine = await wholeMachine(home.paths, { cookie });
      log(`  1 worker ${machine.oneRps.toFixed(0)} req/s, ${machine.cores} workers ${machine.allRps.toFixed(0)} req/s: ×${machine.scaling.toFixed(2)}`);
      const s = scenarios.find((x) => x.name === "search-rare");
      if (s && (!ONLY || ONLY.includes("search-rare"))) {
        const fixed = await fixedRate({ url: machine.app.url, paths: s.paths, headers: { cookie }, duration: DURATION, rate: s.rate });
        search = { ...fixed, rate: s.rate };
        log(`  search at ${s.rate} req/s: p99 ${fixed.p99.toFixed(1)} ms`);
      }
    }
    const jsUrl = machine?.app.url ?? app.url;
    const jsGzip = await firstVisitJs(jsUrl, firstVisitPath, cookie);
    const report = {
      at: new Date().toISOString(),
      machine: `${os.cpus()[0]?.model ?? "cpu"} ×${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
      database: DB,
      // Other work on the machine disturbs the figures: the 1-minute load average before and after the run.
      loadAverage: { before: loadBefore, after: os.loadavg()[0]! },
      durationSeconds: DURATION,
      rounds: ROUNDS,
      coldStartMs: app.coldStartMs,
      peakMemoryMb: memory.peakAnonMb(),
      firstVisitJsGzipKb: jsGzip / 1024,
      routes: rows,
      machineRun: machine && { ...machine, app: undefined },
      search,
    };
    // In the rendering comparison the other side is the same app streaming its pages.
    const table = AB_CHECKOUT
      ? renderTable(report).replaceAll("bare server", `the app of ${AB_CHECKOUT}`).replaceAll("bare", "other")
      : AB_RENDERING
        ? renderTable(report).replaceAll("bare server", "same app streaming (DOCUMENT_RENDERING=stream)").replaceAll("bare", "stream")
        : renderTable(report);
    console.log(table);
    fs.mkdirSync("bench-results", { recursive: true });
    const stamp = report.at.replace(/[:.]/g, "-");
    fs.writeFileSync(`bench-results/${stamp}.json`, JSON.stringify(report, null, 2));
    fs.writeFileSync(`bench-results/latest.md`, table);
    log(`written bench-results/${stamp}.json and bench-results/latest.md`);
  } finally {
    memory.stop();
    await Promise.allSettled([app.stop(), bare.stop(), machine?.app.stop()]);
  }
}

function renderTable(r: {
  at: string;
  machine: string;
  loadAverage: { before: number; after: number };
  durationSeconds: number;
  rounds: number;
  coldStartMs: number;
  peakMemoryMb: number;
  firstVisitJsGzipKb: number;
  routes: Record<string, unknown>[];
  machineRun: { cores: number; oneRps: number; allRps: number; scaling: number; allCpuMs: number; coldStartMs: number; workerMemoryMb: number[] } | null;
  search: { p50: number; p99: number; max: number; errors: number; rate: number } | null;
}): string {
  const f = (n: unknown, d = 0) => (typeof n === "number" && Number.isFinite(n) ? n.toFixed(d) : "–");
  const lines = [
    `Benchmark ${r.at} on ${r.machine}. Per core: app and bare server together on one core, each under its own ` +
      `generator on the other, ${r.rounds} rounds of ${r.durationSeconds} s; medians. 1-minute load average ${r.loadAverage.before.toFixed(1)} before, ${r.loadAverage.after.toFixed(1)} after.`,
    "",
    "| route | bytes | app CPU ms/req | target | met | bare CPU ms/req | bare ÷ app (median) | rounds' range | app req/s (sharing the core) | errors |",
    "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ...r.routes.map((x) => {
      const range = x.ratioRange as number[];
      const met = Number(x.appCpuMs) <= Number(x.cpuTarget) ? "yes" : "**no**";
      return `| ${x.route} | ${x.bytes} | ${f(x.appCpuMs, 2)} | ${x.cpuTarget ? `≤ ${x.cpuTarget}` : "–"} | ${x.cpuTarget ? met : "–"} | ${f(x.bareCpuMs, 3)} | ${f(x.ratio, RATIO_DIGITS)} | ${f(range[0], RATIO_DIGITS)}–${f(range[1], RATIO_DIGITS)} | ${f(x.appRps)} | ${x.errors} |`;
    }),
    "",
    `Cold start to first page: ${f(r.coldStartMs)} ms · peak memory of the one-core server: ${f(r.peakMemoryMb)} MB own (RssAnon) · first-visit JavaScript: ${f(r.firstVisitJsGzipKb, 1)} KB gzipped`,
  ];
  if (r.machineRun) {
    const m = r.machineRun;
    lines.push(
      "",
      `Whole machine (seminar home, generator unpinned and sharing the cores): 1 worker ${f(m.oneRps)} req/s, ${m.cores} workers ${f(m.allRps)} req/s, ` +
        `×${f(m.scaling, 2)} (target ≥ 1.8); ${f(m.allCpuMs, 2)} CPU ms/req over all processes; cold start ${f(m.coldStartMs)} ms; ` +
        `workers' own memory ${m.workerMemoryMb.map((x) => f(x)).join(", ")} MB` +
        (r.search ? ` · search (rare word) at ${r.search.rate} req/s: p50 ${f(r.search.p50, 1)} ms, p99 ${f(r.search.p99, 1)} ms, max ${f(r.search.max, 1)} ms (target p99 ≤ 50)` : ""),
    );
  }
  return lines.join("\n");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
