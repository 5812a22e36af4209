// Surveys over real HTTP against the production build (issue #8): answering, every kind of bad input refused with
// a clear message and nothing changed, anonymity of the stored rows, the builder, results access, and the
// invitation / reminder / key-erasure pass writing to the real outbox.
import { and, eq } from "drizzle-orm";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, db } from "~/models/db.server";
import { runSurveyMailings } from "~/models/survey-mailing.server";
import { saveResponse } from "~/models/survey-response.server";
import { createSurvey, listQuestions, setPublished, updateSurveySettings, type Survey } from "~/models/survey.server";
import { resetEnvForTests } from "~/utils/env.server";
import { addMember, createSeminar, createUser } from "../../db/factories";
import * as schema from "../../db/schema";
import { saveMailChoices } from "~/models/preferences.server";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

const SECRET = "survey-test-secret-0123456789-abcdefghijklmnop";
const PASSWORD = "correct horse battery staple";
const DAY = 86400_000;

let server: TestServer;
let seq = 0;

beforeAll(async () => {
  server = await startTestServer({ label: "surveys", env: { SESSION_SECRET: SECRET, WORKERS: "off" } });
  // The models in this process work on the server's database file, with the same secret.
  closeDatabase();
  process.env.DATABASE_PATH = server.dbFile;
  process.env.SESSION_SECRET = SECRET;
  resetEnvForTests();
});
afterAll(async () => {
  closeDatabase();
  await server?.stop();
});

async function setup({ endedDaysAgo = 2, anonymous = true, attendees = 3, publish = true } = {}) {
  seq += 1;
  const d = db();
  const instructor = await createUser(d, { name: `Instructor ${seq}`, email: `instructor${seq}@example.com` });
  const people = [];
  for (let i = 0; i < attendees; i++)
    people.push(await createUser(d, { name: `Attendee ${seq}-${i}`, email: `att${seq}-${i}@example.com` }));
  const endsAt = new Date(Date.now() - endedDaysAgo * DAY);
  const seminar = createSeminar(d, {
    slug: `survey-sem-${seq}`,
    title: `Survey Seminar ${seq}`,
    startsAt: new Date(endsAt.getTime() - 4 * 3600_000),
    endsAt,
  });
  addMember(d, { seminarId: seminar.id, userId: instructor.id, role: "instructor" });
  for (const p of people) addMember(d, { seminarId: seminar.id, userId: p.id, role: "attendee" });
  const survey = createSurvey({ seminar, templateId: "cle-course-evaluation" });
  if (!anonymous) {
    updateSurveySettings({
      surveyId: survey.id,
      input: {
        title: survey.title,
        intro: "",
        anonymous: false,
        opensMode: "seminar-end",
        opensAt: null,
        closesAt: survey.closesAt,
        minResponses: 3,
        reminderAfterDays: 7,
      },
    });
  }
  if (publish) setPublished({ surveyId: survey.id, published: true });
  const questions = listQuestions({ surveyId: survey.id });
  return { seminar, instructor, people, survey: fresh(survey.id), questions };
}

const fresh = (id: number): Survey => db().select().from(schema.surveys).where(eq(schema.surveys.id, id)).get()!;

async function signedIn(email: string) {
  const c = new Client(server.url);
  await c.signIn(email, PASSWORD);
  return c;
}

/** A complete, valid answer form for the CLE template. */
function validForm(
  s: Awaited<ReturnType<typeof setup>>,
  overrides: Record<string, string | string[] | undefined> = {}
) {
  const form: Record<string, string | string[]> = { surveyId: String(s.survey.id), intent: "submit" };
  for (const q of s.questions) {
    const fields = q.perInstructor ? [`q${q.id}_i${s.instructor.id}`] : [`q${q.id}`];
    for (const f of fields) {
      if (q.type === "matrix") (q.config.statements ?? []).forEach((_, i) => (form[`${f}_s${i}`] = "4"));
      else if (q.type === "rating") form[f] = "5";
      else if (q.type === "nps") form[f] = "9";
      else if (q.type === "single") form[f] = q.config.choices![1]!;
      else if (q.type === "multiple") form[f] = [q.config.choices![0]!, q.config.choices![2]!];
      else if (q.type === "number") form[f] = "12";
      else if (q.type === "short") form[f] = "The ethics hypotheticals";
    }
  }
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete form[k];
    else form[k] = v;
  }
  return form;
}

