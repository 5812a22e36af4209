// Demo data for issue #8, run by db/seed.ts after the core seed: the ended seminar "ethics-ai-2026" gets the
// standard CLE course evaluation (content/surveys/) with realistic answers (texts in content/demo/), and the
// seminar in progress gets the same survey published to open when it ends.
import { and, eq } from "drizzle-orm";
import { randomInt } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { respondentKey } from "../../app/models/survey-response.server";
import type { SeedContext, SeedDB } from "../seed";
import * as schema from "../schema";

interface Template {
  title: string;
  intro: string;
  questions: {
    type: schema.QuestionType;
    prompt: string;
    help?: string;
    required?: boolean;
    perInstructor?: boolean;
    config: Record<string, unknown>;
  }[];
}
interface DemoAnswers {
  seminar: string;
  respondents: number;
  mostUseful: string[];
  improve: string[];
  speakerComments: Record<string, string[]>;
  otherTopics: string[];
}

/** Deterministic pseudo-random numbers so the demo looks the same on every machine (mulberry32). */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function insertSurvey(
  db: SeedDB,
  seminarId: number,
  seminarTitle: string,
  template: Template,
  values: Partial<typeof schema.surveys.$inferInsert> & { closesAt: Date }
) {
  const survey = db
    .insert(schema.surveys)
    .values({ seminarId, title: `${template.title}: ${seminarTitle}`, intro: template.intro, ...values })
    .returning()
    .get();
  const questions = template.questions.map((q, i) =>
    db
      .insert(schema.surveyQuestions)
      .values({
        surveyId: survey.id,
        position: i + 1,
        type: q.type,
        prompt: q.prompt,
        help: q.help ?? "",
        required: q.required ?? false,
        perInstructor: q.perInstructor ?? false,
        config: JSON.stringify(q.config),
      })
      .returning()
      .get()
  );
  return { survey, questions };
}

export async function seedSurveys(db: SeedDB, ctx: SeedContext): Promise<void> {
  const root = process.cwd();
  const template = JSON.parse(
    fs.readFileSync(path.join(root, "content/surveys/cle-course-evaluation.json"), "utf8")
  ) as Template;
  const demo = JSON.parse(fs.readFileSync(path.join(root, "content/demo/survey-answers.json"), "utf8")) as DemoAnswers;
  const DAY = 86400_000;

  // The seminar in progress: published, opens (and invites) when it ends.
  const trialId = ctx.seminarsBySlug.get("trial-advocacy-intensive");
  const trial = trialId ? db.select().from(schema.seminars).where(eq(schema.seminars.id, trialId)).get() : undefined;
  if (trial) {
    insertSurvey(db, trial.id, trial.title, template, {
      closesAt: new Date(trial.endsAt.getTime() + 30 * DAY),
      publishedAt: new Date(),
    });
  }

  const seminarId = ctx.seminarsBySlug.get(demo.seminar);
  const seminar = seminarId
    ? db.select().from(schema.seminars).where(eq(schema.seminars.id, seminarId)).get()
    : undefined;
  if (!seminar) return;
  const end = seminar.endsAt.getTime();
  const { survey, questions } = insertSurvey(db, seminar.id, seminar.title, template, {
    anonymous: true,
    closesAt: new Date(end + 45 * DAY),
    publishedAt: new Date(end - 2 * DAY),
    invitedAt: new Date(end + 3600_000),
    remindedAt: new Date(end + 7 * DAY + 3600_000),
  });
  const instructors = db
    .select({ id: schema.users.id, email: schema.users.email })
    .from(schema.memberships)
    .innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId))
    .where(and(eq(schema.memberships.seminarId, seminar.id), eq(schema.memberships.role, "instructor")))
    .all();
  const attendees = db
    .select({ id: schema.memberships.userId })
    .from(schema.memberships)
    .where(and(eq(schema.memberships.seminarId, seminar.id), eq(schema.memberships.role, "attendee")))
    .all();

  const rand = rng(20261127);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const used = new Set<string>();
  const take = (xs: string[]) => {
    const left = xs.filter((x) => !used.has(x));
    if (!left.length) return undefined;
    const x = pick(left);
    used.add(x);
    return x;
  };
  // Mostly positive, a few lukewarm: weights for 1..5.
  const rating = (bias = 0) => {
    const r = rand() + bias;
    return r < 0.04 ? 2 : r < 0.2 ? 3 : r < 0.6 ? 4 : 5;
  };
  for (const [n, attendee] of attendees.slice(0, demo.respondents).entries()) {
    const answers: Record<string, unknown> = {};
    for (const q of questions) {
      const cfg = JSON.parse(q.config) as { statements?: string[]; choices?: string[] };
      const keys = q.perInstructor
        ? instructors.map((i) => ({ key: `${q.id}:${i.id}`, email: i.email }))
        : [{ key: String(q.id), email: "" }];
      for (const { key, email } of keys) {
        const bias = email.startsWith("rafael") ? -0.15 : 0;
        if (q.type === "matrix") answers[key] = (cfg.statements ?? []).map((_, i) => rating(i === 4 ? -0.1 : 0));
        else if (q.type === "rating") answers[key] = rating(bias);
        else if (q.type === "nps") answers[key] = Math.min(10, Math.max(4, Math.round(7.6 + (rand() - 0.35) * 5)));
        else if (q.type === "single")
          answers[key] = rand() < 0.78 ? cfg.choices![1] : rand() < 0.6 ? cfg.choices![0] : cfg.choices![2];
        else if (q.type === "multiple") {
          const chosen = (cfg.choices ?? []).filter((_, i) => rand() < (i < 3 ? 0.55 : 0.25));
          answers[key] = {
            choices: chosen.length ? chosen : [cfg.choices![0]],
            other: n % 6 === 2 ? take(demo.otherTopics) ?? "" : "",
          };
        } else if (q.type === "number") answers[key] = 2 + Math.floor(rand() * 28);
        // Each demo text is used once at most, so the lists read like real, distinct answers.
        else if (q.type === "short" && rand() < 0.8) answers[key] = take(demo.mostUseful);
        else if (q.type === "long" && !q.perInstructor && rand() < 0.6) answers[key] = take(demo.improve);
        else if (q.type === "long" && q.perInstructor && rand() < 0.5)
          answers[key] = take(demo.speakerComments[email] ?? []);
      }
    }
    db.insert(schema.surveyResponses)
      .values({
        id: randomInt(1, 2 ** 48),
        surveyId: survey.id,
        userId: null,
        respondentKey: respondentKey(survey.id, attendee.id),
        answers: JSON.stringify(answers),
      })
      .run();
    db.insert(schema.surveyRespondents).values({ surveyId: survey.id, userId: attendee.id }).run();
  }
}
