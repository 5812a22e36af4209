// `npm run seed:scale`: fills a SEPARATE database with a large institute for the benchmark (issue #9).
//
//   npm run seed:scale -- [--db data/scale.db] [--force] [--scale 0.1]
//     [--members 100000] [--seminars 1000] [--memberships 400000] [--posts 100000] [--comments 900000]
//     [--wiki-pages 40000] [--wiki-revisions 200000] [--news 500000] [--bench-members 20] [--no-optimize]
//     [--conversations 300000] [--messages 2000000] [--notifications 5000000]   (issue #15)
//     [--activity-days 730]   (issue #19: daily member activity and the invitations members joined through)
//
// A smoke run on a small machine: `npm run seed:scale -- --db /tmp/smoke.db --scale 0.001`.
//
// Rows are written through the same columns the app uses (db/schema/*.ts) with raw prepared better-sqlite3
// statements in large transactions; the directory index is kept by its triggers (db/migrations-extra/0002), the
// search index is written exactly as app/models/search.server.ts indexDocument() writes it (search_documents row +
// search_fts row with the scope token). Markdown bodies are built together with the HTML the app's markdown
// pipeline produces for them (headings, paragraphs, lists, emphasis), so views never need to re-render.
// Course materials are listed with their versions, but no files are written for them.
import Database from "better-sqlite3";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { hashOnce } from "./factories";
import { seedCredits } from "./scale-seed-credits";

const argv = process.argv.slice(2);
function arg(name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}
const flag = (name: string) => argv.includes(`--${name}`);
const SCALE = Number(arg("scale") ?? 1);
function size(name: string, full: number, min = 1): number {
  const v = arg(name);
  if (v !== undefined) {
    const n = Number(v.replace(/_/g, ""));
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`);
    return n;
  }
  return Math.max(min, Math.round(full * SCALE));
}

const FILE = path.resolve(arg("db") ?? "data/scale.db");
const N = {
  members: size("members", 100_000, 50),
  seminars: size("seminars", 1_000, 5),
  memberships: size("memberships", 400_000, 200),
  posts: size("posts", 100_000, 20),
  comments: size("comments", 900_000, 50),
  wikiPages: size("wiki-pages", 40_000, 10),
  wikiRevisions: size("wiki-revisions", 200_000, 20),
  news: size("news", 500_000, 50),
  jobs: size("jobs", 20_000, 20),
  referrals: size("referrals", 50_000, 20),
  questions: size("questions", 200_000, 20),
  answers: size("answers", 600_000, 60),
  libraryDocs: size("library-docs", 50_000, 10),
  bookmarks: size("bookmarks", 1_000_000, 50),
  bench: size("bench-members", 20, 1),
  // Issue #19: days of member activity (visits and contributions) for the analytics, ending today.
  activityDays: size("activity-days", 730, 30),
  // Issue #15: direct messages and the notification centre.
  conversations: size("conversations", 300_000, 20),
  messages: size("messages", 2_000_000, 50),
  notifications: size("notifications", 5_000_000, 100),
};
if (N.messages < N.conversations) N.messages = N.conversations;
if (N.wikiRevisions < N.wikiPages) N.wikiRevisions = N.wikiPages;
export const BENCH_PASSWORD = "scale-bench-password";
export const BENCH_EMAIL = (i: number) => `bench${i + 1}@bench.colloquy.test`;

const started = performance.now();
function log(msg: string) {
  process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${msg}\n`);
}
let lastProgress = 0;
function progress(label: string, done: number, total: number) {
  const now = performance.now();
  if (done < total && now - lastProgress < 500) return;
  lastProgress = now;
  const pct = total ? Math.floor((done / total) * 100) : 100;
  process.stderr.write(`\r  ${label}: ${done.toLocaleString("en-US")} / ${total.toLocaleString("en-US")} (${pct}%)   `);
  if (done >= total) process.stderr.write("\n");
}

// --- deterministic randomness and text ------------------------------------------------------------------------

let seed = 0x9e3779b9;
function rand(): number {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
/** Skewed towards the end (recent items): index in [0, n). */
const recentIndex = (n: number) => n - 1 - Math.floor(n * rand() ** 3);

// The commonest word first: it occurs in nearly every document (the "commonest word" search of the benchmark).
const LEGAL = (
  "court contract party claim law notice rule state evidence counsel client agreement liability damages statute " +
  "section case defendant plaintiff judge motion appeal trial jury discovery privilege duty breach consent record " +
  "federal regulation compliance risk policy data privacy disclosure settlement arbitration mediation witness " +
  "testimony deposition brief filing deadline jurisdiction venue standing remedy injunction relief review standard " +
  "burden proof doctrine precedent opinion holding dissent majority circuit district agency hearing order decree " +
  "license property title lease tenant landlord employer employee wage contractor vendor supplier buyer seller " +
  "warranty indemnity insurance coverage premium exclusion loss negligence fraud misrepresentation tort intent " +
  "consideration offer acceptance performance termination assignment waiver amendment schedule exhibit clause " +
  "provision interpretation ambiguity parol merger integration severability governing choice forum enforcement " +
  "judgment execution lien security interest collateral creditor debtor bankruptcy trustee estate probate will " +
  "trust beneficiary fiduciary guardian custody support divorce marriage immigration visa asylum removal status " +
  "citizenship criminal prosecution defense sentence plea conviction acquittal search seizure warrant suppression " +
  "confession miranda counselor ethics conflict confidentiality candor fee retainer billing malpractice sanction " +
  "discipline bar admission exam practice firm partner associate paralegal clerk memo research citation authority " +
  "treatise article commentary seminar session materials outline checklist template draft redline signature " +
  "closing diligence target acquisition shareholder director officer board vote proxy merger securities filing " +
  "prospectus registration exemption investor fund partnership corporation entity formation dissolution tax audit " +
  "deduction credit income return assessment penalty interest refund customs tariff export sanctions antitrust " +
  "market competition cartel monopoly patent trademark copyright infringement fair use license royalty trade secret " +
  "employment discrimination harassment retaliation accommodation leave overtime union arbitration grievance " +
  "environmental permit emission water waste cleanup liability zoning land use easement survey construction delay " +
  "claimant insurer subrogation appraisal reinsurance health provider patient consent hipaa breach notification " +
  "vendor processor controller transfer adequacy clauses safeguards encryption incident response regulator fine"
).split(" ");

const SYLLABLES = "ka ren do mi sa lo ve ta ni ro ba se lu mar tin cor vel dra fen gal hol jas kor lim nor pel quin rus sel tor ulm var wen yor zan bri cla dru fro gre".split(" ");
/** The long tail: made-up case and party names ("Kavelor", "Brisantin"), each rarer than the last. */
const TAIL = (() => {
  const out: string[] = [];
  const seen = new Set<string>();
  let i = 0;
  while (out.length < 20_000) {
    const a = SYLLABLES[i % SYLLABLES.length]!;
    const b = SYLLABLES[Math.floor(i / SYLLABLES.length) % SYLLABLES.length]!;
    const c = SYLLABLES[Math.floor(i / SYLLABLES.length ** 2) % SYLLABLES.length]!;
    const w = a + b + c;
    i++;
    if (!seen.has(w)) {
      seen.add(w);
      out.push(w);
    }
  }
  return out;
})();
const LOG_TAIL = Math.log(TAIL.length + 1);
// Zipf over the legal words: cumulative weights 1/(r+1).
const LEGAL_CDF = (() => {
  const w = LEGAL.map((_, r) => 1 / (r + 1));
  const total = w.reduce((a, b) => a + b, 0);
  let acc = 0;
  return w.map((x) => (acc += x / total));
})();
function word(): string {
  if (rand() < 0.12) return TAIL[Math.min(TAIL.length - 1, Math.floor(Math.exp(rand() * LOG_TAIL)) - 1)]!;
  const u = rand();
  let lo = 0;
  let hi = LEGAL_CDF.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (LEGAL_CDF[mid]! < u) lo = mid + 1;
    else hi = mid;
  }
  return LEGAL[lo]!;
}
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
function sentence(min = 6, max = 16): string {
  const n = int(min, max);
  const w: string[] = [];
  for (let i = 0; i < n; i++) w.push(word());
  return `${cap(w.join(" "))}.`;
}
function titleText(min = 3, max = 6): string {
  const n = int(min, max);
  const w: string[] = [];
  for (let i = 0; i < n; i++) w.push(word());
  return w.map(cap).join(" ");
}

