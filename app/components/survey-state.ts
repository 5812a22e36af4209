export type SurveyState = "draft" | "scheduled" | "open" | "closed";
