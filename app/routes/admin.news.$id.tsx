// Admins edit one news source (issue #7): address, name, tags, keyword filters and approval, with its status.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireAdmin } from "~/auth/guards.server";
import { FormError } from "~/components/form";
import { SourceFields, SourceStatus } from "~/components/news";
import { fieldErrors, getSource, SourceInputSchema, sourceTags, updateSource } from "~/models/news.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { IdSchema, sourceFormValues, sourceStatus } from "./news-helpers.server";

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
  const values = sourceFormValues(await request.formData());
  const parsed = SourceInputSchema.safeParse(values);
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values }, { status: 400 });
  const r = updateSource(s.id, parsed.data);
  if (!r.ok) return data({ errors: r.errors, values }, { status: 400 });
  return redirectWithFlash("/admin/news", { kind: "success", message: `${parsed.data.name || s.name} was saved.` });
}

export default function EditNewsSource() {
  const { source } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: Partial<Record<string, string>> = result?.errors ?? {};
  const values = result?.values
    ? { ...result.values, requiresApproval: result.values.requiresApproval === "on" }
    : source;
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