/** A markdown document, the HTML the app's pipeline renders for it, and its plain text (for the index). */
interface Doc {
  md: string;
  html: string;
  text: string;
}
function paragraph(sentences: number): Doc {
  const parts: string[] = [];
  for (let i = 0; i < sentences; i++) parts.push(sentence());
  const text = parts.join(" ");
  // Emphasis on one word now and then, as people write.
  if (rand() < 0.3) {
    const words = text.split(" ");
    const k = int(1, Math.max(1, words.length - 2));
    const md = [...words];
    const html = [...words];
    if (/^[a-z]+$/.test(words[k]!)) {
      md[k] = `*${words[k]}*`;
      html[k] = `<em>${words[k]}</em>`;
      return { md: md.join(" "), html: `<p>${html.join(" ")}</p>\n`, text };
    }
  }
  return { md: text, html: `<p>${text}</p>\n`, text };
}
function longDoc(paragraphs: number, withStructure: boolean): Doc {
  const md: string[] = [];
  let html = "";
  const text: string[] = [];
  for (let i = 0; i < paragraphs; i++) {
    if (withStructure && i > 0 && i % 2 === 0) {
      const h = titleText(2, 4);
      md.push(`## ${h}`);
      html += `<h2>${h}</h2>\n`;
      text.push(h);
    }
    const p = paragraph(int(2, 4));
    md.push(p.md);
    html += p.html;
    text.push(p.text);
    if (withStructure && i === 1) {
      const items = [sentence(3, 7), sentence(3, 7), sentence(3, 7)];
      md.push(items.map((s) => `- ${s}`).join("\n"));
      html += `<ul>\n${items.map((s) => `<li>${s}</li>`).join("\n")}\n</ul>\n`;
      text.push(items.join(" "));
    }
  }
  return { md: md.join("\n\n"), html, text: text.join(" ") };
}
const slugify = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 80);

// --- people ------------------------------------------------------------------------------------------------------

const FIRST = (
  "Olivia Liam Amara Noah Elena Rafael Priya Chen Fatima Jonas Sofia Mateo Aisha Lucas Hannah Diego Mei Omar Grace " +
  "Ethan Leila Samuel Nadia Daniel Ingrid Tomas Yuki Kwame Isabel Marcus Zara Felix Ananya Hugo Chloe Ibrahim Laura " +
  "Arjun Claire Mohammed Rosa Victor Naomi Pablo Emma Andre Julia Kenji Sara Gabriel Lucia Dmitri Alice Tariq Maya " +
  "Oscar Helen Ravi Eva Benjamin Ada Kofi Miriam Adrian Irene Sean Beatriz Henrik Lina"
).split(" ");
const LAST = (
  "Abernathy Okafor Castellano Lindqvist Prescott Ortiz Mbeki Haddad Nakamura Schmidt Dubois Kowalski Rossi Novak " +
  "Fernandes Adeyemi Johansson Patel Kim Nguyen Garcia Müller O'Brien Silva Hernandez Cohen Rahman Andersson Moreau " +
  "Bianchi Yamamoto Mensah Ivanova Kaur Dawson Whitfield Harrington Blackwood Ashford Carrington Delacroix Ellison " +
  "Fairbanks Gallagher Holloway Kensington Langley Montgomery Northcott Pemberton Quintero Rutherford Sinclair " +
  "Thornton Underwood Vasquez Wakefield Yardley Zimmerman Achebe Bergström Costa Duarte Eriksen Fontaine Grünewald " +
  "Hoffmann Iwasaki Jankowski Kiplagat Lefebvre Marchetti Nieminen Oyelaran Petrova Quagliarello Richter Sato " +
  "Takahashi Uzoma Valdez Weber Xu Yilmaz Zielinski Abiodun Brennan Chaudhry Dimitriou Esposito Fitzgerald"
).split(" ");
const CITIES: [string, string][] = [
  ["New York", "United States"], ["Chicago", "United States"], ["Los Angeles", "United States"], ["Houston", "United States"],
  ["Boston", "United States"], ["Atlanta", "United States"], ["Denver", "United States"], ["Seattle", "United States"],
  ["Miami", "United States"], ["Philadelphia", "United States"], ["San Francisco", "United States"], ["Dallas", "United States"],
  ["Washington", "United States"], ["Phoenix", "United States"], ["Minneapolis", "United States"], ["Toronto", "Canada"],
  ["Vancouver", "Canada"], ["Montreal", "Canada"], ["London", "United Kingdom"], ["Dublin", "Ireland"], ["Sydney", "Australia"],
  ["Singapore", "Singapore"], ["Paris", "France"], ["Frankfurt", "Germany"],
];
const TITLES = ["Partner", "Associate", "Senior Associate", "Counsel", "Of Counsel", "General Counsel", "Deputy General Counsel", "Solo Practitioner", "Assistant District Attorney", "Public Defender", "Staff Attorney", "Judicial Clerk", "Legal Director"];
const FIRM_WORDS = ["Hale", "Marsh", "Sterling", "Beacon", "Cromwell", "Ridge", "Harbor", "Whitmore", "Ashby", "Calder", "Penrose", "Lyle", "Garrick", "Ellery", "Thorne", "Vance", "Rowe", "Mercer", "Stroud", "Kendrick"];
const FIRM_FORMS = ["LLP", "& Partners", "Law Group", "PC", "PLLC", "Legal", "& Associates"];
const TAGS = ["GDPR", "CCPA", "class actions", "AI governance", "cross-border", "pro bono", "startups", "fintech", "white collar", "trial advocacy", "e-discovery", "ESG", "cybersecurity", "sports law", "wine law", "maritime"];

