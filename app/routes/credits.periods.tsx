// Issue #17: a member tells us their jurisdictions' compliance periods (start, and end or the jurisdiction's cycle);
// the ledger then shows how far each is from its requirement.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/guards.server";
import { Field } from "~/components/form";
import { addCompliancePeriod, compliancePeriodsOf, listRequirements, removeCompliancePeriod } from "~/models/credit-compliance.server";
import { listJurisdictions } from "~/models/credit-config.server";
import { formatCredits } from "~/utils/credits";
import { formatDate } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";

export const meta: MetaFunction = () => [{ title: "Compliance periods · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const reqs = listRequirements();
  return {
    periods: compliancePeriodsOf(user.id),
    jurisdictions: listJurisdictions().map((j) => {
      const r = reqs.get(j.id);
      const mins = j.categories.filter((c) => r?.minimums[c.id]).map((c) => `${formatCredits(r!.minimums[c.id]!)} ${c.name}`);
      const rule = r ? `${formatCredits(r.totalHundredths)} credits every ${r.periodMonths} months${mins.length ? `, including ${mins.join(", ")}` : ""}` : "";
      return { id: j.id, name: j.name, rule };
    }),
  };
}

const AddSchema = z.object({
  intent: z.literal("add"),
  jurisdictionId: z.coerce.number({ error: "Choose a jurisdiction." }).int().positive("Choose a jurisdiction."),
  startsOn: z.iso.date({ error: "Enter the day your period starts." }),
  endsOn: z.union([z.iso.date({ error: "Enter a date, or leave it empty." }), z.literal("")]).optional().default(""),
});
const RemoveSchema = z.object({ intent: z.literal("remove"), id: z.coerce.number().int().positive() });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  if (formData.get("intent") === "remove") {
    const submission = parseWithZod(formData, { schema: RemoveSchema });
    if (submission.status !== "success" || !removeCompliancePeriod({ userId: user.id, id: submission.value.id })) throw new Response("Not Found", { status: 404 });
    return redirectWithFlash("/credits/periods", { kind: "success", message: "The period is removed." });
  }
  const submission = parseWithZod(formData, { schema: AddSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const r = addCompliancePeriod({ userId: user.id, ...submission.value });
  if (!r.ok) return data({ result: submission.reply({ fieldErrors: { [r.field]: [r.error] } }) }, { status: 400 });
  return redirectWithFlash("/credits", { kind: "success", message: "The compliance period is saved." });
}

export default function CompliancePeriods() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const errors = (a?.result.error ?? {}) as Record<string, string[] | null>;
  const values = (a?.result.initialValue ?? {}) as Record<string, string | undefined>;
  const err = (k: string) => errors[k]?.[0];
  return (
    <div className="narrow-wide stack">
      <p>
        <Link to="/credits">← My CLE credits</Link>
      </p>
      <h1>Compliance periods</h1>
      {d.periods.length ? (
        <ul className="plain-list stack">
          {d.periods.map((p) => (
            <li key={p.id} className="card inline-form">
              <span>
                <strong>{p.jurisdiction}</strong>: {formatDate(p.startsOn)} – {formatDate(p.endsOn)}
              </span>{" "}
              <Form method="post">
                <input type="hidden" name="intent" value="remove" />
                <input type="hidden" name="id" value={p.id} />
                <button type="submit" className="button--small button--secondary" aria-label={`Remove the ${p.jurisdiction} period starting ${formatDate(p.startsOn)}`}>
                  Remove
                </button>
              </Form>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No periods yet.</p>
      )}
      <Form method="post" noValidate className="card stack">
        <h2>Add a period</h2>
        <input type="hidden" name="intent" value="add" />
        <div className={`field${err("jurisdictionId") ? " field--invalid" : ""}`}>
          <label htmlFor="jurisdictionId">Jurisdiction</label>
          <select id="jurisdictionId" name="jurisdictionId" defaultValue={values.jurisdictionId ?? ""} aria-invalid={err("jurisdictionId") ? true : undefined} aria-describedby="jurisdictionId-rules">
            <option value="">Choose…</option>
            {d.jurisdictions.map((j) => (
              <option key={j.id} value={j.id}>
                {j.name}
              </option>
            ))}
          </select>
          {err("jurisdictionId") ? <p className="field__error">{err("jurisdictionId")}</p> : null}
          <ul className="field__hint" id="jurisdictionId-rules">
            {d.jurisdictions.filter((j) => j.rule).map((j) => (
              <li key={j.id}>
                {j.name}: {j.rule}
              </li>
            ))}
          </ul>
        </div>
        <Field label="Period starts on" name="startsOn" type="date" required defaultValue={values.startsOn ?? ""} error={err("startsOn")} />
        <Field
          label="Period ends on"
          name="endsOn"
          type="date"
          hint="Leave empty to use the jurisdiction's cycle from the start day."
          defaultValue={values.endsOn ?? ""}
          error={err("endsOn")}
        />
        <div className="actions">
          <button type="submit">Save period</button>
        </div>
      </Form>
    </div>
  );
}
