// workbench.mjs: the workbench of `medel serve` in a real browser (Debian's
// Chromium driven by playwright-core, from web/node_modules).
//
// Usage: node tests/browser/workbench.mjs MEDEL SOURCE_DIR OUTDIR SCENARIO
//   SCENARIO: page | editor | save | applications | assessment |
//             allocation | whatif | download
// Each run copies rules/ and examples/ into its own folder under OUTDIR,
// starts its own `MEDEL serve FOLDER --port 0`, reads the address it prints
// and opens it; the server is stopped at the end, also on failure. Every
// scenario also fails on a console error or warning, an uncaught exception
// or a Content-Security-Policy violation. Screenshots:
// OUTDIR/workbench-SCENARIO*.png. Exit 0: PASS, 1: FAIL, 2: usage.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";

const [medel, src, outArg, scenario] = process.argv.slice(2);
if (!medel || !src || !outArg || !scenario) {
    console.error("usage: workbench.mjs MEDEL SOURCE_DIR OUTDIR SCENARIO");
    process.exit(2);
}
const out = resolve(outArg);
const require = createRequire(join(resolve(src), "web", "node_modules", "x.js"));
const { chromium } = require("playwright-core");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const STEP = 20000;   // ms for one thing to appear on the page

mkdirSync(out, { recursive: true });
rmSync(join(out, `workbench-${scenario}-fel-vid-test.png`), { force: true });
const work = mkdtempSync(join(out, `workbench-${scenario}.`));
const folder = join(work, "mapp");
for (const d of ["rules", "examples"]) cpSync(join(src, d), join(folder, d), { recursive: true });

const problems = [];   // console errors, exceptions, CSP violations
const expected = new Set();   // HTTP statuses a scenario provokes on purpose

function fail(what) {
    throw new Error(what);
}

function expect(ok, what) {
    if (!ok) fail(what);
}

// Starts the server and resolves to the address it prints.
function serve() {
    const child = spawn(medel, ["serve", folder, "--port", "0"],
        { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LANGUAGE: "sv" } });
    let said = "";
    const url = new Promise((ok, no) => {
        const t = setTimeout(() => no(new Error("the server printed no address in 30 s:\n" + said)), 30000);
        const read = (b) => {
            said += b.toString();
            const m = said.match(/Öppna (http:\/\/\S+)/);
            if (m) { clearTimeout(t); ok(m[1]); }
        };
        child.stdout.on("data", read);
        child.stderr.on("data", read);
        child.on("exit", (code) => { clearTimeout(t); no(new Error(`the server ended (${code}):\n${said}`)); });
    });
    return { child, url };
}

function stop(child) {
    if (!child || child.exitCode !== null) return Promise.resolve();
    return new Promise((ok) => {
        const k = setTimeout(() => child.kill("SIGKILL"), 5000);
        child.once("exit", () => { clearTimeout(k); ok(); });
        child.kill("SIGTERM");
    });
}

async function shot(page, name) {
    await page.screenshot({ path: join(out, `workbench-${scenario}${name ? "-" + name : ""}.png`), fullPage: true });
}

async function tab(page, name) {
    await page.getByRole("tab", { name }).click();
}

// Text of a locator, whitespace as the page shows it.
async function text(loc) {
    return (await loc.innerText()).replace(/\u00a0/g, " ").trim();
}

async function waitText(loc, want, what) {
    const deadline = Date.now() + STEP;
    let got = "";
    while (Date.now() < deadline) {
        try {
            got = await text(loc.first());
            if (typeof want === "string" ? got.includes(want) : want.test(got)) return got;
        } catch { /* not there yet */ }
        await new Promise((r) => setTimeout(r, 100));
    }
    fail(`${what}: want ${want}, got '${got}'`);
}

async function opened(page) {
    await page.locator("#editor .cm-content").waitFor({ timeout: STEP });
    await waitText(page.locator("#diag-count"), "Inga fel eller varningar.", "the 2021 rule file validates");
    await waitText(page.locator("#check-table tbody"), "UMO-2021-001", "check's table");
}

// ---- the scenarios ----