function readList(file: string): string[] {
  return fs
    .readFileSync(path.resolve("content", file), "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
}

// --- the database ----------------------------------------------------------------------------------------------

async function main() {
  if (fs.existsSync(FILE)) {
    if (!flag("force")) {
      console.error(`${FILE} exists. Pass --force to replace it, or --db FILE for another file.`);
      process.exit(1);
    }
    for (const f of [FILE, `${FILE}-wal`, `${FILE}-shm`, `${FILE}-journal`]) fs.rmSync(f, { force: true });
  }
  log(`filling ${FILE}: ${Object.entries(N).map(([k, v]) => `${k} ${v.toLocaleString("en-US")}`).join(", ")}`);

  // Migrate with the app's own code (drizzle migrations + FTS tables and triggers), then fill over a raw connection.
  process.env.DATABASE_PATH = FILE;
  const { openDatabase, migrateDatabase } = await import("../app/models/db.server");
  const migrated = openDatabase(FILE);
  migrateDatabase(migrated);
  migrated.$client.close();

  const c = new Database(FILE);
  c.pragma("journal_mode = MEMORY");
  c.pragma("synchronous = OFF");
  c.pragma("foreign_keys = OFF"); // every reference is built consistent here; checking each costs a lookup
  c.pragma("cache_size = -1000000");
  c.pragma("temp_store = MEMORY");
  c.pragma("locking_mode = EXCLUSIVE");

  const areasList = readList("practice-areas.txt");
  const jurisdictions = readList("jurisdictions.txt");
  const passwordHash = await hashOnce(BENCH_PASSWORD);
  const now = Date.now();
  const DAY = 86_400_000;
  const T0 = now - 730 * DAY; // content spans the last two years

  // --- members -------------------------------------------------------------------------------------------------
  const totalUsers = N.members + N.bench + 1;
  const insUser = c.prepare("INSERT INTO users (email, name, role, password_hash, status, created_at) VALUES (?, ?, ?, ?, 'active', ?)");
  const updProfile = c.prepare(`UPDATE profiles SET headline = ?, firm = ?, job_title = ?, city = ?, country = ?,
      years_in_practice = ?, bio_md = ?, bio_html = ?, firm_url = ?, linkedin_url = ?, phone = ?, preferred_contact = ?,
      open_to_referrals = ?, open_to_opportunities = ?, in_directory = ?, onboarding_completed_at = ?,
      vis_firm = ?, vis_location = ?, vis_bio = ?, vis_practice_areas = ?, vis_jurisdictions = ?, vis_years_in_practice = ?,
      vis_email = ?, vis_phone = ?, created_at = ?, updated_at = ?
    WHERE user_id = ?`);
  const insArea = c.prepare("INSERT OR IGNORE INTO profile_areas (user_id, kind, value, position) VALUES (?, ?, ?, ?)");
  const insBar = c.prepare("INSERT INTO bar_admissions (user_id, jurisdiction, bar_number, year_admitted, status, position) VALUES (?, ?, ?, ?, ?, ?)");
  const visOf = (strictness: number, normal: string) => (rand() < strictness ? pick(["classmates", "instructors", "me"]) : normal);

  const benchIds: number[] = [];
  let adminId = 0;
  log("members, profiles, practice areas, bar admissions (directory index kept by its triggers)");
  const BATCH = 10_000;
  for (let from = 0; from < totalUsers; from += BATCH) {
    c.transaction(() => {
      for (let i = from; i < Math.min(totalUsers, from + BATCH); i++) {
        const isAdmin = i === 0;
        const benchNo = i - 1;
        const isBench = !isAdmin && benchNo < N.bench;
        const first = pick(FIRST);
        const last = pick(LAST);
        const middle = rand() < 0.4 ? ` ${String.fromCharCode(65 + int(0, 25))}.` : "";
        const name = isAdmin ? "Scale Administrator" : isBench ? `Bench Member ${benchNo + 1}` : `${first}${middle} ${last}`;
        const email = isAdmin
          ? "admin@bench.colloquy.test"
          : isBench
            ? BENCH_EMAIL(benchNo)
            : `${first}.${last}.${i}@members.colloquy.test`.toLowerCase().replace(/[^a-z0-9.@-]/g, "");
        const createdAt = T0 - 365 * DAY + Math.floor((i / totalUsers) * (now - T0 + 365 * DAY));
        const id = Number(insUser.run(email, name, isAdmin ? "admin" : "member", passwordHash, createdAt).lastInsertRowid);
        if (isAdmin) adminId = id;
        else if (isBench) benchIds.push(id);
        const [city, country] = pick(CITIES);
        const firm = `${pick(FIRM_WORDS)} ${pick(FIRM_WORDS)} ${pick(FIRM_FORMS)}`;
        const title = pick(TITLES);
        const areas = [...new Set([pick(areasList), pick(areasList), pick(areasList)].slice(0, int(1, 3)))];
        const bio = longDoc(1, false);
        const years = rand() < 0.9 ? int(0, 40) : null;
        const strict = rand() < 0.15 ? 0.6 : 0.05; // most people keep the defaults, some are private
        updProfile.run(
          `${title} · ${areas[0]}`,
          firm,
          title,
          city,
          country,
          years,
          bio.md,
          bio.html,
          `https://${slugify(firm)}.example.com`,
          rand() < 0.5 ? `https://www.linkedin.com/in/${slugify(name)}-${i}` : "",
          rand() < 0.6 ? `+1 555 ${String(100 + (i % 900)).padStart(3, "0")} ${String(i % 10000).padStart(4, "0")}` : "",
          pick(["", "email", "phone", "either"]),
          rand() < 0.35 ? 1 : 0,
          rand() < 0.2 ? 1 : 0,
          rand() < 0.97 ? 1 : 0,
          createdAt + DAY,
          visOf(strict, "network"),
          visOf(strict, "network"),
          visOf(strict, "network"),
          visOf(strict, "network"),
          visOf(strict, "network"),
          visOf(strict, "network"),
          rand() < 0.1 ? "classmates" : "instructors",
          rand() < 0.1 ? "me" : "instructors",
          createdAt,
          createdAt + DAY,
          id,
        );
        areas.forEach((a, pos) => insArea.run(id, "area", a, pos));
        if (rand() < 0.3) insArea.run(id, "tag", pick(TAGS), 0);
        const bars = rand() < 0.8 ? 1 : 2;
        for (let b = 0; b < bars; b++) {
          insBar.run(id, pick(jurisdictions), `${int(100000, 999999)}`, years === null ? null : new Date(now).getUTCFullYear() - years, rand() < 0.9 ? "active" : pick(["inactive", "retired"]), b);
        }
      }
    })();
    progress("members", Math.min(totalUsers, from + BATCH), totalUsers);
  }
  const memberIds = Int32Array.from({ length: N.members }, (_, k) => adminId + N.bench + 1 + k);

  // --- seminars and memberships ----------------------------------------------------------------------------------
  log("seminars, schedules, memberships");
  const TOPICS = [
    "Privacy and Data Protection", "Trial Advocacy", "Ethics of AI in Practice", "Contract Drafting", "Employment Law Update",
    "Securities Regulation", "Tax Controversy", "Appellate Practice", "Mediation Skills", "Cybersecurity Incident Response",
    "Intellectual Property Litigation", "Real Estate Finance", "Immigration Practice", "Bankruptcy Essentials", "Antitrust Compliance",
    "Health Care Compliance", "Environmental Permitting", "Cross-Border M&A", "Family Law Practice", "White Collar Defense",
  ];
  const ZONES = ["America/New_York", "America/Chicago", "America/Los_Angeles", "America/Denver", "Europe/London", "America/Toronto"];
  const insSeminar = c.prepare(`INSERT INTO seminars (slug, title, summary, description_md, description_html, welcome_md, welcome_html,
      starts_at, ends_at, time_zone, venue, meeting_url, capacity, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insSession = c.prepare(`INSERT INTO seminar_sessions (seminar_id, title, description, starts_at, ends_at, speaker, room, meeting_url, sequence, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, '', 0, ?, ?)`);
  const insMember = c.prepare("INSERT OR IGNORE INTO memberships (seminar_id, user_id, role, created_at) VALUES (?, ?, ?, ?)");
  const seminarIds: number[] = [];
  const seminarSlugs: string[] = [];
  const seminarStart: number[] = [];
  const semMembers: number[][] = [];
  const semInstructors: number[][] = [];
  // Sizes vary (a few big seminars, many small ones) and add up to about the requested number of memberships.
  const weights = Array.from({ length: N.seminars }, () => 0.25 + rand() * rand() * 4);
  const wsum = weights.reduce((a, b) => a + b, 0);
  c.transaction(() => {
    for (let s = 0; s < N.seminars; s++) {
      const topic = TOPICS[s % TOPICS.length]!;
      const startsAt = now - 1095 * DAY + Math.floor((s / N.seminars) * 1280 * DAY) + int(0, 20) * DAY;
      const year = new Date(startsAt).getUTCFullYear();
      const slug = `${slugify(topic)}-${year}-${s + 1}`;
      const description = longDoc(4, true);
      const welcome = paragraph(2);
      const zone = pick(ZONES);
      const days = int(1, 3);
      const id = Number(
        insSeminar.run(slug, `${topic} ${year} (${s + 1})`, sentence(8, 14), description.md, description.html, welcome.md, welcome.html,
          startsAt, startsAt + days * DAY - 14 * 3600_000, zone, rand() < 0.7 ? `${pick(CITIES)[0]} Conference Center, Room ${int(1, 40)}` : "",
          rand() < 0.6 ? `https://meet.example.com/${slug}` : "", rand() < 0.5 ? int(100, 1000) : null, startsAt - 90 * DAY).lastInsertRowid,
      );
      seminarIds.push(id);
      seminarSlugs.push(slug);
      seminarStart.push(startsAt);
      const sessions = int(3, 8);
      for (let k = 0; k < sessions; k++) {
        const st = startsAt + Math.floor((k * days * DAY) / sessions);
        insSession.run(id, titleText(3, 6), sentence(8, 20), st, st + 90 * 60_000, `${pick(FIRST)} ${pick(LAST)}`, `Room ${int(1, 40)}`, startsAt - 60 * DAY, startsAt - 60 * DAY);
      }
      const want = Math.max(5, Math.round((weights[s]! / wsum) * N.memberships));
      const chosen = new Set<number>();
      while (chosen.size < Math.min(want, memberIds.length)) chosen.add(memberIds[Math.floor(rand() * memberIds.length)]!);
      const list = [...chosen];
      const instructors = list.slice(0, int(1, 3));
      semMembers.push(list);
      semInstructors.push(instructors);
      for (const u of list) insMember.run(id, u, instructors.includes(u) ? "instructor" : "attendee", startsAt - int(1, 80) * DAY);
      progress("seminars", s + 1, N.seminars);
    }
    // Bench members: attendees of the seminar starting next (typical size) and of five others, like a regular.
    const byNearness = seminarIds.map((_, i) => i).sort((a, b) => Math.abs(seminarStart[a]! - now) - Math.abs(seminarStart[b]! - now));
    const home = byNearness[0]!;
    for (const [k, u] of benchIds.entries()) {
      const mine = [home, ...[1, 2, 3, 4, 5].map((j) => byNearness[(j * 37 + k) % byNearness.length]!)];
      for (const s of new Set(mine)) {
        insMember.run(seminarIds[s]!, u, "attendee", seminarStart[s]! - 30 * DAY);
        semMembers[s]!.push(u);
      }
    }
  })();
  // Issue #16: the catalogue. Most seminars are open, some by request, some invitation only; each has a format and
  // one to three practice areas and one or two jurisdictions (filters and recommendations read these).
  const setListing = c.prepare("UPDATE seminars SET enrolment_policy = ?, format = ?, cancel_hours_before = ? WHERE id = ?");
  const insSeminarTopic = c.prepare("INSERT OR IGNORE INTO seminar_topics (seminar_id, kind, value) VALUES (?, ?, ?)");
  c.transaction(() => {
    for (const id of seminarIds) {
      const r = rand();
      setListing.run(r < 0.7 ? "open" : r < 0.85 ? "request" : "invitation", pick(["in-person", "online", "hybrid"] as const), pick([24, 48, 72]), id);
      for (let k = int(1, 3); k > 0; k--) insSeminarTopic.run(id, "area", pick(areasList));
      for (let k = int(1, 2); k > 0; k--) insSeminarTopic.run(id, "jurisdiction", pick(jurisdictions));
    }
  })();
  const membershipCount = (c.prepare("SELECT count(*) AS n FROM memberships").get() as { n: number }).n;
  log(`${membershipCount.toLocaleString("en-US")} memberships`);

  // --- course materials (indexed for search by their SQL triggers) --------------------------------------------------
  const insMaterial = c.prepare("INSERT INTO materials (seminar_id, title, description, created_by_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)");
  const insVersion = c.prepare(`INSERT INTO material_versions (material_id, version, stored_name, file_name, content_type, size_bytes, sha256, as_of, note, uploaded_by_id, created_at)
      VALUES (?, ?, ?, ?, 'application/pdf', ?, ?, ?, '', ?, ?)`);
  const setCurrent = c.prepare("UPDATE materials SET current_version_id = ? WHERE id = ?");
  const insActivity = c.prepare("INSERT INTO seminar_activity (seminar_id, actor_id, kind, summary, href, created_at) VALUES (?, ?, ?, ?, ?, ?)");
  c.transaction(() => {
    for (let s = 0; s < seminarIds.length; s++) {
      const count = int(2, 8);
      for (let k = 0; k < count; k++) {
        const by = pick(semInstructors[s]!);
        const at = seminarStart[s]! - int(1, 40) * DAY;
        const title = titleText(2, 5);
        const id = Number(insMaterial.run(seminarIds[s]!, title, sentence(8, 20), by, at, at).lastInsertRowid);
        const versions = int(1, 3);
        let v = 0;
        for (let n = 1; n <= versions; n++) {
          const vat = at + (n - 1) * 7 * DAY;
          const stored = createHash("sha256").update(`${id}:${n}`).digest("hex").slice(0, 32);
          v = Number(insVersion.run(id, n, stored, `${slugify(title)}.pdf`, int(50_000, 5_000_000), createHash("sha256").update(stored).digest("hex"), new Date(vat).toISOString().slice(0, 10), by, vat).lastInsertRowid);
        }
        setCurrent.run(v, id);
        insActivity.run(seminarIds[s]!, by, "material", `New material: ${title}`, `/s/${seminarSlugs[s]}/materials/${id}`, at);
      }
    }
  })();

  // --- the timeline: posts, comments and wiki revisions, interleaved as people write them ---------------------------
  log("planning posts, comments and wiki revisions");
  const events = N.posts + N.comments + N.wikiRevisions;
  const kind = new Uint8Array(events); // 0 post, 1 comment, 2 new wiki page, 3 wiki revision
  const target = new Int32Array(events);
  const postSem = new Int32Array(N.posts);
  const pageSem = new Int32Array(N.wikiPages);
  const lastRevisionEvent = new Int32Array(N.wikiPages);
  {
    let posts = 0;
    let pages = 0;
    let left = { post: N.posts, comment: N.comments, page: N.wikiPages, rev: N.wikiRevisions - N.wikiPages };
    for (let e = 0; e < events; e++) {
      const total = left.post + left.comment + left.page + left.rev;
      let r = rand() * total;
      let k: number;
      if ((r -= left.post) < 0 || (posts === 0 && left.post > 0)) k = 0;
      else if ((r -= left.comment) < 0) k = 1;
      else if ((r -= left.page) < 0 || pages === 0) k = 2;
      else k = 3;
      if (k === 1 && posts === 0) k = left.post > 0 ? 0 : 2;
      if (k === 2 && left.page === 0) k = left.rev > 0 ? 3 : left.comment > 0 ? 1 : 0;
      kind[e] = k;
      if (k === 0) {
        postSem[posts] = Math.floor(rand() * seminarIds.length);
        target[e] = posts++;
        left.post--;
      } else if (k === 1) {
        target[e] = recentIndex(posts);
        left.comment--;
      } else if (k === 2) {
        pageSem[pages] = Math.floor(rand() * seminarIds.length);
        lastRevisionEvent[pages] = e;
        target[e] = pages++;
        left.page--;
      } else {
        const p = recentIndex(pages);
        target[e] = p;
        lastRevisionEvent[p] = e;
        left.rev--;
      }
    }
  }

  const insPost = c.prepare(`INSERT INTO blog_posts (seminar_id, author_id, title, body_md, body_html, status, published_at, pinned_at, comments_locked, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`);
  const insTag = c.prepare("INSERT OR IGNORE INTO blog_post_tags (post_id, seminar_id, tag) VALUES (?, ?, ?)");
  const insComment = c.prepare(`INSERT INTO comments (post_id, seminar_id, parent_id, author_id, body_md, body_html, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const insPage = c.prepare(`INSERT INTO wiki_pages (seminar_id, slug, title, body_md, body_html, revision, created_by_id, updated_by_id, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?)`);
  const updPage = c.prepare("UPDATE wiki_pages SET body_md = ?, body_html = ?, revision = ?, updated_by_id = ?, updated_at = ? WHERE id = ?");
  const insRevision = c.prepare(`INSERT INTO wiki_revisions (page_id, seminar_id, number, title, body_md, body_html, note, author_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  // Exactly what indexDocument() writes (app/models/search.server.ts).
  const insDoc = c.prepare("INSERT INTO search_documents (kind, ref_id, seminar_id, audience, title, path, updated_at) VALUES (?, ?, ?, 'members', ?, ?, ?)");
  const insFts = c.prepare("INSERT INTO search_fts (rowid, scope, title, body) VALUES (?, ?, ?, ?)");
  const indexDoc = (k: string, refId: number, s: number, title: string, docPath: string, at: number, body: string) => {
    const id = insDoc.run(k, refId, seminarIds[s]!, title.slice(0, 500), docPath, at).lastInsertRowid;
    insFts.run(id, `s${seminarIds[s]}`, title.slice(0, 500), body.slice(0, 100_000));
  };

  const postId = new Int32Array(N.posts);
  const postPublished = new Uint8Array(N.posts);
  const postTitle: string[] = new Array(N.posts);
  const lastTop = new Int32Array(N.posts); // the latest top-level comment of each post (replies are one level deep)
  const pageId = new Int32Array(N.wikiPages);
  const pageRev = new Int32Array(N.wikiPages);
  const pageTitle: string[] = new Array(N.wikiPages);
  const pageSlug: string[] = new Array(N.wikiPages);
  const usedSlugs = new Set<string>();
  const TAG_WORDS = ["update", "case-law", "practice-tip", "question", "reading", "recap", "deadline", "template"];
  const authorIn = (s: number) => (rand() < 0.15 ? pick(semInstructors[s]!) : pick(semMembers[s]!));

  log(`writing ${events.toLocaleString("en-US")} posts, comments and wiki revisions with their search index`);
  const EBATCH = 20_000;
  for (let from = 0; from < events; from += EBATCH) {
    c.transaction(() => {
      for (let e = from; e < Math.min(events, from + EBATCH); e++) {
        const at = T0 + Math.floor((e / events) * (now - T0 - DAY));
        const k = kind[e]!;
        const t = target[e]!;
        if (k === 0) {
          const s = postSem[t]!;
          const title = titleText(3, 8);
          const body = longDoc(int(2, 5), rand() < 0.3);
          const published = rand() < 0.97;
          const author = authorIn(s);
          const id = Number(
            insPost.run(seminarIds[s]!, author, title, body.md, body.html, published ? "published" : "draft", published ? at : null, published && rand() < 0.01 ? at : null, at, at).lastInsertRowid,
          );
          postId[t] = id;
          postPublished[t] = published ? 1 : 0;
          postTitle[t] = title;
          for (let g = int(0, 2); g > 0; g--) insTag.run(id, seminarIds[s]!, pick(TAG_WORDS));
          if (published) {
            indexDoc("post", id, s, title, `blog/${id}`, at, body.text);
            insActivity.run(seminarIds[s]!, author, "post", `New post: ${title}`, `/s/${seminarSlugs[s]}/blog/${id}`, at);
          }
        } else if (k === 1) {
          const s = postSem[t]!;
          const body = paragraph(int(1, 3));
          const parent = lastTop[t] && rand() < 0.3 ? lastTop[t]! : null;
          const id = Number(insComment.run(postId[t]!, seminarIds[s]!, parent, authorIn(s), body.md, body.html, at).lastInsertRowid);
          if (!parent) lastTop[t] = id;
          if (postPublished[t]) indexDoc("comment", id, s, `Comment on “${postTitle[t]}”`, `blog/${postId[t]}#comment-${id}`, at, body.text);
        } else {
          const s = pageSem[t]!;
          const body = longDoc(int(3, 6), true);
          const author = authorIn(s);
          if (k === 2) {
            let title = titleText(2, 5);
            let slug = slugify(title);
            for (let n = 2; usedSlugs.has(`${s}:${slug}`); n++) {
              title = `${titleText(2, 5)}`;
              slug = `${slugify(title)}-${n}`;
            }
            usedSlugs.add(`${s}:${slug}`);
            const id = Number(insPage.run(seminarIds[s]!, slug, title, body.md, body.html, author, author, at, at).lastInsertRowid);
            pageId[t] = id;
            pageRev[t] = 1;
            pageTitle[t] = title;
            pageSlug[t] = slug;
            insRevision.run(id, seminarIds[s]!, 1, title, body.md, body.html, "", author, at);
            insActivity.run(seminarIds[s]!, author, "wiki", `New wiki page: ${title}`, `/s/${seminarSlugs[s]}/wiki/${slug}`, at);
          } else {
            const n = ++pageRev[t]!;
            insRevision.run(pageId[t]!, seminarIds[s]!, n, pageTitle[t]!, body.md, body.html, rand() < 0.5 ? sentence(3, 6) : "", author, at);
            updPage.run(body.md, body.html, n, author, at, pageId[t]!);
            if (rand() < 0.2) insActivity.run(seminarIds[s]!, author, "wiki", `Edited wiki page: ${pageTitle[t]}`, `/s/${seminarSlugs[s]}/wiki/${pageSlug[t]}`, at);
          }
          // A page is indexed as it stands after its last revision (indexDocument replaces the entry on every save).
          if (lastRevisionEvent[t] === e) indexDoc("wiki", pageId[t]!, s, pageTitle[t]!, `wiki/${encodeURIComponent(pageSlug[t]!)}`, at, body.text);
        }
      }
    })();
    progress("timeline", Math.min(events, from + EBATCH), events);
  }

  // --- legal news -------------------------------------------------------------------------------------------------
  log("news sources and items");
  const NEWS_TAGS = ["privacy", "employment", "securities", "tax", "litigation", "ip", "antitrust", "health", "immigration", "environment", "new-york", "california", "texas", "federal", "eu"];
  const insSource = c.prepare(`INSERT INTO news_sources (url, name, site_url, scope, scope_key, seminar_id, added_by_id, tags, requires_approval,
      last_fetched_at, last_success_at, last_notice, next_fetch_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insSourceTag = c.prepare("INSERT OR IGNORE INTO news_source_tags (source_id, tag) VALUES (?, ?)");
  const insTopic = c.prepare("INSERT OR IGNORE INTO news_seminar_topics (seminar_id, tag) VALUES (?, ?)");
  const insItem = c.prepare(`INSERT INTO news_items (guid_key, link_key, title_key, guid, link, title, excerpt, html, published_at, first_seen_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insItemSource = c.prepare("INSERT OR IGNORE INTO news_item_sources (item_id, source_id, approval, added_at) VALUES (?, ?, ?, ?)");
  const sources: { id: number; approval: boolean }[] = [];
  c.transaction(() => {
    for (let k = 0; k < 60; k++) {
      const tags = [...new Set([pick(NEWS_TAGS), pick(NEWS_TAGS)])];
      const host = `legal-news-${k + 1}.example.org`;
      const id = Number(
        insSource.run(`https://${host}/feed.xml`, `${titleText(2, 3)} Legal Report`, `https://${host}/`, "network", "network", null, adminId, JSON.stringify(tags), 0, now, now, "No changes since the last fetch.", now + 3600_000, T0).lastInsertRowid,
      );
      tags.forEach((t) => insSourceTag.run(id, t));
      sources.push({ id, approval: false });
    }
    for (let s = 0; s < seminarIds.length; s += 4) {
      const host = `seminar-news-${s + 1}.example.org`;
      const approval = rand() < 0.3;
      const id = Number(
        insSource.run(`https://${host}/rss`, `${titleText(2, 3)} Bulletin`, `https://${host}/`, "seminar", `seminar:${seminarIds[s]}`, seminarIds[s]!, pick(semInstructors[s]!), "[]", approval ? 1 : 0, now, now, "No changes since the last fetch.", now + 3600_000, T0).lastInsertRowid,
      );
      sources.push({ id, approval });
    }
    for (const s of seminarIds) for (let k = int(1, 3); k > 0; k--) insTopic.run(s, pick(NEWS_TAGS));
  })();
  for (let from = 0; from < N.news; from += EBATCH) {
    c.transaction(() => {
      for (let i = from; i < Math.min(N.news, from + EBATCH); i++) {
        const at = T0 + Math.floor((i / N.news) * (now - T0));
        const src = rand() < 0.7 ? sources[Math.floor(rand() * 60)]! : pick(sources);
        const title = titleText(4, 10);
        const excerpt = sentence(14, 30);
        const link = `https://news-${src.id}.example.org/${new Date(at).toISOString().slice(0, 10)}/${slugify(title)}-${i}`;
        const id = Number(
          insItem.run(link, link.replace(/^https:\/\//, ""), title.toLowerCase(), link, link, title, excerpt, `<p>${excerpt}</p>\n<p>${sentence(10, 20)}</p>\n`, at, at).lastInsertRowid,
        );
        const approval = src.approval ? (rand() < 0.8 ? "approved" : rand() < 0.5 ? "pending" : "rejected") : "approved";
        insItemSource.run(id, src.id, approval, at);
        if (rand() < 0.05) insItemSource.run(id, sources[Math.floor(rand() * 60)]!.id, "approved", at);
      }
    })();
    progress("news items", Math.min(N.news, from + EBATCH), N.news);
  }

  // --- careers and referrals (issue #18) ---------------------------------------------------------------------------
  log(`${N.jobs.toLocaleString("en-US")} job postings and ${N.referrals.toLocaleString("en-US")} referral requests`);
  const insJob = c.prepare(`INSERT INTO job_postings (poster_id, title, organisation, location, remote, bar_required, seniority, employment_type,
      apply_mode, description_md, description_html, closes_at, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'portal', ?, ?, ?, ?, ?)`);
  const insJobTag = c.prepare("INSERT OR IGNORE INTO job_tags (job_id, kind, value) VALUES (?, ?, ?)");
  const insNetDoc = c.prepare("INSERT INTO search_documents (kind, ref_id, seminar_id, audience, title, path, updated_at) VALUES (?, ?, NULL, 'members', ?, ?, ?)");
  const insReferral = c.prepare(`INSERT INTO referrals (requester_id, title, details_md, details_html, practice_area, jurisdiction, urgency,
      share_beyond_seminars, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insRoute = c.prepare("INSERT OR IGNORE INTO referral_routes (referral_id, user_id, created_at) VALUES (?, ?, ?)");
  const anyMember = () => memberIds[Math.floor(rand() * memberIds.length)]!;
  c.transaction(() => {
    for (let i = 0; i < N.jobs; i++) {
      const at = T0 + Math.floor((i / N.jobs) * (now - T0));
      // About a quarter are still open (closing in the next two months); the rest closed or expired long ago.
      const open = i > N.jobs * 0.75;
      const closes = open ? now + int(1, 60) * DAY : at + 30 * DAY;
      const title = `${pick(["Associate", "Senior Associate", "Counsel", "Partner", "Legal Director"])}, ${pick(areasList)}`;
      const body = sentence(12, 30);
      const id = Number(
        insJob.run(anyMember(), title, `${word()} ${pick(["LLP", "& Partners", "Legal", "Law Group"])}`, `${word()} City`, rand() < 0.3 ? 1 : 0,
          rand() < 0.5 ? 1 : 0, pick(["any", "junior", "mid", "senior", "partner"]), pick(["full-time", "part-time", "contract"]), body, `<p>${body}</p>\n`,
          closes, open ? "open" : rand() < 0.5 ? "closed" : "expired", at).lastInsertRowid,
      );
      for (let k = int(1, 3); k > 0; k--) insJobTag.run(id, "area", pick(areasList));
      for (let k = int(0, 2); k > 0; k--) insJobTag.run(id, "jurisdiction", pick(jurisdictions));
      if (open) insFts.run(Number(insNetDoc.run("job", id, title, `/jobs/${id}`, at).lastInsertRowid), "n", title, body);
    }
    for (let i = 0; i < N.referrals; i++) {
      const at = T0 + Math.floor((i / N.referrals) * (now - T0));
      const r = rand();
      const status = i > N.referrals * 0.9 ? "open" : r < 0.6 ? "placed" : "withdrawn";
      const share = rand() < 0.6 ? 1 : 0;
      const title = `Need ${pick(["local counsel", "a specialist", "co-counsel", "an expert"])} for ${titleText(2, 4).toLowerCase()}`;
      const body = sentence(10, 24);
      const id = Number(
        insReferral.run(anyMember(), title, body, `<p>${body}</p>\n`, pick(areasList), pick(jurisdictions), pick(["routine", "soon", "urgent"]), share, status, at)
          .lastInsertRowid,
      );
      for (let k = int(0, 4); k > 0; k--) insRoute.run(id, anyMember(), at);
      if (status === "open" && share) insFts.run(Number(insNetDoc.run("referral", id, title, `/referrals/${id}`, at).lastInsertRowid), "n", title, body);
    }
  })();
  // --- questions and answers (issue #14) ---------------------------------------------------------------------------
  // Most to the whole network, a quarter in seminars, a few private to a seminar's instructors; answers go mostly to
  // recent questions; four in ten answered questions have an accepted answer. Indexed exactly as indexDocument() does.
  log("questions and answers");
  const insQuestion = c.prepare(`INSERT INTO questions (seminar_id, author_id, audience, to_instructors, share_consent, anonymous, title, body_md, body_html,
      areas, jurisdictions, answer_count, created_at) VALUES (?, ?, ?, ?, 'none', 0, ?, ?, ?, ?, ?, 0, ?)`);
  const insAnswer = c.prepare("INSERT INTO answers (question_id, author_id, body_md, body_html, score, created_at) VALUES (?, ?, ?, ?, ?, ?)");
  const bumpAnswers = c.prepare("UPDATE questions SET answer_count = answer_count + 1 WHERE id = ?");
  const acceptAnswer = c.prepare("UPDATE questions SET accepted_answer_id = ? WHERE id = ? AND accepted_answer_id IS NULL");
  const insQaDoc = c.prepare("INSERT INTO search_documents (kind, ref_id, seminar_id, audience, title, path, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
  const indexQa = (k: string, refId: number, semId: number | null, audience: string, title: string, docPath: string, at: number, body: string) => {
    const id = insQaDoc.run(k, refId, semId, audience === "private" ? "instructors" : "members", title.slice(0, 500), docPath, at).lastInsertRowid;
    insFts.run(id, semId === null ? "n" : `${audience === "private" ? "i" : "s"}${semId}`, title.slice(0, 500), body.slice(0, 20_000));
  };
  const qId = new Int32Array(N.questions);
  const qSem = new Int32Array(N.questions); // seminar index, -1 for the network
  const qAudience = new Uint8Array(N.questions); // 0 network, 1 seminar, 2 private
  const qTitle: string[] = new Array(N.questions);
  const qAt = new Float64Array(N.questions);
  const answersPerQuestion = new Int32Array(N.questions);
  for (let a = 0; a < N.answers; a++) answersPerQuestion[recentIndex(N.questions)]!++;
  for (let from = 0; from < N.questions; from += EBATCH) {
    c.transaction(() => {
      for (let i = from; i < Math.min(N.questions, from + EBATCH); i++) {
        const at = T0 + Math.floor((i / N.questions) * (now - T0 - DAY));
        const r = rand();
        const audience = r < 0.7 ? 0 : r < 0.95 ? 1 : 2;
        const s = audience === 0 ? -1 : Math.floor(rand() * seminarIds.length);
        const author = s < 0 ? memberIds[Math.floor(rand() * memberIds.length)]! : pick(semMembers[s]!);
        const title = `${titleText(4, 9)}?`;
        const body = longDoc(int(1, 3), false);
        const areas = JSON.stringify([...new Set([pick(areasList), pick(areasList)].slice(0, int(1, 2)))]);
        const jur = JSON.stringify(rand() < 0.7 ? [pick(jurisdictions)] : []);
        const semId = s < 0 ? null : seminarIds[s]!;
        const aud = ["network", "seminar", "private"][audience]!;
        const id = Number(insQuestion.run(semId, author, aud, audience === 2 || rand() < 0.1 ? 1 : 0, title, body.md, body.html, areas, jur, at).lastInsertRowid);
        qId[i] = id;
        qSem[i] = s;
        qAudience[i] = audience;
        qTitle[i] = title;
        qAt[i] = at;
        indexQa("question", id, semId, aud, title, `/questions/${id}`, at, body.text);
        if (audience === 1) insActivity.run(semId, author, "question", `New question “${title}”`, `/s/${seminarSlugs[s]}/questions`, at);
      }
    })();
    progress("questions", Math.min(N.questions, from + EBATCH), N.questions);
  }
  {
    let written = 0;
    let batch: number[] = [];
    const flush = () => {
      c.transaction(() => {
        for (const i of batch) {
          const s = qSem[i]!;
          const semId = s < 0 ? null : seminarIds[s]!;
          const aud = ["network", "seminar", "private"][qAudience[i]!]!;
          for (let k = 0; k < answersPerQuestion[i]!; k++) {
            const at = Math.min(now, qAt[i]! + int(1, 72) * 3600_000 * (k + 1));
            const author = s < 0 ? memberIds[Math.floor(rand() * memberIds.length)]! : qAudience[i] === 2 ? pick(semInstructors[s]!) : authorIn(s);
            const body = paragraph(int(1, 4));
            const id = Number(insAnswer.run(qId[i]!, author, body.md, body.html, rand() < 0.5 ? 0 : int(1, 6), at).lastInsertRowid);
            bumpAnswers.run(qId[i]!);
            if (k === 0 && rand() < 0.4) acceptAnswer.run(id, qId[i]!);
            indexQa("answer", id, semId, aud, `Answer to “${qTitle[i]}”`, `/questions/${qId[i]}#answer-${id}`, at, body.text);
          }
          written += answersPerQuestion[i]!;
        }
      })();
      batch = [];
      progress("answers", written, N.answers);
    };
    for (let i = 0; i < N.questions; i++) {
      batch.push(i);
      if (batch.length === 5000) flush();
    }
    flush();
  }

  // --- issue #20: the library and shared bookmarks ------------------------------------------------------------------
  log("library documents and bookmarks");
  const LIB_KINDS = ["statute", "opinion", "form", "checklist", "practice-note", "other"];
  const JURIS = ["Federal", "California", "New York", "Texas", "Illinois", "EU", "England and Wales", "Germany", "Ontario", "Florida"];
  const AREAS = ["Privacy", "Employment", "Securities", "Tax", "Litigation", "Intellectual Property", "Antitrust", "Health", "Immigration", "Environment"];
  const insLibDoc = c.prepare(`INSERT INTO library_documents (title, kind, jurisdiction, dated, citation, description, current_version_id, current_version,
      created_by_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, NULL, 1, ?, ?, ?)`);
  const insLibVersion = c.prepare(`INSERT INTO library_versions (document_id, version, stored_name, file_name, content_type, size_bytes, sha256, as_of,
      uploaded_by_id, text_status, text, created_at) VALUES (?, 1, ?, ?, 'application/pdf', ?, ?, ?, ?, 'done', ?, ?)`);
  const setCurrentVersion = c.prepare("UPDATE library_documents SET current_version_id = ? WHERE id = ?");
  const insLibArea = c.prepare("INSERT OR IGNORE INTO library_document_areas (document_id, area) VALUES (?, ?)");
  const insFeature = c.prepare("INSERT OR IGNORE INTO library_features (seminar_id, document_id, featured_by_id, created_at) VALUES (?, ?, ?, ?)");
  // Outside any seminar: seminar_id NULL, scope token "n" (every member) or "u<id>" (one member), as indexDocument writes.
  const insOpenDoc = c.prepare("INSERT INTO search_documents (kind, ref_id, seminar_id, owner_id, audience, title, path, updated_at) VALUES (?, ?, ?, ?, 'members', ?, ?, ?)");
  const libIds = new Int32Array(N.libraryDocs);
  for (let from = 0; from < N.libraryDocs; from += EBATCH) {
    c.transaction(() => {
      for (let i = from; i < Math.min(N.libraryDocs, from + EBATCH); i++) {
        const at = T0 + Math.floor((i / N.libraryDocs) * (now - T0));
        const title = titleText(3, 7);
        const text = paragraph(int(2, 6)).text;
        const dated = new Date(at - int(0, 3650) * DAY).toISOString().slice(0, 10);
        const kind = pick(LIB_KINDS);
        const jur = pick(JURIS);
        const id = Number(insLibDoc.run(title, kind, jur, dated, `${int(1, 999)} ${pick(["U.S.", "F.3d", "Cal. Rptr.", "O.J. L"])} ${int(1, 2000)}`, sentence(8, 20), adminId, at, at).lastInsertRowid);
        libIds[i] = id;
        const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join("");
        const v = Number(insLibVersion.run(id, hex(32), `${slugify(title)}.pdf`, int(20_000, 2_000_000), hex(64), dated, adminId, text, at).lastInsertRowid);
        setCurrentVersion.run(v, id);
        const areas = [...new Set([pick(AREAS), pick(AREAS)])].slice(0, int(1, 2));
        areas.forEach((a) => insLibArea.run(id, a));
        const docId = insOpenDoc.run("document", id, null, null, title, `/library/${id}`, at).lastInsertRowid;
        insFts.run(docId, "n", title, [jur, areas.join(", "), text].join("\n"));
      }
    })();
    progress("library documents", Math.min(N.libraryDocs, from + EBATCH), N.libraryDocs);
  }
  c.transaction(() => {
    for (let s = 0; s < seminarIds.length; s++) for (let k = int(0, 3); k > 0; k--) insFeature.run(seminarIds[s]!, libIds[Math.floor(rand() * N.libraryDocs)]!, semInstructors[s]!.length ? pick(semInstructors[s]!) : null, now);
  })();
  const insBookmark = c.prepare(`INSERT OR IGNORE INTO bookmarks (user_id, target, ref_kind, ref_id, url, title, note_md, note_html, visibility, seminar_id, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insBookmarkTag = c.prepare("INSERT OR IGNORE INTO bookmark_tags (bookmark_id, tag) VALUES (?, ?)");
  const BM_TAGS = ["gdpr", "caselaw", "templates", "ethics", "ai", "employment", "tax", "litigation", "must-read", "checklists", "privacy", "contracts"];
  // A pool of outside links, popular ones saved often (so "who else saved this" and "most saved" have work to do).
  const linkPool = Math.max(10, Math.floor(N.bookmarks / 5));
  for (let from = 0; from < N.bookmarks; from += EBATCH) {
    c.transaction(() => {
      for (let i = from; i < Math.min(N.bookmarks, from + EBATCH); i++) {
        const at = T0 + Math.floor((i / N.bookmarks) * (now - T0));
        const s = Math.floor(rand() * seminarIds.length);
        if (!semMembers[s]!.length) continue;
        const user = pick(semMembers[s]!);
        const r = rand();
        const visibility = r < 0.5 ? "network" : r < 0.8 ? "private" : "seminar";
        const seminarId = visibility === "seminar" ? seminarIds[s]! : null;
        const note = rand() < 0.4 ? sentence(6, 18) : "";
        let res;
        let url: string | null = null;
        let title: string;
        if (rand() < 0.3) {
          const doc = libIds[recentIndex(N.libraryDocs)]!;
          title = `Library document ${doc}`;
          res = insBookmark.run(user, `document:${doc}`, "document", doc, null, title, note, note ? `<p>${note}</p>\n` : "", visibility, seminarId, at);
        } else {
          const k = Math.floor(linkPool * rand() ** 2);
          url = `https://law-links-${k % 97}.example.org/articles/${k}`;
          title = `${titleText(3, 7)}`;
          res = insBookmark.run(user, url, null, null, url, title, note, note ? `<p>${note}</p>\n` : "", visibility, seminarId, at);
        }
        if (!res.changes) continue;
        const id = Number(res.lastInsertRowid);
        const tags = [...new Set([pick(BM_TAGS), pick(BM_TAGS)])].slice(0, int(0, 2));
        tags.forEach((t) => insBookmarkTag.run(id, t));
        if (url) {
          const docId = insOpenDoc.run("bookmark", id, seminarId, visibility === "private" ? user : null, title, `/bookmarks/${id}`, at).lastInsertRowid;
          insFts.run(docId, visibility === "private" ? `u${user}` : seminarId ? `s${seminarId}` : "n", title, [url, note, tags.join(" ")].join("\n"));
        }
      }
    })();
    progress("bookmarks", Math.min(N.bookmarks, from + EBATCH), N.bookmarks);
  }
  // --- direct messages and notifications (issue #15) --------------------------------------------------------------
  seedMessagesAndNotifications(c, { benchIds, memberIds, now, T0 });
  // --- member activity and join sources (issue #19) ------------------------------------------------------------
  seedActivity(c, { adminId, benchIds, memberIds, now });

  // --- CLE credits, attendance and certificates (issue #17) --------------------------------------------------------
  seedCredits(c, { benchIds, now, log });

  // --- finishing ------------------------------------------------------------------------------------------------
  if (!flag("no-optimize")) {
    log("merging the search index segments (FTS5 optimize)");
    c.exec("INSERT INTO search_fts(search_fts) VALUES ('optimize')");
    c.exec("INSERT INTO directory_fts_v1(directory_fts_v1) VALUES ('optimize')");
  }
  log("collecting query planner statistics (ANALYZE)");
  c.exec("ANALYZE");
  c.pragma("locking_mode = NORMAL");
  c.pragma("journal_mode = WAL");
  c.pragma("synchronous = FULL");
  const counts = Object.fromEntries(
    ["users", "member_daily_counts", "invitations", "memberships", "blog_posts", "comments", "wiki_pages", "wiki_revisions", "news_items", "job_postings", "referrals", "search_documents", "questions", "answers", "library_documents", "bookmarks", "conversations", "messages", "notifications", "attendance", "certificates"].map((t) => [
      t,
      (c.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
    ]),
  );
  c.close();
  // The analytics rollups, made by the app's own code (as its task would).
  log("analytics rollups (daily, weekly and cohort figures)");
  {
    const { openDatabase, closeConnection } = await import("../app/models/db.server");
    const { refreshAnalytics } = await import("../app/models/analytics-rollup.server");
    const d = openDatabase(FILE);
    const ms = refreshAnalytics({ full: true, d });
    closeConnection(d);
    log(`analytics rollups in ${(ms / 1000).toFixed(1)} s`);
  }
  const mb = fs.statSync(FILE).size / 2 ** 20;
  log(`done: ${Object.entries(counts).map(([k, v]) => `${k} ${v.toLocaleString("en-US")}`).join(", ")}; ${mb.toFixed(0)} MB`);
  console.log(`\nScale database ready: ${FILE}`);
  console.log(`Bench sign-ins (password "${BENCH_PASSWORD}", every seeded member has it):`);
  console.log(`  admin  admin@bench.colloquy.test`);
  console.log(`  member ${BENCH_EMAIL(0)} … ${BENCH_EMAIL(N.bench - 1)}`);
}