const responsesOf = (surveyId: number) =>
  db().select().from(schema.surveyResponses).where(eq(schema.surveyResponses.surveyId, surveyId)).all();
const respondentsOf = (surveyId: number) =>
  db().select().from(schema.surveyRespondents).where(eq(schema.surveyRespondents.surveyId, surveyId)).all();

describe("answering a survey", () => {
  it("an attendee answers; the anonymous response row holds no person, and they can change their answers", async () => {
    const s = await setup();
    const c = await signedIn(s.people[0]!.email);
    const page = await c.get(`/s/${s.seminar.slug}/survey`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Rate each speaker");
    expect(html).toContain(s.instructor.name);

    const res = await c.post(
      `/s/${s.seminar.slug}/survey?index`,
      validForm(s, { [`q${s.questions.at(-1)!.id}`]: "More breakout time" })
    );
    expect(res.status).toBe(302);

    // The stored row: only these columns exist, and none of the values names the person.
    const cols = db().$client.prepare("select name from pragma_table_info('survey_responses') order by cid").all() as {
      name: string;
    }[];
    expect(cols.map((x) => x.name)).toEqual(["id", "survey_id", "user_id", "respondent_key", "answers"]);
    const rows = responsesOf(s.survey.id);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.userId).toBeNull();
    const person = s.people[0]!;
    const flat = JSON.stringify(row);
    for (const trace of [person.email, person.name, `"${person.id}"`]) expect(flat).not.toContain(trace);
    expect(row.respondentKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(row.respondentKey).not.toContain(String(person.id));
    // Random, not sequential: far above any row count.
    expect(row.id).toBeGreaterThan(1_000_000);
    // No timestamp column at all on the response; the separate record says who, not which.
    expect(respondentsOf(s.survey.id)).toEqual([{ surveyId: s.survey.id, userId: person.id }]);

    // The page now shows their answers and lets them change them (found again through the respondent key).
    const again = await (await c.get(`/s/${s.seminar.slug}/survey`)).text();
    expect(again).toContain("You have answered this survey");
    expect(again).toContain("More breakout time");
    const upd = await c.post(
      `/s/${s.seminar.slug}/survey?index`,
      validForm(s, { intent: "update", [`q${s.questions.at(-1)!.id}`]: "Changed my mind" })
    );
    expect(upd.status).toBe(302);
    const after = responsesOf(s.survey.id);
    expect(after).toHaveLength(1);
    expect(after[0]!.id).toBe(row.id);
    expect(after[0]!.answers).toContain("Changed my mind");
  });

  it("refuses every kind of bad input with a clear message and changes nothing", async () => {
    const s = await setup({ anonymous: false });
    const other = await setup();
    const c = await signedIn(s.people[0]!.email);
    const url = `/s/${s.seminar.slug}/survey?index`;
    const rating = s.questions.find((q) => q.type === "rating" && !q.perInstructor)!;
    const single = s.questions.find((q) => q.type === "single")!;
    const nps = s.questions.find((q) => q.type === "nps")!;
    const matrix = s.questions.find((q) => q.type === "matrix")!;
    const multiple = s.questions.find((q) => q.type === "multiple")!;
    const number = s.questions.find((q) => q.type === "number")!;

    const cases: [string, Record<string, string | string[] | undefined>, string][] = [
      ["off the rating scale", { [`q${rating.id}`]: "6" }, "Choose a rating from 1 to 5."],
      ["off the NPS scale", { [`q${nps.id}`]: "11" }, "Choose a number from 0 to 10."],
      ["off the matrix scale", { [`q${matrix.id}_s0`]: "0" }, "Ratings go from 1 to 5."],
      ["a choice that does not exist", { [`q${single.id}`]: "Way too easy" }, "Choose one of the listed options."],
      [
        "a multiple choice that does not exist",
        { [`q${multiple.id}`]: ["Basket weaving"] },
        "Choose from the listed options.",
      ],
      ["a number out of range", { [`q${number.id}`]: "250" }, "Enter a number between 0 and 70."],
      ["a missing required answer", { [`q${rating.id}`]: undefined }, "Please choose an answer."],
      ["an extra field", { isAdmin: "1" }, "fields that are not part of this survey"],
      [
        "two values for a single-valued question",
        { [`q${rating.id}`]: ["4", "5"] },
        "Give one answer to this question.",
      ],
    ];
    for (const [label, overrides, message] of cases) {
      const typed = "Kept after the error";
      const res = await c.post(url, validForm(s, { ...overrides, [`q${s.questions.at(-1)!.id}`]: typed }));
      expect(res.status, label).toBe(400);
      const html = await res.text();
      expect(html, label).toContain(message);
      if (label !== "an extra field") expect(html, label).toContain(typed);
      expect(responsesOf(s.survey.id), label).toHaveLength(0);
    }

    // Another seminar's survey id posted to this seminar.
    const cross = await c.post(url, validForm(s, { surveyId: String(other.survey.id) }));
    expect(cross.status).toBe(400);
    expect(await cross.text()).toContain("belongs to a different survey");
    expect(responsesOf(other.survey.id)).toHaveLength(0);
    // …and to the other seminar's URL: not a member, so it does not exist.
    expect((await c.post(`/s/${other.seminar.slug}/survey?index`, validForm(other))).status).toBe(404);

    // First submission, then a duplicate POST of the same form: one response, the second refused.
    expect((await c.post(url, validForm(s))).status).toBe(302);
    const dup = await c.post(url, validForm(s, { [`q${rating.id}`]: "1" }));
    expect(dup.status).toBe(409);
    expect(await dup.text()).toContain("already answered this survey");
    const rows = responsesOf(s.survey.id);
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.answers)[String(rating.id)]).toBe(5);
    // A named survey links the person.
    expect(rows[0]!.userId).toBe(s.people[0]!.id);

    // Closed: nothing can change any more.
    db()
      .update(schema.surveys)
      .set({ closesAt: new Date(Date.now() - 1000) })
      .where(eq(schema.surveys.id, s.survey.id))
      .run();
    const closed = await c.post(url, validForm(s, { intent: "update", [`q${rating.id}`]: "2" }));
    expect(closed.status).toBe(409);
    expect(await closed.text()).toContain("closed on");
    expect(JSON.parse(responsesOf(s.survey.id)[0]!.answers)[String(rating.id)]).toBe(5);

    // Not open yet.
    const early = await setup({ endedDaysAgo: -3 });
    const e = await signedIn(early.people[0]!.email);
    const notOpen = await e.post(`/s/${early.seminar.slug}/survey?index`, validForm(early));
    expect(notOpen.status).toBe(409);
    expect(await notOpen.text()).toContain("not open yet");
    expect(responsesOf(early.survey.id)).toHaveLength(0);

    // Instructors preview but do not answer.
    const i = await signedIn(s.instructor.email);
    const inst = await i.post(url, validForm(s));
    expect(inst.status).toBe(403);
    expect(await inst.text()).toContain("Only attendees");
    // In a named survey the instructor may see who has answered.
    const named = await (await i.get(`/s/${s.seminar.slug}/survey/results`)).text();
    expect(named).toContain("Who has answered (1)");
    expect(named).toContain(s.people[0]!.name);
  });
});

