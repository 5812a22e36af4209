// Profiles over real HTTP against the production build: hidden values appear in no page, data request, search
// result, CSV or vCard; photos are checked, re-encoded and served only to those allowed; forms refuse bad input and
// extra fields; members export their data and an admin-confirmed deletion leaves a "Former member".
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createSeminar, createUser } from "../../db/factories";
import { barAdmissions, profileAreas, profiles, users } from "../../db/schema";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

const PASSWORD = "correct horse battery staple";
const SLUG = "privacy-http";
const SECRET_PHONE = "+1 555 0123 9876";
const SECRET_BAR = "SECRETBAR4242";
const SECRET_FIRM = "Quillonbrook Hiddenfirm LLP";
const SECRET_EMAIL = "morgan.private@quillonbrook.example";
const SECRET_BIO = "Zugzwangian";

let server: TestServer;
const ids = { morgan: 0, carl: 0, ivy: 0, otto: 0, admin: 0 };
const clients = {} as Record<keyof typeof ids, Client>;

async function signedIn(email: string) {
  const c = new Client(server.url);
  await c.signIn(email, PASSWORD);
  return c;
}

async function text(c: Client, path: string) {
  const res = await c.get(path);
  return { status: res.status, body: await res.text(), type: res.headers.get("content-type") ?? "" };
}

function postMultipart(c: Client, path: string, form: FormData) {
  return c.fetch(path, { method: "POST", body: form, headers: { Origin: server.origin } });
}

function expectNoSecrets(body: string, allowed: string[] = []) {
  for (const s of [SECRET_PHONE, "0123 9876", SECRET_BAR, SECRET_FIRM, "Quillonbrook", SECRET_EMAIL, SECRET_BIO]) {
    if (allowed.some((a) => a.includes(s) || s.includes(a))) continue;
    expect(body, `leaked ${s}`).not.toContain(s);
  }
}