/**
 * Conversations (mostly one-to-one, some groups of up to 8), their messages in time order, and the members' rows with
 * the read pointers the app keeps (about one conversation in ten unread); then notifications, most pointing at
 * messages of the recipient's own conversations (so the notification page shows them) and the rest at posts. Ids are
 * assigned here, so no row is updated after it is written. Every bench member is in at least 60 conversations and
 * has 400 notifications, so their inbox and notification pages are full.
 */
function seedMessagesAndNotifications(
  c: Database.Database,
  { benchIds, memberIds, now, T0 }: { benchIds: number[]; memberIds: Int32Array; now: number; T0: number },
) {
  log(`${N.conversations.toLocaleString("en-US")} conversations with ${N.messages.toLocaleString("en-US")} messages`);
  const insConv = c.prepare("INSERT INTO conversations (id, title, created_by_id, created_at, last_message_id, last_message_at) VALUES (?, ?, ?, ?, ?, ?)");
  const insMember = c.prepare(
    `INSERT INTO conversation_members (conversation_id, user_id, joined_at, last_read_id, mailed_up_to_id, last_message_id, last_message_at, pending_since)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL)`,
  );
  const insMsg = c.prepare("INSERT INTO messages (id, conversation_id, author_id, body_md, body_html, created_at) VALUES (?, ?, ?, ?, ?, ?)");
  const pickMember = () => memberIds[Math.floor(rand() * memberIds.length)]!;
  // A message id each member can see, for notifications that point at it.
  const seenMessage = new Map<number, number>();
  const perBench = Math.min(60, Math.floor(N.conversations / Math.max(1, benchIds.length) / 2));
  let messageId = 0;
  const BATCH = 5_000;
  for (let from = 0; from < N.conversations; from += BATCH) {
    c.transaction(() => {
      for (let k = from; k < Math.min(N.conversations, from + BATCH); k++) {
        const convId = k + 1;
        const bench = k < perBench * benchIds.length ? benchIds[k % benchIds.length] : undefined;
        const group = rand() < 0.12;
        const people = new Set<number>(bench ? [bench] : []);
        const size = group ? int(3, 8) : 2;
        while (people.size < size) people.add(pickMember());
        const ids = [...people];
        // The remaining messages spread evenly over the remaining conversations, give or take.
        const left = N.messages - messageId;
        const convLeft = N.conversations - k;
        const count = convLeft === 1 ? left : Math.max(1, Math.min(left - (convLeft - 1), Math.round((left / convLeft) * (0.3 + rand() * 1.4))));
        const start = T0 + Math.floor(rand() * (now - T0 - 86_400_000));
        const end = Math.min(now, start + int(1, 60) * 86_400_000);
        const firstId = messageId + 1;
        let at = start;
        const step = Math.max(1, Math.floor((end - start) / (count + 1)));
        for (let m = 0; m < count; m++) {
          messageId++;
          at += Math.floor(step * (0.5 + rand()));
          const text = sentence(4, 22);
          insMsg.run(messageId, convId, ids[m === 0 ? 0 : Math.floor(rand() * ids.length)]!, text, `<p>${text}</p>\n`, at);
        }
        insConv.run(convId, group ? titleText(2, 4) : "", ids[0]!, start, messageId, at);
        for (const u of ids) {
          const unread = rand() < 0.1 && messageId > firstId;
          insMember.run(convId, u, start, unread ? messageId - 1 : messageId, unread ? messageId - 1 : messageId, messageId, at);
          seenMessage.set(u, messageId);
        }
      }
    })();
    progress("conversations", Math.min(N.conversations, from + BATCH), N.conversations);
  }

  log(`${N.notifications.toLocaleString("en-US")} notifications`);
  const insNote = c.prepare(
    `INSERT INTO notifications (user_id, event, topic, ref_kind, ref_id, actor_id, seminar_id, summary, delivery, created_at, read_at)
     VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)`,
  );
  const posts = (c.prepare("SELECT count(*) AS n FROM blog_posts").get() as { n: number }).n;
  const EVENTS = [
    ["message.unread", "messages", "You have unread messages"],
    ["comment.posted", "replies", "A reply to your post"],
    ["post.published", "posts", "A new post in your seminar"],
    ["material.version", "materials", "A new version of a course material"],
  ] as const;
  const benchNotes = Math.min(400, Math.floor(N.notifications / Math.max(1, benchIds.length) / 4));
  const NBATCH = 50_000;
  for (let from = 0; from < N.notifications; from += NBATCH) {
    c.transaction(() => {
      for (let i = from; i < Math.min(N.notifications, from + NBATCH); i++) {
        const userId = i < benchNotes * benchIds.length ? benchIds[i % benchIds.length]! : pickMember();
        const msg = seenMessage.get(userId);
        const [event, topic, summary] = msg && rand() < 0.6 ? EVENTS[0] : pick(EVENTS.slice(1));
        const isMsg = event === "message.unread";
        const at = T0 + Math.floor((i / N.notifications) * (now - T0));
        const read = rand() < 0.8 ? at + 3_600_000 : null;
        insNote.run(userId, event, topic, isMsg ? "message" : "post", isMsg ? msg! : 1 + Math.floor(rand() * Math.max(1, posts)), pickMember(), summary, rand() < 0.7 ? "immediate" : "portal", at, read);
      }
    })();
    progress("notifications", Math.min(N.notifications, from + NBATCH), N.notifications);
  }
}

