// GET /feeds/<secret>/library.atom[?kind=&area=&jurisdiction=] — new library documents; see services/library-feeds.server.ts.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { libraryFeed } from "~/services/library-feeds.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  return libraryFeed(params.token ?? "", request.url);
}
