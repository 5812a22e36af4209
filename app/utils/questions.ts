// Limits of questions and answers (issue #14), shared by the model and the pages (a .server module is empty in the
// browser, so a page's form must not take them from there).
export const QUESTION_TITLE_MAX = 200;
export const QUESTION_BODY_MAX = 20_000;
export const ANSWER_BODY_MAX = 20_000;
export const ANSWER_COMMENT_MAX = 1_000;
export const MAX_TOPICS = 5;