/**
 * Issue #19: who came through which invitation, and daily activity for the last `activityDays` days. Each member has
 * an engagement level (most rarely come, a few come most days) and is a little keener in their first month; rows are
 * written day by day, in the table's key order. About one active day in six also has a contribution counter.
 */
function seedActivity(
  c: Database.Database,
  { adminId, benchIds, memberIds, now }: { adminId: number; benchIds: number[]; memberIds: Int32Array; now: number },
) {
  const DAY = 86_400_000;
  const users = c.prepare("SELECT id, created_at FROM users ORDER BY id").raw().all() as [number, number][];
  log(`invitations members joined through (${users.length.toLocaleString("en-US")} members)`);
  const insInv = c.prepare(
    `INSERT INTO invitations (token_hash, kind, email, source, invited_by_id, expires_at, created_at, opened_at, accepted_at, accepted_user_id, uses)
     VALUES (?, 'email', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const SOURCES: [string, number][] = [["staff", 0.35], ["instructor", 0.3], ["member", 0.15], ["link", 0.12], ["", 0.08]];
  const source = () => {
    let r = rand();
    for (const [s, p] of SOURCES) if ((r -= p) < 0) return s;
    return "";
  };
  const pickMember = () => memberIds[Math.floor(rand() * memberIds.length)]!;
  let k = 0;
  const BATCH = 20_000;
  for (let from = 0; from < users.length; from += BATCH) {
    c.transaction(() => {
      for (const [id, at] of users.slice(from, from + BATCH)) {
        const s = source();
        const inviter = s === "staff" || s === "" ? adminId : pickMember();
        if (s) insInv.run(`scale-join-${id}`, `join-${id}@members.colloquy.test`, s, inviter, at + 14 * DAY, at - int(1, 10) * DAY, at - 3_600_000, at, id, 1);
        // Invitations that were never accepted (some opened).
        if (rand() < 0.35) {
          k++;
          const sent = at - int(0, 30) * DAY;
          const src = source() || "staff";
          insInv.run(`scale-open-${k}`, `pending-${k}@invited.colloquy.test`, src, src === "staff" ? adminId : pickMember(), sent + 14 * DAY, sent, rand() < 0.5 ? sent + DAY : null, null, null, 0);
        }
      }
    })();
    progress("invitations", Math.min(users.length, from + BATCH), users.length);
  }

  const today = Math.floor(now / DAY);
  const first = today - N.activityDays + 1;
  const LEVELS: [number, number][] = [[0.45, 0.005], [0.35, 0.03], [0.15, 0.12], [0.05, 0.4]];
  const rate = new Float64Array(users.length);
  const joined = new Int32Array(users.length);
  const bench = new Set(benchIds);
  users.forEach(([id, at], i) => {
    joined[i] = Math.floor(at / DAY);
    let r = rand();
    let p = LEVELS[LEVELS.length - 1]![1];
    for (const [share, q] of LEVELS) {
      if ((r -= share) < 0) {
        p = q;
        break;
      }
    }
    rate[i] = bench.has(id) ? 0.5 : p;
  });
  log(`member activity for ${N.activityDays} days`);
  const insCount = c.prepare("INSERT OR IGNORE INTO member_daily_counts (day, user_id, counter, seminar_id, n) VALUES (?, ?, ?, 0, ?)");
  const COUNTERS = ["question.asked", "answer.posted", "bookmark.saved", "document.followed", "job.applied"];
  let rows = 0;
  for (let d = first; d <= today; d++) {
    const day = new Date(d * DAY).toISOString().slice(0, 10);
    c.transaction(() => {
      for (let i = 0; i < users.length; i++) {
        if (joined[i]! > d) continue;
        const keen = d - joined[i]! < 30 ? 3 : 1;
        if (rand() >= rate[i]! * keen) continue;
        const id = users[i]![0];
        insCount.run(day, id, "visit", int(1, 12));
        rows++;
        if (rand() < 0.17) {
          insCount.run(day, id, pick(COUNTERS), 1);
          rows++;
        }
      }
    })();
    progress("activity days", d - first + 1, today - first + 1);
  }
  log(`${rows.toLocaleString("en-US")} activity rows`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
