// build.mjs: bundles the workbench page for medel serve into OUTDIR as
// exactly three files: index.html, app.js, app.css.
// Usage: node build.mjs OUTDIR KEYWORDS_H
// The medel language's keywords are read from lang/keywords.h (KEYWORDS_H)
// at build time, so the editor's highlighting cannot fall out of step with
// the scanner. The output depends only on the sources and the locked
// packages: no source maps, no timestamps, no absolute paths.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const [outdir, keywordsH] = process.argv.slice(2);
if (!outdir || !keywordsH) {
    console.error("usage: node build.mjs OUTDIR KEYWORDS_H");
    process.exit(2);
}

// Every spelling of lang/keywords.h with its token, read the way
// tests/editors/textmate.sh reads it (the comments, which show the form of
// the entries, left out).
function keywords(path) {
    const tokens = [];
    const approx = [];
    for (const line of readFileSync(path, "utf8").split("\n")) {
        if (/^\s*[/*]/.test(line)) continue;
        for (const m of line.matchAll(/\bX\(([A-Z_]+), ("[^"]*"(?:, "[^"]*")?)\)/g)) {
            for (const s of m[2].matchAll(/"([^"]*)"/g)) tokens.push([m[1], s[1]]);
        }
        for (const m of line.matchAll(/\bX\("([^"]*)"\)/g)) approx.push(m[1]);
    }
    if (tokens.length < 100) {
        throw new Error(`${path}: found only ${tokens.length} spellings: has the form of the table changed?`);
    }
    const seen = new Set();
    const unique = tokens.filter(([t, s]) => !seen.has(t + " " + s) && seen.add(t + " " + s));
    return { tokens: unique, approx };
}

const kw = keywords(keywordsH);
const keywordPlugin = {
    name: "medel-keywords",
    setup(b) {
        b.onResolve({ filter: /^medel:keywords$/ }, (a) => ({ path: a.path, namespace: "medel" }));
        b.onLoad({ filter: /.*/, namespace: "medel" }, () => ({
            contents: "export const TOKENS = " + JSON.stringify(kw.tokens) +
                ";\nexport const APPROX = " + JSON.stringify(kw.approx) + ";\n",
            loader: "js",
        }));
    },
};

mkdirSync(outdir, { recursive: true });
const common = {
    bundle: true,
    minify: true,
    sourcemap: false,
    legalComments: "eof",
    logLevel: "warning",
    absWorkingDir: here,
    charset: "utf8",
};
await build({
    ...common,
    entryPoints: [join(here, "src/main.js")],
    outfile: join(outdir, "app.js"),
    format: "esm",
    target: "es2020",
    plugins: [keywordPlugin],
});
await build({
    ...common,
    entryPoints: [join(here, "src/app.css")],
    outfile: join(outdir, "app.css"),
});
copyFileSync(join(here, "src/index.html"), join(outdir, "index.html"));
