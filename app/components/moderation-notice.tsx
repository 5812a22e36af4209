// Issue #15: every kind renders a moderated item the same way (COMMUNITY-DESIGN.md, "one report queue"). Its author
// (and staff) see the item with this notice; where a thread keeps the place of an item others may not see (comments),
// the placeholder uses the same words as the moderators' decision.
export type ModeratedState = "hidden" | "removed";

/** What other members read in the place of a moderated item that keeps its place (a comment with replies). */
export const MODERATED_PLACEHOLDER: Record<ModeratedState, string> = {
  hidden: "Hidden by the moderators.",
  removed: "Removed by the moderators.",
};

/** The notice above a hidden item for the one who still sees it: "Hidden by the moderators: other members cannot see this post." */
export function ModerationNotice({ what, who = "other members cannot see" }: { what: string; who?: string }) {
  return <p className="flash flash--error moderation-notice">{`${MODERATED_PLACEHOLDER.hidden.replace(/\.$/, "")}: ${who} this ${what}.`}</p>;
}
