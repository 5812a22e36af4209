import { Fragment } from "react";

const URL_PATTERN = /https?:\/\/[^\s<>"'`]+/g;

/**
 * Plain text in which links to our own site (the given origin, http or https) become clickable. Everything else,
 * including links to other sites and javascript:/data: text, stays plain text: the held mail in the development
 * outbox is written by the portal, but its text can carry what members typed (names, messages).
 */
export function LinkedText({ text, origin }: { text: string; origin: string }) {
  const parts: React.ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_PATTERN)) {
    // Sentence punctuation after a link belongs to the sentence.
    const href = m[0].replace(/[.,;:!?)\]]+$/, "");
    const start = m.index ?? 0;
    let url: URL | null = null;
    try {
      url = new URL(href);
    } catch {
      url = null;
    }
    if (!url || url.origin !== origin || (url.protocol !== "http:" && url.protocol !== "https:")) continue;
    parts.push(text.slice(last, start));
    parts.push(
      <a key={start} href={url.href}>
        {href}
      </a>,
    );
    last = start + href.length;
  }
  parts.push(text.slice(last));
  return (
    <>
      {parts.map((p, i) => (
        <Fragment key={i}>{p}</Fragment>
      ))}
    </>
  );
}
