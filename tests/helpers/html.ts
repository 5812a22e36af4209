/** The visible text of <main>, so pages can be compared without nonces and build hashes. */
export function mainText(html: string): string {
  const m = /<main\b[^>]*>([\s\S]*?)<\/main>/.exec(html);
  return (m?.[1] ?? "")
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<!--.*?-->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}