describe("results and access", () => {
  it("anonymous results appear only from the threshold on; attendees and non-members cannot see them", async () => {
    const s = await setup({ attendees: 4 });
    const instr = await signedIn(s.instructor.email);
    const answer = (k: number, rating: number) =>
      saveResponse({
        survey: s.survey,
        seminar: s.seminar,
        userId: s.people[k]!.id,
        intent: "submit",
        answers: {
          [String(s.questions.find((q) => q.type === "rating" && !q.perInstructor)!.id)]: rating,
          [`${s.questions.find((q) => q.perInstructor)!.id}:${s.instructor.id}`]: 4,
        },
      });
    expect(answer(0, 5).ok).toBe(true);
    expect(answer(1, 4).ok).toBe(true);
    let html = await (await instr.get(`/s/${s.seminar.slug}/survey/results`)).text();
    expect(html).toContain("2 of 4");
    expect(html).toContain("Results appear once at least 3 people have answered");
    expect(html).not.toContain("Average <strong>");
    expect((await instr.get(`/s/${s.seminar.slug}/survey/export`)).status).toBe(403);

    expect(answer(2, 3).ok).toBe(true);
    html = await (await instr.get(`/s/${s.seminar.slug}/survey/results`)).text();
    expect(html).toContain("3 of 4");
    expect(html).toContain("75%");
    expect(html).toMatch(/Average <strong>4<\/strong> out of 5/);
    expect(html).toContain("<svg");
    // Who answered is never shown.
    for (const p of s.people) expect(html).not.toContain(p.name);

    const csvRes = await instr.get(`/s/${s.seminar.slug}/survey/export`);
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers.get("content-type")).toContain("text/csv");
    expect(csvRes.headers.get("content-disposition")).toContain("attachment");
    const rows = parse(await csvRes.text(), { bom: true }) as string[][];
    expect(rows).toHaveLength(4);
    expect(rows[0]).not.toContain("Name");

    const print = await instr.get(`/s/${s.seminar.slug}/survey/print`);
    expect(print.status).toBe(200);
    expect(await print.text()).toContain("Summary as of");

    // Admins compare seminars: response rate and average ratings in a table and a chart.
    const admin = await createUser(db(), { email: `admin${seq}@example.com`, role: "admin" });
    const a = await signedIn(admin.email);
    const compare = await a.get("/admin/surveys");
    expect(compare.status).toBe(200);
    const compareHtml = await compare.text();
    expect(compareHtml).toContain(s.seminar.title);
    expect(compareHtml).toMatch(/3 \/ 4<\/td>/);
    expect(compareHtml).toContain("Response rate per seminar");
    expect((await instr.get("/admin/surveys")).status).toBe(403);

    const att = await signedIn(s.people[3]!.email);
    for (const path of ["results", "export", "print", "edit"]) {
      expect((await att.get(`/s/${s.seminar.slug}/survey/${path}`)).status, path).toBe(403);
    }
    const outsider = await createUser(db(), { email: `outsider${seq}@example.com` });
    const o = await signedIn(outsider.email);
    for (const path of ["", "/results", "/export", "/edit"]) {
      expect((await o.get(`/s/${s.seminar.slug}/survey${path}`)).status, path).toBe(404);
    }
  });
});

