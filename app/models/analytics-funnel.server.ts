// Issue #19: the invitation funnel for staff: personal invitations sent → opened → accepted → profile completed (the
// first-use set-up finished, profiles.onboarding_completed_at) → active in the first 30 days after accepting (any row
// in member_daily_counts), per source and per inviter. Read live from the invitations of the range (by when they were
// sent), so a shared link shows the same numbers as the table it exports.
import { dayIndex, DAY_MS } from "~/utils/analytics-dates";
import { JOIN_SOURCE_LABELS, type JoinSource } from "./analytics-rollup.server";
import { db } from "./db.server";

import { conversion, FUNNEL_STEPS, FUNNEL_STEP_LABELS, type FunnelCounts, type FunnelStep } from "~/utils/analytics";

export { conversion, FUNNEL_STEPS, FUNNEL_STEP_LABELS, type FunnelCounts, type FunnelStep };

export interface FunnelRow extends FunnelCounts {
  key: string;
  label: string;
}

const empty = (): FunnelCounts => ({ sent: 0, opened: 0, accepted: 0, profiled: 0, active: 0 });
const add = (a: FunnelCounts, b: FunnelCounts) => {
  for (const s of FUNNEL_STEPS) a[s] += b[s];
};

export function invitationFunnel({ from, to }: { from: string; to: string }): { total: FunnelRow; bySource: FunnelRow[]; byInviter: FunnelRow[] } {
  const rows = db()
    .$client.prepare(
      `SELECT i.source, i.invited_by_id, u.name, count(*),
         sum(i.opened_at IS NOT NULL OR i.accepted_at IS NOT NULL),
         sum(i.accepted_at IS NOT NULL),
         sum(i.accepted_at IS NOT NULL AND p.onboarding_completed_at IS NOT NULL),
         sum(i.accepted_at IS NOT NULL AND EXISTS (
           SELECT 1 FROM member_daily_counts m WHERE m.user_id = i.accepted_user_id
             AND m.day >= date(i.accepted_at / 1000, 'unixepoch') AND m.day <= date(i.accepted_at / 1000, 'unixepoch', '+29 days')))
       FROM invitations i
       LEFT JOIN profiles p ON p.user_id = i.accepted_user_id
       LEFT JOIN users u ON u.id = i.invited_by_id
       WHERE i.kind = 'email' AND i.created_at >= ? AND i.created_at < ?
       GROUP BY i.source, i.invited_by_id`,
    )
    .raw()
    .all(dayIndex(from) * DAY_MS, (dayIndex(to) + 1) * DAY_MS) as [JoinSource, number | null, string | null, number, number, number, number, number][];
  const total: FunnelRow = { key: "all", label: "All invitations", ...empty() };
  const sources = new Map<string, FunnelRow>();
  const inviters = new Map<string, FunnelRow>();
  for (const [source, inviterId, name, sent, opened, accepted, profiled, active] of rows) {
    const c: FunnelCounts = { sent, opened, accepted, profiled, active };
    add(total, c);
    const s = sources.get(source) ?? { key: source, label: JOIN_SOURCE_LABELS[source] ?? source, ...empty() };
    add(s, c);
    sources.set(source, s);
    const key = inviterId === null ? "none" : String(inviterId);
    const i = inviters.get(key) ?? { key, label: inviterId === null ? "Nobody (command line or a link)" : (name ?? `#${inviterId}`), ...empty() };
    add(i, c);
    inviters.set(key, i);
  }
  const bySent = (a: FunnelRow, b: FunnelRow) => b.sent - a.sent || a.label.localeCompare(b.label);
  return { total, bySource: [...sources.values()].sort(bySent), byInviter: [...inviters.values()].sort(bySent) };
}
