// Issue #16 journeys in Chromium against the production build, with mail through a real SMTP server: browsing and
// filtering on a phone without JavaScript, enrolling with intake answers, a request approved by the instructor, two
// members racing for the last seat, a waitlist offer taken and another left to lapse, the intake answers in the
// audience brief and the roster CSV, and the alumni "next seminars" mail and home-page section.
import { parse } from "csv-parse/sync";
import { and, eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, db } from "~/models/db.server";
import { saveCatalogueSettings } from "~/models/catalogue.server";
import { saveIntakeQuestions } from "~/models/intake.server";
import { resetEnvForTests } from "~/utils/env.server";
import { addMember, createSeminar, createUser } from "../../db/factories";
import * as schema from "../../db/schema";
import { hasBrowser, launchBrowser } from "../helpers/browser";
import { startTestServer, type TestServer } from "../helpers/server";
import { startSmtpServer, type TestSmtp } from "../helpers/smtp";

const SECRET = "catalogue-e2e-secret-0123456789-abcdefghijklmno";
const PASSWORD = "correct horse battery staple";
const DAY = 86400_000;

describe.skipIf(!hasBrowser)("the catalogue in a browser", () => {
  let smtp: TestSmtp;
  let server: TestServer;
  let browser: Browser;
  const ids: Record<string, number> = {};

  async function signIn(context: BrowserContext, email: string, to: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${server.url}/login?redirectTo=${encodeURIComponent(to)}`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => u.pathname === to.split("?")[0]);
    return page;
  }
  const enrolment = (slug: string, email: string) => {
    const s = db().select().from(schema.seminars).where(eq(schema.seminars.slug, slug)).get()!;
    const u = db().select().from(schema.users).where(eq(schema.users.email, email)).get()!;
    return db()
      .select()
      .from(schema.enrolments)
      .where(and(eq(schema.enrolments.seminarId, s.id), eq(schema.enrolments.userId, u.id)))
      .get();
  };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ label: "catalogue-e2e", env: { SMTP_URL: smtp.url, SESSION_SECRET: SECRET } });
    closeDatabase();
    process.env.DATABASE_PATH = server.dbFile;
    process.env.SESSION_SECRET = SECRET;
    resetEnvForTests();
    browser = await launchBrowser();

    const d = db();
    const irene = await createUser(d, { name: "Irene Adler", email: "irene@example.com" });
    for (const [key, name] of [
      ["mia", "Mia Castellanos"],
      ["noah", "Noah Brandt"],
      ["olga", "Olga Petrova"],
      ["paul", "Paul Okafor"],
      ["quinn", "Quinn Harper"],
      ["rita", "Rita Lindqvist"],
    ] as const) {
      ids[key] = (await createUser(d, { name, email: `${key}@example.com` })).id;
    }
    d.insert(schema.profileAreas).values({ userId: ids.mia!, kind: "area", value: "Privacy and Data Protection" }).run();
    d.insert(schema.profileAreas).values({ userId: ids.rita!, kind: "area", value: "Antitrust and Competition" }).run();
    const in10 = new Date(Date.now() + 10 * DAY);
    const mk = (slug: string, title: string, value: Parameters<typeof saveCatalogueSettings>[0]["value"], extra: Partial<typeof schema.seminars.$inferInsert> = {}) => {
      const s = createSeminar(d, { slug, title, startsAt: in10, timeZone: "America/New_York", venue: "Institute Hall", ...extra });
      saveCatalogueSettings({ seminarId: s.id, value });
      addMember(d, { seminarId: s.id, userId: irene.id, role: "instructor" });
      ids[slug] = s.id;
      return s;
    };
    const base = { cancelHoursBefore: 48, areas: [] as string[], jurisdictions: [] as string[] };
    mk("privacy-essentials", "Privacy Essentials", { ...base, policy: "open", format: "hybrid", areas: ["Privacy and Data Protection"], jurisdictions: ["California"] }, { capacity: 10 });
    mk("antitrust-roundtable", "Antitrust Roundtable", { ...base, policy: "request", format: "in-person", areas: ["Antitrust and Competition"] });
    mk("one-seat-clinic", "One Seat Clinic", { ...base, policy: "open", format: "online" }, { capacity: 1, startsAt: new Date(Date.now() + 40 * DAY) });
    mk("secret-retreat", "Secret Board Retreat", { ...base, policy: "invitation", format: "in-person", areas: ["Privacy and Data Protection"] });
    // Just ended, with Rita and Mia among its alumni.
    const old = mk("old-course", "Old Course", { ...base, policy: "invitation", format: "in-person", areas: ["Antitrust and Competition"] }, {
      startsAt: new Date(Date.now() - DAY),
      endsAt: new Date(Date.now() - 3600_000),
    });
    addMember(d, { seminarId: old.id, userId: ids.rita! });
    addMember(d, { seminarId: old.id, userId: ids.mia! });
    saveIntakeQuestions({
      seminarId: ids["privacy-essentials"]!,
      rows: [
        { prompt: "Your experience with privacy work", kind: "choice", options: "None yet\nSome\nA lot", required: "on" },
        { prompt: "What should we cover?", kind: "text", options: "" },
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    closeDatabase();
    await server?.stop();
    await smtp?.stop();
  });

  it("a member browses and filters the catalogue on a phone without JavaScript", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const page = await signIn(context, "mia@example.com", "/catalogue");
    await page.getByRole("heading", { level: 1, name: "Seminar catalogue" }).waitFor();
    const recommended = page.getByRole("region", { name: "Recommended for you" });
    // Her practice area first, then what shares a topic with a seminar she attended; never the invitation-only one.
    expect(await recommended.getByRole("heading", { level: 3 }).allTextContents()).toEqual(["Privacy Essentials", "Antitrust Roundtable"]);
    const all = page.getByRole("region", { name: "All upcoming seminars" });
    expect(await all.getByRole("heading", { level: 3 }).allTextContents()).toEqual(["Privacy Essentials", "Antitrust Roundtable", "One Seat Clinic"]);
    expect(await page.getByText("Secret Board Retreat").count()).toBe(0);
    expect(await all.getByText("10 of 10 seats left").count()).toBe(1);
    // Past seminars for alumni.
    expect(await page.getByRole("region", { name: "Your past seminars" }).getByRole("link", { name: "Old Course" }).count()).toBe(1);

    await page.getByLabel("Format", { exact: true }).selectOption("online");
    await page.getByRole("button", { name: "Show seminars" }).click();
    const matching = page.getByRole("region", { name: "Matching seminars" });
    expect(await matching.getByRole("heading", { level: 3 }).allTextContents()).toEqual(["One Seat Clinic"]);
    expect(new URL(page.url()).searchParams.get("format")).toBe("online");

    await page.getByRole("link", { name: "Clear filters" }).click();
    await page.getByLabel("Practice area", { exact: true }).selectOption("Antitrust and Competition");
    await page.getByRole("button", { name: "Show seminars" }).click();
    expect(await page.getByRole("region", { name: "Matching seminars" }).getByRole("heading", { level: 3 }).allTextContents()).toEqual([
      "Antitrust Roundtable",
    ]);
    const month = new Date(Date.now() + 40 * DAY).toISOString().slice(0, 7);
    await page.goto(`${server.url}/catalogue?month=${month}`);
    expect(await page.getByRole("region", { name: "Matching seminars" }).getByRole("heading", { level: 3 }).allTextContents()).toContain(
      "One Seat Clinic",
    );
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  }, 120_000);

  it("a member enrols in an open seminar, answering the intake questions", async () => {
    const context = await browser.newContext();
    const page = await signIn(context, "mia@example.com", "/catalogue/privacy-essentials");
    await page.getByLabel("What should we cover?").fill("Cookie banners and consent records, please.");
    await page.getByRole("button", { name: "Enrol" }).click();
    // The required choice is missing: the error sits beside it and the written answer is kept; nothing is saved.
    await page.getByText("Choose one of the answers.").waitFor();
    expect(await page.getByLabel("What should we cover?").inputValue()).toBe("Cookie banners and consent records, please.");
    expect(enrolment("privacy-essentials", "mia@example.com")).toBeUndefined();

    await page.getByLabel("Some", { exact: true }).check();
    await page.getByLabel(/Instructors may see my name/).check();
    await page.getByRole("button", { name: "Enrol" }).click();
    await page.waitForURL((u) => u.pathname === "/s/privacy-essentials");
    await page.getByText("You are enrolled in Privacy Essentials. Welcome!").waitFor();
    const mail = await smtp.waitFor((m) => m.to === "mia@example.com" && m.subject === "You are enrolled: Privacy Essentials", 20_000);
    expect(mail.text).toContain("/s/privacy-essentials");

    // The answers stay editable until the seminar starts.
    await page.goto(`${server.url}/catalogue/privacy-essentials`);
    await page.getByText("You are enrolled.").waitFor();
    await page.getByLabel("What should we cover?").fill("Cookie banners, consent records and children's data.");
    await page.getByRole("button", { name: "Save my answers" }).click();
    await page.getByText("Your answers are saved.").waitFor();
    await context.close();
  }, 120_000);

  it("a member asks to join a by-request seminar and the instructor approves", async () => {
    const noah = await browser.newContext();
    const page = await signIn(noah, "noah@example.com", "/catalogue/antitrust-roundtable");
    await page.getByRole("button", { name: "Ask to join" }).click();
    await page.getByText("Your request is sent.").waitFor();
    await page.getByText("Your request to join is waiting for the instructors.").waitFor();

    const irene = await browser.newContext();
    const staff = await signIn(irene, "irene@example.com", "/s/antitrust-roundtable/enrolment");
    const requests = staff.getByRole("region", { name: /Requests/ });
    await requests.getByText("Noah Brandt").waitFor();
    await requests.getByRole("button", { name: "Approve Noah Brandt" }).click();
    await staff.getByText("Noah Brandt is enrolled.").waitFor();
    const mail = await smtp.waitFor((m) => m.to === "noah@example.com" && m.subject === "You are enrolled: Antitrust Roundtable", 20_000);
    expect(mail.text).toContain("Your request was approved.");
    await page.goto(`${server.url}/s/antitrust-roundtable`);
    await page.getByRole("heading", { name: "Recent activity" }).waitFor();
    await noah.close();
    await irene.close();
  }, 120_000);

  let loserEmail = "";
  let loserContext: BrowserContext;
  let loser: Page;
  it("two members race for the last seat: one is enrolled, the other waitlisted; the freed seat is offered and taken", async () => {
    const olga = await browser.newContext();
    const paul = await browser.newContext();
    const pages = await Promise.all([signIn(olga, "olga@example.com", "/catalogue/one-seat-clinic"), signIn(paul, "paul@example.com", "/catalogue/one-seat-clinic")]);
    await Promise.all(pages.map((p) => p.getByRole("button", { name: "Enrol" }).click()));
    await Promise.all(pages.map((p) => p.getByText(/Welcome!|on the waitlist/).first().waitFor()));
    const paths = pages.map((p) => new URL(p.url()).pathname).sort();
    expect(paths).toEqual(["/catalogue/one-seat-clinic", "/s/one-seat-clinic"]);
    const winner = pages.find((p) => new URL(p.url()).pathname === "/s/one-seat-clinic")!;
    loser = pages.find((p) => p !== winner)!;
    loserContext = loser === pages[0] ? olga : paul;
    await loser.getByText("You are number 1 on the waitlist.").waitFor();
    loserEmail = loser === pages[0] ? "olga@example.com" : "paul@example.com";
    expect(enrolment("one-seat-clinic", loserEmail)?.status).toBe("waitlisted");

    // The winner cancels; the first on the waitlist is offered the seat by mail and takes it from the link.
    await winner.goto(`${server.url}/catalogue/one-seat-clinic`);
    await winner.getByRole("button", { name: "Cancel my enrolment" }).click();
    await winner.getByText("Your enrolment is cancelled.").waitFor();
    const offer = await smtp.waitFor((m) => m.to === loserEmail && m.subject === "A seat is free for you: One Seat Clinic", 20_000);
    const link = offer.links.find((l) => l.includes("/catalogue/one-seat-clinic"))!;
    await loser.goto(new URL(new URL(link).pathname, server.url).href);
    await loser.getByText("A seat is held for you").waitFor();
    await loser.getByRole("button", { name: "Take the seat" }).click();
    await loser.waitForURL((u) => u.pathname === "/s/one-seat-clinic");
    expect(enrolment("one-seat-clinic", loserEmail)?.status).toBe("enrolled");
    await (winner === pages[0] ? olga : paul).close();
  }, 120_000);

  it("a waitlist offer left for 48 hours lapses and moves on by itself", async () => {
    // Quinn joins the waitlist; the seat frees again, is offered to Quinn, and Quinn lets 48 hours pass.
    const quinn = await browser.newContext();
    const q = await signIn(quinn, "quinn@example.com", "/catalogue/one-seat-clinic");
    await q.getByRole("button", { name: "Join the waitlist" }).click();
    await q.getByText("You are number 1 on the waitlist.").waitFor();
    await loser.goto(`${server.url}/catalogue/one-seat-clinic`);
    await loser.getByRole("button", { name: "Cancel my enrolment" }).click();
    await loser.getByText("Your enrolment is cancelled.").waitFor();
    await smtp.waitFor((m) => m.to === "quinn@example.com" && m.subject.startsWith("A seat is free"), 20_000);
    // Two days pass (the offer's expiry is moved into the past; the background task does the rest by itself).
    const e = enrolment("one-seat-clinic", "quinn@example.com")!;
    db().update(schema.enrolments).set({ offerExpiresAt: new Date(Date.now() - 60_000) }).where(eq(schema.enrolments.id, e.id)).run();
    const lapsed = await smtp.waitFor((m) => m.to === "quinn@example.com" && m.subject === "Your seat offer for One Seat Clinic has lapsed", 20_000);
    expect(lapsed.text).toContain("/catalogue/one-seat-clinic");
    await q.reload();
    await q.getByText("Your earlier seat offer lapsed.").waitFor();
    expect(await q.getByRole("button", { name: "Take the seat" }).count()).toBe(0);
    for (const c of [loserContext, quinn]) await c.close();
  }, 120_000);

  it("intake answers reach the instructor's audience brief and the roster CSV", async () => {
    const context = await browser.newContext();
    const page = await signIn(context, "irene@example.com", "/s/privacy-essentials/audience");
    const intake = page.getByRole("region", { name: "What attendees told you" });
    await intake.getByText("“Cookie banners, consent records and children's data.”").waitFor();
    expect(await intake.getByText("— Mia Castellanos").count()).toBe(1);
    const chart = intake.getByRole("img", { name: /Your experience with privacy work/ });
    expect(await chart.getAttribute("aria-label")).toContain("Some: 1");

    const res = await page.request.get(`${server.url}/s/privacy-essentials/roster.csv`);
    expect(res.status()).toBe(200);
    const rows = parse((await res.body()).toString("utf8").replace(/^\ufeff/, ""), { columns: true }) as Record<string, string>[];
    const mia = rows.find((r) => r.Name === "Mia Castellanos")!;
    expect(mia["Your experience with privacy work"]).toBe("Some");
    expect(mia["What should we cover?"]).toBe("Cookie banners, consent records and children's data.");
    await context.close();
  }, 120_000);

  it("alumni get one 'next seminars' mail and see Next seminars on the seminar's home", async () => {
    const mail = await smtp.waitFor((m) => m.to === "rita@example.com" && m.subject.startsWith("What next after Old Course"), 30_000);
    expect(mail.text).toContain("Antitrust Roundtable");
    expect(mail.text).toContain("/catalogue/antitrust-roundtable");
    expect(mail.text).not.toContain("Secret Board Retreat");
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await signIn(context, "rita@example.com", "/s/old-course");
    const next = page.getByRole("region", { name: "Next seminars" });
    expect(await next.getByRole("heading", { level: 3 }).first().textContent()).toBe("Antitrust Roundtable");
    // Exactly once: the mailing is recorded per member, and the seminar is marked done.
    const rows = db().select().from(schema.alumniMailings).where(eq(schema.alumniMailings.seminarId, ids["old-course"]!)).all();
    expect(rows.map((r) => r.userId).sort()).toEqual([ids.mia!, ids.rita!].sort());
    expect(smtp.messages.filter((m) => m.to === "rita@example.com" && m.subject.startsWith("What next")).length).toBe(1);
    await context.close();
  }, 120_000);
});