describe("the builder", () => {
  it("creates from the template, validates, reorders, previews, and locks once answers arrive", async () => {
    const s = await setup({ publish: false });
    // Start over from scratch to exercise creation through HTTP.
    const c = await signedIn(s.instructor.email);
    const edit = `/s/${s.seminar.slug}/survey/edit`;
    expect((await c.post(edit, { intent: "delete-survey" })).status).toBe(302);
    expect(db().select().from(schema.surveys).where(eq(schema.surveys.seminarId, s.seminar.id)).get()).toBeUndefined();
    expect((await c.post(edit, { intent: "create", templateId: "cle-course-evaluation" })).status).toBe(302);
    const survey = db().select().from(schema.surveys).where(eq(schema.surveys.seminarId, s.seminar.id)).get()!;
    const before = listQuestions({ surveyId: survey.id });
    expect(before).toHaveLength(11);

    // A choice question without choices is refused next to the field, the typed question kept.
    const bad = await c.post(edit, {
      intent: "add-question",
      type: "single",
      prompt: "Which format do you prefer?",
      choices: "Only one",
    });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain("Give at least 2 choices, one per line.");
    expect(badHtml).toContain("Which format do you prefer?");
    expect(listQuestions({ surveyId: survey.id })).toHaveLength(11);

    expect(
      (
        await c.post(edit, {
          intent: "add-question",
          type: "single",
          prompt: "Which format do you prefer?",
          choices: "In person\nOnline\nHybrid",
          required: "on",
        })
      ).status
    ).toBe(302);
    const added = listQuestions({ surveyId: survey.id }).at(-1)!;
    expect(added.config.choices).toEqual(["In person", "Online", "Hybrid"]);
    expect((await c.post(edit, { intent: "move-up", questionId: String(added.id) })).status).toBe(302);
    expect(listQuestions({ surveyId: survey.id }).at(-2)!.id).toBe(added.id);
    // Another survey's question id is not found.
    const other = await setup();
    expect((await c.post(edit, { intent: "delete-question", questionId: String(other.questions[0]!.id) })).status).toBe(
      404
    );

    // Settings: closing before opening is refused.
    const badSettings = await c.post(edit, {
      intent: "settings",
      title: "Evaluation",
      intro: "",
      anonymous: "yes",
      opensMode: "date",
      opensAt: "2030-01-10T09:00",
      closesAt: "2030-01-01T09:00",
      minResponses: "3",
      reminderAfterDays: "5",
    });
    expect(badSettings.status).toBe(400);
    expect(await badSettings.text()).toContain("The survey must close after it opens.");

    // Draft: attendees see no survey; publish, then they can answer.
    const att = await signedIn(s.people[0]!.email);
    expect(await (await att.get(`/s/${s.seminar.slug}/survey`)).text()).toContain(
      "This seminar has no survey at the moment."
    );
    expect((await c.post(edit, { intent: "publish" })).status).toBe(302);
    const published = fresh(survey.id);
    expect(published.publishedAt).not.toBeNull();
    // Already open when published: the invitations went out at once.
    expect(published.invitedAt).not.toBeNull();
    const invites = db()
      .select()
      .from(schema.outbox)
      .where(eq(schema.outbox.kind, "survey-invitation"))
      .all()
      .filter((m) => s.people.some((p) => p.email === m.toAddress));
    expect(invites.map((m) => m.toAddress).sort()).toEqual(s.people.map((p) => p.email).sort());

    const preview = await (await c.get(`/s/${s.seminar.slug}/survey`)).text();
    expect(preview).toContain("Preview");
    expect(preview).toContain("Which format do you prefer?");

    saveResponse({ survey: published, seminar: s.seminar, userId: s.people[0]!.id, intent: "submit", answers: {} });
    const locked = await c.post(edit, { intent: "add-question", type: "short", prompt: "Late addition" });
    expect(locked.status).toBe(409);
    expect(await locked.text()).toContain("Answers have arrived, so the questions can no longer change.");
    expect((await c.post(edit, { intent: "delete-survey" })).status).toBe(409);
    expect(listQuestions({ surveyId: survey.id })).toHaveLength(12);
  });
});

