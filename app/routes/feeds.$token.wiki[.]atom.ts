// GET /feeds/<secret>/wiki.atom — a seminar wiki's recent changes for feed readers; see services/atom-feeds.server.ts.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { wikiFeed } from "~/services/atom-feeds.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  return wikiFeed(params.token ?? "", request.url);
}
