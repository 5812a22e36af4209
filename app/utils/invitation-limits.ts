// The invitation-mail limits staff may set (issue #21): shared by the server model and the settings form, whose
// schema and field bounds are built in the browser too (a .server module is empty there).
export interface InvitationLimits {
  memberDaily: number;
  adminDaily: number;
  quietHours: number;
}

export const DEFAULT_INVITATION_LIMITS: InvitationLimits = { memberDaily: 25, adminDaily: 500, quietHours: 24 };
/** The bounds staff may set (the form says so beside each field). */
export const LIMIT_BOUNDS = {
  memberDaily: { min: 1, max: 1000 },
  adminDaily: { min: 1, max: 5000 },
  quietHours: { min: 1, max: 720 },
} as const;
