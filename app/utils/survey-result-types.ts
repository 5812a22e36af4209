// Result shapes shared by the survey aggregation (server) and the results components (issue #8).
export interface Bar {
  label: string;
  count: number;
  /** Share of those who answered this question, 0–100 with one decimal. */
  percent: number;
}

export type QuestionResult =
  | {
      kind: "scale";
      n: number;
      mean: number | null;
      median: number | null;
      bars: Bar[];
      lowLabel: string;
      highLabel: string;
    }
  | {
      kind: "matrix";
      n: number;
      overallMean: number | null;
      lowLabel: string;
      highLabel: string;
      statements: { statement: string; n: number; mean: number | null; topTwoPercent: number | null; bars: Bar[] }[];
    }
  | {
      kind: "nps";
      n: number;
      score: number | null;
      promoters: number;
      passives: number;
      detractors: number;
      mean: number | null;
      bars: Bar[];
    }
  | { kind: "choice"; n: number; multiple: boolean; bars: Bar[]; other: string[] }
  | { kind: "number"; n: number; mean: number | null; median: number | null; min: number | null; max: number | null }
  | { kind: "text"; n: number; answers: string[] };
