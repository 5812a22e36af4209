// Issue #17: staff keep the CLE jurisdictions, their category names and decimal rules, and the provider named on
// certificates, and what each jurisdiction requires per compliance period (total and per-category minimums), as data.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireAdmin } from "~/auth/guards.server";
import { AdminNav } from "~/components/admin-nav";
import { listRequirements, saveRequirement } from "~/models/credit-compliance.server";
import { addCategory, getProvider, listJurisdictions, saveJurisdiction, saveProvider } from "~/models/credit-config.server";
import { formatCredits } from "~/utils/credits";
import { redirectWithFlash } from "~/utils/flash.server";

export const meta: MetaFunction = () => [{ title: "CLE jurisdictions · Administration · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const reqs = listRequirements();
  return { jurisdictions: listJurisdictions().map((j) => ({ ...j, requirement: reqs.get(j.id) ?? null })), provider: getProvider() };
}

const JurisdictionSchema = z.object({
  intent: z.literal("jurisdiction"),
  id: z.coerce.number().int().positive().optional(),
  code: z.string({ error: "Enter a short code such as NY." }).trim().toUpperCase().regex(/^[A-Z0-9-]{2,10}$/, "Two to ten letters or digits."),
  name: z.string({ error: "Enter the jurisdiction's name." }).trim().min(2).max(80),
  minutesPerCredit: z.coerce.number({ error: "Enter minutes." }).int().min(30, "At least 30 minutes.").max(120, "At most 120 minutes."),
  step: z.enum(["0.25", "0.5", "1"], { error: "Choose a step." }),
  allowsPartial: z.preprocess((v) => v === "on", z.boolean()),
});
const CategorySchema = z.object({
  intent: z.literal("category"),
  jurisdictionId: z.coerce.number().int().positive(),
  name: z.string({ error: "Enter the category's name." }).trim().min(2, "Enter the category's name.").max(80),
});
const credits = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{0,3}(\.\d{1,2})?$/, `${label}: enter a number such as 4 or 1.5.`)
    .transform((v) => Math.round(Number(v || "0") * 100));
const RequirementSchema = z.object({
  intent: z.literal("requirement"),
  jurisdictionId: z.coerce.number().int().positive(),
  total: credits("Total"),
  periodMonths: z.coerce.number({ error: "Enter the period's length in months." }).int().min(1, "At least one month.").max(60, "At most 60 months."),
  note: z.string().trim().max(200).optional().default(""),
});
const ProviderSchema = z.object({
  intent: z.literal("provider"),
  instituteName: z.string({ error: "Enter the institute's name." }).trim().min(2).max(120),
  signatoryName: z.string({ error: "Enter who signs certificates." }).trim().min(2).max(120),
  signatoryTitle: z.string().trim().max(120).default(""),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "jurisdiction") {
    const submission = parseWithZod(formData, { schema: JurisdictionSchema });
    if (submission.status !== "success") return data({ form: `j${formData.get("id") ?? "new"}`, result: submission.reply() }, { status: 400 });
    const v = submission.value;
    const r = saveJurisdiction({ ...v, stepHundredths: Math.round(Number(v.step) * 100), actorId: user.id });
    if (!r.ok) return data({ form: `j${v.id ?? "new"}`, result: submission.reply({ fieldErrors: { [r.field]: [r.error] } }) }, { status: 400 });
    return redirectWithFlash("/admin/credits", { kind: "success", message: `${v.name} is saved.` });
  }
  if (intent === "category") {
    const submission = parseWithZod(formData, { schema: CategorySchema });
    if (submission.status !== "success") return data({ form: `c${formData.get("jurisdictionId")}`, result: submission.reply() }, { status: 400 });
    const r = addCategory({ ...submission.value, actorId: user.id });
    if (!r.ok) return data({ form: `c${submission.value.jurisdictionId}`, result: submission.reply({ fieldErrors: { name: [r.error] } }) }, { status: 400 });
    return redirectWithFlash("/admin/credits", { kind: "success", message: "The category is added." });
  }
  if (intent === "requirement") {
    const submission = parseWithZod(formData, { schema: RequirementSchema });
    if (submission.status !== "success") return data({ form: `r${formData.get("jurisdictionId")}`, result: submission.reply() }, { status: 400 });
    const v = submission.value;
    const minimums: { categoryId: number; hundredths: number }[] = [];
    const fieldErrors: Record<string, string[]> = {};
    for (const [k, raw] of formData) {
      const m = /^min-(\d+)$/.exec(k);
      if (!m) continue;
      const parsed = credits("Minimum").safeParse(String(raw));
      if (!parsed.success) fieldErrors[k] = ["Enter a number such as 4 or 1.5."];
      else minimums.push({ categoryId: Number(m[1]), hundredths: parsed.data });
    }
    if (Object.keys(fieldErrors).length) return data({ form: `r${v.jurisdictionId}`, result: submission.reply({ fieldErrors }) }, { status: 400 });
    saveRequirement({ jurisdictionId: v.jurisdictionId, totalHundredths: v.total, periodMonths: v.periodMonths, note: v.note, minimums, actorId: user.id });
    return redirectWithFlash("/admin/credits", { kind: "success", message: "The requirement is saved." });
  }
  const submission = parseWithZod(formData, { schema: ProviderSchema });
  if (submission.status !== "success") return data({ form: "provider", result: submission.reply() }, { status: 400 });
  const { intent: _i, ...provider } = submission.value;
  saveProvider(provider, user.id);
  return redirectWithFlash("/admin/credits", { kind: "success", message: "The provider details are saved." });
}