describe("the builder's forms", () => {
  it("answer bad input beside the field with what was typed, keep locked settings, and refuse what is not theirs", async () => {
    const s = await setup({ publish: false });
    const c = await signedIn(s.instructor.email);
    const edit = `/s/${s.seminar.slug}/survey/edit`;
    const valueOf = (html: string, id: string) => new RegExp(`id="${id}"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*id="${id}"`).exec(html);

    // Settings: a word where a number goes gets the field's own message (not a generic one), the typed title stays,
    // and an emptied introduction stays empty instead of coming back.
    const settings = {
      intent: "settings",
      title: "Course evaluation, revised",
      intro: "",
      anonymous: "yes",
      opensMode: "seminar-end",
      opensAt: "",
      closesAt: "2031-01-01T09:00",
      minResponses: "3",
      reminderAfterDays: "soon",
    };
    const badDays = await c.post(edit, settings);
    expect(badDays.status).toBe(400);
    const badDaysHtml = await badDays.text();
    expect(badDaysHtml).toContain("Enter a number of days from 1 to 60, or leave it empty.");
    expect(badDaysHtml).not.toContain("Invalid input");
    expect(valueOf(badDaysHtml, "s-title")).not.toBeNull();
    expect(badDaysHtml).toContain('value="Course evaluation, revised"');
    expect(fresh(s.survey.id).title).toBe(s.survey.title);
    // An empty reminder means "no reminder".
    expect((await c.post(edit, { ...settings, reminderAfterDays: "" })).status).toBe(302);
    expect(fresh(s.survey.id)).toMatchObject({ title: "Course evaluation, revised", reminderAfterDays: null });

    // Number limits: a word and a range upside down are each refused beside their field.
    const word = await c.post(edit, { intent: "add-question", type: "number", prompt: "How many hours?", min: "ten" });
    expect(word.status).toBe(400);
    expect(await word.text()).toContain("Enter a number, or leave it empty.");
    const upside = await c.post(edit, { intent: "add-question", type: "number", prompt: "How many hours?", min: "10", max: "5" });
    expect(upside.status).toBe(400);
    expect(await upside.text()).toContain("The lowest allowed number must not be above the highest.");
    expect(listQuestions({ surveyId: s.survey.id })).toHaveLength(s.questions.length);

    // Editing a question: the refusal reopens that question's editor with the typed prompt and the error.
    const q = s.questions[0]!;
    const longPrompt = "x".repeat(301);
    const badEdit = await c.post(edit, { intent: "update-question", questionId: String(q.id), type: "short", prompt: longPrompt });
    expect(badEdit.status).toBe(400);
    const badEditHtml = await badEdit.text();
    expect(badEditHtml).toContain("Keep the question under 300 characters.");
    expect(badEditHtml).toContain(`id="q${q.id}-prompt"`);
    expect(badEditHtml).toContain(longPrompt);
    expect(listQuestions({ surveyId: s.survey.id })[0]!.prompt).toBe(q.prompt);

    // A form the builder does not have, and publishing an empty survey, are refused at the top of the page.
    const unknown = await c.post(edit, { intent: "drop-tables" });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("Unknown action.");
    expect((await c.post(edit, { intent: "move-down", questionId: "not-a-number" })).status).toBe(404);

    // Once answers arrived, anonymity, threshold and opening stay as they were whatever the form says.
    setPublished({ surveyId: s.survey.id, published: true });
    saveResponse({ survey: fresh(s.survey.id), seminar: s.seminar, userId: s.people[0]!.id, intent: "submit", answers: {} });
    const lockedSave = await c.post(edit, { ...settings, reminderAfterDays: "4", anonymous: "no", minResponses: "1", opensMode: "date", opensAt: "2020-01-01T09:00" });
    expect(lockedSave.status).toBe(302);
    expect(fresh(s.survey.id)).toMatchObject({ anonymous: true, minResponses: 3, opensMode: "seminar-end", reminderAfterDays: 4 });

    // Only the seminar's instructors (and staff) may use the builder: an attendee is refused, and another seminar's
    // instructor gets "no such page".
    const att = await signedIn(s.people[1]!.email);
    expect((await att.post(edit, { intent: "publish" })).status).toBe(403);
    const empty = await setup({ publish: false });
    const c2 = await signedIn(empty.instructor.email);
    expect((await c2.post(edit, { intent: "publish" })).status).toBe(404);
    const edit2 = `/s/${empty.seminar.slug}/survey/edit`;
    for (const question of empty.questions) {
      expect((await c2.post(edit2, { intent: "delete-question", questionId: String(question.id) })).status).toBe(302);
    }
    const publishEmpty = await c2.post(edit2, { intent: "publish" });
    expect(publishEmpty.status).toBe(400);
    expect(await publishEmpty.text()).toContain("Add at least one question before publishing.");
    expect(fresh(empty.survey.id).publishedAt).toBeNull();
  });
});

