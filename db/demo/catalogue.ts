// Demo data for issue #16: the catalogue. The demo seminars get topics and a listing; four more upcoming seminars
// show every policy and format, a full seminar with a waitlist, a request waiting for approval, intake questions with
// answers in the privacy seminar's audience brief, and "Next seminars" for the ethics seminar's alumni.
import { eq } from "drizzle-orm";
import type { SeedContext, SeedDB } from "../seed";
import { zonedTime } from "../seed";
import { addMember, createSeminar } from "../factories";
import * as schema from "../schema";

type Listing = Pick<typeof schema.seminars.$inferInsert, "enrolmentPolicy" | "format" | "cancelHoursBefore">;

function topics(db: SeedDB, seminarId: number, areas: string[], jurisdictions: string[]) {
  for (const value of areas) db.insert(schema.seminarTopics).values({ seminarId, kind: "area", value }).onConflictDoNothing().run();
  for (const value of jurisdictions) db.insert(schema.seminarTopics).values({ seminarId, kind: "jurisdiction", value }).onConflictDoNothing().run();
}

export async function seedCatalogue(db: SeedDB, ctx: SeedContext) {
  const id = (slug: string) => ctx.seminarsBySlug.get(slug)!;
  const user = (email: string) => ctx.usersByEmail.get(email)!;
  const list = (seminarId: number, listing: Listing) => db.update(schema.seminars).set(listing).where(eq(schema.seminars.id, seminarId)).run();
  const now = ctx.now;
  const stamp = new Date(now.getTime() - 3 * 86400_000);

  // The original three: the upcoming privacy seminar is open to all; the others stay invitation only.
  list(id("privacy-2027"), { enrolmentPolicy: "open", format: "hybrid", cancelHoursBefore: 72 });
  topics(db, id("privacy-2027"), ["Privacy and Data Protection", "Technology Transactions"], ["California", "New York"]);
  topics(db, id("trial-advocacy-intensive"), ["Litigation", "Appellate"], ["Illinois"]);
  topics(db, id("ethics-ai-2026"), ["Legal Ethics", "Technology Transactions"], ["New York"]);
  // It ended long ago: its alumni were mailed then.
  db.update(schema.seminars).set({ alumniMailedAt: stamp }).where(eq(schema.seminars.id, id("ethics-ai-2026"))).run();

  const more = [
    {
      slug: "appellate-writing-2027",
      title: "Appellate Brief Writing Workshop",
      summary: "Two mornings of drafting and peer review: standards of review, statements of the case, and reply briefs.",
      days: 40,
      hour: 9,
      hours: 4,
      timeZone: "America/Chicago",
      venue: "Online (video link sent to attendees)",
      meetingUrl: "https://meet.example.com/appellate-writing",
      capacity: 4,
      instructor: "marcus.hale@example.org",
      listing: { enrolmentPolicy: "open", format: "online", cancelHoursBefore: 48 } as Listing,
      areas: ["Appellate", "Litigation"],
      jurisdictions: ["Illinois", "Texas"],
    },
    {
      slug: "cross-border-data-2027",
      title: "Cross-Border Data Transfers Roundtable",
      summary: "A small, practitioner-led roundtable on transfer mechanisms, adequacy and vendor contracts.",
      days: 62,
      hour: 14,
      hours: 3,
      timeZone: "America/New_York",
      venue: "Institute Conference Room B, 120 Broadway, New York",
      meetingUrl: "",
      capacity: 16,
      instructor: "eleanor.vance@example.edu",
      listing: { enrolmentPolicy: "request", format: "in-person", cancelHoursBefore: 72 } as Listing,
      areas: ["Privacy and Data Protection", "International Law"],
      jurisdictions: ["New York", "England and Wales"],
    },
    {
      slug: "employment-update-2027",
      title: "Employment and Immigration Law Update",
      summary: "The year's decisions and regulations for employers and their counsel, with a session on work visas.",
      days: 88,
      hour: 9,
      hours: 7,
      timeZone: "America/Los_Angeles",
      venue: "Bayview Conference Center, San Francisco",
      meetingUrl: "https://meet.example.com/employment-update",
      capacity: 80,
      instructor: "rafael.ortiz@example.com",
      listing: { enrolmentPolicy: "open", format: "hybrid", cancelHoursBefore: 48 } as Listing,
      areas: ["Employment", "Immigration", "Labor"],
      jurisdictions: ["California"],
    },
    {
      slug: "ethics-ai-2027",
      title: "Legal Ethics and AI: Year Two",
      summary: "The follow-up to last year's seminar: supervision, confidentiality and billing with AI tools in daily practice.",
      days: 120,
      hour: 13,
      hours: 4,
      timeZone: "America/New_York",
      venue: "Online",
      meetingUrl: "https://meet.example.com/ethics-ai-2027",
      capacity: 120,
      instructor: "dana.whitmore@example.com",
      listing: { enrolmentPolicy: "open", format: "online", cancelHoursBefore: 24 } as Listing,
      areas: ["Legal Ethics", "Technology Transactions"],
      jurisdictions: ["New York"],
    },
  ];
  for (const m of more) {
    const startsAt = zonedTime(new Date(now.getTime() + m.days * 86400_000), m.hour, m.timeZone);
    const s = createSeminar(db, {
      slug: m.slug,
      title: m.title,
      summary: m.summary,
      descriptionMd: m.summary,
      descriptionHtml: `<p>${m.summary}</p>`,
      startsAt,
      endsAt: new Date(startsAt.getTime() + m.hours * 3600_000),
      timeZone: m.timeZone,
      venue: m.venue,
      meetingUrl: m.meetingUrl,
      capacity: m.capacity,
      ...m.listing,
    });
    ctx.seminarsBySlug.set(m.slug, s.id);
    addMember(db, { seminarId: s.id, userId: user(m.instructor), role: "instructor" });
    topics(db, s.id, m.areas, m.jurisdictions);
  }

  // The writing workshop is full, with two on the waitlist; the roundtable has a request waiting.
  const enrolled = (seminarId: number, email: string, status: (typeof schema.ENROLMENT_STATUSES)[number], minutesAgo: number) => {
    const at = new Date(now.getTime() - minutesAgo * 60_000);
    if (status === "enrolled") addMember(db, { seminarId, userId: user(email) });
    db.insert(schema.enrolments)
      .values({ seminarId, userId: user(email), status, queuedAt: status === "enrolled" ? null : at, updatedAt: at, createdAt: at })
      .run();
  };
  const p = ctx.people.map((x) => x.email);
  enrolled(id("appellate-writing-2027"), p[40]!, "enrolled", 900);
  enrolled(id("appellate-writing-2027"), p[41]!, "enrolled", 800);
  enrolled(id("appellate-writing-2027"), p[42]!, "enrolled", 700);
  enrolled(id("appellate-writing-2027"), p[43]!, "enrolled", 600);
  enrolled(id("appellate-writing-2027"), p[44]!, "waitlisted", 300);
  enrolled(id("appellate-writing-2027"), p[45]!, "waitlisted", 200);
  enrolled(id("cross-border-data-2027"), p[1]!, "requested", 120);
  enrolled(id("cross-border-data-2027"), p[46]!, "requested", 60);

  // Intake questions in the privacy seminar, answered by some attendees (their answers reach the audience brief).
  const privacy = id("privacy-2027");
  const q1 = db
    .insert(schema.intakeQuestions)
    .values({ seminarId: privacy, position: 0, prompt: "How much experience do you have with privacy compliance?", kind: "choice", options: JSON.stringify(["None yet", "Some", "It is most of my practice"]), required: true })
    .returning()
    .get();
  const q2 = db
    .insert(schema.intakeQuestions)
    .values({ seminarId: privacy, position: 1, prompt: "Which topics should we make sure to cover?", kind: "multiple", options: JSON.stringify(["State privacy laws", "Breach response", "Vendor contracts", "AI and automated decisions"]) })
    .returning()
    .get();
  const q3 = db
    .insert(schema.intakeQuestions)
    .values({ seminarId: privacy, position: 2, prompt: "A question for the instructors", kind: "text" })
    .returning()
    .get();
  const texts = [
    "How do we handle opt-out signals like Global Privacy Control across states?",
    "What should a breach tabletop exercise for a small firm look like?",
    "Are there model clauses for AI vendors yet?",
    "How do regulators look at data minimisation in practice?",
  ];
  const picks = ["State privacy laws", "Breach response", "Vendor contracts", "AI and automated decisions"];
  for (let i = 0; i < 12; i++) {
    const userId = user(p[i]!);
    const updatedAt = new Date(now.getTime() - (i + 1) * 3600_000);
    db.insert(schema.enrolments).values({ seminarId: privacy, userId, status: "enrolled", shareName: i % 3 === 0, updatedAt }).onConflictDoNothing().run();
    db.insert(schema.intakeAnswers).values({ questionId: q1.id, userId, seminarId: privacy, value: ["None yet", "Some", "Some", "It is most of my practice"][i % 4]!, updatedAt }).run();
    db.insert(schema.intakeAnswers).values({ questionId: q2.id, userId, seminarId: privacy, value: JSON.stringify([picks[i % 4], picks[(i + 1) % 4]]), updatedAt }).run();
    if (i < texts.length) db.insert(schema.intakeAnswers).values({ questionId: q3.id, userId, seminarId: privacy, value: texts[i]!, updatedAt }).run();
  }
}
