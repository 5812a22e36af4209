// The demo institute. Texts live in content/demo/; this file only turns them into rows.
import { count, eq } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { seedCatalogue } from "./demo/catalogue";
import { seedContent } from "./demo/content";
import { seedInvitations } from "./demo/invitations";
import { seedMicrosite } from "./demo/microsite";
import { seedNews } from "./demo/news";
import { seedProfiles } from "./demo/profiles";
import { seedSurveys } from "./demo/surveys";
import { addMember, createSeminar, createUser } from "./factories";
import * as schema from "./schema";

type DB = BetterSQLite3Database<typeof schema>;
export type SeedDB = DB;

const contentDir = path.resolve(process.cwd(), "content/demo");

interface DemoPerson {
  name: string;
  email: string;
  firm: string;
  title: string;
  city: string;
  country: string;
  practiceAreas: string[];
  jurisdictions: { jurisdiction: string; yearAdmitted: number; status: string; barNumber: string }[];
  yearsInPractice: number;
  bio: string;
  openToReferrals: boolean;
}
interface DemoSeminar {
  slug: string;
  title: string;
  summary: string;
  descriptionFile: string;
  welcome: string;
  startsInDays: number;
  durationHours: number;
  startHourLocal: number;
  timeZone: string;
  venue: string;
  meetingUrl: string;
  capacity: number;
  instructors: string[];
  attendeeRange: [number, number];
}
interface DemoInstitute {
  institute: string;
  demoPassword: string;
  admins: { name: string; email: string; label: string }[];
  seminars: DemoSeminar[];
}

export function readDemoContent() {
  const institute = JSON.parse(fs.readFileSync(path.join(contentDir, "institute.json"), "utf8")) as DemoInstitute;
  const people = JSON.parse(fs.readFileSync(path.join(contentDir, "people.json"), "utf8")) as {
    people: DemoPerson[];
    instructors: DemoPerson[];
  };
  return { institute, ...people };
}

export interface SeedContext {
  usersByEmail: Map<string, number>;
  seminarsBySlug: Map<string, number>;
  people: DemoPerson[];
  instructors: DemoPerson[];
  institute: DemoInstitute;
  /** Where demo files (course materials) are written; defaults to UPLOADS_DIR. */
  uploadsDir: string;
  /** The seed's "now": demo dates are relative to it. */
  now: Date;
}

export function isDatabaseEmpty(db: DB): boolean {
  const users = db.select({ n: count() }).from(schema.users).get()?.n ?? 0;
  const seminars = db.select({ n: count() }).from(schema.seminars).get()?.n ?? 0;
  return users === 0 && seminars === 0;
}

/** Zoned wall-clock time → UTC instant, e.g. 09:00 in America/Chicago on a given day. */
export function zonedTime(day: Date, hour: number, timeZone: string): Date {
  const guess = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour));
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
  }).formatToParts(guess);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asIfUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
  return new Date(guess.getTime() - (asIfUtc - guess.getTime()));
}

export async function seedDemo(db: DB, now = new Date(), opts: { uploadsDir?: string } = {}) {
  const { institute, people, instructors } = readDemoContent();
  const usersByEmail = new Map<string, number>();
  const seminarsBySlug = new Map<string, number>();

  for (const a of institute.admins) {
    const u = await createUser(db, { name: a.name, email: a.email, role: "admin", password: institute.demoPassword });
    usersByEmail.set(u.email, u.id);
  }
  for (const p of [...instructors, ...people]) {
    const u = await createUser(db, { name: p.name, email: p.email, password: institute.demoPassword });
    usersByEmail.set(u.email, u.id);
  }
  for (const s of institute.seminars) {
    const day = new Date(now.getTime() + s.startsInDays * 86400_000);
    const startsAt = zonedTime(day, s.startHourLocal, s.timeZone);
    const descriptionMd = fs.readFileSync(path.join(contentDir, s.descriptionFile), "utf8");
    const seminar = createSeminar(db, {
      slug: s.slug,
      title: s.title,
      summary: s.summary,
      descriptionMd,
      welcomeMd: s.welcome,
      startsAt,
      endsAt: new Date(startsAt.getTime() + s.durationHours * 3600_000),
      timeZone: s.timeZone,
      venue: s.venue,
      meetingUrl: s.meetingUrl,
      capacity: s.capacity,
    });
    seminarsBySlug.set(s.slug, seminar.id);
    for (const email of s.instructors) {
      addMember(db, { seminarId: seminar.id, userId: usersByEmail.get(email)!, role: "instructor" });
    }
    for (const p of people.slice(s.attendeeRange[0], s.attendeeRange[1])) {
      addMember(db, { seminarId: seminar.id, userId: usersByEmail.get(p.email)!, role: "attendee" });
    }
  }
  const uploadsDir = opts.uploadsDir || process.env.UPLOADS_DIR || "./data/uploads";
  const ctx: SeedContext = { usersByEmail, seminarsBySlug, people, instructors, institute, uploadsDir, now };
  // Each area adds its demo data in turn (db/demo/*.ts).
  await seedProfiles(db, ctx);
  await seedMicrosite(db, ctx);
  await seedContent(db, ctx);
  await seedNews(db, ctx);
  await seedSurveys(db, ctx);
  await seedInvitations(db, ctx);
  await seedCatalogue(db, ctx);
  return ctx;
}

/** The demo sign-ins to print, while those accounts still exist with the demo password. */
export function demoSignIns(db: DB): { label: string; email: string; password: string }[] {
  let content;
  try {
    content = readDemoContent();
  } catch {
    return [];
  }
  const { institute, instructors, people } = content;
  const wanted = [
    ...institute.admins.map((a) => ({ label: a.label, email: a.email })),
    { label: "Instructor", email: instructors[0]!.email },
    { label: "Attendee", email: people[0]!.email },
  ];
  return wanted
    .filter((w) => db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, w.email)).get())
    .map((w) => ({ ...w, password: institute.demoPassword }));
}

// `npm run db:seed`: seed an empty database.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { db, migrateDatabase, closeDatabase } = await import("../app/models/db.server");
  migrateDatabase(db());
  if (!isDatabaseEmpty(db())) {
    console.log("The database already has data; nothing seeded.");
  } else {
    await seedDemo(db());
    console.log("Demo institute seeded.");
  }
  for (const s of demoSignIns(db())) console.log(`  ${s.label.padEnd(12)} ${s.email.padEnd(34)} ${s.password}`);
  closeDatabase();
}