const scenarios = {
    async page(page, first) {
        const csp = first.headers()["content-security-policy"] || "";
        expect(/script-src 'self'/.test(csp) && /style-src 'self'/.test(csp) && !/unsafe-inline|unsafe-eval/.test(csp),
            `the page's Content-Security-Policy is not strict: '${csp}'`);
        await opened(page);
        expect(await page.locator("html").getAttribute("lang") === "sv", "<html lang=sv>");
        // The highlighting: keywords, strings, comments and amounts get
        // different styles.
        const spans = await page.locator("#editor .cm-line span").evaluateAll((es) => es.map((e) => [e.textContent, e.className]));
        const cls = (t) => (spans.find(([x]) => x === t) || [null, ""])[1];
        expect(cls("överenskommelse") && cls("överenskommelse") !== cls('"Ungdomsmottagningar i Stockholms län 2021"'),
            "a keyword and a text look alike");
        expect(cls("år") !== "", "'år' is not highlighted");
        await shot(page, "regelfil");
        for (const [name, sel, want] of [["Ansökningar", "#check-table", "UMO-2021-014"], ["Fördelning", "#pot-tree", "länsgemensamt"],
            ["Vad händer om", "#wi-changes", "Inga ändringar"]]) {
            await tab(page, name);
            await waitText(page.locator(sel), want, `the tab ${name}`);
            await shot(page, name.toLowerCase().replace(/ /g, "-").replace(/[^a-zäåö-]/g, ""));
        }
        // Another year's rule file takes that year's applications with it, so
        // that 2022's applications are not checked against 2021's rules.
        await tab(page, "Regelfil");
        await page.locator("#rules-file").selectOption("rules/ungdomsmottagningar-2022.medel");
        await tab(page, "Ansökningar");
        await waitText(page.locator("#check-table"), "UMO-2022-", "2022's applications with 2022's rules");
        expect(await page.locator("#applications-file").inputValue() === "examples/ansokningar-ungdomsmottagningar-2022.csv",
            "the applications file did not follow the rule file");
    },

    async editor(page) {
        await opened(page);
        // Change målgrupp to malgrupp in the criterion 'målgrupp' with the
        // editor's own search (the line is not on the screen).
        await page.locator("#editor .cm-content").click();
        await page.keyboard.press("Control+Home");
        await page.keyboard.press("Control+f");
        // CodeMirror's search panel reads its fields on keyup and change.
        const q = page.locator("#editor .cm-search input[name=search]");
        await q.fill("krav målgrupp inom");
        await q.press("End");
        await q.press("Enter");   // selects the match
        await page.keyboard.press("Escape");
        await page.keyboard.type("krav malgrupp inom");
        // The underline once the validation of the whole text is back.
        const marks = page.locator("#editor .cm-lintRange-error");
        let under = [];
        for (const end = Date.now() + STEP; Date.now() < end; await page.waitForTimeout(100)) {
            under = await marks.allInnerTexts();
            if (under.length === 1 && under[0] === "malgrupp") break;
        }
        expect(under.length === 1 && under[0] === "malgrupp", `underlined: ${JSON.stringify(under)}, want exactly ["malgrupp"]`);
        const item = page.locator("#diagnostics > li.error").first();
        const msg = await waitText(item, "malgrupp", "the message in the list");
        await shot(page, "fel");
        const fix = page.locator("#diagnostics button.fix", { hasText: "Ändra till 'målgrupp'" });
        expect(await fix.count() === 1, `no button "Ändra till 'målgrupp'" beside '${msg}'`);
        await fix.click();
        await waitText(page.locator("#diag-count"), "Inga fel eller varningar.", "the diagnostics after the fix");
        expect(await marks.count() === 0, "an underline is left after the fix");
        const line = await page.locator("#editor .cm-activeLine").innerText();
        expect(line.includes("krav målgrupp inom 12..22"), `the line after the fix: '${line}'`);
        await shot(page, "rättat");
    },

    async save(page) {
        await opened(page);
        const file = join(folder, "rules", "ungdomsmottagningar-2021.medel");
        const before = readFileSync(file, "utf8");
        const edit = async (from, to) => {
            await page.locator("#editor .cm-content").click();
            await page.keyboard.press("Control+Home");
            await page.keyboard.press("Control+f");
            const q = page.locator("#editor .cm-search input[name=search]");
            await q.fill(from);
            await q.press("End");
            await q.press("Enter");
            await page.keyboard.press("Escape");
            await page.keyboard.type(to);
        };
        // Save: the file on disk is the editor's text.
        await edit("belopp 10 000 000 kr", "belopp 11 000 000 kr");
        await waitText(page.locator(".dirty"), "Ändrad, inte sparad", "the unsaved mark");
        await page.locator("#save").click();
        await waitText(page.locator("#status"), "Sparad", "saving");
        const saved = readFileSync(file, "utf8");
        expect(saved === before.replace("belopp 10 000 000 kr", "belopp 11 000 000 kr"), "the saved file is not the edited text");
        // The other tabs compute again from the saved file: regionen now has
        // 11 MSEK and länsgemensamt, the rest, 9 MSEK.
        await tab(page, "Fördelning");
        await waitText(page.locator('#pot-tree tr[data-pot="regionen"] td').nth(1), "11 000 000 kr", "regionen after the save");
        await waitText(page.locator('#pot-tree tr[data-pot="länsgemensamt"] td').nth(1), "9 000 000 kr", "länsgemensamt after the save");
        await tab(page, "Regelfil");
        // Changed elsewhere: the save is refused and nothing is written.
        const elsewhere = saved.replace("# Satsningen på", "# Ändrad i en annan flik: Satsningen på");
        writeFileSync(file, elsewhere);
        expected.add(409);
        await edit("belopp 11 000 000 kr", "belopp 12 000 000 kr");
        await page.locator("#save").click();
        await waitText(page.locator(".conflict"), "har ändrats någon annanstans", "the conflict");
        expect(readFileSync(file, "utf8") === elsewhere, "a conflicting save wrote the file");
        await shot(page, "konflikt");
        await page.locator(".conflict button", { hasText: "Läs in filen på nytt" }).click();
        await waitText(page.locator("#editor .cm-content"), "Ändrad i en annan flik", "the file read again");
        // Undo the last save: the file is what it was before it.
        await page.locator("#undo-save").click();
        await waitText(page.locator("#status"), "sparandet är ångrat", "undoing the save");
        const undone = readFileSync(file, "utf8");
        expect(undone !== elsewhere, "undo left the file as it was");
        // Format: a badly indented line is indented again.
        await edit("        förvaltare \"Region Stockholm\"", "förvaltare \"Region Stockholm\"");
        await page.locator("#format").click();
        await waitText(page.locator("#status"), "Formaterad", "formatting");
        const line = await page.locator("#editor .cm-content").innerText();
        expect(line.includes("        förvaltare \"Region Stockholm\""), "formatting did not indent the line again");
        // The differences from the file it extends: this one extends none.
        await page.locator("#diff").click();
        await waitText(page.locator("#diff-text"), "utökar ingen annan fil", "Skillnader");
        await shot(page);
    },

    async applications(page) {
        await opened(page);
        await tab(page, "Ansökningar");
        await page.locator("#upload").setInputFiles(join(src, "examples", "ansokningar-ungdomsmottagningar-2021.xlsx"));
        await waitText(page.locator("#status"), /Uppladdad som uppladdat\/.*\.xlsx/, "the upload");
        await page.waitForFunction(() => document.querySelector("#applications-file").value.endsWith(".xlsx"), null, { timeout: STEP })
            .catch(() => fail("the uploaded workbook is not the chosen file"));
        const row = page.locator('#check-table tr[data-key="UMO-2021-014"]');
        await waitText(row, "barnmorska_och_läkare_är_regionens", "UMO-2021-014's failed criterion");
        const t = await text(row);
        for (const want of ["kommunerna/Sollentuna", "ej stödberättigad",
            "Barnmorske- och läkarinsatser på ungdomsmottagningen är regionens ansvar; en kommun kan inte söka för dem.",
            "sökandetyp = kommun; insatser = kurator, barnmorska"]) {
            expect(t.includes(want), `UMO-2021-014's row lacks '${want}': '${t}'`);
        }
        // Filter by verdict: only the ineligible.
        await page.locator("#filter-verdict").selectOption("ineligible");
        const verdicts = await page.locator("#check-table tbody td.verdict").allInnerTexts();
        expect(verdicts.length > 0 && verdicts.every((v) => v === "ej stödberättigad"), `filtered: ${verdicts}`);
        await row.click();
        await waitText(page.locator("#explain"), "UMO-2021-014", "explain for UMO-2021-014");
        await shot(page);
    },

    async assessment(page) {
        await opened(page);
        await tab(page, "Fördelning");
        const tyreso = page.locator('#pot-tree tr[data-pot="kommunerna/Tyresö"] td').nth(3);
        await page.locator('#pot-tree tr[data-pot="kommunerna"] button.fold').click();
        await waitText(tyreso, "0 kr", "Tyresö before");
        expect(await text(tyreso) === "0 kr", "Tyresö's grant before the assessment is not 0 kr");
        await waitText(page.locator("#conservation"), "beviljat 28 172 709 kr", "granted before");
        await tab(page, "Ansökningar");
        await page.locator('#check-table tr[data-key="UMO-2021-023"]').click();
        await page.locator("#as-criterion").selectOption("målgrupp");
        await page.locator("#as-outcome").selectOption("uppfyllt");
        await page.locator("#as-type").selectOption("bedömning");
        await page.locator("#as-by").fill("Anna Berg");
        await page.locator("#as-date").fill("2021-03-15");
        await page.locator("#as-why").fill("Kommunen bekräftade per telefon att mottagningen vänder sig till 13–22 år.");
        await page.locator("#as-save").click();
        await waitText(page.locator("#assessment-form .result"), "Registrerad i bedomningar.csv", "the assessment");
        await waitText(page.locator('#check-table tr[data-key="UMO-2021-023"] td.verdict'), "stödberättigad", "UMO-2021-023 after");
        await tab(page, "Fördelning");
        await waitText(page.locator("#conservation"), "beviljat 28 422 709 kr", "granted after the assessment");
        await waitText(tyreso, "250 000 kr", "Tyresö's grant after the assessment");
        const csv = readFileSync(join(folder, "bedomningar.csv"), "utf8");
        expect(/^Ansökan;/.test(csv) && csv.includes("UMO-2021-023") && csv.includes("Anna Berg"), `bedomningar.csv: ${csv}`);
        // An override (åsidosättande) of a decided case: UMO-2021-014 fails
        // a criterion on its data; set to met, it is granted its 500 000 kr.
        await tab(page, "Ansökningar");
        await page.locator("#filter-text").fill("UMO-2021-014");
        await page.locator('#check-table tr[data-key="UMO-2021-014"]').first().click();
        await page.locator("#as-criterion").selectOption("barnmorska_och_läkare_är_regionens");
        await page.locator("#as-outcome").selectOption("uppfyllt");
        expect(await page.locator("#as-type").inputValue() === "åsidosättande", "a decided case is not offered as an override");
        await page.locator("#as-by").fill("Karin Ek");
        await page.locator("#as-date").fill("2021-03-16");
        await page.locator("#as-why").fill("Regionen står för barnmorskan enligt avtalet den 10 mars 2021.");
        await page.locator("#as-save").click();
        await waitText(page.locator("#assessment-form .result"), "Registrerad i bedomningar.csv", "the override");
        await tab(page, "Fördelning");
        await waitText(page.locator("#conservation"), "beviljat 28 922 709 kr", "granted after the override");
        expect(readFileSync(join(folder, "bedomningar.csv"), "utf8").includes(";åsidosättande;Karin Ek;"), "the override in the file");
        await shot(page);
    },

    async allocation(page) {
        await opened(page);
        await tab(page, "Fördelning");
        await waitText(page.locator("#conservation"),
            "Totalt 35 000 000 kr = beviljat 28 172 709 kr + ej fördelat 6 827 291 kr: stämmer på öret.", "the conservation line");
        const row = (p) => page.locator(`#pot-tree tr[data-pot="${p}"] td`);
        expect(await text(row("länsgemensamt").nth(1)) === "10 000 000 kr", "länsgemensamt's amount");
        expect(await text(row("ungdomsmottagningar").nth(1)) === "35 000 000 kr", "the total pot's amount");
        // A split pot grants through its sub-pots: its row counts them, so
        // kommunerna's granted and unallocated are the sums of its 26 rows.
        const ore = (t) => {   // "1 234 567 kr" or "123,45 kr" → öre
            const [w, c = "0"] = t.replace(/[^0-9,−-]/g, "").replace("−", "-").split(",");
            const o = BigInt(w.replace("-", "")) * 100n + BigInt(c.padEnd(2, "0"));
            return w.startsWith("-") ? -o : o;
        };
        const subs = await page.locator('#pot-tree tr[data-pot^="kommunerna/"]').evaluateAll((rs) =>
            rs.map((r) => [r.children[3].textContent, r.children[4].textContent]));
        expect(subs.length === 26, `kommunerna has ${subs.length} sub-pots`);
        const sum = (i) => subs.reduce((t, r) => t + ore(r[i]), 0n);
        expect(ore(await text(row("kommunerna").nth(3))) === sum(0), "kommunerna's granted is not the sum of its sub-pots");
        expect(ore(await text(row("kommunerna").nth(4))) === sum(1), "kommunerna's unallocated is not the sum of its sub-pots");
        expect(sum(0) > 0n, "the municipalities were granted nothing");
        await page.locator('#grants details[data-pot="regionen"] summary').click();
        await waitText(page.locator('#grants details[data-pot="regionen"]'), "UMO-2021-1", "regionen's decisions");
        await shot(page);
    },

    async whatif(page) {
        await opened(page);
        await tab(page, "Vad händer om");
        await page.locator("#wi-pot").selectOption("kommunerna");
        await page.locator("#wi-amount").fill("20 MSEK");
        await page.locator("#wi-set-amount").click();
        const lg = page.locator('#wi-pots tr[data-pot="länsgemensamt"]');
        await waitText(lg, "−5 000 000 kr", "länsgemensamt drops by 5 MSEK");
        const cells = await lg.locator("td").allInnerTexts();
        expect(cells[2] === "10 000 000 kr" && cells[3] === "5 000 000 kr" && cells[4] === "−5 000 000 kr",
            `länsgemensamt: ${JSON.stringify(cells)}`);
        await waitText(page.locator('#wi-pots tr[data-pot="kommunerna"] td.delta'), "+5 000 000 kr", "kommunerna rises by 5 MSEK");
        expect(await page.locator("#wi-result svg.chart rect").count() > 0, "no bar chart");
        expect((await page.locator("#wi-text").textContent()).includes("ändra pott kommunerna {\n        belopp 20 MSEK"), "the scenario text");
        // Drop a criterion: eligibility changes with their reasons.
        await page.locator("#wi-criterion").selectOption("fokusområde");
        await page.locator("#wi-drop").click();
        await waitText(page.locator("#wi-eligibility"), "fokusområde gäller inte längre", "eligibility changes");
        await shot(page);
        // The sweep.
        await page.locator("#sw-pot").selectOption("kommunerna");
        await page.locator("#sw-run").click();
        await page.locator("#sw-result svg.sweep polyline").nth(1).waitFor({ timeout: STEP });
        const rows = await page.locator("#sw-table tbody tr").count();
        expect(rows === 11, `the sweep 10..20 MSEK in steps of 1 MSEK has ${rows} rows, want 11`);
        // Save it as a scenario; the file then lists as a scenario file.
        await page.locator("#wi-file").selectOption("");
        await page.locator("#wi-newfile").fill("scenarier-arbetsytan.medel");
        await page.locator("#wi-name").fill("kommunerna_20_msek");
        await page.locator("#wi-label").fill("Kommunerna får 20 MSEK");
        await page.locator("#wi-save").click();
        await waitText(page.locator("#status"), "Scenariot kommunerna_20_msek är sparat", "saving the scenario");
        const saved = readFileSync(join(folder, "scenarier-arbetsytan.medel"), "utf8");
        expect(saved.includes('scenario kommunerna_20_msek "Kommunerna får 20 MSEK"') && saved.includes("belopp 20 MSEK"),
            `the scenario file: ${saved}`);
        await shot(page, "svep");
    },

    async download(page) {
        await opened(page);
        await tab(page, "Fördelning");
        await waitText(page.locator("#conservation"), "stämmer på öret", "the allocation");
        const [dl] = await Promise.all([page.waitForEvent("download", { timeout: STEP }), page.locator("#dl-workbook").click()]);
        const file = join(work, "beslut.xlsx");
        await dl.saveAs(file);
        const bytes = readFileSync(file);
        expect(bytes.subarray(0, 4).toString("binary") === "PK\x03\x04", "the workbook is not a zip");
        const py = spawnSync(process.env.PYTHON || "/usr/bin/python3", ["-c",
            "import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nprint(len(wb.sheetnames))\n" +
            "print(any('UMO-2021-005' in str(c.value) for ws in wb for row in ws.iter_rows() for c in row))", file],
        { encoding: "utf8" });
        expect(py.status === 0, `openpyxl cannot read the workbook: ${py.stderr}`);
        const [sheets, has] = py.stdout.trim().split("\n");
        expect(Number(sheets) >= 1 && has === "True", `the workbook: ${sheets} sheets, UMO-2021-005 in it: ${has}`);
        console.log(`  workbook: ${bytes.length} bytes, ${sheets} sheets (${dl.suggestedFilename()})`);
        await shot(page);
    },
};