type Errors = Record<string, string[] | null>;

function JurisdictionForm({ j, errors }: { j?: ReturnType<typeof useLoaderData<typeof loader>>["jurisdictions"][number]; errors: Errors }) {
  const id = j ? `j${j.id}` : "jnew";
  const err = (k: string) => errors[k]?.[0];
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="intent" value="jurisdiction" />
      {j ? <input type="hidden" name="id" value={j.id} /> : null}
      <div className="credit-grid">
        <div className={`field${err("code") ? " field--invalid" : ""}`}>
          <label htmlFor={`${id}-code`}>Code</label>
          <input id={`${id}-code`} name="code" defaultValue={j?.code} size={6} />
          {err("code") ? <p className="field__error">{err("code")}</p> : null}
        </div>
        <div className={`field${err("name") ? " field--invalid" : ""}`}>
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} name="name" defaultValue={j?.name} />
          {err("name") ? <p className="field__error">{err("name")}</p> : null}
        </div>
        <div className={`field${err("minutesPerCredit") ? " field--invalid" : ""}`}>
          <label htmlFor={`${id}-minutes`}>Minutes per credit</label>
          <input id={`${id}-minutes`} name="minutesPerCredit" inputMode="numeric" defaultValue={j?.minutesPerCredit ?? 60} size={4} />
          {err("minutesPerCredit") ? <p className="field__error">{err("minutesPerCredit")}</p> : null}
        </div>
        <div className="field">
          <label htmlFor={`${id}-step`}>Smallest step</label>
          <select id={`${id}-step`} name="step" defaultValue={j ? formatCredits(j.stepHundredths).replace(/\.0$/, "") : "0.25"}>
            <option value="0.25">0.25</option>
            <option value="0.5">0.5</option>
            <option value="1">1</option>
          </select>
        </div>
      </div>
      <label className="checkbox">
        <input type="checkbox" name="allowsPartial" defaultChecked={j?.allowsPartial ?? false} /> Partial attendance earns credit in proportion
      </label>
      <button type="submit" className="button--small">
        {j ? `Save ${j.name}` : "Add jurisdiction"}
      </button>
    </Form>
  );
}

