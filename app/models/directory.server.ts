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

/**
 * SQL: the viewer may see a field with this visibility column on member `p`.
 *  - `probe` (network directory): the seminar checks are correlated EXISTS probes (the member's few memberships, then
 *    the viewer's row in that seminar), run only for rows whose field is not open to the whole network, so their
 *    cost does not grow with the size of the viewer's seminars;
 *  - otherwise (word searches, seminar lists, "my seminars"): lists of the viewer's fellow members, built once per
 *    query. (Correlated probes there let the planner pick a far worse join order: 11 s instead of 18 ms for words and
 *    a practice area on 20,000 members, tests/bench/directory-scale.ts.)
 */
function visibleTo(viewer: Viewer, column: string, probe: boolean): SQL {
  const col = sql.raw(`p.${column}`);
  const shares = (teaching: boolean) =>
    probe
      ? sql`exists (select 1 from memberships ms join memberships mv on mv.seminar_id = ms.seminar_id and mv.user_id = ${viewer.id}
          where ms.user_id = p.user_id${teaching ? sql` and mv.role = 'instructor'` : sql``})`
      : sql`p.user_id in (select m2.user_id from memberships m1 join memberships m2 on m2.seminar_id = m1.seminar_id
          where m1.user_id = ${viewer.id}${teaching ? sql` and m1.role = 'instructor'` : sql``})`;
  return sql`(${col} = 'network' or p.user_id = ${viewer.id}
    ${viewer.role === "admin" ? sql`or ${col} <> 'me'` : sql``}
    or (${col} = 'classmates' and ${shares(false)})
    or (${col} = 'instructors' and ${shares(true)}))`;
}

export interface DirectoryFilters {
  q?: string;
  area?: string;
  jurisdiction?: string;
  /** Years in practice range, inclusive. */
  minYears?: number;
  maxYears?: number;
  referrals?: boolean;
  /** Issue #18: open to new opportunities (only where the viewer may see that flag). */
  opportunities?: boolean;
  /** Limit to one seminar's members (the viewer must be allowed to see that seminar: the route checks). */
  seminarId?: number;
  /** Only people who share a seminar with the viewer. */
  mine?: boolean;
  sort?: "name" | "recent" | "relevance";
}

export const PAGE_SIZE = 24;

/**
 * Where the rows come from and which of them match. Three shapes of the same conditions, for SQLite's planner:
 *  - "driven" (network directory, no words, when few members match or to count): the query starts from the members
 *    holding the rarer filter value (bar_admissions_jurisdiction_idx, else profile_areas_value_idx), tests the other
 *    filter on that index too, and only then looks the survivors' profiles up: cheap to count, cheap to sort;
 *  - "ordered" (network directory, no words, when many members match): the filters as EXISTS probes and unindexable
 *    years/referral terms (`+`), so the query walks profiles_directory_order_idx in name order and stops after one page;
 *  - "listed": filters as `IN (list)`, for seminar lists, "my seminars" and word searches, whose rows are few already.
 */
