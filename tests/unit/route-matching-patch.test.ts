// Issue 23: the patched route matcher (patches/@remix-run+router+1.23.3.patch, which caches flattened branches and
// compiled patterns) answers exactly as the unpatched one for every route of this app, 404s, and case, encoding and
// slash variants. The unpatched matcher is the installed file with the patch reversed, so the comparison is with the
// very code the patch changed.
import { applyPatch, parsePatch, reversePatch } from "diff";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const root = path.resolve(__dirname, "../..");

type Router = typeof import("@remix-run/router");
interface RouteNode {
  id: string;
  path?: string;
  index?: boolean;
  caseSensitive?: boolean;
  children?: RouteNode[];
}

function loadRouters(): { patched: Router; unpatched: Router; patchedSource: string } {
  const file = require.resolve("@remix-run/router");
  const patchedSource = fs.readFileSync(file, "utf8");
  const [patch] = parsePatch(fs.readFileSync(path.join(root, "patches/@remix-run+router+1.23.3.patch"), "utf8"));
  const original = applyPatch(patchedSource, reversePatch(patch!));
  if (original === false) throw new Error("the installed router does not carry the patch (run npm install)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "router-unpatched-"));
  fs.writeFileSync(path.join(dir, "router.cjs"), original);
  return { patched: require(file) as Router, unpatched: require(path.join(dir, "router.cjs")) as Router, patchedSource };
}

/** The app's route tree, as the Remix compiler reads it from app/routes (flat routes) under root.tsx. */
function appRoutes(): RouteNode[] {
  const { flatRoutes } = require("@remix-run/dev/dist/config/flat-routes.js") as {
    flatRoutes: (appDir: string, ignored: string[]) => Record<string, { id: string; parentId?: string; path?: string; index?: boolean; caseSensitive?: boolean }>;
  };
  const manifest = flatRoutes(path.join(root, "app"), ["**/.*", "**/*.server.ts", "**/*.test.ts", "**/*.css"]);
  const byParent = new Map<string, RouteNode[]>();
  for (const r of Object.values(manifest)) {
    const parent = r.parentId ?? "root";
    const node: RouteNode = { id: r.id, path: r.path, index: r.index, caseSensitive: r.caseSensitive };
    byParent.set(parent, [...(byParent.get(parent) ?? []), node]);
  }
  const attach = (node: RouteNode): RouteNode => {
    const children = byParent.get(node.id);
    if (children?.length) node.children = children.map(attach);
    return node;
  };
  return [attach({ id: "root", path: "" })];
}

function allPaths(routes: RouteNode[], parent = ""): string[] {
  return routes.flatMap((r) => {
    const here = r.path ? `${parent}/${r.path}`.replace(/\/+/g, "/") : parent;
    return [...(r.path || r.index ? [here || "/"] : []), ...allPaths(r.children ?? [], here)];
  });
}

/** Concrete URLs for a route path: sample values for params and splats, then case, encoding and slash variants. */
function urlsFor(routePath: string): string[] {
  const fill = (value: string, splat: string) =>
    routePath.replace(/:[\w-]+\??/g, value).replace(/\*$/, splat) || "/";
  const base = [fill("Ada%20Lovelace", "a/b"), fill("%E2%9C%93", "deep/er/path.txt"), fill("a%2Fb", "")];
  return base.flatMap((u) => [u, `${u}/`, u.toUpperCase(), `${u}//`, `${u}.data`, `${u}/nope`, u.replace(/\//g, "//")]);
}

const noise = ["/", "", "/nope", "/s", "/s/", "/s/x/y/z/w/v", "/%", "/%zz", "/ü", "/%C3%BC", "/a//b", "/..", "/./s", "/healthz", "/HEALTHZ"];

function describeMatch(r: Router, routes: RouteNode[], url: string) {
  let matches;
  try {
    matches = r.matchRoutes(routes as never, url);
  } catch (error) {
    return { threw: String(error) };
  }
  return matches?.map((m) => ({ id: (m.route as RouteNode).id, params: { ...m.params }, pathname: m.pathname, base: m.pathnameBase }));
}

describe("route matching patch (issue 23)", () => {
  const { patched, unpatched, patchedSource } = loadRouters();
  const routes = appRoutes();
  const paths = allPaths(routes);
  const urls = [...new Set([...paths.flatMap(urlsFor), ...noise])];

  it("is installed, and the app has the routes this test walks", () => {
    expect(patchedSource).toContain("flattenedBranchesCache");
    expect(paths.length).toBeGreaterThan(50);
    expect(paths).toContain("/s/:slug");
    // Flat-routes folders (name/route.tsx) are read as well as flat files.
    expect(paths).toContain("/s/:slug/wiki/:page/edit");
  });

  it("matches every route of the app, 404s and variants exactly as the unpatched matcher, on first and repeat calls", () => {
    // The unpatched matcher is slow (that is the point), so it answers once; the patched one twice (cold, then cached).
    const expected = urls.map((url) => describeMatch(unpatched, routes, url));
    for (let round = 0; round < 2; round++) {
      urls.forEach((url, i) => expect(describeMatch(patched, routes, url), url).toEqual(expected[i]));
    }
    expect(urls.length).toBeGreaterThan(1000);
    // Every route path is reachable through the patched matcher (a matcher that always said "no match" would agree
    // with itself on 404s, but not here).
    const leafIds = new Set(urls.map((u) => describeMatch(patched, routes, u)).flatMap((m) => (Array.isArray(m) ? [m.at(-1)!.id] : [])));
    expect(leafIds.size).toBeGreaterThan(paths.length * 0.8);
  });

  it("answers matchPath like the unpatched one, including patterns that differ only in case sensitivity or end", () => {
    for (const pathPattern of [...paths.slice(0, 40), "/a/*", "*", "/:x?/b"]) {
      for (const caseSensitive of [true, false]) {
        for (const end of [true, false]) {
          for (const url of urlsFor(pathPattern).slice(0, 7)) {
            const pattern = { path: pathPattern, caseSensitive, end };
            expect(patched.matchPath(pattern, url), `${pathPattern} ${url}`).toEqual(unpatched.matchPath(pattern, url));
          }
        }
      }
    }
  });

  it("keeps a route tree changed in place (lazy route discovery) matching its new routes", () => {
    const history = patched.createMemoryHistory({ initialEntries: ["/"] });
    const router = patched.createRouter({
      routes: [{ id: "root", path: "/", children: [{ id: "home", index: true }] }],
      history,
    });
    expect(patched.matchRoutes(router.routes, "/later")).toBeNull();
    router.patchRoutes("root", [{ id: "later", path: "later" }]);
    expect(patched.matchRoutes(router.routes, "/later")?.at(-1)?.route.id).toBe("later");
    router.dispose();
  });
});