describe("invitations, the reminder, and erasing respondent keys", () => {
  it("invites every attendee once (respecting 'never'), reminds only non-respondents once, and erases keys at close", async () => {
    const s = await setup({ attendees: 4, publish: false });
    db()
      .update(schema.surveys)
      .set({ publishedAt: new Date(), reminderAfterDays: 3 })
      .where(eq(schema.surveys.id, s.survey.id))
      .run();
    saveMailChoices(db(), { userId: s.people[3]!.id, choices: { surveys: "never" } });
    const mailTo = (kind: string) =>
      db()
        .select()
        .from(schema.outbox)
        .where(eq(schema.outbox.kind, kind))
        .all()
        .filter((m) => s.people.some((p) => p.email === m.toAddress));

    runSurveyMailings();
    runSurveyMailings();
    const invites = mailTo("survey-invitation");
    expect(invites.map((m) => m.toAddress).sort()).toEqual(
      s.people
        .slice(0, 3)
        .map((p) => p.email)
        .sort()
    );
    expect(invites[0]!.text).toContain(`/s/${s.seminar.slug}/survey`);
    expect(invites[0]!.subject).toBe(`Your feedback on ${s.seminar.title}`);

    saveResponse({
      survey: fresh(s.survey.id),
      seminar: s.seminar,
      userId: s.people[0]!.id,
      intent: "submit",
      answers: {},
    });
    // Not yet due.
    runSurveyMailings();
    expect(mailTo("survey-reminder")).toHaveLength(0);
    // Three days later.
    const later = new Date(Date.now() + 3 * DAY + 60_000);
    runSurveyMailings(later);
    runSurveyMailings(later);
    expect(
      mailTo("survey-reminder")
        .map((m) => m.toAddress)
        .sort()
    ).toEqual([s.people[1]!.email, s.people[2]!.email].sort());

    // At close, the only secret that could link an anonymous response to a person is erased.
    expect(responsesOf(s.survey.id)[0]!.respondentKey).not.toBeNull();
    runSurveyMailings(new Date(s.survey.closesAt.getTime() + 1000));
    expect(responsesOf(s.survey.id)[0]!.respondentKey).toBeNull();
    expect(fresh(s.survey.id).keysErasedAt).not.toBeNull();
    expect(respondentsOf(s.survey.id)).toHaveLength(1);
    // Reopening (a later closing date) re-arms the erasure for whoever answers next.
    const closed = fresh(s.survey.id);
    updateSurveySettings({
      surveyId: s.survey.id,
      input: {
        title: closed.title,
        intro: "",
        anonymous: true,
        opensMode: "seminar-end",
        opensAt: null,
        closesAt: new Date(Date.now() + DAY),
        minResponses: 3,
        reminderAfterDays: 3,
      },
    });
    expect(fresh(s.survey.id).keysErasedAt).toBeNull();
    expect(
      db()
        .select()
        .from(schema.surveyRespondents)
        .where(
          and(eq(schema.surveyRespondents.surveyId, s.survey.id), eq(schema.surveyRespondents.userId, s.people[0]!.id))
        )
        .get()
    ).toBeDefined();
  });
});
