// Issue #17: the CLE jurisdictions, their category names and decimal rules, and the provider named on certificates:
// editable data (staff change it at /admin/credits).
import { and, asc, eq } from "drizzle-orm";
import { creditCategories, creditJurisdictions, creditProvider } from "../../db/schema";
import { audit } from "./audit.server";
import { db, writeTransaction } from "./db.server";

export type Jurisdiction = typeof creditJurisdictions.$inferSelect;
export type Category = typeof creditCategories.$inferSelect;

export function listJurisdictions(): (Jurisdiction & { categories: Category[] })[] {
  const js = db().select().from(creditJurisdictions).orderBy(asc(creditJurisdictions.position), asc(creditJurisdictions.name)).all();
  const cats = db().select().from(creditCategories).orderBy(asc(creditCategories.position), asc(creditCategories.name)).all();
  return js.map((j) => ({ ...j, categories: cats.filter((c) => c.jurisdictionId === j.id) }));
}

export function saveJurisdiction(input: {
  id?: number;
  code: string;
  name: string;
  minutesPerCredit: number;
  stepHundredths: number;
  allowsPartial: boolean;
  actorId: number;
}): { ok: true } | { ok: false; field: string; error: string } {
  return writeTransaction((tx) => {
    const clash = tx.select().from(creditJurisdictions).where(eq(creditJurisdictions.code, input.code)).get();
    if (clash && clash.id !== input.id) return { ok: false as const, field: "code", error: "Another jurisdiction has this code." };
    const values = {
      code: input.code,
      name: input.name,
      minutesPerCredit: input.minutesPerCredit,
      stepHundredths: input.stepHundredths,
      allowsPartial: input.allowsPartial,
    };
    if (input.id) tx.update(creditJurisdictions).set(values).where(eq(creditJurisdictions.id, input.id)).run();
    else {
      const max = tx.$client.prepare("select coalesce(max(position), 0) + 1 as p from credit_jurisdictions").get() as { p: number };
      tx.insert(creditJurisdictions).values({ ...values, position: max.p }).run();
    }
    audit(tx, { actorId: input.actorId, action: "credits.configured", subject: input.code, details: values });
    return { ok: true as const };
  });
}

export function addCategory(input: { jurisdictionId: number; name: string; actorId: number }): { ok: true } | { ok: false; error: string } {
  return writeTransaction((tx) => {
    const j = tx.select().from(creditJurisdictions).where(eq(creditJurisdictions.id, input.jurisdictionId)).get();
    if (!j) return { ok: false as const, error: "Choose a jurisdiction." };
    const clash = tx
      .select()
      .from(creditCategories)
      .where(and(eq(creditCategories.jurisdictionId, j.id), eq(creditCategories.name, input.name)))
      .get();
    if (clash) return { ok: false as const, error: "That category already exists." };
    const max = tx.$client.prepare("select coalesce(max(position), 0) + 1 as p from credit_categories where jurisdiction_id = ?").get(j.id) as { p: number };
    tx.insert(creditCategories).values({ jurisdictionId: j.id, name: input.name, position: max.p }).run();
    audit(tx, { actorId: input.actorId, action: "credits.configured", subject: `${j.code}: ${input.name}` });
    return { ok: true as const };
  });
}

export type Provider = typeof creditProvider.$inferSelect;

export function getProvider(): Provider {
  return (
    db().select().from(creditProvider).where(eq(creditProvider.id, 1)).get() ?? {
      id: 1,
      instituteName: "The Institute",
      signatoryName: "",
      signatoryTitle: "",
    }
  );
}

export function saveProvider(input: Omit<Provider, "id">, actorId: number) {
  writeTransaction((tx) => {
    tx.insert(creditProvider)
      .values({ id: 1, ...input })
      .onConflictDoUpdate({ target: creditProvider.id, set: input })
      .run();
    audit(tx, { actorId, action: "credits.configured", subject: "provider", details: input });
  });
}
