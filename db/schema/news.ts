// Issue #7: news sources, fetch status, news items.
// Tables are added here by the feature that owns them.
export {};
