// Issue #14 journeys in Chromium against the production build, with mail through a real SMTP server: asking with
// a suggested duplicate, the routed question reaching the matching expert (and not a colleague in another field),
// answering, voting, accepting, and a private question to the instructors that a classmate cannot open.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase } from "~/models/db.server";
import { createQuestion } from "~/models/questions.server";
import { resetEnvForTests } from "~/utils/env.server";
import { addMember, createSeminar, createUser } from "../../db/factories";
import * as schema from "../../db/schema";
import { hasBrowser, launchBrowser } from "../helpers/browser";
import { startTestServer, type TestServer } from "../helpers/server";
import { startSmtpServer, type TestSmtp } from "../helpers/smtp";

const SECRET = "questions-e2e-secret-0123456789-abcdefghijklmno";
const PASSWORD = "correct horse battery staple";
const OLD = new Date(Date.now() - 60 * 86400_000);

describe.skipIf(!hasBrowser)("expert answers in a browser", () => {
  let smtp: TestSmtp;
  let server: TestServer;
  let browser: Browser;
  const ids: Record<string, number> = {};
  const pages = new Map<string, Page>();

  /** One signed-in page per member for the whole file (the sign-in throttle counts attempts per address). */
  async function as(key: string, to: string): Promise<Page> {
    let page = pages.get(key);
    if (!page) {
      const context: BrowserContext = await browser.newContext();
      page = await context.newPage();
      await page.goto(`${server.url}/login?redirectTo=${encodeURIComponent(to)}`);
      await page.getByLabel("Email").fill(`${key}@example.com`);
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((u) => u.pathname === to.split("?")[0]);
      pages.set(key, page);
      return page;
    }
    await page.goto(`${server.url}${to}`);
    return page;
  }

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ label: "questions-e2e", env: { SMTP_URL: smtp.url, SESSION_SECRET: SECRET } });
    closeDatabase();
    process.env.DATABASE_PATH = server.dbFile;
    process.env.SESSION_SECRET = SECRET;
    resetEnvForTests();
    browser = await launchBrowser();
    const d = server.db;
    for (const [key, name] of [
      ["ada", "Ada Quinlan"],
      ["bea", "Bea Expert"],
      ["carl", "Carl Antitrust"],
      ["dan", "Dan Classmate"],
      ["ines", "Ines Instructor"],
    ] as const) {
      ids[key] = (await createUser(d, { name, email: `${key}@example.com`, createdAt: OLD })).id;
    }
    d.insert(schema.profileAreas).values({ userId: ids.bea!, kind: "area", value: "Privacy and Data Protection" }).run();
    d.insert(schema.barAdmissions).values({ userId: ids.bea!, jurisdiction: "California" }).run();
    d.insert(schema.profileAreas).values({ userId: ids.carl!, kind: "area", value: "Antitrust and Competition" }).run();
    d.insert(schema.barAdmissions).values({ userId: ids.carl!, jurisdiction: "California" }).run();
    const sem = createSeminar(d, { slug: "privacy-lab", title: "Privacy Lab" });
    addMember(d, { seminarId: sem.id, userId: ids.ada!, role: "attendee" });
    addMember(d, { seminarId: sem.id, userId: ids.dan!, role: "attendee" });
    addMember(d, { seminarId: sem.id, userId: ids.ines!, role: "instructor" });
    // An earlier network question that a new one should be pointed to.
    const r = createQuestion({
      viewer: { id: ids.dan!, role: "member", name: "Dan Classmate" },
      seminar: null,
      input: { title: "Cookie banners under CCPA for small firms", bodyMd: "Do we need one?", areas: [], jurisdictions: [], audience: "network", toInstructors: false },
    });
    expect(r.ok).toBe(true);
  });

  afterAll(async () => {
    await browser?.close();
    closeDatabase();
    await server?.stop();
    await smtp?.stop();
  });

  let questionUrl = "";

  it("a member asks, sees a similar question suggested, and posts anyway; the matching expert is told", async () => {
    const page = await as("ada", "/questions/new");
    await page.getByRole("heading", { level: 1, name: "Ask all members" }).waitFor();
    await page.getByLabel("Your question in one line").fill("Does CCPA require cookie banners for small firms?");
    // Suggested while typing.
    const suggested = page.getByRole("region", { name: "Similar questions already asked" });
    await suggested.getByRole("link", { name: "Cookie banners under CCPA for small firms" }).waitFor();
    await page.getByLabel("Details").fill("Our firm site uses **analytics** only.");
    await page.getByLabel("Practice areas").selectOption(["Privacy and Data Protection"]);
    await page.getByLabel("Jurisdictions").selectOption(["California"]);
    await page.getByRole("button", { name: "Post question" }).click();
    // Once more before posting: confirm it is not a duplicate.
    await page.getByRole("region", { name: "These questions look similar. Is yours already answered?" }).waitFor();
    await page.getByRole("button", { name: "Post my question anyway" }).click();
    await page.getByRole("heading", { level: 1, name: "Does CCPA require cookie banners for small firms?" }).waitFor();
    expect(await page.getByRole("status").textContent()).toContain("1 colleague with matching practice areas and jurisdictions were told");
    questionUrl = new URL(page.url()).pathname;

    const bea = await as("bea", "/notifications");
    await bea.getByRole("link", { name: "A colleague asks a question in your field: “Does CCPA require cookie banners for small firms?”" }).click();
    await bea.waitForURL((u) => u.pathname === questionUrl);
    const mail = await smtp.waitFor((m) => m.to === "bea@example.com");
    expect(mail.text).toContain("Does CCPA require cookie banners for small firms?");

    const carl = await as("carl", "/notifications");
    expect(await carl.getByText("Does CCPA require cookie banners").count()).toBe(0);
  }, 90_000);

  it("the expert answers, a colleague votes, and the asker accepts the answer, which is shown first", async () => {
    const bea = await as("bea", questionUrl);
    await bea.getByLabel("Answer", { exact: true }).fill("Only if you **sell or share** personal information.");
    await bea.getByRole("button", { name: "Post answer" }).click();
    await bea.getByText("Your answer is posted.").waitFor();

    const dan = await as("dan", questionUrl);
    await dan.getByLabel("Answer", { exact: true }).fill("I think every site needs one.");
    await dan.getByRole("button", { name: "Post answer" }).click();
    await dan.getByText("Your answer is posted.").waitFor();
    const beaAnswer = dan.getByRole("article", { name: "Answer by Bea Expert" });
    await beaAnswer.getByRole("button", { name: "Vote up" }).click();
    await dan.getByText("Thanks for your vote.").waitFor();
    expect(await dan.getByRole("article", { name: "Answer by Bea Expert" }).getByText("1 vote", { exact: true }).count()).toBe(1);
    // No vote button on one's own answer.
    expect(await dan.getByRole("article", { name: "Answer by Dan Classmate" }).getByRole("button", { name: "Vote up" }).count()).toBe(0);

    const ada = await as("ada", questionUrl);
    await ada.getByRole("article", { name: "Answer by Bea Expert" }).getByRole("button", { name: "Accept this answer" }).click();
    await ada.getByText("Answer accepted. It is shown first.").waitFor();
    const answers = ada.getByRole("region", { name: "2 answers" }).getByRole("article");
    expect(await answers.first().getAttribute("aria-label")).toBe("Answer by Bea Expert");
    expect(await answers.first().getByText("Accepted answer").count()).toBe(1);
    expect(await answers.first().locator("strong").textContent()).toBe("sell or share");
  }, 90_000);

  it("a private question to the instructors reaches them and stays hidden from a classmate", async () => {
    const ada = await as("ada", "/s/privacy-lab/questions");
    await ada.getByRole("link", { name: "Ask the instructors privately" }).click();
    await ada.getByRole("heading", { level: 1, name: "Ask in Privacy Lab" }).waitFor();
    expect(await ada.getByLabel("Only the instructors (private)").isChecked()).toBe(true);
    await ada.getByLabel("Your question in one line").fill("A breach at my client Vandelay: what now?");
    await ada.getByLabel("Details").fill("Confidential details.");
    await ada.getByRole("button", { name: "Post question" }).click();
    await ada.getByText("Only you and the instructors can see it.").waitFor();
    const privateUrl = new URL(ada.url()).pathname;

    const ines = await as("ines", "/notifications");
    await ines.getByRole("link", { name: /asked you privately: “A breach at my client Vandelay: what now\?”/ }).click();
    await ines.waitForURL((u) => u.pathname === privateUrl);
    await ines.getByText("Private: only you and the seminar's instructors can see this question.").waitFor();

    const dan = await as("dan", "/s/privacy-lab/questions");
    expect(await dan.getByText("Vandelay").count()).toBe(0);
    await dan.goto(`${server.url}${privateUrl}`);
    await dan.getByRole("heading", { level: 1, name: "Page not found" }).waitFor();
    expect(await dan.getByText("Vandelay").count()).toBe(0);
  }, 90_000);
});
