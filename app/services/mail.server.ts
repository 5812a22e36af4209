// Email templates (content/email/). The outbox itself (queueing, delivery, the admin's view) is services/outbox.server.ts;
// its queueing and delivery functions are re-exported here because features import them from this path.
import fs from "node:fs";
import path from "node:path";
import { env } from "~/utils/env.server";
import { escapeHtml } from "~/utils/text-formats";
import { headerSafe } from "./outbox.server";

export { escapeHtml };

export {
  SINGLE_ADDRESS,
  closeMailTransport,
  createSmtpTransport,
  deliverDueMail,
  enqueueMail,
  headerSafe,
  mailDeliveryTick,
  retryDelayMs,
  type DeliveryResult,
  type OutgoingMail,
} from "./outbox.server";

// ---------------------------------------------------------------------------------------------------------------
// Templates: content/email/<name>.txt (first line "Subject: …") and <name>.html (wrapped in layout.html).
// {{name}} is escaped for HTML in .html files; values are plain text everywhere.

const templateCache = new Map<string, string>();
function readTemplate(file: string): string {
  let t = templateCache.get(file);
  if (t === undefined) {
    t = fs.readFileSync(path.resolve(process.cwd(), "content/email", file), "utf8");
    if (env().NODE_ENV === "production") templateCache.set(file, t);
  }
  return t;
}


function fill(template: string, vars: Record<string, string>, html: boolean): string {
  return template
    .replace(/\{\{#(\w+)\}\}([\s\S]*?)\{\{\/\1\}\}/g, (_m, key: string, inner: string) => (vars[key] ? inner : ""))
    .replace(/\{\{(\w+)\}\}/g, (_m, key: string) => {
      const v = vars[key] ?? "";
      // Line breaks in a value (a personal message) become <br> in HTML, after escaping.
      return html ? escapeHtml(v).replace(/\r?\n/g, "<br>\n") : v;
    });
}

/** Renders a template pair into subject, text and HTML. `{{#key}}…{{/key}}` shows a block only when key is set. */
export function renderEmail(name: string, vars: Record<string, string>): { subject: string; text: string; html: string } {
  const [first, ...rest] = readTemplate(`${name}.txt`).split("\n");
  if (!first?.startsWith("Subject:")) throw new Error(`content/email/${name}.txt must start with "Subject: "`);
  const subject = headerSafe(fill(first.slice("Subject:".length), vars, false));
  const text = fill(rest.join("\n").replace(/^\n+/, ""), vars, false);
  const body = fill(readTemplate(`${name}.html`), vars, true);
  const html = readTemplate("layout.html")
    .replace("{{subject}}", () => escapeHtml(subject))
    .replace("{{body}}", () => body);
  return { subject, text, html };
}
