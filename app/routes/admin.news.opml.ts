// OPML export of the network-wide news sources (issue #7).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "~/auth/guards.server";
import { listMemberBlogs, listSources, sourceTags } from "~/models/news.server";
import { toOpml } from "~/services/opml.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const sources = listSources({ scope: "network" }).map((s) => ({ url: s.url, name: s.name, siteUrl: s.siteUrl, tags: sourceTags(s) }));
  // Everything the news pages list: the network's sources, then the members' blogs in a folder of their own.
  const blogs = listMemberBlogs().map(({ source: s }) => ({ url: s.url, name: s.name, siteUrl: s.siteUrl, tags: sourceTags(s) }));
  const day = new Date().toISOString().slice(0, 10);
  return new Response(toOpml({ title: "Colloquy news sources", sources, folders: blogs.length ? [{ name: "Member blogs", sources: blogs }] : [] }), {
    headers: {
      "Content-Type": "text/x-opml; charset=utf-8",
      "Content-Disposition": `attachment; filename="colloquy-news-sources-${day}.opml"`,
      "Cache-Control": "private, no-store",
    },
  });
}
