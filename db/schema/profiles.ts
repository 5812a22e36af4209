// Issue #4: member profiles, per-field visibility, participation settings.
// Tables are added here by the feature that owns them.
export {};
