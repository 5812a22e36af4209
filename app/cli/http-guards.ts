// Malformed requests get a clear 4xx before they reach Remix (issue #21): an outside review found 137 of 930
// malformed requests answered with 500. Unsupported methods get 405 with Allow (RFC 9110 §15.5.6); bodies that are
// not an HTML form get 415 (§15.5.16); a multipart body without a usable boundary gets 400. Bodies that look right
// but do not parse (truncated multipart) are turned into 400 where they are read: see app/utils/form-body.server.ts.
import type express from "express";

/** Everything the app answers: pages and data (GET, HEAD) and form posts (POST). */
export const ALLOWED_METHODS = ["GET", "HEAD", "POST"] as const;
const ALLOW = [...ALLOWED_METHODS, "OPTIONS"].join(", ");

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/** RFC 2046 §5.1.1: 1 to 70 characters from a small set, optionally quoted. */
const BOUNDARY = /;\s*boundary=(?:"([0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?])"|([0-9A-Za-z'()+_,\-./:=?]{1,70}))\s*(?:;|$)/i;

function plain(res: express.Response, status: number, message: string) {
  res.status(status).type("text/plain").send(message);
}

function hasBody(req: express.Request): boolean {
  const length = req.get("content-length");
  return req.get("transfer-encoding") !== undefined || (length !== undefined && length !== "0");
}

export function rejectMalformedRequests(): express.RequestHandler {
  return (req, res, next) => {
    if (req.method === "OPTIONS") {
      res.setHeader("Allow", ALLOW);
      res.status(204).end();
      return;
    }
    if (!(ALLOWED_METHODS as readonly string[]).includes(req.method)) {
      res.setHeader("Allow", ALLOW);
      plain(res, 405, `${req.method} is not supported here. This site answers ${ALLOW}.`);
      return;
    }
    if (req.method !== "POST") return next();
    const contentType = req.get("content-type");
    if (contentType === undefined) {
      // An empty POST (a bare "Sign out" button, a client that omits the header) is an empty form.
      if (!hasBody(req)) {
        req.headers["content-type"] = "application/x-www-form-urlencoded";
        return next();
      }
      res.setHeader("Accept-Post", FORM_TYPES.join(", "));
      plain(res, 415, "Send the form as application/x-www-form-urlencoded or multipart/form-data.");
      return;
    }
    const type = contentType.split(";", 1)[0]!.trim().toLowerCase();
    if (!FORM_TYPES.includes(type)) {
      res.setHeader("Accept-Post", FORM_TYPES.join(", "));
      plain(res, 415, `This site accepts forms only (application/x-www-form-urlencoded or multipart/form-data), not ${type || "an empty type"}.`);
      return;
    }
    if (type === "multipart/form-data" && !BOUNDARY.test(contentType)) {
      plain(res, 400, "The multipart form has no valid boundary, so it cannot be read.");
      return;
    }
    next();
  };
}
