// Issue #20: import a Netscape bookmark file (what every browser exports). At most 2 MB; a file with scripts is
// refused whole; only http(s) links are saved; a link already saved is updated rather than doubled.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/guards.server";
import { importBookmarks, MAX_IMPORT_BYTES, parseNetscape } from "~/models/bookmarks-netscape.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { unreadableForm } from "~/utils/form-body.server";

export const meta: MetaFunction = () => [{ title: "Import bookmarks · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

const ImportSchema = z.object({
  file: z.instanceof(File, { error: "Choose a bookmark file to import." }).refine((f) => f.size > 0, "Choose a bookmark file to import."),
  visibility: z.enum(["private", "network"], { error: "Choose who may see them." }),
});

const TOO_LARGE = "The file is larger than 2 MB, the most we import at once.";

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_BYTES }));
  } catch (e) {
    if (e instanceof MaxPartSizeExceededError) return data({ result: null, fileError: TOO_LARGE }, { status: 413 });
    throw unreadableForm();
  }
  const submission = parseWithZod(form, { schema: ImportSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), fileError: null }, { status: 400 });
  const parsed = parseNetscape(await submission.value.file.text());
  if (!parsed.ok) return data({ result: submission.reply({ fieldErrors: { file: [parsed.error] } }), fileError: null }, { status: 400 });
  const r = importBookmarks({ viewer: user, links: parsed.links, visibility: submission.value.visibility });
  const skipped = parsed.skipped ? ` ${parsed.skipped} entr${parsed.skipped === 1 ? "y was" : "ies were"} skipped (only http and https links are saved).` : "";
  return redirectWithFlash("/bookmarks?mine=1", {
    kind: "success",
    message: `Imported ${r.added} new bookmark${r.added === 1 ? "" : "s"} and updated ${r.updated}.${skipped}`,
  });
}

export default function ImportBookmarks() {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = (actionData?.result?.error ?? {}) as Record<string, string[] | null>;
  const fileError = actionData?.fileError ?? errors.file?.[0];
  return (
    <div className="narrow-wide stack">
      <p>
        <Link to="/bookmarks">← Bookmarks</Link>
      </p>
      <h1>Import bookmarks</h1>
      <p>Export your bookmarks from your browser as an HTML file (the Netscape bookmark format every browser uses) and choose it here. Folder names become tags.</p>
      <Form method="post" encType="multipart/form-data" noValidate className="card">
        <div className={`field${fileError ? " field--invalid" : ""}`}>
          <label htmlFor="f-file">Bookmark file</label>
          <input id="f-file" type="file" name="file" accept=".html,.htm,text/html" aria-invalid={fileError ? true : undefined} aria-describedby={fileError ? "f-file-error" : undefined} />
          {fileError ? (
            <p className="field__error" id="f-file-error">
              {fileError}
            </p>
          ) : null}
        </div>
        <fieldset className="field">
          <legend>Who may see them</legend>
          <label className="choice">
            <input type="radio" name="visibility" value="private" defaultChecked /> Only me
          </label>
          <label className="choice">
            <input type="radio" name="visibility" value="network" /> Everyone in the network
          </label>
        </fieldset>
        <div className="actions">
          <button type="submit" disabled={busy}>
            Import
          </button>
        </div>
      </Form>
    </div>
  );
}