function RequirementForm({ j, errors }: { j: ReturnType<typeof useLoaderData<typeof loader>>["jurisdictions"][number]; errors: Errors }) {
  const r = j.requirement;
  const err = (k: string) => errors[k]?.[0];
  const field = (name: string, label: string, value: string, size = 5) => (
    <div key={name} className={`field${err(name) ? " field--invalid" : ""}`}>
      <label htmlFor={`r${j.id}-${name}`}>{label}</label>
      <input id={`r${j.id}-${name}`} name={name} defaultValue={value} size={size} />
      {err(name) ? <p className="field__error">{err(name)}</p> : null}
    </div>
  );
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="intent" value="requirement" />
      <input type="hidden" name="jurisdictionId" value={j.id} />
      <div className="credit-grid">
        {field("total", `${j.code} credits per period (0 for none)`, r ? formatCredits(r.totalHundredths) : "")}
        {field("periodMonths", `${j.code} period in months`, String(r?.periodMonths ?? 24), 3)}
        {j.categories.map((c) => field(`min-${c.id}`, `${j.code} minimum ${c.name}`, r?.minimums[c.id] ? formatCredits(r.minimums[c.id]!) : ""))}
      </div>
      {field("note", "Who it applies to and the rule's source", r?.note ?? "", 40)}
      <button type="submit" className="button--small">
        Save {j.name}'s requirement
      </button>
    </Form>
  );
}

export default function AdminCredits() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const errorsFor = (form: string): Errors => (a?.form === form ? ((a.result.error ?? {}) as Errors) : {});
  return (
    <div className="stack">
      <AdminNav />
      <h1>CLE jurisdictions and certificates</h1>
      <p>
        <Link to="/admin/credits/reported">Self-reported credits</Link>: the courses members took elsewhere, with their
        certificates.
      </p>
      <section className="card stack" aria-labelledby="provider-title">
        <h2 id="provider-title">Provider named on certificates</h2>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="provider" />
          <div className="field">
            <label htmlFor="instituteName">Institute</label>
            <input id="instituteName" name="instituteName" defaultValue={d.provider.instituteName} />
          </div>
          <div className="field">
            <label htmlFor="signatoryName">Signatory</label>
            <input id="signatoryName" name="signatoryName" defaultValue={d.provider.signatoryName} />
          </div>
          <div className="field">
            <label htmlFor="signatoryTitle">Signatory's title</label>
            <input id="signatoryTitle" name="signatoryTitle" defaultValue={d.provider.signatoryTitle} />
          </div>
          <button type="submit" className="button--small">
            Save provider
          </button>
        </Form>
      </section>
      {d.jurisdictions.map((j) => (
        <section key={j.id} className="card stack" aria-labelledby={`j-${j.id}`}>
          <h2 id={`j-${j.id}`}>{j.name}</h2>
          <p className="muted">Categories: {j.categories.map((c) => c.name).join(" · ") || "none yet"}</p>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="category" />
            <input type="hidden" name="jurisdictionId" value={j.id} />
            <label htmlFor={`cat-${j.id}`}>New category</label> <input id={`cat-${j.id}`} name="name" />{" "}
            <button type="submit" className="button--small">
              Add category
            </button>
            {errorsFor(`c${j.id}`).name ? <p className="field__error">{errorsFor(`c${j.id}`).name?.[0]}</p> : null}
          </Form>
          <details>
            <summary>
              {j.requirement
                ? `Requirement: ${formatCredits(j.requirement.totalHundredths)} credits every ${j.requirement.periodMonths} months`
                : "No compliance requirement on file"}
            </summary>
            <RequirementForm j={j} errors={errorsFor(`r${j.id}`)} />
          </details>
          <details>
            <summary>Edit {j.name}'s rules</summary>
            <JurisdictionForm j={j} errors={errorsFor(`j${j.id}`)} />
          </details>
        </section>
      ))}
      <section className="card stack" aria-labelledby="new-j">
        <h2 id="new-j">Add a jurisdiction</h2>
        <JurisdictionForm errors={errorsFor("jnew")} />
      </section>
    </div>
  );
}
