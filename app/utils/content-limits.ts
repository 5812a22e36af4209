// Limits for wiki pages, posts and comments, shared by the models (which enforce them) and the forms (which say them).
export const WIKI_TITLE_MAX = 120;
export const WIKI_BODY_MAX = 100_000;
export const WIKI_NOTE_MAX = 200;
export const POST_TITLE_MAX = 160;
export const POST_BODY_MAX = 50_000;
export const COMMENT_MAX = 5_000;
