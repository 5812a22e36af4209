// Search at scale (issue #6): fills a scratch database with a million documents spread over 1,000 seminars, then
// times the real search() for rare and very common words, for a member of a few seminars and for one of many.
//
//   npx tsx tests/bench/search-scale.ts [--docs 1000000] [--keep /tmp/search-scale.db]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const DOCS = Number(arg("docs", "1000000"));
const SEMINARS = 1000;
const file = arg("keep", path.join(fs.mkdtempSync(path.join(os.tmpdir(), "search-scale-")), "scale.db"));

const fresh = !fs.existsSync(file);
process.env.DATABASE_PATH = file;
process.env.APP_URL ??= "http://localhost:3999";
process.env.NODE_ENV ??= "production";

const { db, migrateDatabase } = await import("~/models/db.server");
const { search } = await import("~/models/search.server");

// A kept database is reused as is (the schema ships as one regenerated migration until the first release).
if (fresh) migrateDatabase(db());
const sqlite = db().$client;
const existing = (sqlite.prepare("select count(*) as n from search_documents").get() as { n: number }).n;

// A vocabulary with a long tail: word i appears with probability ~ 1/(i+1) (Zipf), plus one word in every document.
const words = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}`);
const common = "contract";
function sentence(seed: number, len: number): string {
  let x = seed * 2654435761;
  const out: string[] = [common];
  for (let i = 0; i < len; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    const u = (x % 1_000_000) / 1_000_000 + 1e-6;
    out.push(words[Math.min(words.length - 1, Math.floor(Math.exp(u * Math.log(words.length))) - 1)]!);
  }
  return out.join(" ");
}

if (existing < DOCS) {
  const started = Date.now();
  sqlite.pragma("synchronous = OFF");
  const seminarCount = (sqlite.prepare("select count(*) as n from seminars").get() as { n: number }).n;
  const insertSeminar = sqlite.prepare("insert into seminars (slug, title, starts_at, ends_at) values (?, ?, 0, 1)");
  sqlite.transaction(() => {
    for (let i = seminarCount; i < SEMINARS; i++) insertSeminar.run(`s-${i}`, `Seminar ${i}`);
  })();
  const doc = sqlite.prepare("insert into search_documents (kind, ref_id, seminar_id, audience, title, path, updated_at) values ('wiki', ?, ?, 'members', ?, ?, 0)");
  const fts = sqlite.prepare("insert into search_fts (rowid, scope, title, body) values (?, ?, ?, ?)");
  const batch = 20_000;
  for (let from = existing; from < DOCS; from += batch) {
    sqlite.transaction(() => {
      for (let i = from; i < Math.min(DOCS, from + batch); i++) {
        const seminarId = (i % SEMINARS) + 1;
        const title = sentence(i, 4);
        const id = doc.run(i + 1, seminarId, title, `wiki/p${i}`).lastInsertRowid;
        fts.run(id, `s${seminarId}`, title, sentence(i + 7, 60));
      }
    })();
    process.stderr.write(`\rindexed ${Math.min(DOCS, from + batch).toLocaleString("en-US")} documents`);
  }
  sqlite.exec("insert into search_fts(search_fts) values ('optimize')");
  process.stderr.write(`\nbuilt in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

const seminarRows = sqlite.prepare("select id, slug, title from seminars order by id limit 1000").all() as { id: number; slug: string; title: string }[];
const scopeOf = (n: number) => ({ seminars: seminarRows.slice(0, n).map((s) => ({ ...s, canManage: false })) });
const rare = words[900]!;
const mid = words[40]!;

function time(label: string, q: string, n: number) {
  const scope = scopeOf(n);
  let r = search({ q, scope }); // warm
  const runs = 20;
  const t = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) r = search({ q, scope });
  const ms = Number(process.hrtime.bigint() - t) / 1e6 / runs;
  // A partial ranking looked only as far as the first page needed (very common words).
  const of = r.partial ? `many, ${r.considered} looked at` : `${r.considered}${r.more ? "+" : ""}`;
  console.log(`${label.padEnd(44)} ${ms.toFixed(2).padStart(8)} ms   (${r.hits.length} shown of ${of})`);
}

const total = (sqlite.prepare("select count(*) as n from search_documents").get() as { n: number }).n;
console.log(`\n${total.toLocaleString("en-US")} documents in ${SEMINARS} seminars (${file})\n`);
time(`rare word, member of 3 seminars`, rare, 3);
time(`rare word, member of 1,000 seminars`, rare, 1000);
time(`mid-frequency word, 3 seminars`, mid, 3);
time(`mid-frequency word, 1,000 seminars`, mid, 1000);
time(`word in every document, 3 seminars`, common, 3);
time(`word in every document, 1,000 seminars`, common, 1000);
time(`two words, 1,000 seminars`, `${common} ${mid}`, 1000);
