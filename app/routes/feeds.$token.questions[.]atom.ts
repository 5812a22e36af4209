// GET /feeds/<secret>/questions.atom — a seminar's questions for feed readers (who cannot sign in); see services/atom-feeds.server.ts.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { questionsFeed } from "~/services/atom-feeds.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  return questionsFeed(params.token ?? "", request.url);
}
