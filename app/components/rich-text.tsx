/**
 * Renders HTML that came out of app/services/markdown.server.ts (stored with each revision). This is the only
 * component allowed to use dangerouslySetInnerHTML; never pass it anything that skipped the pipeline.
 */
export function RichText({ html, className = "prose" }: { html: string; className?: string }) {
  return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
