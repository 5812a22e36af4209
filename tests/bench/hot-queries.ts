// `npx tsx tests/bench/hot-queries.ts [db]`: times the model calls behind the benchmarked pages on the scale
// database, in-process (CPU per call), to find which query a slow page waits for.
export {};
process.env.DATABASE_PATH = process.argv[2] ?? "data/scale.db";
process.env.NODE_ENV = "production";
const { db, migrateDatabase } = await import("~/models/db.server");
// The queries name indexes of the latest migrations: bring an older scale database up to date first (as the server does).
migrateDatabase(db());
const { searchDirectory } = await import("~/models/directory.server");
const { search, searchScopeForUser } = await import("~/models/search.server");
const { listCatalogue, recommendedSeminars, nextSeminarsFor, catalogueMonths } = await import("~/models/catalogue.server");
const user = db().$client.prepare("select id, role from users where email = 'bench1@bench.colloquy.test'").get() as { id: number; role: "member" };
const viewer = { id: user.id, role: user.role };
const scope = searchScopeForUser({ userId: user.id });
const cases: [string, () => unknown][] = [
  ["directory area", () => searchDirectory(viewer, { area: "Litigation" }, 1)],
  ["directory area+years", () => searchDirectory(viewer, { area: "Tax", minYears: 6, maxYears: 10 }, 1)],
  ["directory jurisdiction", () => searchDirectory(viewer, { jurisdiction: "New York" }, 1)],
  ["directory jur+referrals", () => searchDirectory(viewer, { jurisdiction: "California", referrals: true }, 1)],
  ["directory area page 3", () => searchDirectory(viewer, { area: "Privacy and Data Protection" }, 3)],
  ["directory area+jur", () => searchDirectory(viewer, { area: "Employment", jurisdiction: "Texas" }, 1)],
  ["directory browse", () => searchDirectory(viewer, {}, 1)],
  ["directory browse p2000", () => searchDirectory(viewer, {}, 2000)],
  ["search common", () => search({ q: "court", scope })],
  ["search common page 2", () => search({ q: "court", scope, page: 2 })],
  ["search common page 25", () => search({ q: "court", scope, page: 25 })],
  ["search common 2 words", () => search({ q: "court contract", scope })],
  ["search common 1 seminar", () => search({ q: "court", scope: { seminars: scope.seminars.slice(0, 1) } })],
  ["search rare", () => search({ q: process.argv[3] ?? "kalosel", scope })],
  // Issue #16: the catalogue over 1,000 seminars, and one member's recommendations.
  ["catalogue browse", () => listCatalogue({ viewerId: user.id, filters: {} })],
  ["catalogue area", () => listCatalogue({ viewerId: user.id, filters: { area: "Litigation" } })],
  ["catalogue area+format", () => listCatalogue({ viewerId: user.id, filters: { area: "Tax", format: "hybrid" } })],
  ["catalogue months", () => catalogueMonths()],
  ["recommendations", () => recommendedSeminars({ userId: user.id, limit: 3 })],
  ["next seminars (alumni)", () => nextSeminarsFor({ userId: user.id, limit: 3 })],
];
for (const [label, f] of cases) {
  f();
  const runs = 10;
  const t0 = process.cpuUsage();
  let max = 0;
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    f();
    max = Math.max(max, performance.now() - s);
  }
  const cpu = process.cpuUsage(t0);
  console.log(`${label.padEnd(26)} ${((cpu.user + cpu.system) / 1000 / runs).toFixed(1).padStart(7)} ms CPU/call  max ${max.toFixed(1)} ms`);
}
