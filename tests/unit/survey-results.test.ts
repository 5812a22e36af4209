// Survey aggregation on known answer sets (issue #8), and the CSV read back by a real CSV parser.
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { aggregateQuestion, aggregateSurvey, buildSurveyCsv, npsScore } from "~/models/survey-results.server";
import type { Question } from "~/models/survey.server";

const q = (
  id: number,
  type: Question["type"],
  config: Question["config"] = {},
  extra: Partial<Question> = {}
): Question => ({
  id,
  position: id,
  type,
  prompt: `Question ${id}`,
  help: "",
  required: false,
  perInstructor: false,
  config,
  ...extra,
});

describe("survey aggregation", () => {
  it("rating: counts, percentages, mean and median on a known set", () => {
    const r = aggregateQuestion(q(1, "rating", { lowLabel: "Poor", highLabel: "Excellent" }), [
      5,
      4,
      4,
      3,
      5,
      undefined,
      1,
    ]);
    expect(r.kind).toBe("scale");
    if (r.kind !== "scale") return;
    expect(r.n).toBe(6);
    expect(r.mean).toBe(3.67); // 22 / 6
    expect(r.median).toBe(4);
    expect(r.bars.map((b) => b.count)).toEqual([1, 0, 1, 2, 2]);
    expect(r.bars.map((b) => b.percent)).toEqual([16.7, 0, 16.7, 33.3, 33.3]);
    expect(r.bars[0]!.label).toBe("1 Poor");
    expect(r.bars[4]!.label).toBe("5 Excellent");
  });

  it("NPS: promoters minus detractors as whole percentage points", () => {
    // 10 answers: promoters 9,10,10,9 (4) · passives 7,8 (2) · detractors 0,6,5,3 (4) → 40% − 40% = 0
    expect(npsScore([9, 10, 10, 9, 7, 8, 0, 6, 5, 3])).toEqual({ score: 0, promoters: 4, passives: 2, detractors: 4 });
    // 7 answers: 5 promoters, 1 passive, 1 detractor → (5 − 1) / 7 = 57.14 → 57
    expect(npsScore([10, 10, 9, 9, 9, 8, 2]).score).toBe(57);
    // All detractors → −100; nobody → no score.
    expect(npsScore([0, 1, 6]).score).toBe(-100);
    expect(npsScore([]).score).toBeNull();
    const r = aggregateQuestion(q(2, "nps"), [10, 9, 8, 6, 10]);
    if (r.kind !== "nps") throw new Error("expected nps");
    expect(r.score).toBe(40); // (3 − 1) / 5
    expect(r.bars).toHaveLength(11);
    expect(r.bars[10]!.count).toBe(2);
    expect(r.mean).toBe(8.6);
  });

  it("matrix: per-statement means, top-two box and a pooled overall mean", () => {
    const m = q(3, "matrix", {
      lowLabel: "Disagree",
      highLabel: "Agree",
      statements: ["Objectives met", "Relevant", "Materials"],
    });
    const r = aggregateQuestion(m, [
      [5, 4, 2],
      [4, 4, null],
      [3, 5, 1],
      [5, 3, 4],
    ]);
    if (r.kind !== "matrix") throw new Error("expected matrix");
    expect(r.n).toBe(4);
    expect(r.statements.map((s) => s.mean)).toEqual([4.25, 4, 2.33]);
    expect(r.statements.map((s) => s.n)).toEqual([4, 4, 3]);
    expect(r.statements.map((s) => s.topTwoPercent)).toEqual([75, 75, 33.3]);
    expect(r.statements[2]!.bars.map((b) => b.count)).toEqual([1, 1, 0, 1, 0]);
    // Pooled: (5+4+2 + 4+4 + 3+5+1 + 5+3+4) / 11 = 40 / 11 = 3.636…
    expect(r.overallMean).toBe(3.64);
  });

  it("single and multiple choice with other, number and text", () => {
    const single = aggregateQuestion(q(4, "single", { choices: ["A", "B", "C"] }), ["A", "B", "A", undefined]);
    if (single.kind !== "choice") throw new Error();
    expect(single.bars).toEqual([
      { label: "A", count: 2, percent: 66.7 },
      { label: "B", count: 1, percent: 33.3 },
      { label: "C", count: 0, percent: 0 },
    ]);
    const multi = aggregateQuestion(q(5, "multiple", { choices: ["X", "Y"], allowOther: true }), [
      { choices: ["X", "Y"], other: "" },
      { choices: ["X"], other: "Zeta" },
      { choices: [], other: "Alpha" },
    ]);
    if (multi.kind !== "choice") throw new Error();
    expect(multi.n).toBe(3);
    expect(multi.bars.map((b) => [b.label, b.count, b.percent])).toEqual([
      ["X", 2, 66.7],
      ["Y", 1, 33.3],
      ["Other", 2, 66.7],
    ]);
    expect(multi.other).toEqual(["Alpha", "Zeta"]);
    const num = aggregateQuestion(q(6, "number"), [10, 2, 7, 30]);
    expect(num).toEqual({ kind: "number", n: 4, mean: 12.25, median: 8.5, min: 2, max: 30 });
    const text = aggregateQuestion(q(7, "long"), ["zebra", "apple", undefined]);
    expect(text).toEqual({ kind: "text", n: 2, answers: ["apple", "zebra"] });
  });

  it("per-instructor questions are aggregated per speaker and can be filtered to one", () => {
    const questions = [
      q(1, "rating", { lowLabel: "Poor", highLabel: "Excellent" }),
      q(2, "rating", { lowLabel: "Poor", highLabel: "Excellent" }, { perInstructor: true }),
    ];
    const instructors = [
      { id: 7, name: "Dana" },
      { id: 9, name: "Rafael" },
    ];
    const responses = [
      { "1": 5, "2:7": 5, "2:9": 3 },
      { "1": 4, "2:7": 4, "2:9": 2 },
    ];
    const all = aggregateSurvey(questions, instructors, responses);
    expect(all.map((r) => [r.key, r.result.kind === "scale" ? r.result.mean : null])).toEqual([
      ["1", 4.5],
      ["2:7", 4.5],
      ["2:9", 2.5],
    ]);
    const rafael = aggregateSurvey(questions, instructors, responses, { instructorId: 9 });
    expect(rafael.map((r) => r.key)).toEqual(["1", "2:9"]);
  });
});

