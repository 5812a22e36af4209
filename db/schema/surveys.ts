// Issue #8: surveys, questions, responses.
// Tables are added here by the feature that owns them.
export {};
