// Issue #17 over real HTTP: credits recorded from elsewhere with a certificate upload (PDF or image only, size-capped,
// nothing kept or lost on a refusal, the file only for its member and staff), and compliance periods whose progress
// counts institute and self-reported credits dated inside them, against requirements staff keep as data.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createSeminar, createUser } from "../../db/factories";
import { makePdf } from "../../db/demo/pdf";
import * as schema from "../../db/schema";
import { pdfText } from "../helpers/pdf";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

const PASSWORD = "a long enough password 1";
const DAY = 86_400_000;
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" + "1f15c4890000000d49444154789c63f8cfc0f01f0005000201e3a5c8a50000000049454e44ae426082",
  "hex",
);

let server: TestServer;
let member: Client;
let other: Client;
let staff: Client;
let memberId: number;
const cat: Record<string, number> = {};

/** The form as a browser sends it: text fields first, the file last. */
async function record(client: Client, fields: Record<string, string>, file?: { name: string; bytes: Uint8Array; type: string }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append("certificate", new Blob([Buffer.from(file.bytes)], { type: file.type }), file.name);
  return client.fetch("/credits/external/new", { method: "POST", body: form, headers: { Origin: server.origin } });
}

const text = async (res: Response) => (await res.text()).replaceAll("<!-- -->", "");
const count = (sql: string) => (server.db.$client.prepare(sql).get() as { n: number }).n;
const stored = () => {
  const dir = path.join(server.uploadsDir, "credits");
  return fs.existsSync(dir) ? fs.readdirSync(dir).length : 0;
};
const temps = () => {
  const dir = path.join(server.uploadsDir, ".tmp");
  return fs.existsSync(dir) ? fs.readdirSync(dir).length : 0;
};

beforeAll(async () => {
  server = await startTestServer({ label: "credits", env: { MAX_UPLOAD_MB: "1" } });
  const d = server.db;
  memberId = (await createUser(d, { email: "ada@example.com", name: "Ada Attorney", password: PASSWORD })).id;
  await createUser(d, { email: "otto@example.com", name: "Otto Other", password: PASSWORD });
  await createUser(d, { email: "staff@example.com", name: "Stella Staff", password: PASSWORD, role: "admin" });
  for (const r of d.$client
    .prepare("select c.id, j.code || ' ' || c.name as k from credit_categories c join credit_jurisdictions j on j.id = c.jurisdiction_id")
    .all() as { id: number; k: string }[])
    cat[r.k] = r.id;
  // Credit earned here: a session ten days ago carrying NY 2.0 Ethics and Professionalism, attended in full.
  const s = createSeminar(d, { slug: "ethics-here", title: "Ethics Here", startsAt: new Date(Date.now() - 11 * DAY), timeZone: "UTC" });
  addMember(d, { seminarId: s.id, userId: memberId });
  const start = new Date(Date.now() - 10 * DAY);
  const session = d.insert(schema.seminarSessions).values({ seminarId: s.id, title: "Candour to the tribunal", startsAt: start, endsAt: new Date(start.getTime() + 100 * 60_000) }).returning().get();
  d.insert(schema.sessionCredits).values({ sessionId: session.id, categoryId: cat["NY Ethics and Professionalism"]!, hundredths: 200 }).run();
  d.insert(schema.attendance).values({ sessionId: session.id, userId: memberId, correctedMinutes: 100, correctionReason: "signed in" }).run();
  member = new Client(server.url);
  await member.signIn("ada@example.com", PASSWORD);
  other = new Client(server.url);
  await other.signIn("otto@example.com", PASSWORD);
  staff = new Client(server.url);
  await staff.signIn("staff@example.com", PASSWORD);
});
afterAll(async () => {
  await server?.stop();
});

const course = (over: Record<string, string> = {}) => ({
  title: "Privilege in Internal Investigations",
  provider: "Bar Association of the City of Elsewhere",
  completedOn: day(-30),
  courseNumber: "BA-77",
  category0: String(cat["NY Areas of Professional Practice"]),
  credits0: "3",
  category1: String(cat["NY Ethics and Professionalism"]),
  credits1: "1.5",
  ...over,
});

