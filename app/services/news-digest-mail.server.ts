// The news digest mail (issue #7): members whose news choice is daily or weekly get the new items of their
// seminars' and the network's sources once per period. "At once" is treated as daily for news: a mail per item
// would flood people. What each digest covered is recorded in the same transaction as the queued mail.
import { writeTransaction } from "~/models/db.server";
import { membersDueForDigest, saveDigestState } from "~/models/news-digest-state.server";
import { newsDigestFor } from "~/models/news-items.server";
import { mailChoice } from "~/models/preferences.server";
import { enqueueMail, escapeHtml, renderEmail } from "~/services/mail.server";
import { env } from "~/utils/env.server";

const DAY = 86400_000;

export async function runNewsDigests({ now = new Date(), limit = 200 }: { now?: Date; limit?: number } = {}) {
  let sent = 0;
  let checked = 0;
  for (;;) {
    const due = membersDueForDigest({ now, limit });
    if (!due.length) break;
    // Reads first, then one write transaction per batch (one fsync for the batch, not one per member).
    const plans = due.map((m) => {
      const choice = mailChoice({ userId: m.id, topic: "news" });
      const nextDueAt = new Date(now.getTime() + (choice === "weekly" ? 7 * DAY : DAY));
      // No record yet, or no digest wanted: start counting from now, so turning it on later never mails a backlog.
      const items = choice === "never" || !m.coveredUntil ? [] : newsDigestFor({ userId: m.id, since: m.coveredUntil });
      return { m, choice, nextDueAt, items };
    });
    writeTransaction((tx) => {
      for (const { m, choice, nextDueAt, items } of plans) {
        let mailed = false;
        if (items.length) {
          const mail = digestMail({ name: m.name, cadence: choice === "weekly" ? "weekly" : "daily", items });
          try {
            enqueueMail(tx, { to: m.email, kind: "news-digest", ...mail });
            mailed = true;
            sent++;
          } catch (e) {
            // An unusable address must not hold up everyone else's digest (enqueueMail refuses before writing).
            console.error(`[news] digest for member ${m.id} not queued:`, e instanceof Error ? e.message : e);
          }
        }
        saveDigestState(tx, { userId: m.id, coveredUntil: now, sentAt: mailed ? now : null, nextDueAt });
      }
    });
    checked += due.length;
    if (due.length < limit) break;
    // Yield between batches so a large institute never holds the event loop.
    await new Promise((r) => setImmediate(r));
  }
  return { sent, checked };
}

function digestMail({
  name,
  cadence,
  items,
}: {
  name: string;
  cadence: "daily" | "weekly";
  items: ReturnType<typeof newsDigestFor>;
}) {
  const day = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
  const text = items
    .map((i) => `* ${i.title}\n  ${i.sourceName} · ${day.format(i.publishedAt)}${i.link ? `\n  ${i.link}` : ""}\n`)
    .join("\n");
  const html = `<ul style="padding-left:18px;margin:0 0 16px;">${items
    .map(
      (i) =>
        `<li style="margin:0 0 12px;">${
          i.link ? `<a href="${escapeHtml(i.link)}" style="color:#6b2d2d;">${escapeHtml(i.title)}</a>` : escapeHtml(i.title)
        }<br><span style="font-size:14px;color:#5f6368;">${escapeHtml(i.sourceName)} · ${escapeHtml(day.format(i.publishedAt))}</span>${
          i.excerpt ? `<br><span style="font-size:14px;">${escapeHtml(i.excerpt)}</span>` : ""
        }</li>`,
    )
    .join("")}</ul>`;
  const r = renderEmail("news-digest", {
    name,
    count: String(items.length),
    itemsWord: items.length === 1 ? "item" : "items",
    period: cadence === "weekly" ? "this week" : "today",
    cadence,
    items: text,
    link: `${env().APP_URL}/news`,
  });
  return { subject: r.subject, text: r.text, html: r.html.replace("<!--news-items-->", () => html) };
}
