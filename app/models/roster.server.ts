// Seminar member lists, the instructors' roster and the audience brief (issue #4). Every profile shown passes
// profileFor; the counts in the brief are made from the same visible profiles, so a hidden field is never counted.
import { and, eq, sql } from "drizzle-orm";
import { memberships, users } from "../../db/schema";
import { db } from "./db.server";
import { profilesFor, type Viewer, type VisibleProfile } from "./profile.server";

export interface SeminarPerson {
  role: "instructor" | "attendee";
  joinedAt: string;
  profile: VisibleProfile;
}

/** Everyone enrolled in a seminar as this viewer may see them (the route has checked the viewer belongs). */
export function seminarPeople({ seminarId, viewer }: { seminarId: number; viewer: Viewer }): SeminarPerson[] {
  const rows = db()
    .select({ userId: memberships.userId, role: memberships.role, createdAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.seminarId, seminarId), eq(users.status, "active")))
    .all();
  // Enrolment in a shared seminar makes a member visible to its other members, directory or not.
  const visible = profilesFor(
    viewer,
    rows.map((r) => r.userId),
    { ignoreDirectoryOptOut: true },
  );
  return rows
    .filter((r) => visible.has(r.userId))
    .map((r) => ({ role: r.role, joinedAt: r.createdAt.toISOString(), profile: visible.get(r.userId)! }));
}

/** The seminars two members share (what the viewer is in, intersected with the member's). */
export function sharedSeminars({ viewerId, memberId }: { viewerId: number; memberId: number }) {
  return db()
    .all<{ slug: string; title: string; startsAt: number; role: string }>(
      sql`select s.slug as slug, s.title as title, s.starts_at as startsAt, b.role as role from seminars s
          join memberships a on a.seminar_id = s.id and a.user_id = ${viewerId}
          join memberships b on b.seminar_id = s.id and b.user_id = ${memberId}
          order by s.starts_at desc`,
    )
    .map((r) => ({ slug: r.slug, title: r.title, theyTeach: r.role === "instructor" }));
}

/** People in the viewer's seminars, most recent seminar first (for "people you share seminars with"). */
export function peopleInMySeminars({ viewer, limit = 12 }: { viewer: Viewer; limit?: number }): { total: number; people: VisibleProfile[] } {
  const rows = db().all<{ id: number }>(
    sql`select m2.user_id as id from memberships m1
        join memberships m2 on m2.seminar_id = m1.seminar_id and m2.user_id <> m1.user_id
        join seminars s on s.id = m1.seminar_id
        join users u on u.id = m2.user_id and u.status = 'active'
        where m1.user_id = ${viewer.id}
        group by m2.user_id order by max(s.starts_at) desc, m2.user_id limit 500`,
  );
  const ids = rows.slice(0, limit).map((r) => r.id);
  const visible = profilesFor(viewer, ids, { ignoreDirectoryOptOut: true });
  return { total: rows.length, people: ids.map((id) => visible.get(id)).filter((v): v is VisibleProfile => !!v) };
}

// --- the instructors' roster ----------------------------------------------------------------------------

export interface RosterFilters {
  q?: string;
  area?: string;
  jurisdiction?: string;
  referrals?: boolean;
  sort?: "name" | "firm" | "years" | "joined";
  dir?: "asc" | "desc";
}

export function attendees({ seminarId, viewer }: { seminarId: number; viewer: Viewer }): SeminarPerson[] {
  return seminarPeople({ seminarId, viewer }).filter((p) => p.role === "attendee");
}

const lastName = (name: string) => name.trim().split(/\s+/).pop()!.toLowerCase();

/** Filters and sorts a roster in memory (a seminar holds at most a few hundred people). Only visible values count. */
export function filterRoster(people: SeminarPerson[], f: RosterFilters): SeminarPerson[] {
  const q = (f.q ?? "").trim().toLowerCase();
  const out = people.filter(({ profile: p }) => {
    if (q && ![p.name, p.firm, p.jobTitle, p.city].some((v) => v?.toLowerCase().includes(q))) return false;
    if (f.area && !(p.practiceAreas ?? []).includes(f.area)) return false;
    if (f.jurisdiction && !(p.jurisdictions ?? []).some((j) => j.jurisdiction === f.jurisdiction)) return false;
    if (f.referrals && p.openToReferrals !== true) return false;
    return true;
  });
  const sort = f.sort ?? "name";
  const dir = f.dir === "desc" ? -1 : 1;
  const key = (x: SeminarPerson): string | number => {
    const p = x.profile;
    switch (sort) {
      case "firm":
        return (p.firm ?? "\uffff").toLowerCase();
      case "years":
        return p.yearsInPractice ?? (dir === 1 ? Number.MAX_SAFE_INTEGER : -1);
      case "joined":
        return x.joinedAt;
      default:
        return `${lastName(p.name)} ${p.name.toLowerCase()}`;
    }
  };
  return out.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const c = typeof ka === "number" && typeof kb === "number" ? ka - kb : String(ka).localeCompare(String(kb));
    return c * dir || a.profile.name.localeCompare(b.profile.name);
  });
}

// --- the audience brief ---------------------------------------------------------------------------------

export interface Distribution {
  label: string;
  count: number;
}

export const YEARS_BANDS: { label: string; min: number; max: number }[] = [
  { label: "0–2 years", min: 0, max: 2 },
  { label: "3–5 years", min: 3, max: 5 },
  { label: "6–10 years", min: 6, max: 10 },
  { label: "11–20 years", min: 11, max: 20 },
  { label: "21–30 years", min: 21, max: 30 },
  { label: "Over 30 years", min: 31, max: 200 },
];

export interface AudienceBrief {
  total: number;
  practiceAreas: Distribution[];
  jurisdictions: Distribution[];
  years: Distribution[];
  /** How many attendees did not share (or have not filled in) each dimension. */
  notShared: { practiceAreas: number; jurisdictions: number; years: number };
  openToReferrals: number;
}

function tally(values: string[][]): Distribution[] {
  const counts = new Map<string, number>();
  for (const vs of values) for (const v of new Set(vs)) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts]
    .map(([label, count]) => ({ label, count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

/** How attendees spread over practice areas, jurisdictions and years in practice, from what the viewer may see. */
export function audienceBrief(people: SeminarPerson[]): AudienceBrief {
  const ps = people.map((p) => p.profile);
  const withAreas = ps.filter((p) => p.practiceAreas?.length);
  const withJur = ps.filter((p) => p.jurisdictions?.length);
  const withYears = ps.filter((p) => p.yearsInPractice !== undefined);
  return {
    total: ps.length,
    practiceAreas: tally(withAreas.map((p) => p.practiceAreas!)),
    jurisdictions: tally(withJur.map((p) => p.jurisdictions!.map((j) => j.jurisdiction))),
    years: YEARS_BANDS.map((b) => ({
      label: b.label,
      count: withYears.filter((p) => p.yearsInPractice! >= b.min && p.yearsInPractice! <= b.max).length,
    })),
    notShared: {
      practiceAreas: ps.length - withAreas.length,
      jurisdictions: ps.length - withJur.length,
      years: ps.length - withYears.length,
    },
    openToReferrals: ps.filter((p) => p.openToReferrals === true).length,
  };
}

