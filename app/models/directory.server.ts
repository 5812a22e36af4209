// The member directory (issue #4): network-wide search and filters that never reach a hidden field.
//
// Text search runs on an FTS5 index that holds ONLY what every member may see (fields set to "everyone in the
// network"). People who share a seminar with the viewer may see more; for them (a bounded set) the words are matched
// against exactly what profileFor shows this viewer. Filters test the field's visibility for this viewer in SQL.
// The index is kept in step by triggers on users, profiles and profile_areas (db/migrations-extra/0002_directory.sql),
// so writes from any feature keep it right.
import { sql, type SQL } from "drizzle-orm";
import { db } from "./db.server";
import { profilesFor, type Viewer, type VisibleProfile } from "./profile.server";

/** The FTS5 table and its triggers live in db/migrations-extra/0002_directory.sql. */
const FTS_TABLE = "directory_fts_v1";

// --- query building -------------------------------------------------------------------------------------

/** Lower-cased words without accents; anything but letters and digits separates words. */
function words(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** Search words as FTS5 prefix terms (quoted, so user input is never FTS syntax); at most 8. */
export function searchTerms(q: string): string[] {
  return words(q).slice(0, 8);
}

const ftsQuery = (terms: string[]) => terms.map((t) => `"${t}"*`).join(" ");

/** SQL: the viewer may see a field with this visibility column on member `p`. */
function visibleTo(viewer: Viewer, column: string): SQL {
  const col = sql.raw(`p.${column}`);
  return sql`(${col} = 'network' or p.user_id = ${viewer.id}
    ${viewer.role === "admin" ? sql`or ${col} <> 'me'` : sql``}
    or (${col} = 'classmates' and p.user_id in (select m2.user_id from memberships m1 join memberships m2 on m2.seminar_id = m1.seminar_id where m1.user_id = ${viewer.id}))
    or (${col} in ('classmates', 'instructors') and p.user_id in (select m2.user_id from memberships m1 join memberships m2 on m2.seminar_id = m1.seminar_id where m1.user_id = ${viewer.id} and m1.role = 'instructor')))`;
}

export interface DirectoryFilters {
  q?: string;
  area?: string;
  jurisdiction?: string;
  /** Years in practice range, inclusive. */
  minYears?: number;
  maxYears?: number;
  referrals?: boolean;
  /** Limit to one seminar's members (the viewer must be allowed to see that seminar: the route checks). */
  seminarId?: number;
  /** Only people who share a seminar with the viewer. */
  mine?: boolean;
  sort?: "name" | "recent" | "relevance";
}

export const PAGE_SIZE = 24;

function filterSql(viewer: Viewer, f: DirectoryFilters): SQL {
  const parts: SQL[] = [];
  // Fellow members of a seminar see each other whether or not they are listed in the network directory.
  if (f.seminarId) {
    parts.push(sql`p.active = 1 and p.user_id in (select user_id from memberships where seminar_id = ${f.seminarId})`);
  } else if (f.mine) {
    parts.push(
      sql`p.active = 1 and p.user_id <> ${viewer.id} and p.user_id in (select m2.user_id from memberships m1 join memberships m2 on m2.seminar_id = m1.seminar_id where m1.user_id = ${viewer.id})`,
    );
  } else parts.push(sql`p.in_directory = 1 and p.active = 1`);
  if (f.area) {
    parts.push(sql`p.user_id in (select a.user_id from profile_areas a where a.kind = 'area' and a.value = ${f.area})`);
    parts.push(visibleTo(viewer, "vis_practice_areas"));
  }
  if (f.jurisdiction) {
    parts.push(sql`p.user_id in (select b.user_id from bar_admissions b where b.jurisdiction = ${f.jurisdiction})`);
    parts.push(visibleTo(viewer, "vis_jurisdictions"));
  }
  if (f.minYears !== undefined || f.maxYears !== undefined) {
    parts.push(sql`p.years_in_practice is not null`);
    if (f.minYears !== undefined) parts.push(sql`p.years_in_practice >= ${f.minYears}`);
    if (f.maxYears !== undefined) parts.push(sql`p.years_in_practice <= ${f.maxYears}`);
    parts.push(visibleTo(viewer, "vis_years_in_practice"));
  }
  if (f.referrals) {
    parts.push(sql`p.open_to_referrals = 1`);
    parts.push(visibleTo(viewer, "vis_open_to_referrals"));
  }
  return sql.join(parts, sql` and `);
}

/**
 * Members of the viewer's seminars who keep some searchable field from the whole network: only they can match a
 * word the index does not hold, and only for this viewer (the index covers everyone else).
 */
function circleCandidates(viewer: Viewer, seminarId?: number): number[] {
  return db()
    .all<{ id: number }>(
      sql`select distinct m2.user_id as id from memberships m1
          join memberships m2 on m2.seminar_id = m1.seminar_id
          join profiles p on p.user_id = m2.user_id
          where m1.user_id = ${viewer.id} ${seminarId ? sql`and m1.seminar_id = ${seminarId}` : sql``}
            and p.active = 1
            and (p.vis_firm <> 'network' or p.vis_job_title <> 'network' or p.vis_headline <> 'network'
              or p.vis_bio <> 'network' or p.vis_location <> 'network' or p.vis_practice_areas <> 'network')`,
    )
    .map((r) => r.id);
}

/** The words of a member this viewer may search: exactly the visible name, firm, title, headline, bio, place, tags. */
export function searchableWords(v: VisibleProfile): string[] {
  return words(
    [v.name, v.firm, v.jobTitle, v.headline, v.bioText, v.city, v.country, ...(v.tags ?? [])].filter(Boolean).join(" "),
  );
}

/** Circle members whose words, as this viewer sees them, hold every search term. */
function circleMatches(viewer: Viewer, terms: string[], seminarId?: number): number[] {
  const ids = circleCandidates(viewer, seminarId);
  if (!ids.length) return [];
  const out: number[] = [];
  for (const [id, v] of profilesFor(viewer, ids, { ignoreDirectoryOptOut: true })) {
    const have = searchableWords(v);
    if (terms.every((t) => have.some((w) => w.startsWith(t)))) out.push(id);
  }
  return out;
}

export interface DirectoryPage {
  total: number;
  page: number;
  pages: number;
  members: VisibleProfile[];
}

/** One page of the directory as this viewer may see it. */
export function searchDirectory(viewer: Viewer, f: DirectoryFilters, page = 1): DirectoryPage {
  const terms = searchTerms(f.q ?? "");
  const d = db();
  const where = filterSql(viewer, f);
  // With words: the matches are the index's (network-visible text, ranked by bm25) plus the viewer's own circle's.
  // Counting needs no ranking, and bm25 is the costly part, so only the page query computes it.
  const circle = terms.length ? JSON.stringify(circleMatches(viewer, terms, f.seminarId)) : "[]";
  const matches = (score: SQL) =>
    sql`(select id, min(score) as score from (
          select rowid as id, ${score} as score from ${sql.raw(FTS_TABLE)} where ${sql.raw(FTS_TABLE)} match ${ftsQuery(terms)}
          union all
          select value as id, 0 as score from json_each(${circle})
        ) group by id) m join profiles p on p.user_id = m.id`;
  const from = terms.length ? matches(sql`bm25(${sql.raw(FTS_TABLE)}, 10.0, 4.0, 1.0)`) : sql`profiles p`;
  const countFrom = terms.length ? matches(sql`0`) : from;
  const total = d.get<{ n: number }>(sql`select count(*) as n from ${countFrom} where ${where}`)?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const sort = f.sort ?? (terms.length ? "relevance" : "name");
  const order =
    sort === "recent"
      ? sql`p.user_id desc`
      : sort === "relevance" && terms.length
        ? sql`m.score, p.sort_key, p.user_id`
        : sql`p.sort_key, p.user_id`;
  const ranked = sort === "relevance" && terms.length;
  const ids = d
    .all<{ id: number }>(
      sql`select p.user_id as id from ${ranked ? from : countFrom} where ${where} order by ${order} limit ${PAGE_SIZE} offset ${(current - 1) * PAGE_SIZE}`,
    )
    .map((r) => r.id);
  const visible = profilesFor(viewer, ids, { ignoreDirectoryOptOut: Boolean(f.seminarId || f.mine) });
  return { total, page: current, pages, members: ids.map((id) => visible.get(id)).filter((v): v is VisibleProfile => !!v) };
}
