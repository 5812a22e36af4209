// Issue #19: per-seminar engagement for staff, counted from the rows each feature writes: members (memberships),
// materials downloaded (material_downloads), wiki edits (wiki_revisions), posts (published blog posts), comments,
// questions and their answers, and the survey response rate (members who answered ÷ attendees).
import { dayIndex, DAY_MS } from "~/utils/analytics-dates";
import { db } from "./db.server";

import { SEMINAR_METRICS, SEMINAR_METRIC_LABELS, type SeminarMetric } from "~/utils/analytics";

export { SEMINAR_METRICS, SEMINAR_METRIC_LABELS, type SeminarMetric };

export interface SeminarStats extends Record<SeminarMetric, number> {
  id: number;
  slug: string;
  title: string;
  startsAt: number;
  attendees: number;
  /** null when the seminar has no survey. */
  surveyResponses: number | null;
}

/** Every seminar starting in the range (both days included), with its figures, sorted by `sort` (largest first). */
export function seminarStats({ from, to, sort = "members" }: { from: string; to: string; sort?: SeminarMetric }): SeminarStats[] {
  const rows = db()
    .$client.prepare(
      `SELECT s.id, s.slug, s.title, s.starts_at,
         (SELECT count(*) FROM memberships m WHERE m.seminar_id = s.id),
         (SELECT count(*) FROM memberships m WHERE m.seminar_id = s.id AND m.role = 'attendee'),
         (SELECT count(*) FROM material_downloads d JOIN materials mt ON mt.id = d.material_id WHERE mt.seminar_id = s.id),
         (SELECT count(*) FROM wiki_revisions w WHERE w.seminar_id = s.id),
         (SELECT count(*) FROM blog_posts p WHERE p.seminar_id = s.id AND p.status = 'published'),
         (SELECT count(*) FROM comments c WHERE c.seminar_id = s.id),
         (SELECT count(*) FROM questions q WHERE q.seminar_id = s.id),
         (SELECT count(*) FROM answers a JOIN questions q ON q.id = a.question_id WHERE q.seminar_id = s.id),
         (SELECT count(*) FROM surveys v JOIN survey_respondents r ON r.survey_id = v.id WHERE v.seminar_id = s.id),
         EXISTS (SELECT 1 FROM surveys v WHERE v.seminar_id = s.id)
       FROM seminars s WHERE s.starts_at >= ? AND s.starts_at < ?`,
    )
    .raw()
    .all(dayIndex(from) * DAY_MS, (dayIndex(to) + 1) * DAY_MS) as [number, string, string, number, number, number, number, number, number, number, number, number, number, number][];
  const stats = rows.map(([id, slug, title, startsAt, members, attendees, downloads, wikiEdits, posts, comments, questions, answers, responses, hasSurvey]) => ({
    id,
    slug,
    title,
    startsAt,
    members,
    attendees,
    downloads,
    wikiEdits,
    posts,
    comments,
    questions,
    answers,
    surveyResponses: hasSurvey ? responses : null,
    surveyRate: hasSurvey && attendees ? Math.round((Math.min(responses, attendees) / attendees) * 1000) / 10 : 0,
  }));
  return stats.sort((a, b) => b[sort] - a[sort] || a.title.localeCompare(b.title));
}
