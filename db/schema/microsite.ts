// Issue #5: seminar sessions (schedule), calendar tokens, course materials and their versions.
// Tables are added here by the feature that owns them.
export {};