describe("credits from elsewhere", () => {
  let certificateUrl = "";

  it("refuses a certificate that is neither a PDF nor an image, keeps what was typed and keeps no file", async () => {
    const res = await record(member, course(), { name: "certificate.txt", bytes: Buffer.from("I attended, honestly.\n"), type: "text/plain" });
    expect(res.status).toBe(415);
    const html = await text(res);
    expect(html).toContain("This kind of file is not accepted. Upload the certificate as a PDF or an image (PNG, JPEG, GIF, WebP).");
    expect(html).toContain('value="Privilege in Internal Investigations"');
    expect(html).toContain('value="Bar Association of the City of Elsewhere"');
    expect(html).toMatch(new RegExp(`<option value="${cat["NY Ethics and Professionalism"]}" selected=""`));
    expect(count("select count(*) n from external_credits")).toBe(0);
    expect(stored()).toBe(0);
    expect(temps()).toBe(0);
  });

  it("refuses a file over the size limit, and an amount off the jurisdiction's step beside its field", async () => {
    const big = Buffer.concat([makePdf("Big", "x"), Buffer.alloc(1_200_000, 0x20)]);
    const tooBig = await record(member, course(), { name: "big.pdf", bytes: big, type: "application/pdf" });
    expect(tooBig.status).toBe(413);
    expect(await text(tooBig)).toContain("The file is larger than 1 MB, the most we accept. Choose a smaller file.");

    const offStep = await record(member, course({ credits1: "0.3" }), { name: "ok.pdf", bytes: makePdf("Certificate", "of completion"), type: "application/pdf" });
    expect(offStep.status).toBe(400);
    const html = await text(offStep);
    expect(html).toMatch(/id="credits1-error">New York counts credits in steps of 0.5.</);
    expect(html).toContain("Choose the certificate again: browsers do not keep it when a form is sent back.");
    expect(html).toContain('value="0.3"');

    const noFile = await record(member, course());
    expect(noFile.status).toBe(400);
    expect(await text(noFile)).toContain("Attach the certificate you were given for this course.");
    const future = await record(member, course({ completedOn: day(5) }), { name: "ok.pdf", bytes: makePdf("Certificate", "of completion"), type: "application/pdf" });
    expect(await text(future)).toContain("Enter a day that has passed: credits count once earned.");
    expect(count("select count(*) n from external_credits")).toBe(0);
    expect(stored()).toBe(0);
    expect(temps()).toBe(0);
  });

  it("records a course with its PDF certificate; the ledger, CSV and PDF transcript show it as self-reported", async () => {
    const res = await record(member, course(), { name: "Zertifikat – Privileg.pdf", bytes: makePdf("Certificate of completion", "Ada Attorney"), type: "application/pdf" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/credits");
    // An image works too, and one outside any period the member will tell us about.
    const old = await record(member, course({ title: "Old Course", completedOn: day(-2000), category1: "", credits1: "", credits0: "2" }), { name: "scan.png", bytes: PNG, type: "image/png" });
    expect(old.status).toBe(302);
    expect(stored()).toBe(2);

    const page = await text(await member.get("/credits"));
    expect(page).toMatch(/Privilege in Internal Investigations — Bar Association of the City of Elsewhere <span class="badge">Self-reported<\/span>/);
    certificateUrl = /Privilege in Internal Investigations — [^<]+<span class="badge">Self-reported<\/span> <a href="(\/credits\/external\/\d+\/certificate)"/.exec(page)![1]!;
    const csv = await text(await member.get("/credits/transcript.csv"));
    expect(csv).toContain(`${day(-30)},Privilege in Internal Investigations,Bar Association of the City of Elsewhere,New York,Ethics and Professionalism,1.5,BA-77,"self-reported, certificate on file"`);
    expect(csv).toContain("Ethics Here,Candour to the tribunal,New York,Ethics and Professionalism,2.0");
    const [pdf] = await pdfText(Buffer.from(await (await member.get("/credits/transcript.pdf")).arrayBuffer()));
    expect(pdf).toContain("Privilege in Internal Investigations");
    expect(pdf).toContain("New York: 3.0 Areas of Professional Practice · course BA-77 (self-reported, certificate on file)");
  });

  it("lets only the member and the staff open the certificate; anyone else gets no such page", async () => {
    const mine = await member.get(certificateUrl);
    expect(mine.status).toBe(200);
    expect(mine.headers.get("content-type")).toBe("application/pdf");
    expect(mine.headers.get("content-disposition")).toContain("filename*=UTF-8''Zertifikat%20%E2%80%93%20Privileg.pdf");
    expect(Buffer.from(await mine.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
    // Opened in the browser, the file can never run script on our origin (this policy is enforced beside the site's).
    expect(mine.headers.get("content-security-policy")).toContain("default-src 'none'; sandbox");
    const head = await member.fetch(certificateUrl, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get("content-length"))).toBeGreaterThan(100);
    expect((await staff.get(certificateUrl)).status).toBe(200);
    expect((await other.get(certificateUrl)).status).toBe(404);
    expect((await other.get("/credits/external/999999/certificate")).status).toBe(404);
    const anonymous = await new Client(server.url).get(certificateUrl);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login/);
  });
});

describe("staff review of self-reported credits", () => {
  it("lists every member's courses with credits and certificate, filters them, pages on, and exports CSV; staff only", async () => {
    // Another member's course, with a title that would be a formula in a spreadsheet.
    const otto = new Client(server.url);
    await otto.signIn("otto@example.com", PASSWORD);
    const res = await record(otto, course({ title: '=HYPERLINK("http://evil.example")', provider: "Elsewhere CLE", completedOn: day(-3), category1: "", credits1: "" }), {
      name: "otto.pdf",
      bytes: makePdf("Certificate", "Otto"),
      type: "application/pdf",
    });
    expect(res.status).toBe(302);
    try {
      const page = await text(await staff.get("/admin/credits/reported"));
      expect(page).toContain("<h1>Self-reported credits</h1>");
      // Most recently recorded first: Otto's course, then Ada's two.
      const order = ["Otto Other", "Ada Attorney"].map((n) => page.indexOf(n));
      expect(order[0]).toBeGreaterThan(0);
      expect(order[0]).toBeLessThan(order[1]!);
      expect(page).toContain("Privilege in Internal Investigations");
      expect(page).toContain("New York: 1.5 Ethics and Professionalism");
      expect(page).toMatch(/href="\/credits\/external\/\d+\/certificate"[^>]*>Zertifikat – Privileg.pdf</);
      const certificate = /href="(\/credits\/external\/\d+\/certificate)"[^>]*>otto.pdf</.exec(page)![1]!;
      expect((await staff.get(certificate)).status).toBe(200);

      // Filters: by member, by completion date, by jurisdiction; a bad value is ignored, not an error page.
      const ada = await text(await staff.get("/admin/credits/reported?q=ada%40example"));
      expect(ada).toContain("Privilege in Internal Investigations");
      expect(ada).not.toContain("Otto Other");
      const recent = await text(await staff.get(`/admin/credits/reported?from=${day(-10)}`));
      expect(recent).toContain("Otto Other");
      expect(recent).not.toContain("Privilege in Internal Investigations");
      const ca = (server.db.$client.prepare("select id from credit_jurisdictions where code = 'CA'").get() as { id: number }).id;
      expect(await text(await staff.get(`/admin/credits/reported?jurisdiction=${ca}`))).toContain("No self-reported courses match.");
      expect((await staff.get("/admin/credits/reported?from=yesterday&jurisdiction=abc&before=-1")).status).toBe(200);

      // Pages of 50: the course recorded first is on the next page, linked as "Older courses".
      const insert = server.db.$client.prepare(
        "insert into external_credits (user_id, title, provider, completed_on, stored_name, file_name, content_type, size_bytes) values (?, ?, 'Bulk CLE', ?, 'x', 'x.pdf', 'application/pdf', 1)",
      );
      for (let i = 0; i < 49; i++) insert.run(memberId, `Bulk course ${String(i).padStart(2, "0")}`, day(-100));
      const first = await text(await staff.get("/admin/credits/reported"));
      expect(first).toContain("Bulk course 48");
      expect(first).not.toContain("Old Course");
      const older = /href="[^"?]*(\?before=\d+)"[^>]*>Older courses</.exec(first)![1]!;
      const second = await text(await staff.get(`/admin/credits/reported${older}`));
      expect(second).toContain("Old Course");
      expect(second).not.toContain("Bulk course 48");
      server.db.$client.prepare("delete from external_credits where provider = 'Bulk CLE'").run();

      // CSV: the BOM, one row per credit line, the filter applied, a formula defused.
      const csvRes = await staff.get("/admin/credits/reported.csv?q=otto");
      expect(csvRes.headers.get("content-type")).toContain("text/csv");
      const bytes = Buffer.from(await csvRes.arrayBuffer());
      expect(bytes.subarray(0, 3).toString("hex")).toBe("efbbbf");
      const csv = bytes.subarray(3).toString("utf8");
      expect(csv.startsWith("Member,Email,Course title,Provider,Course number,Completed on,Jurisdiction,Category,Credits,Certificate file,Recorded on\r\n")).toBe(true);
      expect(csv).toContain(`Otto Other,otto@example.com,"'=HYPERLINK(""http://evil.example"")",Elsewhere CLE,BA-77,${day(-3)},New York,Areas of Professional Practice,3.0,otto.pdf,`);
      expect(csv).not.toContain("Ada Attorney");
      const all = await text(await staff.get("/admin/credits/reported.csv"));
      // The header, Otto's line, Ada's course's two lines and her old course's line.
      expect(all.trim().split("\r\n")).toHaveLength(5);

      // Members (even those whose courses these are) are refused; signed-out visitors are sent to sign in.
      expect((await member.get("/admin/credits/reported")).status).toBe(403);
      expect((await member.get("/admin/credits/reported.csv")).status).toBe(403);
      expect((await new Client(server.url).get("/admin/credits/reported")).status).toBe(302);
    } finally {
      // Otto removes his course again (the next tests count Ada's files), and the bulk rows go.
      server.db.$client.prepare("delete from external_credits where provider = 'Bulk CLE'").run();
      const ottoCourse = (server.db.$client.prepare("select id from external_credits where provider = 'Elsewhere CLE'").get() as { id: number }).id;
      expect((await otto.post("/credits/external/delete", { id: String(ottoCourse) })).status).toBe(302);
    }
  });
});

describe("removing a course recorded from elsewhere", () => {
  it("is for its member only, and takes the certificate file with it", async () => {
    const id = (server.db.$client.prepare("select id from external_credits where title = 'Old Course'").get() as { id: number }).id;
    expect((await other.post("/credits/external/delete", { id: String(id) })).status).toBe(404);
    expect(stored()).toBe(2);
    const res = await member.post("/credits/external/delete", { id: String(id) });
    expect(res.status).toBe(302);
    expect(stored()).toBe(1);
    expect(count("select count(*) n from external_credit_lines")).toBe(2);
    expect(await text(await member.get("/credits"))).not.toContain("Old Course");
  });
});

describe("compliance periods", () => {
  it("takes the jurisdiction's cycle when no end is given and refuses periods that cannot be", async () => {
    const noCycle = await member.post("/credits/periods", { intent: "add", jurisdictionId: "", startsOn: day(-100) });
    expect(await text(noCycle)).toContain("Choose a jurisdiction.");
    const backwards = await member.post("/credits/periods", { intent: "add", jurisdictionId: String(jurisdiction("NY")), startsOn: day(-100), endsOn: day(-200) });
    expect(backwards.status).toBe(400);
    expect(await text(backwards)).toContain("The period must end after it starts.");
    const ok = await member.post("/credits/periods", { intent: "add", jurisdictionId: String(jurisdiction("NY")), startsOn: "2026-01-01" });
    expect(ok.status).toBe(302);
    expect(server.db.$client.prepare("select ends_on as e from credit_compliance_periods").get()).toEqual({ e: "2027-12-31" });
    const again = await member.post("/credits/periods", { intent: "add", jurisdictionId: String(jurisdiction("NY")), startsOn: "2026-01-01" });
    expect(await text(again)).toContain("You already have a New York period starting on that day.");
  });

  it("shows how far a period is, counting institute and self-reported credits inside it, in words and a progress bar", async () => {
    server.db.$client.prepare("update credit_compliance_periods set starts_on = ?, ends_on = ?").run(day(-365), day(365));
    const html = await text(await member.get("/credits"));
    // Inside: 2.0 Ethics here, 3.0 APP + 1.5 Ethics elsewhere = 6.5 of 24; the old course (2000 days ago) is outside.
    expect(html).toContain("Total: 6.5 of 24.0 credits (27%)");
    expect(html).toContain("17.5 credits to go in total.");
    expect(html).toContain("Ethics and Professionalism: 3.5 of 4.0 required");
    expect(html).toContain("Diversity, Inclusion and Elimination of Bias: 0.0 of 1.0 required");
    expect(html).toMatch(/<progress aria-labelledby="period-\d+-total" max="2400" value="650">27%<\/progress>/);
    const [pdf] = await pdfText(Buffer.from(await (await member.get("/credits/transcript.pdf")).arrayBuffer()));
    expect(pdf).toContain(`New York, ${day(-365)} to ${day(365)}: 6.5 of 24.0 credits`);
  });

  it("follows the requirement staff edit as data; members cannot edit it or see another member's periods", async () => {
    const admin = await text(await staff.get("/admin/credits"));
    expect(admin).toContain("Requirement: 24.0 credits every 24 months");
    expect(admin).toContain("Requirement: 25.0 credits every 36 months");
    const form: Record<string, string> = { intent: "requirement", jurisdictionId: String(jurisdiction("NY")), total: "6", periodMonths: "24", note: "Test rule" };
    form[`min-${cat["NY Ethics and Professionalism"]}`] = "3";
    expect((await member.post("/admin/credits", form)).status).toBe(403);
    const bad = await staff.post("/admin/credits", { ...form, total: "six" });
    expect(await text(bad)).toContain("Total: enter a number such as 4 or 1.5.");
    expect((await staff.post("/admin/credits", form)).status).toBe(302);
    const html = await text(await member.get("/credits"));
    expect(html).toContain("Requirement met.");
    expect(html).toContain("Ethics and Professionalism: 3.5 of 3.0 required (met)");
    expect(html).not.toContain("Diversity, Inclusion");
    const id = (server.db.$client.prepare("select id from credit_compliance_periods").get() as { id: number }).id;
    expect((await other.post("/credits/periods", { intent: "remove", id: String(id) })).status).toBe(404);
    expect(await text(await other.get("/credits"))).not.toContain("Total:");
  });
});

function jurisdiction(code: string): number {
  return (server.db.$client.prepare("select id from credit_jurisdictions where code = ?").get(code) as { id: number }).id;
}

describe("attendance codes and the verification page resist guessing", () => {
  const code = (text: string, seminarSlug: string, expiresInMin: number) => {
    const session = server.db.$client
      .prepare("select s.id from seminar_sessions s join seminars se on se.id = s.seminar_id where se.slug = ? limit 1")
      .get(seminarSlug) as { id: number };
    server.db.insert(schema.attendanceCodes).values({ sessionId: session.id, code: text, expiresAt: new Date(Date.now() + expiresInMin * 60_000) }).run();
  };

  it("accepts a code only in its own seminar, from its members and within its window", async () => {
    const elsewhere = createSeminar(server.db, { slug: "elsewhere", title: "Elsewhere" });
    server.db.insert(schema.seminarSessions).values({ seminarId: elsewhere.id, title: "Other session", startsAt: new Date(), endsAt: new Date(Date.now() + 3600_000) }).run();
    code("OTHER2", "elsewhere", 10);
    code("LAPSED", "ethics-here", -1);
    code("GOOD23", "ethics-here", 10);
    expect((await other.post("/s/ethics-here/attendance", { code: "GOOD23" })).status).toBe(404);
    expect(await text(await member.post("/s/ethics-here/attendance", { code: "OTHER2" }))).toContain("That code does not match any session of this seminar.");
    expect(await text(await member.post("/s/ethics-here/attendance", { code: "lapsed" }))).toContain("That code has expired. Ask the instructor for the current code.");
    expect((await member.post("/s/ethics-here/attendance", { code: "good-23" })).status).toBe(302);
    expect(await text(await member.post("/s/ethics-here/attendance", { code: "GOOD23" }))).toContain("You have already entered this code.");
  });

  it("stops a member who keeps guessing codes", async () => {
    for (let i = 0; i < 9; i++) expect((await member.post("/s/ethics-here/attendance", { code: `WRONG${i}` })).status).toBe(400);
    const blocked = await member.post("/s/ethics-here/attendance", { code: "GOOD23" });
    expect(blocked.status).toBe(429);
    expect(await text(blocked)).toMatch(/Too many wrong codes. Try again in \d+ minutes./);
  });

  it("shows a real certificate's statement and blocks an address that walks unknown codes", async () => {
    const statement = { member: "Ada Attorney", barNumbers: [], seminar: { title: "Ethics Here", startsAt: new Date().toISOString(), endsAt: new Date().toISOString(), timeZone: "UTC" }, sessions: [], totals: [{ jurisdiction: "New York", category: "Ethics and Professionalism", credits: 200 }], institute: "The Institute", signatory: { name: "D", title: "" } };
    const seminarId = (server.db.$client.prepare("select id from seminars where slug = 'ethics-here'").get() as { id: number }).id;
    server.db.insert(schema.certificates).values({ code: "ABCDEFGHJKMNPQRS", seminarId, userId: memberId, statement: JSON.stringify(statement) }).run();
    const anonymous = new Client(server.url);
    const real = await text(await anonymous.get("/verify/ABCD-EFGH-JKMN-PQRS"));
    expect(real).toContain("Valid: issued by The Institute");
    expect(real).toContain("New York — Ethics and Professionalism: 2.0");
    expect(real).not.toContain("ada@example.com");
    let status = 0;
    for (let i = 0; i < 25 && status !== 429; i++) status = (await anonymous.get(`/verify/ZZZZZZZZZZZZZZ${"ABCDEFGHJKMNPQRSTUVWXYZ23"[i]}Z`)).status;
    expect(status).toBe(429);
    // Once blocked, even a real code waits.
    expect((await anonymous.get("/verify/ABCDEFGHJKMNPQRS")).status).toBe(429);
  });
});
