// Table declarations only, one file per area under db/schema/ (so features can evolve their tables independently).
// Times are integer milliseconds since the epoch (UTC); tokens are stored as their SHA-256, never in the clear.
export * from "./schema/core";
export * from "./schema/profiles";
export * from "./schema/microsite";
export * from "./schema/content";
export * from "./schema/news";
export * from "./schema/surveys";
export * from "./schema/invitation-limits";
export * from "./schema/catalogue";
export * from "./schema/spine";
export * from "./schema/participation";
export * from "./schema/careers";
export * from "./schema/questions";

export * from "./schema/library";
export * from "./schema/credits";
export * from "./schema/messages";
export * from "./schema/moderation";
export * from "./schema/member-invitations";