// ---- the run ----

async function main() {
    if (!scenarios[scenario]) {
        console.error(`workbench.mjs: no scenario '${scenario}'`);
        process.exit(2);
    }
    const started = Date.now();
    const { child, url } = serve();
    let context = null;
    let page = null;
    let passed = false;
    try {
        const address = await url;
        context = await chromium.launchPersistentContext(join(work, "profile"), {
            executablePath: CHROMIUM,
            headless: true,
            acceptDownloads: true,
            viewport: { width: 1400, height: 900 },
            args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage"],
            env: { ...process.env, HOME: work },
        });
        page = context.pages()[0] || await context.newPage();
        page.on("console", (m) => {
            const status = m.text().match(/responded with a status of (\d+)/);
            if (status && expected.has(Number(status[1]))) return;
            if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
        });
        page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
        page.on("response", (r) => {
            if (r.status() >= 400 && !expected.has(r.status())) problems.push(`${r.status()} from ${r.request().method()} ${r.url()}`);
        });
        await page.addInitScript(() => {
            document.addEventListener("securitypolicyviolation", (e) => {
                console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
            });
        });
        // The 2021 agreement and its applications (the folder has others).
        const first = await page.goto(address + "#rules=rules/ungdomsmottagningar-2021.medel" +
            "&applications=examples/ansokningar-ungdomsmottagningar-2021.csv", { waitUntil: "load" });
        expect(first && first.ok(), `opening ${address}: ${first && first.status()}`);
        expect(new URL(page.url()).search === "", `the token is left in the address: ${page.url()}`);
        expect(!page.url().includes("token"), `the token is left in the address: ${page.url()}`);
        await scenarios[scenario](page, first);
        expect(problems.length === 0, "problems on the page:\n  " + problems.join("\n  "));
        console.log(`PASS: workbench ${scenario} (${Math.round((Date.now() - started) / 100) / 10} s)`);
        passed = true;
        return 0;
    } catch (e) {
        console.log(`FAIL: workbench ${scenario}: ${e.message}`);
        if (problems.length) console.log("  also:\n  " + problems.join("\n  "));
        if (page) await shot(page, "fel-vid-test").catch(() => {});
        return 1;
    } finally {
        if (context) await context.close().catch(() => {});
        await stop(child);
        // The folder is kept when the run failed, to look into.
        rmSync(passed ? work : join(work, "profile"), { recursive: true, force: true });
    }
}

process.exitCode = await main();
