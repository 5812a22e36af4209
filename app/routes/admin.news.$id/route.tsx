// Admins edit one news source (issue #7): address, name, tags, keyword filters and approval, with its status.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { requireAdmin } from "~/auth/guards.server";
import { FormError } from "~/components/form";
import { SourceFields, SourceStatus, sourceValues } from "~/components/news";
import { getSource, SourceInputSchema, sourceTags, updateSource } from "~/models/news.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { errorsOf, replyWith, valuesOf } from "~/utils/forms";
import { IdSchema, sourceStatus } from "../news._index/news-helpers.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.source.name ?? "News source"} · Administration · Colloquy` },
];

function load(idParam: string | undefined) {
  const id = IdSchema.safeParse(idParam);
  const s = id.success ? getSource({ id: id.data }) : null;
  if (!s || s.scope === "seminar") throw new Response("Not Found", { status: 404 });
  return s;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const s = load(params.id);
  return {
    source: {
      id: s.id,
      name: s.name,
      url: s.url,
      scope: s.scope,
      tags: sourceTags(s).join(", "),
      includeKeywords: s.includeKeywords,
      excludeKeywords: s.excludeKeywords,
      requiresApproval: s.requiresApproval,
      status: sourceStatus(s),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireAdmin(request);
  const s = load(params.id);
  const submission = parseWithZod(await request.formData(), { schema: SourceInputSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const r = updateSource(s.id, submission.value);
  if (!r.ok) return data({ result: submission.reply(replyWith(r.errors)) }, { status: 400 });
  return redirectWithFlash("/admin/news", { kind: "success", message: `${submission.value.name || s.name} was saved.` });
}

export default function EditNewsSource() {
  const { source } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>()?.result;
  const busy = useNavigation().state === "submitting";
  const errors = errorsOf(result);
  const values = result ? sourceValues(valuesOf(result)) : source;
  return (
    <div className="stack narrow-wide">
      <p>
        <Link to="/admin/news">← All news sources</Link>
      </p>
      <h1>{source.name}</h1>
      {source.scope === "member-blog" ? <p className="muted">A member's own blog.</p> : null}
      <SourceStatus status={source.status} />
      <Form method="post" noValidate className="card">
        <FormError message={errors.form} />
        <SourceFields values={values} errors={errors} />
        <button type="submit" disabled={busy}>
          Save changes
        </button>
      </Form>
    </div>
  );
}
