// GET /feeds/<secret>/blog.atom — a seminar blog for feed readers (who cannot sign in); see services/atom-feeds.server.ts.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { blogFeed } from "~/services/atom-feeds.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  return blogFeed(params.token ?? "", request.url);
}
