/** Issue #17: credit amounts are integer hundredths (150 = 1.5); shown with one or two decimals. */
export const formatCredits = (hundredths: number) => (hundredths / 100).toFixed(2).replace(/0$/, "");

/** How far one of a member's compliance periods is (hundredths of a credit; `required` null when no rule is on file). */
export interface PeriodProgress {
  id: number;
  jurisdiction: string;
  startsOn: string;
  endsOn: string;
  note: string;
  required: number | null;
  earned: number;
  categories: { category: string; required: number; earned: number }[];
  complete: boolean;
}

/** A compliance period's progress in plain sentences (the transcript PDF prints one per line). */
export function progressSentences(p: PeriodProgress): string[] {
  const head = `${p.jurisdiction}, ${p.startsOn} to ${p.endsOn}`;
  if (p.required == null) return [`${head}: ${formatCredits(p.earned)} credits (no requirement on file)`];
  return [
    `${head}: ${formatCredits(p.earned)} of ${formatCredits(p.required)} credits${p.complete ? " (requirement met)" : ""}`,
    ...p.categories.map((c) => `    ${c.category}: ${formatCredits(c.earned)} of ${formatCredits(c.required)} required`),
  ];
}