function filterSql(viewer: Viewer, f: DirectoryFilters, shape: "driven" | "ordered" | "listed"): { from: SQL; where: SQL } {
  const parts: SQL[] = [];
  const ordered = shape === "ordered";
  const probe = shape !== "listed";
  // The driving filter, when the rows start from an index of a filter value (checked again in WHERE's stead).
  const driver = shape === "driven" ? (f.jurisdiction ? "jurisdiction" : f.area ? "area" : null) : null;
  // Fellow members of a seminar see each other whether or not they are listed in the network directory.
  if (f.seminarId) {
    parts.push(sql`p.active = 1 and p.user_id in (select user_id from memberships where seminar_id = ${f.seminarId})`);
  } else if (f.mine) {
    parts.push(
      sql`p.active = 1 and p.user_id <> ${viewer.id} and p.user_id in (select m2.user_id from memberships m1 join memberships m2 on m2.seminar_id = m1.seminar_id where m1.user_id = ${viewer.id})`,
    );
  } else parts.push(sql`p.in_directory = 1 and p.active = 1`);
  // Visibility last: its seminar probes then run only for members who match on every value.
  const visible: SQL[] = [];
  if (f.area) {
    if (!driver) {
      parts.push(
        shape === "listed"
          ? sql`p.user_id in (select a.user_id from profile_areas a where a.kind = 'area' and a.value = ${f.area})`
          : sql`exists (select 1 from profile_areas a where a.kind = 'area' and a.value = ${f.area} and a.user_id = p.user_id)`,
      );
    }
    visible.push(visibleTo(viewer, "vis_practice_areas", probe));
  }
  if (f.jurisdiction) {
    if (!driver) {
      parts.push(
        shape === "listed"
          ? sql`p.user_id in (select b.user_id from bar_admissions b where b.jurisdiction = ${f.jurisdiction})`
          : sql`exists (select 1 from bar_admissions b where b.jurisdiction = ${f.jurisdiction} and b.user_id = p.user_id)`,
      );
    }
    visible.push(visibleTo(viewer, "vis_jurisdictions", probe));
  }
  // Years and referrals are tested on the profile row, never used to choose the rows (the planner would rather walk
  // profiles_years_idx over a fifth of all members than start from the filter value).
  const plus = sql.raw(ordered || driver ? "+" : "");
  if (f.minYears !== undefined || f.maxYears !== undefined) {
    parts.push(sql`${plus}p.years_in_practice is not null`);
    if (f.minYears !== undefined) parts.push(sql`${plus}p.years_in_practice >= ${f.minYears}`);
    if (f.maxYears !== undefined) parts.push(sql`${plus}p.years_in_practice <= ${f.maxYears}`);
    visible.push(visibleTo(viewer, "vis_years_in_practice", probe));
  }
  if (f.referrals) {
    parts.push(sql`${plus}p.open_to_referrals = 1`);
    visible.push(visibleTo(viewer, "vis_open_to_referrals", probe));
  }
  if (f.opportunities) {
    parts.push(sql`${plus}p.open_to_opportunities = 1`);
    visible.push(visibleTo(viewer, "vis_open_to_opportunities", probe));
  }
  parts.push(...visible);
  // Both filter values are tested on their indexes inside the driving subquery (DISTINCT keeps it from being
  // flattened into the outer join), so only members holding both are looked up in profiles.
  const areaTest = sql`exists (select 1 from profile_areas a where a.kind = 'area' and a.value = ${f.area ?? ""} and a.user_id = x.user_id)`;
  const from =
    driver === "jurisdiction"
      ? sql`(select distinct x.user_id from bar_admissions x where x.jurisdiction = ${f.jurisdiction} ${f.area ? sql`and ${areaTest}` : sql``}) d cross join profiles p indexed by profiles_directory_member_idx on p.user_id = d.user_id`
      : driver === "area"
        ? sql`(select distinct x.user_id from profile_areas x where x.kind = 'area' and x.value = ${f.area}) d cross join profiles p indexed by profiles_directory_member_idx on p.user_id = d.user_id`
        : shape !== "listed" && !(ordered && f.sort === "recent")
          ? // No filter value to start from: walk the listed members in name order (covering: no profile rows read).
            sql`profiles p indexed by profiles_directory_order_idx`
          : // By id only (rowid): with the covering indexes above, the planner would otherwise answer the visibility
            // ORs by walking whole indexes once per row (seconds, for words and a practice area).
            sql`profiles p not indexed`;
  return { from, where: sql.join(parts, sql` and `) };
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
  /** Members matching, counted up to a cap (see `more`). */
  total: number;
  /** More members match than `total` (the count stopped at the cap); later pages are reached with "Next". */
  more: boolean;
  page: number;
  /** The last page known to exist (more may follow when `more`). */
  pages: number;
  members: VisibleProfile[];
}

/**
 * How many matching members the network directory counts beyond the start of the page asked for. An exact count of
 * tens of thousands of members (each one's visibility checked) cost more than the rest of the page (issue #9); past
 * this many, the page says "more than N" and offers "Next". Seminar member lists are bounded and always counted.
 */
export const COUNT_CAP = 1000;

