// `npx tsx tests/bench/route-matching.ts`: route matching of this app's routes with the patched @remix-run/router
// against the unpatched one (the installed file with the patch reversed), in alternating batches in one process so
// that whatever else runs on the machine slows both alike (issue 23). Prints µs per match and the ratio.
import { applyPatch, parsePatch, reversePatch } from "diff";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

const require = createRequire(import.meta.url);
type Router = typeof import("@remix-run/router");
const file = require.resolve("@remix-run/router");
const [patch] = parsePatch(fs.readFileSync("patches/@remix-run+router+1.23.3.patch", "utf8"));
const original = applyPatch(fs.readFileSync(file, "utf8"), reversePatch(patch!));
if (original === false) throw new Error("the installed router does not carry the patch");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "router-unpatched-"));
fs.writeFileSync(path.join(dir, "router.cjs"), original);
const patched = require(file) as Router;
const unpatched = require(path.join(dir, "router.cjs")) as Router;

const { flatRoutes } = require("@remix-run/dev/dist/config/flat-routes.js");
const manifest = flatRoutes(path.resolve("app"), ["**/.*", "**/*.server.ts", "**/*.test.ts", "**/*.css"]) as Record<string, { id: string; parentId?: string; path?: string; index?: boolean }>;
type Node = { id: string; path?: string; index?: boolean; children?: Node[] };
const byParent = new Map<string, Node[]>();
for (const r of Object.values(manifest)) byParent.set(r.parentId ?? "root", [...(byParent.get(r.parentId ?? "root") ?? []), { id: r.id, path: r.path, index: r.index }]);
const attach = (n: Node): Node => ({ ...n, ...(byParent.get(n.id) ? { children: byParent.get(n.id)!.map(attach) } : {}) });
const routes = [attach({ id: "root", path: "" })];
const urls = ["/s/evidence", "/login", "/healthz", "/s/evidence/wiki/case-notes", "/s/evidence/blog/12", "/people?x=1"];

function time(r: Router, n: number): number {
  const t = performance.now();
  for (let i = 0; i < n; i++) r.matchRoutes(routes as never, urls[i % urls.length]!);
  return ((performance.now() - t) * 1000) / n;
}
const a: number[] = [];
const b: number[] = [];
for (let round = 0; round < 10; round++) {
  b.push(time(unpatched, 300));
  a.push(time(patched, 3000));
}
const med = (x: number[]) => x.sort((p, q) => p - q)[Math.floor(x.length / 2)]!;
console.log(`${Object.keys(manifest).length + 1} routes; unpatched ${med(b).toFixed(1)} µs per match, patched ${med(a).toFixed(2)} µs: ${(med(b) / med(a)).toFixed(0)}× faster (load average ${os.loadavg()[0]!.toFixed(1)})`);
