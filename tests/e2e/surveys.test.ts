// Survey journeys in Chromium against the production build (issue #8), with mail through a real SMTP server:
// an attendee answers on a phone (JavaScript off) from the reminder email's link, and an instructor reads the
// results, filters the speaker section and downloads the CSV.
import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import fs from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, db } from "~/models/db.server";
import { saveResponse } from "~/models/survey-response.server";
import { createSurvey, listQuestions, setPublished, type Question } from "~/models/survey.server";
import { resetEnvForTests } from "~/utils/env.server";
import { addMember, createSeminar, createUser } from "../../db/factories";
import * as schema from "../../db/schema";
import { hasBrowser, launchBrowser } from "../helpers/browser";
import { startTestServer, type TestServer } from "../helpers/server";
import { startSmtpServer, type TestSmtp } from "../helpers/smtp";

const SECRET = "survey-e2e-secret-0123456789-abcdefghijklmnopq";
const PASSWORD = "correct horse battery staple";
const DAY = 86400_000;

describe.skipIf(!hasBrowser)("surveys in a browser", () => {
  let smtp: TestSmtp;
  let server: TestServer;
  let browser: Browser;
  let slug = "";
  let instructorEmail = "";
  let attendeeEmail = "";
  let questions: Question[] = [];
  let speakers: { id: number; name: string }[] = [];

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ label: "surveys-e2e", env: { SMTP_URL: smtp.url, SESSION_SECRET: SECRET } });
    closeDatabase();
    process.env.DATABASE_PATH = server.dbFile;
    process.env.SESSION_SECRET = SECRET;
    resetEnvForTests();
    browser = await launchBrowser();

    const d = db();
    const dana = await createUser(d, { name: "Dana Whitmore", email: "dana@example.com" });
    const rafael = await createUser(d, { name: "Rafael Ortiz", email: "rafael@example.com" });
    speakers = [dana, rafael].map((u) => ({ id: u.id, name: u.name }));
    const people = [];
    for (const name of ["Zoë Quintero", "Felix Esposito", "Ingrid Harrington", "Omar Pereira"]) {
      people.push(await createUser(d, { name, email: `${name.split(" ")[1]!.toLowerCase()}@example.com` }));
    }
    const endsAt = new Date(Date.now() - 2 * DAY);
    const seminar = createSeminar(d, {
      slug: "ethics-ai-e2e",
      title: "Legal Ethics and Generative AI",
      startsAt: new Date(endsAt.getTime() - 4 * 3600_000),
      endsAt,
    });
    slug = seminar.slug;
    for (const s of [dana, rafael]) addMember(d, { seminarId: seminar.id, userId: s.id, role: "instructor" });
    for (const p of people) addMember(d, { seminarId: seminar.id, userId: p.id, role: "attendee" });
    instructorEmail = dana.email;
    attendeeEmail = people[0]!.email;

    const survey = createSurvey({ seminar, templateId: "cle-course-evaluation" });
    questions = listQuestions({ surveyId: survey.id });
    setPublished({ surveyId: survey.id, published: true });
    // Two colleagues answer straight away.
    const published = d.select().from(schema.surveys).where(eq(schema.surveys.id, survey.id)).get()!;
    const rating = questions.find((q) => q.type === "rating" && !q.perInstructor)!;
    const nps = questions.find((q) => q.type === "nps")!;
    const speakerQ = questions.find((q) => q.perInstructor && q.type === "rating")!;
    const comment = questions.find((q) => q.type === "long" && !q.perInstructor)!;
    for (const [k, r, n] of [
      [1, 4, 10],
      [2, 3, 6],
    ] as const) {
      const res = saveResponse({
        survey: published,
        seminar,
        userId: people[k]!.id,
        intent: "submit",
        answers: {
          [rating.id]: r,
          [nps.id]: n,
          [`${speakerQ.id}:${dana.id}`]: 5,
          [`${speakerQ.id}:${rafael.id}`]: 3,
          [comment.id]: `Comment from answer ${k}, with "quotes"`,
        },
      });
      expect(res.ok).toBe(true);
    }
  });

  afterAll(async () => {
    await browser?.close();
    closeDatabase();
    await server?.stop();
    await smtp?.stop();
  });

  it("an attendee answers on a phone, without JavaScript, from the reminder email", async () => {
    // The background task invites everyone once the survey is open…
    const invitation = await smtp.waitFor(
      (m) => m.to === attendeeEmail && m.subject.startsWith("Your feedback"),
      20_000
    );
    expect(invitation.text).toContain("The survey is anonymous");
    // …and a week later reminds only those who have not answered.
    db()
      .update(schema.surveys)
      .set({ invitedAt: new Date(Date.now() - 8 * DAY) })
      .run();
    const reminder = await smtp.waitFor((m) => m.to === attendeeEmail && m.subject.startsWith("Reminder"), 20_000);
    await smtp.waitFor((m) => m.to === "pereira@example.com" && m.subject.startsWith("Reminder"), 20_000);
    const reminded = smtp.messages.filter((m) => m.subject.startsWith("Reminder")).map((m) => m.to);
    expect(reminded.sort()).toEqual(["pereira@example.com", "quintero@example.com"]);
    const link = reminder.links.find((l) => l.includes(`/s/${slug}/survey`))!;
    expect(link).toBeTruthy();

    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      javaScriptEnabled: false,
      acceptDownloads: false,
    });
    const page = await context.newPage();
    // APP_URL in tests has no port; the path is what the email links to.
    await page.goto(new URL(new URL(link).pathname, server.url).href);
    await page.getByLabel("Email").fill(attendeeEmail);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: /Course evaluation/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/s/${slug}/survey`);
    // The micro-site shows the survey as a task until it is answered.
    await page.goto(`${server.url}/s/${slug}`);
    await page.getByRole("link", { name: "Answer the survey" }).click();
    await page.getByRole("heading", { level: 1, name: /Course evaluation/ }).waitFor();

    // The survey comes in parts with progress (issue #22); moving between them keeps what was typed.
    expect(await page.locator(".survey-progress__count").textContent()).toBe("Part 1 of 3: The program");
    const next = () => page.getByRole("button", { name: /^Next:/ }).click();
    await next();
    await page.getByRole("heading", { name: /Rate each speaker/ }).waitFor();
    await next();
    expect(await page.locator(".survey-progress__count").textContent()).toBe("Part 3 of 3: Looking ahead");

    // Submitting with required answers missing: errors next to the questions, nothing typed is lost.
    const improve = questions.find((q) => q.type === "long" && !q.perInstructor)!;
    await page.getByLabel(/What should we change or improve/).fill("Longer breakout sessions, please.");
    const number = questions.find((q) => q.type === "number")!;
    await page.locator(`input[name="q${number.id}"]`).fill("250");
    await page.getByRole("button", { name: "Submit my answers" }).click();
    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("alert").textContent()).toContain("nothing was saved");
    expect(await page.locator(`#sq-q${improve.id}`).inputValue()).toBe("Longer breakout sessions, please.");
    expect(await page.locator(`#sq-q${number.id}-error`).textContent()).toBe("Enter a number between 0 and 70.");
    const overall = questions.find((q) => q.type === "rating" && !q.perInstructor)!;
    expect(await page.locator(`#sq-q${overall.id}-error`).textContent()).toBe("Please choose an answer.");
    // The first part with a missing answer is the one shown.
    expect(await page.locator(".survey-progress__count").textContent()).toBe("Part 1 of 3: The program");
    expect(await page.locator(`#sq-q${overall.id}-error`).isVisible()).toBe(true);

    // Answer everything properly, part by part.
    const showPart = async (name: string) => {
      while (!(await page.locator(`[name="${name}"], [name="${name}_s0"]`).first().isVisible())) await next();
    };
    for (const q of questions) {
      const names = q.perInstructor ? speakers.map((s) => `q${q.id}_i${s.id}`) : [`q${q.id}`];
      for (const name of names) {
        await showPart(name);
        if (q.type === "matrix")
          for (let i = 0; i < q.config.statements!.length; i++)
            await page.locator(`input[name="${name}_s${i}"][value="5"]`).check();
        else if (q.type === "rating")
          await page.locator(`input[name="${name}"][value="${name.includes(`_i${speakers[1]!.id}`) ? 4 : 5}"]`).check();
        else if (q.type === "nps") await page.locator(`input[name="${name}"][value="9"]`).check();
        else if (q.type === "single") await page.getByLabel("About right").check();
        else if (q.type === "multiple") await page.getByLabel("Technology and AI in practice").check();
      }
    }
    await showPart(`q${number.id}`);
    expect(await page.getByLabel(/What should we change or improve/).inputValue()).toBe("Longer breakout sessions, please.");
    await page.locator(`input[name="q${number.id}"]`).fill("12");
    await page.getByRole("button", { name: "Submit my answers" }).click();
    await page.getByText("Thank you! Your answers are saved.").waitFor();
    expect(await page.getByText("You have answered this survey").count()).toBe(1);
    await page.goto(`${server.url}/s/${slug}`);
    await page.getByRole("heading", { name: "Recent activity" }).waitFor();
    expect(await page.getByRole("link", { name: "Answer the survey" }).count()).toBe(0);
    await page.goto(`${server.url}/s/${slug}/survey`);
    // Readable on a phone: no sideways scrolling.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  }, 90_000);

  it("an instructor reads the results, filters by speaker and downloads the CSV", async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
    page.on("pageerror", (e) => problems.push(e.message));
    await page.goto(`${server.url}/login?redirectTo=${encodeURIComponent(`/s/${slug}/survey/results`)}`);
    await page.getByLabel("Email").fill(instructorEmail);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: /Results:/ }).waitFor();

    expect(await page.locator(".result-summary").textContent()).toContain(
      "3 of 4 attendees answered (75% response rate)"
    );
    // NPS from 10, 6 and 9: 2 promoters, 1 detractor of 3 → +33.
    expect(await page.locator(".nps-score").textContent()).toBe("+33");
    // Charts are SVG with a title, and the numbers are written beside the bars.
    const chart = page.getByRole("img", {
      name: /Overall, how would you rate this program\?: distribution of ratings/,
    });
    expect(await chart.count()).toBe(1);
    expect(await chart.locator("text.chart__value").allTextContents()).toEqual([
      "0 (0%)",
      "0 (0%)",
      "1 (33.3%)",
      "1 (33.3%)",
      "1 (33.3%)",
    ]);
    expect(await page.getByRole("heading", { name: "Speaker: Rafael Ortiz" }).count()).toBe(1);
    // Who answered is never shown.
    expect(await page.getByText("Zoë Quintero").count()).toBe(0);

    await page.getByLabel("Speaker section").selectOption({ label: "Dana Whitmore" });
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(/instructor=/);
    // The URL can change before the filtered sections replace the old ones: wait for the page itself.
    await expect.poll(() => page.getByRole("heading", { name: "Speaker: Rafael Ortiz" }).count()).toBe(0);
    expect(await page.getByRole("heading", { name: "Speaker: Dana Whitmore" }).count()).toBe(1);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`survey-${slug}.csv`);
    const bytes = fs.readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.toString("utf8"), { bom: true }) as string[][];
    expect(rows).toHaveLength(4);
    expect(rows[0]![0]).toBe("Response");
    expect(rows[0]).toContain("Knowledge of the subject (Dana Whitmore)");
    const improveCol = rows[0]!.indexOf("What should we change or improve?");
    expect(
      rows
        .slice(1)
        .map((r) => r[improveCol])
        .sort()
    ).toEqual(
      [
        'Comment from answer 1, with "quotes"',
        'Comment from answer 2, with "quotes"',
        "Longer breakout sessions, please.",
      ].sort()
    );
    expect(problems).toEqual([]);
    await context.close();
  });
});