/**
 * The network directory without words (issue #9: 100,000 members). One pass over the members holding the filter
 * values counts up to COUNT_CAP matches past the start of the requested page, and keeps their ids. Fewer than that:
 * they are all the matches, so the count is exact and only they are sorted for the page. More: the page says "more
 * than N", and the page is read by walking the members in name order (profiles_directory_order_idx) until it is full.
 */
function networkPage(viewer: Viewer, f: DirectoryFilters, requested: number) {
  const d = db();
  const limit = (requested - 1) * PAGE_SIZE + COUNT_CAP;
  const { from, where } = filterSql(viewer, f, "driven");
  const order = f.sort === "recent" ? sql`p.user_id desc` : sql`p.sort_key, p.user_id`;
  // Deep pages only count (a list of tens of thousands of ids would cost more than a second pass).
  const keep = limit <= 2 * COUNT_CAP;
  const first = d.get<{ n: number; ids: string | null }>(
    sql`select count(*) as n, ${keep ? sql`json_group_array(id)` : sql`null`} as ids
        from (select p.user_id as id from ${from} where ${where} limit ${limit})`,
  );
  const total = first?.n ?? 0;
  const more = total >= limit;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const current = Math.min(requested, pages);
  const q =
    more || !(f.area || f.jurisdiction)
      ? filterSql(viewer, f, "ordered")
      : first?.ids
        ? {
            from: sql`json_each(${first.ids}) j cross join profiles p indexed by profiles_directory_member_idx on p.user_id = j.value`,
            where: sql`1`,
          }
        : { from, where };
  const ids = d
    .all<{ id: number }>(
      sql`select p.user_id as id from ${q.from} where ${q.where} order by ${order} limit ${PAGE_SIZE} offset ${(current - 1) * PAGE_SIZE}`,
    )
    .map((r) => r.id);
  return { total, more, pages, current, ids };
}

/** One page of the directory as this viewer may see it. */
export function searchDirectory(viewer: Viewer, f: DirectoryFilters, page = 1): DirectoryPage {
  const terms = searchTerms(f.q ?? "");
  const requested = Math.max(1, Math.floor(page));
  const ignoreDirectoryOptOut = Boolean(f.seminarId || f.mine);
  const shown = (ids: number[]) => {
    const visible = profilesFor(viewer, ids, { ignoreDirectoryOptOut });
    return ids.map((id) => visible.get(id)).filter((v): v is VisibleProfile => !!v);
  };
  if (!terms.length && !f.seminarId && !f.mine) {
    const { total, more, pages, current, ids } = networkPage(viewer, f, requested);
    return { total, more, page: current, pages, members: shown(ids) };
  }
  const d = db();
  const { from: filteredFrom, where } = filterSql(viewer, f, "listed");
  // With words: the matches are the index's (network-visible text, ranked by bm25) plus the viewer's own circle's.
  // Counting needs no ranking, and bm25 is the costly part, so only the page query computes it.
  const circle = terms.length ? JSON.stringify(circleMatches(viewer, terms, f.seminarId)) : "[]";
  const matches = (score: SQL) =>
    sql`(select id, min(score) as score from (
          select rowid as id, ${score} as score from ${sql.raw(FTS_TABLE)} where ${sql.raw(FTS_TABLE)} match ${ftsQuery(terms)}
          union all
          select value as id, 0 as score from json_each(${circle})
        ) group by id) m join profiles p not indexed on p.user_id = m.id`;
  const from = terms.length ? matches(sql`bm25(${sql.raw(FTS_TABLE)}, 10.0, 4.0, 1.0)`) : filteredFrom;
  const countFrom = terms.length ? matches(sql`0`) : from;
  // Word searches count up to COUNT_CAP past the start of the page too; seminar lists are bounded and counted exactly.
  const limit = f.seminarId ? null : (requested - 1) * PAGE_SIZE + COUNT_CAP;
  const total =
    d.get<{ n: number }>(
      limit === null
        ? sql`select count(*) as n from ${countFrom} where ${where}`
        : sql`select count(*) as n from (select 1 from ${countFrom} where ${where} limit ${limit})`,
    )?.n ?? 0;
  const more = limit !== null && total >= limit;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const current = Math.min(requested, pages);
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
  return { total, more, page: current, pages, members: shown(ids) };
}
