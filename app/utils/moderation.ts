// Reasons and outcomes of reports (issue #15), shared by the schema, the model and the pages (no server imports).
export const REPORT_REASONS = ["spam", "harassment", "inappropriate", "confidential", "misinformation", "other"] as const;
export const REPORT_OUTCOMES = ["dismissed", "hidden", "removed", "warned", "suspended"] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];
export const DETAILS_MAX = 2000;

export const REPORT_REASON_LABELS: Record<ReportReason, string> = {
  spam: "Spam or advertising",
  harassment: "Harassment or abuse",
  inappropriate: "Inappropriate or offensive",
  confidential: "Shares confidential or client information",
  misinformation: "Misleading legal information",
  other: "Something else",
};

export const OUTCOME_LABELS: Record<ReportOutcome, string> = {
  dismissed: "No action: it breaks no rule",
  hidden: "Hidden (its author still sees it, marked as hidden)",
  removed: "Removed (nobody sees it any more)",
  warned: "The author was warned",
  suspended: "The author's account was suspended",
};