describe("survey CSV", () => {
  it("one row per response, one column per question, BOM, RFC 4180 quoting, read back by csv-parse", () => {
    const questions = [
      q(1, "rating", { lowLabel: "Poor", highLabel: "Excellent" }),
      q(2, "matrix", { lowLabel: "D", highLabel: "A", statements: ["Clear", "Useful"] }),
      q(3, "multiple", { choices: ["Ethics", "Tech, AI"], allowOther: true }),
      q(4, "long", {}, { prompt: 'What should "we" change?' }),
      q(5, "rating", { lowLabel: "Poor", highLabel: "Excellent" }, { perInstructor: true, prompt: "Speaker" }),
    ];
    const instructors = [{ id: 7, name: "Dana Whitmore" }];
    const tricky = 'Line one, with comma\nLine "two" — naïve café';
    const csv = buildSurveyCsv({
      survey: { anonymous: true },
      questions,
      instructors,
      responses: [
        {
          userId: null,
          answers: {
            "1": 5,
            "2": [4, 5],
            "3": { choices: ["Tech, AI"], other: '=HYPERLINK("x")' },
            "4": tricky,
            "5:7": 4,
          },
        },
        { userId: null, answers: { "1": 3, "2": [2, null], "3": { choices: ["Ethics", "Tech, AI"], other: "" } } },
      ],
    });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain("\r\n");
    const rows = parse(csv, { bom: true, relax_column_count: false }) as string[][];
    expect(rows[0]).toEqual([
      "Response",
      "Question 1",
      "Question 2: Clear",
      "Question 2: Useful",
      "Question 3",
      "Question 3: other",
      'What should "we" change?',
      "Speaker (Dana Whitmore)",
    ]);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toEqual(["1", "5", "4", "5", "Tech, AI", `'=HYPERLINK("x")`, tricky, "4"]);
    expect(rows[2]).toEqual(["2", "3", "2", "", "Ethics; Tech, AI", "", "", ""]);
  });

  it("named surveys carry a name column; anonymous ones never do", () => {
    const csv = buildSurveyCsv({
      survey: { anonymous: true },
      questions: [q(1, "nps")],
      instructors: [],
      responses: [{ userId: null, answers: { "1": 9 } }],
    });
    expect((parse(csv, { bom: true }) as string[][])[0]).toEqual(["Response", "Question 1"]);
  });
});
