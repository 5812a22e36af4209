// Issue #6: wiki pages and revisions, blog posts, comments, feed tokens, full-text search.
// Tables are added here by the feature that owns them.
export {};
