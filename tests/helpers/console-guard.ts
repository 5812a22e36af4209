// A test that makes the code under test log with console.error fails, unless the test said it expects that line:
// an error log nobody looks at is how real failures hide in a green run (issue 12).
import { format } from "node:util";
import { afterAll, afterEach } from "vitest";

const expected: RegExp[] = [];
let unexpected: string[] = [];
const original = console.error.bind(console);

console.error = (...args: unknown[]) => {
  const text = format(...args);
  const i = expected.findIndex((p) => p.test(text));
  if (i >= 0) return;
  unexpected.push(text);
  original(...args);
};

/** Declares that the current test expects a console.error line matching pattern (each call allows any number). */
export function expectConsoleError(pattern: RegExp): void {
  expected.push(pattern);
}

function check(where: string) {
  const lines = unexpected;
  unexpected = [];
  if (lines.length) {
    throw new Error(`Unexpected console.error ${where}:\n${lines.map((l) => `  ${l.split("\n")[0]}`).join("\n")}`);
  }
}

afterEach(() => {
  expected.length = 0;
  check("during this test");
});
afterAll(() => check("outside any test (in a hook or at import)"));
