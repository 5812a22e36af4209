// A `.server` module is empty in the browser build, so a route whose browser-side code (module-level statements such
// as a form schema, the component, meta, links, handle, ErrorBoundary and the helpers they call) uses a value imported
// from one gets `undefined`: the page throws or loses its limits after client-side navigation. This happened to six
// pages; this test reads every route module and names any that does it. (loader, action and headers are removed from
// the browser build, so they may use anything.)
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROUTES = path.resolve(__dirname, "../../app/routes");
const SERVER_ONLY = new Set(["loader", "action", "headers"]);
const BROWSER_EXPORTS = new Set(["meta", "links", "handle", "ErrorBoundary", "shouldRevalidate", "clientLoader", "clientAction"]);

/** Names declared inside a node (parameters, variables, destructured names): they shadow module-level ones. */
function localNames(node: ts.Node): Set<string> {
  const out = new Set<string>();
  const walk = (n: ts.Node) => {
    if ((ts.isParameter(n) || ts.isVariableDeclaration(n) || ts.isBindingElement(n)) && ts.isIdentifier(n.name)) out.add(n.name.text);
    ts.forEachChild(n, walk);
  };
  ts.forEachChild(node, walk);
  return out;
}

export function serverValuesInBrowserCode(file: string, text: string): string[] {
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const serverNames = new Set<string>();
  const decls = new Map<string, ts.Node>();
  const roots: { node: ts.Node; label: string }[] = [];
  for (const st of src.statements) {
    if (ts.isImportDeclaration(st)) {
      const mod = (st.moduleSpecifier as ts.StringLiteral).text;
      const clause = st.importClause;
      if (!/\.server$/.test(mod) || !clause || clause.isTypeOnly) continue;
      if (clause.name) serverNames.add(clause.name.text);
      const nb = clause.namedBindings;
      if (nb && ts.isNamedImports(nb)) for (const e of nb.elements) if (!e.isTypeOnly) serverNames.add(e.name.text);
      if (nb && ts.isNamespaceImport(nb)) serverNames.add(nb.name.text);
    } else if (ts.isFunctionDeclaration(st) && st.name) {
      decls.set(st.name.text, st);
      const isDefault = st.modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
      if (isDefault || BROWSER_EXPORTS.has(st.name.text)) roots.push({ node: st, label: st.name.text });
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        const name = ts.isIdentifier(d.name) ? d.name.text : "";
        if (name) decls.set(name, d);
        if (SERVER_ONLY.has(name)) continue;
        const init = d.initializer;
        // A function value runs only when something calls it; anything else runs when the module loads.
        if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) && !BROWSER_EXPORTS.has(name)) continue;
        roots.push({ node: d, label: name || "module level" });
      }
    } else if (!ts.isTypeAliasDeclaration(st) && !ts.isInterfaceDeclaration(st)) {
      roots.push({ node: st, label: "module level" });
    }
  }
  const hits = new Set<string>();
  const seen = new Set<string>();
  const visit = (node: ts.Node, via: string) => {
    const shadowed = localNames(node);
    const walk = (n: ts.Node): void => {
      if (ts.isTypeNode(n)) return;
      if (ts.isIdentifier(n) && !shadowed.has(n.text)) {
        const p = n.parent;
        const isName =
          (ts.isPropertyAccessExpression(p) && p.name === n) ||
          (ts.isPropertyAssignment(p) && p.name === n) ||
          ts.isJsxAttribute(p) ||
          (ts.isBindingElement(p) && p.propertyName === n);
        if (!isName) {
          if (serverNames.has(n.text)) hits.add(`${n.text} (in ${via})`);
          else if (decls.has(n.text) && !seen.has(n.text) && !SERVER_ONLY.has(n.text)) {
            seen.add(n.text);
            visit(decls.get(n.text)!, n.text);
          }
        }
      }
      ts.forEachChild(n, walk);
    };
    walk(node);
  };
  for (const r of roots) visit(r.node, r.label);
  return [...hits];
}

/** Every module under app/routes the browser bundle may load: flat route files, and in a flat-routes folder its
 * route.tsx and any helper beside it that is not a .server module (those are empty in the browser). */
function routeModules(dir = ROUTES, prefix = ""): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const rel = prefix + e.name;
    if (e.isDirectory()) return routeModules(path.join(dir, e.name), `${rel}/`);
    return /\.tsx?$/.test(e.name) && !/\.server\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

describe("route modules in the browser", () => {
  it("finds the mistake it looks for", () => {
    const bad = `import { LIMITS } from "~/models/x.server";\nimport { z } from "zod";\nconst Schema = z.object({ n: z.number().max(LIMITS.n) });\nexport async function action() { return Schema; }`;
    expect(serverValuesInBrowserCode("bad.tsx", bad)).toEqual(["LIMITS (in Schema)"]);
    const page = `import { MAX } from "~/models/x.server";\nexport default function Page() { return <input maxLength={MAX} />; }`;
    expect(serverValuesInBrowserCode("page.tsx", page)).toEqual(["MAX (in Page)"]);
    const fine = `import { save, MAX } from "~/models/x.server";\nexport async function action() { return save(MAX); }\nexport default function Page({ names }: { names: string[] }) { return <p title={names[0]} names={1} />; }`;
    expect(serverValuesInBrowserCode("fine.tsx", fine)).toEqual([]);
  });

  it("no route uses a value from a .server module outside its loader, action and headers", () => {
    const found: string[] = [];
    const modules = routeModules();
    // It reads every route module Remix itself finds (flat files and folder routes' route.tsx alike).
    const { flatRoutes } = createRequire(import.meta.url)("@remix-run/dev/dist/config/flat-routes.js") as {
      flatRoutes: (appDir: string, ignored: string[]) => Record<string, { file: string }>;
    };
    const routeFiles = Object.values(flatRoutes(path.dirname(ROUTES), ["**/.*", "**/*.server.ts", "**/*.test.ts", "**/*.css"]));
    const missing = routeFiles.map((r) => path.relative("routes", r.file)).filter((f) => !modules.includes(f));
    expect(routeFiles.length).toBeGreaterThan(140);
    expect(missing).toEqual([]);
    for (const f of modules) {
      for (const hit of serverValuesInBrowserCode(f, fs.readFileSync(path.join(ROUTES, f), "utf8"))) found.push(`${f}: ${hit}`);
    }
    expect(found).toEqual([]);
  });
});
