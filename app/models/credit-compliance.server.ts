// Issue #17: what each jurisdiction requires per compliance period (editable data), the periods members tell us
// about, and how far each period is: institute and self-reported credits dated inside it, in total and per category
// with a minimum.
import { eq } from "drizzle-orm";
import { creditCompliancePeriods, creditRequirementMinimums, creditRequirements } from "../../db/schema";
import { audit } from "./audit.server";
import type { PeriodProgress } from "~/utils/credits";
import { db, writeTransaction } from "./db.server";

export interface Requirement {
  jurisdictionId: number;
  totalHundredths: number;
  periodMonths: number;
  note: string;
  /** Minimum per category id, in hundredths. */
  minimums: Record<number, number>;
}

export function listRequirements(): Map<number, Requirement> {
  const out = new Map<number, Requirement>();
  for (const r of db().select().from(creditRequirements).all()) out.set(r.jurisdictionId, { ...r, minimums: {} });
  const mins = db().$client
    .prepare("select m.category_id as categoryId, m.hundredths, c.jurisdiction_id as j from credit_requirement_minimums m join credit_categories c on c.id = m.category_id")
    .all() as { categoryId: number; hundredths: number; j: number }[];
  for (const m of mins) {
    const r = out.get(m.j);
    if (r) r.minimums[m.categoryId] = m.hundredths;
  }
  return out;
}

/** Staff set a jurisdiction's requirement; a total of zero removes it. Minimums of zero are dropped. */
export function saveRequirement(input: Omit<Requirement, "minimums"> & { minimums: { categoryId: number; hundredths: number }[]; actorId: number }) {
  writeTransaction((tx) => {
    const cats = tx.$client.prepare("select id from credit_categories where jurisdiction_id = ?").all(input.jurisdictionId) as { id: number }[];
    for (const c of cats) tx.delete(creditRequirementMinimums).where(eq(creditRequirementMinimums.categoryId, c.id)).run();
    tx.delete(creditRequirements).where(eq(creditRequirements.jurisdictionId, input.jurisdictionId)).run();
    if (input.totalHundredths > 0) {
      const { jurisdictionId, totalHundredths, periodMonths, note } = input;
      tx.insert(creditRequirements).values({ jurisdictionId, totalHundredths, periodMonths, note }).run();
      const own = new Set(cats.map((c) => c.id));
      for (const m of input.minimums) if (own.has(m.categoryId) && m.hundredths > 0) tx.insert(creditRequirementMinimums).values(m).run();
    }
    audit(tx, { actorId: input.actorId, action: "credits.configured", subject: `requirement ${input.jurisdictionId}`, details: input });
  });
}

/** The last day of a period that starts on `startsOn` and lasts `months` (YYYY-MM-DD, the end day included). */
export function periodEnd(startsOn: string, months: number): string {
  const [y, m, d] = startsOn.split("-").map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y, m - 1 + months, d) - 86_400_000);
  return end.toISOString().slice(0, 10);
}

export type Period = typeof creditCompliancePeriods.$inferSelect;

export function compliancePeriodsOf(userId: number): (Period & { jurisdiction: string })[] {
  return db().$client
    .prepare(
      `select p.id, p.user_id as userId, p.jurisdiction_id as jurisdictionId, p.starts_on as startsOn, p.ends_on as endsOn,
              j.name as jurisdiction
         from credit_compliance_periods p join credit_jurisdictions j on j.id = p.jurisdiction_id
        where p.user_id = ? order by j.position, p.starts_on desc`,
    )
    .all(userId) as (Period & { jurisdiction: string })[];
}

/** A member tells us a compliance period: its start, and its end or (by default) the jurisdiction's cycle. */
export function addCompliancePeriod(input: {
  userId: number;
  jurisdictionId: number;
  startsOn: string;
  endsOn?: string;
}): { ok: true } | { ok: false; field: "jurisdictionId" | "startsOn" | "endsOn"; error: string } {
  const j = db().$client.prepare("select id, name from credit_jurisdictions where id = ?").get(input.jurisdictionId) as { id: number; name: string } | undefined;
  if (!j) return { ok: false, field: "jurisdictionId", error: "Choose a jurisdiction." };
  const req = listRequirements().get(j.id);
  const endsOn = input.endsOn || (req ? periodEnd(input.startsOn, req.periodMonths) : "");
  if (!endsOn) return { ok: false, field: "endsOn", error: `We do not know ${j.name}'s cycle: enter the day your period ends.` };
  if (endsOn < input.startsOn) return { ok: false, field: "endsOn", error: "The period must end after it starts." };
  return writeTransaction((tx) => {
    const r = tx.insert(creditCompliancePeriods).values({ userId: input.userId, jurisdictionId: j.id, startsOn: input.startsOn, endsOn }).onConflictDoNothing().run();
    if (r.changes === 0) return { ok: false as const, field: "startsOn" as const, error: `You already have a ${j.name} period starting on that day.` };
    return { ok: true as const };
  });
}

export function removeCompliancePeriod(input: { userId: number; id: number }): boolean {
  return (
    db().$client.prepare("delete from credit_compliance_periods where id = ? and user_id = ?").run(input.id, input.userId).changes > 0
  );
}

export interface CreditFact {
  date: string;
  jurisdictionId: number;
  categoryId: number;
  category: string;
  credits: number;
}

/** How far each of the member's periods is, from the credit lines of their ledger (institute and self-reported). */
export function complianceProgress(userId: number, facts: CreditFact[]): PeriodProgress[] {
  const reqs = listRequirements();
  const names = new Map(
    (db().$client.prepare("select id, name from credit_categories").all() as { id: number; name: string }[]).map((c) => [c.id, c.name]),
  );
  return compliancePeriodsOf(userId).map((p) => {
    const inside = facts.filter((f) => f.jurisdictionId === p.jurisdictionId && f.date >= p.startsOn && f.date <= p.endsOn);
    const earned = inside.reduce((n, f) => n + f.credits, 0);
    const req = reqs.get(p.jurisdictionId);
    const categories = Object.entries(req?.minimums ?? {}).map(([id, required]) => ({
      category: names.get(Number(id)) ?? "",
      required,
      earned: inside.filter((f) => f.categoryId === Number(id)).reduce((n, f) => n + f.credits, 0),
    }));
    const complete = Boolean(req) && earned >= req!.totalHundredths && categories.every((c) => c.earned >= c.required);
    return { id: p.id, jurisdiction: p.jurisdiction, startsOn: p.startsOn, endsOn: p.endsOn, note: req?.note ?? "", required: req?.totalHundredths ?? null, earned, categories, complete };
  });
}
