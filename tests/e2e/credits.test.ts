// Issue #17 journeys in Chromium against the production build: staff configure a session's credits, an instructor
// reveals a code, an attendee enters it on a phone, an expired code is refused, a meeting platform's CSV is matched
// to members, the ledger and transcripts show the credits, the certificate PDF (its text and its rendered page, whose
// QR code is read) agrees with the public verification page, and a revoked certificate shows as revoked. On a phone
// (390 px) a member chooses bar numbers through the form, adds a compliance period and records credits from elsewhere.
import { eq } from "drizzle-orm";
import fs from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, db } from "~/models/db.server";
import { resetEnvForTests } from "~/utils/env.server";
import { makePdf } from "../../db/demo/pdf";
import { addMember, createSeminar, createUser } from "../../db/factories";
import * as schema from "../../db/schema";
import { hasBrowser, launchBrowser } from "../helpers/browser";
import { pdfText, renderPdfPage } from "../helpers/pdf";
import { startTestServer, type TestServer } from "../helpers/server";
import { startSmtpServer, type TestSmtp } from "../helpers/smtp";

const SECRET = "credits-e2e-secret-0123456789-abcdefghijklmnop";
const PASSWORD = "correct horse battery staple";
const MIN = 60_000;

describe.skipIf(!hasBrowser)("CLE credits in a browser", () => {
  let smtp: TestSmtp;
  let server: TestServer;
  let browser: Browser;
  const ids: Record<string, number> = {};
  const pages: Record<string, Page> = {};
  const contexts: BrowserContext[] = [];

  async function signIn(key: string, email: string, to: string, options: Parameters<Browser["newContext"]>[0] = {}): Promise<Page> {
    const context = await browser.newContext(options);
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${server.url}/login?redirectTo=${encodeURIComponent(to)}`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => u.pathname === to);
    pages[key] = page;
    return page;
  }

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ label: "credits-e2e", env: { SMTP_URL: smtp.url, SESSION_SECRET: SECRET } });
    closeDatabase();
    process.env.DATABASE_PATH = server.dbFile;
    process.env.SESSION_SECRET = SECRET;
    resetEnvForTests();
    browser = await launchBrowser();
    const d = db();
    ids.staff = (await createUser(d, { name: "Stella Staff", email: "staff@example.com", role: "admin" })).id;
    ids.irene = (await createUser(d, { name: "Irene Adler", email: "irene@example.com" })).id;
    ids.zoe = (await createUser(d, { name: "Zoë Ångström-Núñez", email: "zoe@example.com" })).id;
    ids.wang = (await createUser(d, { name: "王小明", email: "wang@example.com" })).id;
    ids.david = (await createUser(d, { name: "דוד כהן", email: "david@example.com" })).id;
    ids.outsider = (await createUser(d, { name: "Otto Outsider", email: "otto@example.com" })).id;
    const start = new Date(Date.now() - 3 * 3600_000);
    const s = createSeminar(d, { slug: "ethics-2027", title: "Ethics in Practice", startsAt: start, endsAt: new Date(Date.now() + 3600_000), timeZone: "America/New_York" });
    ids.seminar = s.id;
    addMember(d, { seminarId: s.id, userId: ids.irene, role: "instructor" });
    for (const k of ["zoe", "wang", "david"]) addMember(d, { seminarId: s.id, userId: ids[k]! });
    const mk = (title: string, from: Date, minutes: number) =>
      d.insert(schema.seminarSessions).values({ seminarId: s.id, title, startsAt: from, endsAt: new Date(from.getTime() + minutes * MIN) }).returning().get().id;
    ids.s1 = mk("Conflicts of interest", new Date(Date.now() - 30 * MIN), 60);
    ids.s2 = mk("Remote depositions", start, 90);
    d.insert(schema.barAdmissions).values({ userId: ids.zoe, jurisdiction: "New York", barNumber: "NY-4455667" }).run();
    // One signed-in browser per person for the whole file (the sign-in throttle counts attempts per address).
    await signIn("staff", "staff@example.com", "/credits");
    await signIn("irene", "irene@example.com", "/credits");
    await signIn("zoe", "zoe@example.com", "/credits", { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn("otto", "otto@example.com", "/credits");
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    closeDatabase();
    await server?.stop();
    await smtp?.stop();
  });

  it("staff set a session's credits per jurisdiction and category, with each jurisdiction's decimal rule", async () => {
    const page = pages.staff!;
    await page.goto(`${server.url}/s/ethics-2027/credits/${ids.s1}`);
    await page.getByLabel("NY Areas of Professional Practice").fill("1");
    await page.getByLabel("NY Ethics and Professionalism").fill("0.3");
    await page.getByLabel("CA General").fill("1");
    await page.getByLabel("NY approval or course number").fill("NY-2027-118");
    await page.getByRole("button", { name: "Save credits" }).click();
    await page.getByText("New York counts credits in steps of 0.5.").waitFor();
    await page.getByLabel("NY Ethics and Professionalism").fill("0.5");
    await page.getByRole("button", { name: "Save credits" }).click();
    await page.getByText("The session's credits are saved.").waitFor();

    await page.goto(`${server.url}/s/ethics-2027/credits/${ids.s2}`);
    await page.getByLabel("NY Skills").fill("1.5");
    await page.getByLabel("CA General").fill("1.5");
    await page.getByRole("button", { name: "Save credits" }).click();
    await page.getByText("The session's credits are saved.").waitFor();

    await page.goto(`${server.url}/s/ethics-2027/credits`);
    const sessions = page.getByRole("region", { name: "Sessions" });
    await sessions.getByText("NY 1.0 Areas of Professional Practice · NY 0.5 Ethics and Professionalism · CA 1.0 General").waitFor();
    await sessions.getByText("NY 1.5 Skills · CA 1.5 General").waitFor();
  });

  it("an instructor reveals a code, an attendee enters it on a phone, and an expired or reused code is refused", async () => {
    const irene = pages.irene!;
    await irene.goto(`${server.url}/s/ethics-2027/credits/${ids.s1}`);
    await irene.getByRole("button", { name: "Reveal a new code" }).click();
    const code = (await irene.getByTestId("live-code").textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-9]{6}$/);
    // Instructors see credits but cannot change them.
    expect(await irene.getByRole("button", { name: "Save credits" }).count()).toBe(0);

    const zoe = pages.zoe!;
    await zoe.goto(`${server.url}/s/ethics-2027/attendance`);
    await zoe.getByLabel("Attendance code").fill(code.toLowerCase());
    await zoe.getByRole("button", { name: "Record my attendance" }).click();
    await zoe.getByText("Thank you: your attendance at “Conflicts of interest” is recorded.").waitFor();
    await zoe.getByText("Attended 60 of 60 minutes").waitFor();
    expect(await zoe.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

    await zoe.getByLabel("Attendance code").fill(code);
    await zoe.getByRole("button", { name: "Record my attendance" }).click();
    await zoe.getByText("You have already entered this code.").waitFor();

    // A second code whose window has passed.
    await irene.getByLabel("Valid for").selectOption("2");
    await irene.getByRole("button", { name: "Reveal a new code" }).click();
    const late = (await irene.getByTestId("live-code").textContent())!.trim();
    db().update(schema.attendanceCodes).set({ expiresAt: new Date(Date.now() - MIN) }).where(eq(schema.attendanceCodes.code, late)).run();
    await zoe.getByLabel("Attendance code").fill(late);
    await zoe.getByRole("button", { name: "Record my attendance" }).click();
    await zoe.getByText("That code has expired. Ask the instructor for the current code.").waitFor();
    // One of the two codes entered: half the session counts (New York and California allow partial credit).
    await zoe.goto(`${server.url}/s/ethics-2027/attendance`);
    await zoe.getByText("Attended 30 of 60 minutes").waitFor();
  });

  it("staff import a meeting platform's attendance CSV and it matches members and minutes", async () => {
    const page = pages.staff!;
    await page.goto(`${server.url}/s/ethics-2027/credits/${ids.s2}`);
    const s2 = db().select().from(schema.seminarSessions).where(eq(schema.seminarSessions.id, ids.s2!)).get()!;
    const iso = (offsetMin: number) => new Date(s2.startsAt.getTime() + offsetMin * MIN).toISOString();
    const csv = [
      "Meeting ID,Topic",
      "812 3344 5566,Remote depositions",
      "",
      "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest",
      `Zoë Ångström-Núñez,ZOE@example.com,${iso(-5)},${iso(95)},100,No`,
      `王小明,wang@example.com,${iso(0)},${iso(45)},45,No`,
      `דוד כהן,,${iso(0)},${iso(50)},50,Yes`,
      `דוד כהן,,${iso(40)},${iso(90)},50,Yes`,
      `Unknown Person,unknown@example.net,${iso(0)},${iso(90)},90,Yes`,
    ].join("\n");
    await page.getByLabel("Attendance report (CSV)").setInputFiles({ name: "participants.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "Import attendance" }).click();
    const result = page.getByTestId("import-result");
    await result.getByText("Matched 3 members; 1 not matched.").waitFor();
    await result.getByText("Zoë Ångström-Núñez: 90 minutes").waitFor();
    await result.getByText("王小明: 45 minutes").waitFor();
    await result.getByText("דוד כהן: 90 minutes").waitFor();
    await result.getByText("Unknown Person <unknown@example.net>").waitFor();
  });

  it("the member's ledger, CSV and PDF transcripts show the credits by jurisdiction and category", async () => {
    const zoe = pages.zoe!;
    await zoe.goto(`${server.url}/credits`);
    const ny = zoe.locator(".ledger-jurisdiction", { has: zoe.getByRole("heading", { name: "New York" }) });
    const year = String(new Date().getFullYear());
    // S1: 30 of 60 minutes → half of 1.0 APP = 0.5 and half of 0.5 Ethics = 0.25, rounded down to New York's 0.5 step = 0.
    // S2: the whole session → 1.5 Skills; California: 0.5 General (S1) + 1.5 (S2) = 2.0.
    expect(await ny.locator("tbody tr").allInnerTexts()).toEqual([`${year}\tAreas of Professional Practice\t0.5`, `${year}\tSkills\t1.5`]);
    const ca = zoe.locator(".ledger-jurisdiction", { has: zoe.getByRole("heading", { name: "California" }) });
    expect(await ca.locator("tbody tr").allInnerTexts()).toEqual([`${year}\tGeneral\t2.0`]);

    const csv = await (await zoe.request.get(`${server.url}/credits/transcript.csv`)).text();
    expect(csv).toContain("Remote depositions,New York,Skills,1.5");
    expect(csv).toContain("Conflicts of interest,California,General,0.5");
    const transcript = await zoe.request.get(`${server.url}/credits/transcript.pdf`);
    expect(transcript.headers()["content-type"]).toBe("application/pdf");
    const [text] = await pdfText(await transcript.body());
    expect(text).toContain("Zoë Ångström-Núñez");
    expect(text).toContain("New York · " + year + " · Skills: 1.5");
    expect(text).toContain("California · " + year + " · General: 2.0");
  });

  let issued: { verifyPath: string; href: string } | null = null;

  it("on a phone, a member chooses through the form which bar numbers their certificates show", async () => {
    const zoe = pages.zoe!;
    await zoe.goto(`${server.url}/credits`);
    const bar = zoe.getByRole("checkbox", { name: "New York NY-4455667" });
    expect(await bar.isChecked()).toBe(false);
    await bar.tap();
    await zoe.getByRole("button", { name: "Save bar number choice" }).tap();
    await zoe.getByText("Saved. New certificates will show the bar numbers you chose.").waitFor();
    expect(await zoe.getByRole("checkbox", { name: "New York NY-4455667" }).isChecked()).toBe(true);
    expect(await zoe.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  });

  it("the certificate PDF (its text and its rendered page) and its QR verification page agree", async () => {
    const zoe = pages.zoe!;
    const staff = pages.staff!;
    await staff.goto(`${server.url}/s/ethics-2027/credits`);
    await staff.getByRole("button", { name: "Issue certificates" }).click();
    await staff.getByText("3 certificates were issued; the members were told.").waitFor();

    await zoe.goto(`${server.url}/notifications`);
    await zoe.getByRole("link", { name: "Your certificate of attendance for “Ethics in Practice” is ready to download." }).waitFor();
    await zoe.goto(`${server.url}/credits`);
    const href = await zoe.getByRole("link", { name: "Download certificate (PDF)" }).getAttribute("href");
    const t0 = Date.now();
    const res = await zoe.request.get(`${server.url}${href}`);
    if (res.status() !== 200) console.log(server.output().slice(-3000));
    expect(res.status()).toBe(200);
    expect(Date.now() - t0).toBeLessThan(3000);
    const bytes = await res.body();
    const [text] = await pdfText(bytes);
    for (const s of ["Certificate of Attendance", "Zoë Ångström-Núñez", "New York bar number NY-4455667", "Ethics in Practice", "Conflicts of interest", "Remote depositions", "New York — Skills: 1.5", "California — General: 2.0", "course NY-2027-118"]) {
      expect(text).toContain(s);
    }
    const printed = /Verification code: ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})/.exec(text)?.[1];
    expect(printed).toBeTruthy();

    const rendered = await renderPdfPage(browser, bytes);
    fs.mkdirSync("build", { recursive: true });
    fs.writeFileSync("build/credits-certificate.png", rendered.png);
    expect(rendered.darkShare).toBeGreaterThan(0.005);
    expect(rendered.qr).toMatch(/\/verify\/[A-Z0-9]{16}$/);
    const verifyPath = new URL(rendered.qr!).pathname;
    expect(verifyPath.slice("/verify/".length)).toBe(printed!.replace(/-/g, ""));

    // The public page, signed out: what the certificate states, nothing else about the member.
    const anon = await browser.newContext();
    contexts.push(anon);
    const pub = await anon.newPage();
    await pub.goto(`${server.url}${verifyPath}`);
    await pub.getByText("Valid: issued by The Institute for Continuing Legal Education").waitFor();
    const main = await pub.locator("main").innerText();
    for (const s of ["Zoë Ångström-Núñez", "NY-4455667", "Ethics in Practice", printed!, "New York — Skills: 1.5", "California — General: 2.0"]) expect(main).toContain(s);
    expect(main).not.toContain("zoe@example.com");
    const missing = await pub.goto(`${server.url}/verify/AAAABBBBCCCCDDDD`);
    expect(missing!.status()).toBe(404);
    issued = { verifyPath, href: href! };
  });

  it("a revoked certificate shows as revoked on its verification page and can no longer be downloaded", async () => {
    const { verifyPath, href } = issued!;
    const staff = pages.staff!;
    const zoe = pages.zoe!;
    const anon = await browser.newContext();
    contexts.push(anon);
    const pub = await anon.newPage();
    await staff.goto(`${server.url}/s/ethics-2027/credits`);
    const item = staff.locator("li.certificate", { hasText: "Zoë Ångström-Núñez" });
    await item.getByText("Revoke…").click();
    await item.getByLabel("Reason").fill("Attendance record was falsified");
    await item.getByRole("button", { name: "Revoke certificate of Zoë Ångström-Núñez" }).click();
    await staff.getByText("The certificate is revoked.").waitFor();

    await pub.goto(`${server.url}${verifyPath}`);
    await pub.getByText(/Revoked on .*This certificate is no longer valid\./).waitFor();
    expect(await pub.getByText("Valid: issued by").count()).toBe(0);
    await zoe.goto(`${server.url}/credits`);
    await zoe.getByText("Revoked", { exact: true }).waitFor();
    expect((await zoe.request.get(`${server.url}${href}`)).status()).toBe(404);
  });

  it("a correction reissues a certificate with a new code and the old one shows as replaced", async () => {
    const staff = pages.staff!;
    const before = db().select().from(schema.certificates).where(eq(schema.certificates.userId, ids.wang!)).get()!;
    await staff.goto(`${server.url}/s/ethics-2027/credits/${ids.s2}`);
    await staff.getByLabel("Member").selectOption({ label: "王小明" });
    await staff.getByLabel("Minutes attended").fill("90");
    await staff.getByLabel("Reason (kept in the audit log)").fill("Was in the room; the platform report missed the second half");
    await staff.getByRole("button", { name: "Save correction" }).click();
    await staff.getByText("Attendance corrected. The member's certificate was reissued with a new code.").waitFor();
    const anon = await browser.newContext();
    contexts.push(anon);
    const pub = await anon.newPage();
    await pub.goto(`${server.url}/verify/${before.code}`);
    await pub.getByText(/Replaced: this certificate was corrected and reissued/).waitFor();
    await pub.getByRole("link", { name: /^[A-Z0-9]{4}-/ }).click();
    await pub.getByText("Valid: issued by").waitFor();
    expect(await pub.locator("main").innerText()).toContain("New York — Skills: 1.5");
  });

  it("on a phone, a member tells us a compliance period, records credits from elsewhere and sees how far they are", async () => {
    const zoe = pages.zoe!;
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    await zoe.goto(`${server.url}/credits/periods`);
    await zoe.getByLabel("Jurisdiction").selectOption({ label: "New York" });
    await zoe.getByLabel("Period starts on").fill(day(-30));
    await zoe.getByRole("button", { name: "Save period" }).tap();
    await zoe.getByText("The compliance period is saved.").waitFor();
    // Earned here: 0.5 Areas of Professional Practice + 1.5 Skills in New York.
    await zoe.getByText("Total: 2.0 of 24.0 credits (8%)").waitFor();
    await zoe.getByText("Ethics and Professionalism: 0.0 of 4.0 required").waitFor();

    await zoe.getByRole("link", { name: "Record credits from elsewhere" }).tap();
    await zoe.getByLabel("Course title").fill("Ethics for Litigators");
    await zoe.getByLabel("Provider").fill("State Bar Association");
    await zoe.getByLabel("Completed on").fill(day(-3));
    await zoe.getByLabel("Jurisdiction and category 1").selectOption({ label: "New York — Ethics and Professionalism" });
    await zoe.getByLabel("Credits 1").fill("4");
    await zoe.getByLabel("Certificate").setInputFiles({ name: "ethics-certificate.pdf", mimeType: "application/pdf", buffer: Buffer.from(makePdf("Certificate of Attendance", "Zoë, 4.0 Ethics")) });
    expect(await zoe.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await zoe.getByRole("button", { name: "Record credits" }).tap();
    await zoe.getByText("Your credits from elsewhere are recorded (self-reported, certificate on file).").waitFor();
    await zoe.getByText("Total: 6.0 of 24.0 credits (25%)").waitFor();
    await zoe.getByText("Ethics and Professionalism: 4.0 of 4.0 required (met)").waitFor();
    const bar = zoe.getByRole("progressbar", { name: "Total: 6.0 of 24.0 credits (25%)" });
    expect(await bar.getAttribute("value")).toBe("600");
    await zoe.getByRole("row", { name: /Ethics for Litigators — State Bar Association Self-reported Certificate/ }).waitFor();
    expect(await zoe.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    const cert = await zoe.getByRole("link", { name: "Certificate", exact: true }).first().getAttribute("href");
    expect((await zoe.request.get(`${server.url}${cert}`)).headers()["content-type"]).toBe("application/pdf");
    expect((await pages.otto!.request.get(`${server.url}${cert}`)).status()).toBe(404);

    // Staff find the course among every member's self-reported credits and open its certificate.
    const staff = pages.staff!;
    await staff.goto(`${server.url}/admin/credits`);
    await staff.getByRole("link", { name: "Self-reported credits" }).click();
    await staff.getByRole("heading", { name: "Self-reported credits" }).waitFor();
    await staff.getByLabel("Member name or email").fill("zoe@example");
    await staff.getByLabel("Jurisdiction").selectOption({ label: "New York" });
    await staff.getByRole("button", { name: "Show" }).click();
    const row = staff.getByRole("row", { name: /Ethics for Litigators/ });
    await row.getByText("New York: 4.0 Ethics and Professionalism").waitFor();
    const staffCert = await row.getByRole("link", { name: "ethics-certificate.pdf" }).getAttribute("href");
    expect(staffCert).toBe(cert);
    expect((await staff.request.get(`${server.url}${staffCert}`)).status()).toBe(200);
  });

  it("members of other seminars and plain members get no credit pages", async () => {
    const otto = pages.otto!;
    expect((await otto.goto(`${server.url}/s/ethics-2027/attendance`))!.status()).toBe(404);
    expect((await otto.goto(`${server.url}/s/ethics-2027/credits`))!.status()).toBe(404);
    const zoe = pages.zoe!;
    expect((await zoe.goto(`${server.url}/s/ethics-2027/credits`))!.status()).toBe(403);
    expect((await zoe.request.get(`${server.url}/s/ethics-2027/credits/report.csv`)).status()).toBe(403);
    const wangCert = db().select().from(schema.certificates).where(eq(schema.certificates.userId, ids.wang!)).all().at(-1)!;
    expect((await zoe.request.get(`${server.url}/credits/certificates/${wangCert.id}.pdf`)).status()).toBe(404);
    const report = await pages.staff!.request.get(`${server.url}/s/ethics-2027/credits/report.csv`);
    const body = await report.text();
    expect(body).toContain("New York,Zoë Ångström-Núñez,zoe@example.com,NY-4455667,Ethics in Practice,Remote depositions");
  });
});
