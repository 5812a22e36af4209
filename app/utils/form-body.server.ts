// A form body that cannot be parsed is the client's mistake, not ours (issue #21). Actions read their forms with
// request.formData(); a truncated or otherwise broken multipart body makes it throw a TypeError, which Remix would
// answer with 500. The HTTP layer (app/cli/http-guards.ts) refuses wrong content types before Remix; this wraps the
// one parser every action uses so the failures it cannot see in advance become a thrown 400 Response, which Remix
// renders through the error boundary like any other expected failure. Installed once by the server entry.
const installed = Symbol.for("colloquy.formDataGuard");

/** The 400 for a form body that could not be read; throw it from code that parses multipart bodies itself. */
export function unreadableForm(): Response {
  return new Response("The form could not be read (it was cut short or malformed). Please try again.", { status: 400, statusText: "Bad Request" });
}

export function installFormBodyGuard() {
  const proto = Request.prototype as Request & { [installed]?: true };
  if (proto[installed]) return;
  const original = proto.formData;
  proto.formData = async function formData(this: Request) {
    try {
      return await original.call(this);
    } catch (error) {
      if (this.signal.aborted) throw error;
      const type = (this.headers.get("content-type") ?? "").split(";", 1)[0]!.trim().toLowerCase();
      const supported = type === "application/x-www-form-urlencoded" || type === "multipart/form-data";
      throw supported
        ? unreadableForm()
        : new Response("This request must be sent as a form.", { status: 415, statusText: "Unsupported Media Type" });
    }
  } as typeof proto.formData;
  proto[installed] = true;
}
