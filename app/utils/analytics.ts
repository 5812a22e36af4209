// Issue #19: names and small formulas the analytics pages share between server and browser (no server imports).
export const FUNNEL_STEPS = ["sent", "opened", "accepted", "profiled", "active"] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];
export const FUNNEL_STEP_LABELS: Record<FunnelStep, string> = {
  sent: "Sent",
  opened: "Opened",
  accepted: "Accepted",
  profiled: "Profile completed",
  active: "Active in first 30 days",
};
export type FunnelCounts = Record<FunnelStep, number>;

/** Percent of the invitations sent that reached a step (0 when none were sent). */
export const conversion = (row: FunnelCounts, step: FunnelStep): number => (row.sent ? (row[step] / row.sent) * 100 : 0);

export const SEMINAR_METRICS = ["members", "downloads", "wikiEdits", "posts", "comments", "questions", "answers", "surveyRate"] as const;
export type SeminarMetric = (typeof SEMINAR_METRICS)[number];
export const SEMINAR_METRIC_LABELS: Record<SeminarMetric, string> = {
  members: "Members",
  downloads: "Materials downloaded",
  wikiEdits: "Wiki edits",
  posts: "Posts",
  comments: "Comments",
  questions: "Questions",
  answers: "Answers",
  surveyRate: "Survey response rate (%)",
};

/** Months after joining shown in the cohort table. */
export const COHORT_MONTHS = 12;
