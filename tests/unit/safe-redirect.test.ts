import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "~/utils/safe-redirect";

describe("safeRedirectPath (issue #21)", () => {
  it("keeps paths on this site, with their query and fragment", () => {
    expect(safeRedirectPath("/s/evidence?welcome=1#top")).toBe("/s/evidence?welcome=1#top");
    expect(safeRedirectPath("/people?q=a%2Fb")).toBe("/people?q=a%2Fb");
    expect(safeRedirectPath("/a/../b")).toBe("/b");
  });

  it("refuses everything that leaves the origin, before or after normalisation", () => {
    for (const to of [
      "/..//evil.test",
      "/../..//evil.test/x",
      "/./..//evil.test",
      "//evil.test",
      "/\\evil.test",
      "/%2F%2Fevil.test",
      "/%2f/evil.test",
      "/%5Cevil.test",
      "/..%2F/evil.test",
      "https://evil.test",
      "javascript:alert(1)",
      "evil.test",
      "/\t/evil.test",
      "/\n/evil.test",
      "",
      null,
      undefined,
      "/" + "a".repeat(5000),
    ]) {
      expect(safeRedirectPath(to as string), String(to)).toBe("/");
    }
    expect(safeRedirectPath("//evil.test", "/home")).toBe("/home");
  });
});
