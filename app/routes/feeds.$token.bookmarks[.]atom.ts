// GET /feeds/<secret>/bookmarks.atom[?tag=] — bookmarks shared with the seminar; see services/library-feeds.server.ts.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { bookmarksFeed } from "~/services/library-feeds.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  return bookmarksFeed(params.token ?? "", request.url);
}