beforeAll(async () => {
  server = await startTestServer({ label: "profiles" });
  const d = server.db;
  const morgan = await createUser(d, { name: "Morgan Keeper", email: "morgan@example.com" });
  const carl = await createUser(d, { name: "Carl Classmate", email: "carl@example.com" });
  const ivy = await createUser(d, { name: "Ivy Instructor", email: "ivy@example.com" });
  const otto = await createUser(d, { name: "Otto Outsider", email: "otto@example.com" });
  const admin = await createUser(d, { name: "Ada Admin", email: "ada@example.com", role: "admin" });
  Object.assign(ids, { morgan: morgan.id, carl: carl.id, ivy: ivy.id, otto: otto.id, admin: admin.id });
  const s = createSeminar(d, { slug: SLUG, title: "Privacy over HTTP" });
  addMember(d, { seminarId: s.id, userId: morgan.id, role: "attendee" });
  addMember(d, { seminarId: s.id, userId: carl.id, role: "attendee" });
  addMember(d, { seminarId: s.id, userId: ivy.id, role: "instructor" });
  d.update(profiles)
    .set({
      firm: SECRET_FIRM,
      visFirm: "classmates",
      bioMd: SECRET_BIO,
      bioHtml: `<p>${SECRET_BIO}</p>`,
      visBio: "instructors",
      phone: SECRET_PHONE,
      contactEmail: SECRET_EMAIL,
      headline: "Public headline about privacy",
      yearsInPractice: 12,
      onboardingCompletedAt: new Date(),
    })
    .where(eq(profiles.userId, morgan.id))
    .run();
  d.insert(profileAreas).values({ userId: morgan.id, kind: "area", value: "Privacy and Data Protection" }).run();
  d.insert(barAdmissions).values({ userId: morgan.id, jurisdiction: "New York", barNumber: SECRET_BAR, yearAdmitted: 2014 }).run();
  for (const k of Object.keys(ids) as (keyof typeof ids)[]) clients[k] = await signedIn(`${k === "admin" ? "ada" : k}@example.com`);
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe("hidden values stay hidden over HTTP", () => {
  it("an outsider sees only the network fields on the page, the data request and the vCard", async () => {
    const page = await text(clients.otto, `/people/${ids.morgan}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain("Morgan Keeper");
    expect(page.body).toContain("Public headline about privacy");
    expectNoSecrets(page.body);
    const data = await text(clients.otto, `/people/${ids.morgan}.data`);
    expect(data.status).toBe(200);
    expect(data.body).toContain("Public headline about privacy");
    expectNoSecrets(data.body);
    const vcf = await text(clients.otto, `/people/${ids.morgan}.vcf`);
    expect(vcf.status).toBe(200);
    expect(vcf.type).toContain("text/vcard");
    expect(vcf.body).toContain("FN:Morgan Keeper");
    expectNoSecrets(vcf.body);
  });

  it("a classmate sees the firm but not contact details, bio or bar number", async () => {
    const page = await text(clients.carl, `/people/${ids.morgan}`);
    expect(page.body).toContain(SECRET_FIRM);
    expectNoSecrets(page.body, [SECRET_FIRM]);
    const members = await text(clients.carl, `/s/${SLUG}/members.data`);
    expect(members.status).toBe(200);
    expect(members.body).toContain(SECRET_FIRM);
    expectNoSecrets(members.body, [SECRET_FIRM]);
    const vcf = await text(clients.carl, `/people/${ids.morgan}.vcf`);
    expect(vcf.body).toContain("ORG:Quillonbrook Hiddenfirm LLP");
    expect(vcf.body).not.toContain(SECRET_PHONE);
    expect((await clients.carl.get(`/s/${SLUG}/roster`)).status).toBe(403);
    expect((await clients.carl.get(`/s/${SLUG}/roster.csv`)).status).toBe(403);
  });

  it("search finds nothing by a hidden value, in pages and data requests", async () => {
    for (const q of ["Quillonbrook", "0123 9876", SECRET_BAR, "Zugzwangian", "quillonbrook.example"]) {
      const page = await text(clients.otto, `/people?q=${encodeURIComponent(q)}`);
      expect(page.body).toContain("No members match");
      expectNoSecrets(page.body, [q]);
      const data = await text(clients.otto, `/people.data?q=${encodeURIComponent(q)}`);
      expect(data.body).not.toContain("Morgan Keeper");
    }
    // The phone and bar number are never searchable, even for the instructor who may see them.
    for (const q of ["0123 9876", SECRET_BAR]) {
      expect((await text(clients.ivy, `/people?q=${encodeURIComponent(q)}`)).body).toContain("No members match");
    }
    // What the searcher may see is found.
    expect((await text(clients.carl, "/people?q=Quillonbrook")).body).toContain("Morgan Keeper");
    expect((await text(clients.otto, "/people?q=keeper")).body).toContain("Morgan Keeper");
    expect((await text(clients.ivy, "/people?q=zugzwang")).body).toContain("Morgan Keeper");
    // A query longer than the search box allows is cut to its first 200 characters, not ignored (an ignored query
    // would list everyone, Carl included).
    const long = await text(clients.otto, `/people?q=${encodeURIComponent(`keeper${" ".repeat(194)}${"x".repeat(300)}`)}`);
    expect(long.status).toBe(200);
    expect(long.body).toContain("Morgan Keeper");
    expect(long.body).not.toContain("Carl Classmate");
    expect((await text(clients.otto, "/people")).body).toContain("Carl Classmate");
    const filtered = await text(clients.otto, "/people?area=Privacy+and+Data+Protection&years=11-20");
    expect(filtered.body).toContain("Morgan Keeper");
    expectNoSecrets(filtered.body);
  });

  it("the instructor's roster and CSV hold what instructors may see and nothing more", async () => {
    const roster = await text(clients.ivy, `/s/${SLUG}/roster`);
    expect(roster.status).toBe(200);
    expect(roster.body).toContain(SECRET_PHONE);
    expect(roster.body).toContain(SECRET_EMAIL);
    expect(roster.body).not.toContain(SECRET_BAR);
    const csvRes = await clients.ivy.get(`/s/${SLUG}/roster.csv`);
    expect(csvRes.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await csvRes.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    expect(csv).toContain("Morgan Keeper");
    expect(csv).toContain(SECRET_PHONE);
    expect(csv).not.toContain(SECRET_BAR);
    expect(csv.split("\r\n")[0]).toContain("Name,Addressed as");
    // Carl is an attendee too; the instructor does not see what Carl keeps to himself.
    server.db.update(profiles).set({ phone: "+1 555 0000 1111", visPhone: "me" }).where(eq(profiles.userId, ids.carl)).run();
    expect(await (await clients.ivy.get(`/s/${SLUG}/roster.csv`)).text()).not.toContain("0000 1111");
    // Filters and sort apply to the export as on the page.
    const none = await (await clients.ivy.get(`/s/${SLUG}/roster.csv?jurisdiction=Texas`)).text();
    expect(none).not.toContain("Morgan Keeper");
  });

  it("the audience brief draws SVG charts with counts from visible values", async () => {
    const brief = await text(clients.ivy, `/s/${SLUG}/audience`);
    expect(brief.status).toBe(200);
    expect(brief.body).toContain("<svg");
    expect(brief.body).toMatch(/Privacy and Data Protection/);
    expect(brief.body).toMatch(/1 \(50%\)/);
    expect((await clients.carl.get(`/s/${SLUG}/audience`)).status).toBe(403);
    expect((await clients.otto.get(`/s/${SLUG}/audience`)).status).toBe(404);
  });

  it("a refused settings form saves nothing and redraws the member's own choices", async () => {
    const before = server.db.$client.prepare("select * from mail_choices where user_id = ? order by topic").all(ids.carl);
    const res = await clients.carl.post("/profile/settings", { visEmail: "me", "mail.materials": "weekly", "mail.news": "hourly" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/name="visEmail"[^]*?<option value="me" selected=""/);
    expect(html).toMatch(/name="mail\.materials" checked="" value="weekly"/);
    expect(server.db.$client.prepare("select * from mail_choices where user_id = ? order by topic").all(ids.carl)).toEqual(before);
  });

  it("leaving the directory hides a member from outsiders but not from classmates", async () => {
    const form = { inDirectory: "", mail_placeholder: "" };
    const settings = Object.fromEntries(
      [
        "visPhoto", "visAddressAs", "visHeadline", "visFirm", "visJobTitle", "visLocation", "visPracticeAreas", "visJurisdictions",
        "visYearsInPractice", "visBio", "visLinks", "visOpenToReferrals",
      ].map((k) => [k, "network"]),
    );
    const res = await clients.carl.post("/profile/settings", {
      ...settings,
      visBarNumbers: "me",
      visEmail: "instructors",
      visPhone: "me",
      visPreferredContact: "instructors",
      visOpenToOpportunities: "classmates",
      "mail.materials": "daily",
      "mail.replies": "immediate",
      "mail.news": "never",
      "mail.surveys": "weekly",
      ...form,
    });
    expect(res.status).toBe(302);
    expect((await clients.otto.get(`/people/${ids.carl}`)).status).toBe(404);
    expect((await text(clients.otto, "/people?q=carl")).body).toContain("No members match");
    expect((await clients.morgan.get(`/people/${ids.carl}`)).status).toBe(200);
    expect((await text(clients.morgan, `/s/${SLUG}/members`)).body).toContain("Carl Classmate");
    const prefs = server.db.$client
      .prepare("select topic, choice from mail_choices where user_id = ? and topic in ('materials', 'news', 'surveys') order by topic")
      .all(ids.carl);
    expect(prefs).toEqual([
      { topic: "materials", choice: "daily" },
      { topic: "news", choice: "never" },
      { topic: "surveys", choice: "weekly" },
    ]);
  });
});

describe("photos", () => {
  it("re-encodes an upload without its metadata and serves it only to those allowed", async () => {
    const jpeg = await sharp({ create: { width: 1200, height: 900, channels: 3, background: "#3366aa" } })
      .jpeg()
      .withExif({ IFD0: { Copyright: "SecretGPSCopyright", Artist: "Camera Owner" } })
      .toBuffer();
    expect(jpeg.toString("latin1")).toContain("SecretGPSCopyright");
    const form = new FormData();
    form.set("photo", new Blob([new Uint8Array(jpeg)], { type: "image/jpeg" }), "me.jpg");
    form.set("name", "Morgan Keeper");
    form.set("headline", "Public headline about privacy");
    const res = await postMultipart(clients.morgan, "/onboarding?step=you", form);
    expect(res.status).toBe(302);
    const photoFile = server.db.select({ f: profiles.photoFile }).from(profiles).where(eq(profiles.userId, ids.morgan)).get()!.f!;
    expect(photoFile).toMatch(/^[a-f0-9]{32}\.webp$/);
    const page = await text(clients.otto, `/people/${ids.morgan}`);
    const src = /src="(\/people\/\d+\/photo\?v=[^"]+)"/.exec(page.body)![1]!.replace(/&amp;/g, "&");
    const img = await clients.otto.get(src);
    expect(img.status).toBe(200);
    expect(img.headers.get("content-type")).toBe("image/webp");
    const served = Buffer.from(await img.arrayBuffer());
    const meta = await sharp(served).metadata();
    expect(meta.format).toBe("webp");
    expect([meta.width, meta.height]).toEqual([480, 480]);
    expect(meta.exif).toBeUndefined();
    expect(served.toString("latin1")).not.toContain("SecretGPSCopyright");
    // Not under public/, and not for signed-out visitors.
    expect((await fetch(`${server.url}${src}`, { redirect: "manual" })).status).toBe(302);
    // Hidden photo: the route refuses, and no page links it.
    server.db.update(profiles).set({ visPhoto: "me" }).where(eq(profiles.userId, ids.morgan)).run();
    expect((await clients.otto.get(src)).status).toBe(404);
    expect((await text(clients.otto, `/people/${ids.morgan}`)).body).not.toContain("/photo?v=");
    expect((await clients.morgan.get(src)).status).toBe(200);
    server.db.update(profiles).set({ visPhoto: "network" }).where(eq(profiles.userId, ids.morgan)).run();
  });

  it("refuses a non-image whatever its name, and an oversized photo, keeping the other input", async () => {
    const fake = new FormData();
    fake.set("photo", new Blob([new TextEncoder().encode("<svg onload=alert(1)>not an image</svg>")], { type: "image/png" }), "cat.png");
    fake.set("name", "Carl Keeps This Name");
    fake.set("headline", "Kept headline");
    const res = await postMultipart(clients.carl, "/onboarding?step=you", fake);
    expect(res.status).toBe(415);
    const body = await res.text();
    expect(body).toContain("not a photo we can use");
    expect(body).toContain("Kept headline");
    const big = new FormData();
    big.set("name", "Carl Keeps This Name");
    big.set("headline", "Still kept");
    big.set("photo", new Blob([new Uint8Array(9 * 1024 * 1024)], { type: "image/jpeg" }), "huge.jpg");
    const res2 = await postMultipart(clients.carl, "/profile/edit", big);
    expect(res2.status).toBe(413);
    const body2 = await res2.text();
    expect(body2).toContain("too large");
    expect(body2).toContain("Still kept");
    // Nothing was saved.
    expect(server.db.select({ name: users.name }).from(users).where(eq(users.id, ids.carl)).get()!.name).toBe("Carl Classmate");
  });
});

describe("forms", () => {
  it("limits free text and keeps the member's input next to the message", async () => {
    const res = await clients.carl.post("/onboarding?step=you", { name: "Carl Classmate", headline: "x".repeat(141) });
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).toContain("Headline can be at most 140 characters.");
    expect(body).toContain("x".repeat(141));
    const bad = await clients.carl.post("/onboarding?step=about", { bioMd: "ok", linkedinUrl: "javascript:alert(1)" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("LinkedIn must be a link to linkedin.com");
  });

  it("a refused bar admission shows on its own row, every row keeps what was typed, and nothing is saved", async () => {
    const before = server.db.select().from(barAdmissions).where(eq(barAdmissions.userId, ids.carl)).all();
    const res = await clients.carl.post("/onboarding?step=practice", {
      "adm-jurisdiction": ["Alabama", "Alaska", "Arizona"],
      "adm-number": ["", "AK-0042", "AZ 77"],
      "adm-year": ["2012", "19x5", ""],
      "adm-status": ["active", "retired", "pending"],
      "adm-rows": "3",
      yearsInPractice: "12",
    });
    expect(res.status).toBe(400);
    const body = await res.text();
    // The message sits in the second row (the year), not at the top of the list.
    const rows = body.split('class="admission-row').slice(1);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows[1]).toContain("Year admitted must be a year such as 2012.");
    expect(rows[0]).not.toContain("field__error");
    // An empty bar number in the first row does not shift the others into the wrong rows.
    expect(rows[0]).toContain('value="2012"');
    expect(rows[1]).toContain('value="AK-0042"');
    expect(rows[1]).toContain('value="19x5"');
    expect(rows[2]).toContain('value="AZ 77"');
    expect(body).toContain('value="12"');
    expect(server.db.select().from(barAdmissions).where(eq(barAdmissions.userId, ids.carl)).all()).toEqual(before);

    // "Add another jurisdiction" without JavaScript: the same form comes back with one more row and nothing saved.
    const more = await clients.carl.post("/profile/edit", {
      name: "Carl Classmate",
      "adm-jurisdiction": ["Alabama", "Alaska"],
      "adm-number": ["AL-1", "AK-2"],
      "adm-year": ["", ""],
      "adm-status": ["active", "active"],
      "adm-rows": "4",
      intent: "add-admission",
    });
    expect(more.status).toBe(200);
    const moreHtml = await more.text();
    expect(moreHtml.split('class="admission-row').length - 1).toBe(5);
    expect(moreHtml).toContain('value="AK-2"');
    expect(moreHtml).not.toContain("field__error");
    expect(server.db.select().from(barAdmissions).where(eq(barAdmissions.userId, ids.carl)).all()).toEqual(before);
  });

  it("a member cannot change another's profile or their own role by adding fields", async () => {
    const res = await clients.carl.post("/onboarding?step=you", {
      name: "Carl Classmate",
      headline: "Carl's own headline",
      role: "admin",
      userId: String(ids.morgan),
      user_id: String(ids.morgan),
      id: String(ids.morgan),
      status: "active",
      onboardingCompletedAt: "1",
    });
    expect(res.status).toBe(302);
    const carl = server.db.select().from(users).where(eq(users.id, ids.carl)).get()!;
    expect(carl.role).toBe("member");
    const headlines = server.db.$client.prepare("select user_id, headline from profiles where user_id in (?, ?)").all(ids.carl, ids.morgan);
    expect(headlines).toContainEqual({ user_id: ids.carl, headline: "Carl's own headline" });
    expect(headlines).toContainEqual({ user_id: ids.morgan, headline: "Public headline about privacy" });
  });
});

describe("members' own data", () => {
  it("exports everything held about the member as JSON, without secrets", async () => {
    const res = await clients.morgan.get("/account/data.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("attachment");
    const json = await res.json();
    expect(json.account.email).toBe("morgan@example.com");
    expect(json.profile.phone).toBe(SECRET_PHONE);
    expect(json.profile.barAdmissions[0].barNumber).toBe(SECRET_BAR);
    expect(json.records.memberships).toHaveLength(1);
    const raw = JSON.stringify(json);
    expect(raw).not.toMatch(/password_hash|passwordHash|\$argon2/);
    // Another member's export never holds Morgan's details.
    expectNoSecrets(await (await clients.otto.get("/account/data.json")).text());
  });

  it("deletes an account once an admin confirms, leaving a “Former member”", async () => {
    const wrong = await clients.morgan.post("/account/data", { password: "not my password", confirm: "on", reason: "" });
    expect(wrong.status).toBe(400);
    const asked = await clients.morgan.post("/account/data", { password: PASSWORD, confirm: "on", reason: "Retiring" });
    expect(asked.status).toBe(302);
    const admin = await text(clients.admin, "/admin/deletion-requests");
    expect(admin.body).toContain("Morgan Keeper");
    const id = /name="id" value="(\d+)"/.exec(admin.body)![1]!;
    const notSure = await clients.admin.post("/admin/deletion-requests", { id, intent: "erase" });
    expect(notSure.status).toBe(302);
    expect(server.db.select().from(users).where(eq(users.id, ids.morgan)).get()!.status).toBe("active");
    await clients.admin.post("/admin/deletion-requests", { id, intent: "erase", sure: "on" });
    const gone = server.db.select().from(users).where(eq(users.id, ids.morgan)).get()!;
    expect(gone).toMatchObject({ name: "Former member", status: "deleted", passwordHash: null });
    expect(gone.email).not.toContain("morgan");
    expect(server.db.select().from(profiles).where(eq(profiles.userId, ids.morgan)).all()).toHaveLength(0);
    expect((await clients.ivy.get(`/people/${ids.morgan}`)).status).toBe(404);
    const roster = await text(clients.ivy, `/s/${SLUG}/roster`);
    expect(roster.body).not.toContain("Morgan Keeper");
    expectNoSecrets(roster.body);
    // The photo file is gone too, and the old session no longer works.
    expect((await clients.morgan.get("/")).status).toBe(302);
  });
});

describe("a large directory", () => {
  it("says it found more than it counted, and pages on with Next", async () => {
    // Run last: 1,030 extra members would crowd the other tests' directory pages.
    const sqlite = server.db.$client;
    const addUser = sqlite.prepare("insert into users (email, name) values (?, ?)");
    const admit = sqlite.prepare("insert into bar_admissions (user_id, jurisdiction) values (?, 'Guam')");
    sqlite.transaction(() => {
      for (let i = 0; i < 1030; i++) admit.run(Number(addUser.run(`guam${i}@example.com`, `Pat Islander${String(i).padStart(4, "0")}`).lastInsertRowid));
    })();
    const first = await text(clients.otto, "/people?jurisdiction=Guam");
    expect(first.status).toBe(200);
    expect(first.body).toContain("More than 1,000 members match");
    expect(first.body).toContain("Pat Islander0000");
    expect(first.body).not.toContain("Pat Islander0024");
    const next = /<a [^>]*href="([^"]+)"[^>]*rel="next"|<a [^>]*rel="next"[^>]*href="([^"]+)"/.exec(first.body);
    expect(next, "a Next link").not.toBeNull();
    const href = (next![1] ?? next![2]!).replace(/&amp;/g, "&");
    expect(href).toContain("page=2");
    const second = await text(clients.otto, href.startsWith("/") ? href : `/people${href}`);
    expect(second.status).toBe(200);
    expect(second.body).toContain("Pat Islander0024");
    expect(second.body).not.toContain("Pat Islander0000");
    // Near the end the count is exact again, and the last page has no Next.
    const last = await text(clients.otto, "/people?jurisdiction=Guam&page=43");
    expect(last.body).toContain("1,030 members match");
    expect(last.body).toContain("Pat Islander1029");
    expect(last.body).not.toMatch(/rel="next"/);
  });
});
