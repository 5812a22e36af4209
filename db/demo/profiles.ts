// Demo data for issue #4: rich member profiles from content/demo/people.json, with a realistic mix of privacy
// choices (some firms only for classmates, some bar numbers for instructors, one member out of the directory),
// mail preferences, and a few members who have not finished setting up their profile.
import { eq } from "drizzle-orm";
import type { SeedContext, SeedDB } from "../seed";
import * as schema from "../schema";
import { renderMarkdown } from "../../app/services/markdown.server";

function slugify(s: string) {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

export async function seedProfiles(db: SeedDB, ctx: SeedContext): Promise<void> {
  const everyone = [...ctx.instructors.map((p) => ({ p, instructor: true })), ...ctx.people.map((p) => ({ p, instructor: false }))];
  everyone.forEach(({ p, instructor }, i) => {
    const userId = ctx.usersByEmail.get(p.email);
    if (!userId) return;
    // Every 9th attendee (not the demo attendee) has only just joined: a sparse profile and the set-up reminder.
    const fresh = !instructor && i % 9 === 5;
    const firstName = p.name.replace(/^(Prof\.|Judge|Dr\.)\s+/, "").split(" ")[0]!;
    const area = p.practiceAreas[0] ?? "practice";
    const bioMd = `${p.bio}\n\n${
      instructor
        ? "I teach at the Hudson Institute and am glad to talk with attendees about their practice before the seminar."
        : `Happy to compare notes on **${area.toLowerCase()}** matters, especially in ${p.jurisdictions.map((j) => j.jurisdiction).join(" and ")}.`
    }`;
    const profile: typeof schema.profiles.$inferInsert = fresh
      ? { userId, firm: p.firm, city: p.city, country: p.country }
      : {
          userId,
          addressAs: i % 3 === 1 ? "" : firstName,
          headline: instructor ? `${p.title}, ${area}` : `${area} lawyer, ${p.city}`,
          firm: p.firm,
          jobTitle: p.title,
          city: p.city,
          country: p.country,
          yearsInPractice: p.yearsInPractice,
          bioMd,
          bioHtml: renderMarkdown(bioMd),
          firmUrl: `https://www.${slugify(p.firm)}.example.com/people/${slugify(p.name)}`,
          linkedinUrl: i % 3 === 0 ? `https://www.linkedin.com/in/${slugify(p.name)}-demo` : "",
          websiteUrl: "",
          phone: `+1 212 555 ${String(100 + i).padStart(4, "0")}`,
          preferredContact: i % 2 ? "email" : "either",
          openToReferrals: p.openToReferrals,
          openToOpportunities: i % 5 === 1,
          onboardingCompletedAt: new Date(),
          // A realistic mix of choices.
          visFirm: i % 7 === 3 ? "classmates" : "network",
          visBio: i % 11 === 4 ? "classmates" : "network",
          visBarNumbers: i % 4 === 0 ? "instructors" : "me",
          visYearsInPractice: i % 10 === 6 ? "instructors" : "network",
          visPhone: i % 6 === 2 ? "me" : "instructors",
          inDirectory: i % 17 !== 8,
        };
    db.insert(schema.profiles).values(profile).onConflictDoUpdate({ target: schema.profiles.userId, set: profile }).run();
    if (fresh) return;
    db.delete(schema.profileAreas).where(eq(schema.profileAreas.userId, userId)).run();
    const tags = i % 4 === 1 ? ["CLE speaker"] : i % 4 === 2 ? ["Pro bono", "Mentoring"] : [];
    const areas = [
      ...p.practiceAreas.map((value, position) => ({ userId, kind: "area" as const, value, position })),
      ...tags.map((value, position) => ({ userId, kind: "tag" as const, value, position })),
    ];
    if (areas.length) db.insert(schema.profileAreas).values(areas).run();
    db.delete(schema.barAdmissions).where(eq(schema.barAdmissions.userId, userId)).run();
    if (p.jurisdictions.length) {
      db.insert(schema.barAdmissions)
        .values(
          p.jurisdictions.map((j, position) => ({
            userId,
            jurisdiction: j.jurisdiction,
            barNumber: j.barNumber,
            yearAdmitted: j.yearAdmitted,
            status: (["active", "inactive", "retired", "pending"].includes(j.status) ? j.status : "active") as "active",
            position,
          })),
        )
        .run();
    }
    if (i % 3 === 0) {
      const choices = { materials: "immediate", replies: i % 2 ? "daily" : "immediate", news: i % 6 === 0 ? "daily" : "weekly", surveys: "immediate" } as const;
      db.insert(schema.mailPreferences)
        .values(Object.entries(choices).map(([topic, choice]) => ({ userId, topic, choice })))
        .onConflictDoNothing()
        .run();
    }
  });
  // Administrators are staff; give them a short profile so they read well in lists.
  for (const a of ctx.institute.admins) {
    const userId = ctx.usersByEmail.get(a.email);
    if (!userId) continue;
    const set = { headline: "Programme administrator", firm: ctx.institute.institute, onboardingCompletedAt: new Date() };
    db.insert(schema.profiles).values({ userId, ...set }).onConflictDoUpdate({ target: schema.profiles.userId, set }).run();
  }
}
