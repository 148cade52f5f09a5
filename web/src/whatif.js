// whatif.js: the Vad händer om tab. Each control adds a change to one
// scenario, 'arbetsytan', written in the rule language and sent to
// /api/whatif; the comparison against the baseline is drawn from the
// whatif document (docs/schemas/whatif.schema.json; amounts in öre).
import { el, fill, select, debounce } from "./dom.js";
import { get, post, ApiError, messageOf } from "./api.js";
import { kr, diff } from "./money.js";
import { bars, lines } from "./charts.js";
import { VERDICT } from "./applications.js";
import { state, set, onChange, filesOf, inputs, say, loadFiles, versionOf } from "./state.js";

const ui = {};
let pots = [];          // the rule file's pots, from validate's summary
let criteria = [];      // its criteria, by name
let changes = [];       // {key, pot, prop, value, text}

// An amount as an officer types it ("20 MSEK", "1 500 000 kr"): digits,
// blanks, a decimal comma and a unit; nothing that could end the block.
const AMOUNT = /^\s*\d[\d \u00a0]*(,\d+)?\s*(kr|kronor|tkr|TSEK|MSEK|Mkr|SEK|miljoner kronor|öre)?\s*$/;

export function initWhatif(root) {
    ui.pot = el("select", { id: "wi-pot" });
    ui.amount = el("input", { type: "text", id: "wi-amount", placeholder: "t.ex. 20 MSEK", size: 14 });
    ui.share = el("input", { type: "text", id: "wi-share", placeholder: "t.ex. 40", size: 5 });
    ui.cap = el("input", { type: "text", id: "wi-cap", placeholder: "t.ex. 3 MSEK", size: 14 });
    ui.criterion = el("select", { id: "wi-criterion" });
    ui.list = el("ul", { className: "changes", id: "wi-changes" });
    ui.text = el("pre", { className: "scenario-text", id: "wi-text" });
    ui.result = el("div", { id: "wi-result" });
    ui.error = el("pre", { className: "messages", id: "wi-error", hidden: true });
    ui.file = el("select", { id: "wi-file" });
    ui.newFile = el("input", { type: "text", id: "wi-newfile", placeholder: "scenarier.medel", size: 18 });
    ui.name = el("input", { type: "text", id: "wi-name", placeholder: "namn_utan_mellanslag", size: 20 });
    ui.label = el("input", { type: "text", id: "wi-label", placeholder: "Vad scenariot gör", size: 30 });
    ui.sPot = el("select", { id: "sw-pot" });
    ui.sFrom = el("input", { type: "text", id: "sw-from", value: "10 MSEK", size: 10 });
    ui.sTo = el("input", { type: "text", id: "sw-to", value: "20 MSEK", size: 10 });
    ui.sStep = el("input", { type: "text", id: "sw-step", value: "1 MSEK", size: 10 });
    ui.sweep = el("div", { id: "sw-result" });
    fill(root,
        el("div", { className: "controls" },
            el("fieldset", {}, el("legend", {}, "Ändra en pott"),
                el("label", {}, "Pott ", ui.pot),
                el("label", {}, "Belopp ", ui.amount), el("button", { id: "wi-set-amount", onclick: () => add("belopp") }, "Ändra belopp"),
                el("label", {}, "Andel av potten ovanför (%) ", ui.share), el("button", { id: "wi-set-share", onclick: () => add("andel") }, "Ändra andel"),
                el("label", {}, "Tak per ansökan ", ui.cap), el("button", { id: "wi-set-cap", onclick: () => add("tak") }, "Ändra tak")),
            el("fieldset", {}, el("legend", {}, "Ta bort ett villkor"),
                ui.criterion, el("button", { id: "wi-drop", onclick: () => add("ta_bort") }, "Ta bort villkoret")),
            el("fieldset", {}, el("legend", {}, "Ändringarna"), ui.list,
                el("button", { onclick: () => { changes = []; update(); } }, "Börja om"),
                el("details", {}, el("summary", {}, "Som scenario i regelspråket"), ui.text)),
            el("fieldset", {}, el("legend", {}, "Spara som scenario"),
                el("label", {}, "Fil ", ui.file), el("label", {}, "eller ny fil ", ui.newFile),
                el("label", {}, "Namn ", ui.name), el("label", {}, "Benämning ", ui.label),
                el("button", { id: "wi-save", onclick: saveScenario }, "Spara som scenario"))),
        ui.error, ui.result,
        el("h2", {}, "Svep: ett belopp i steg"),
        el("div", { className: "toolbar" },
            el("label", {}, "Pott ", ui.sPot), el("label", {}, "från ", ui.sFrom), el("label", {}, "till ", ui.sTo),
            el("label", {}, "steg ", ui.sStep), el("button", { id: "sw-run", onclick: sweep }, "Svep")),
        ui.sweep);
    onChange((c) => {
        if (("rules" in c || "saved" in c) && state.rules) readRules();
        if ("saved" in c && changes.length) update();
        if ("files" in c) fillFiles();
        if (("applications" in c || "assessments" in c) && changes.length) update();
    });
}

function fillFiles() {
    const fs = filesOf("scenarios");
    const cur = ui.file.value;
    fill(ui.file, ...fs.map((p) => el("option", { value: p, selected: p === cur }, p)),
        el("option", { value: "" }, "(ny fil)"));
}

async function readRules() {
    try {
        const f = await get("/api/file", { path: state.rules });
        const v = await post("/api/validate", { path: state.rules, text: f.text });
        const s = (v.files && v.files[0] && v.files[0].summary) || {};
        pots = (s.pots || []).map((p) => p.name);
        // The pot tree, for the allocation's table.
        set({ potParents: new Map((s.pots || []).map((p) => [p.name, p.parent])) });
        // Criteria by name, comments and texts left out.
        const code = f.text.replace(/"(?:[^"\\\n]|\\.)*"|“[^”\n]*”/g, '""').replace(/#.*$/gm, "");
        criteria = [...new Set([...code.matchAll(/(?:^|[\s{])(?:villkor|criterion)\s+([\p{L}_][\p{L}\p{N}_]*)/gu)].map((m) => m[1]))];
    } catch (e) {
        pots = [];
        criteria = [];
    }
    const opts = pots.map((p) => el("option", { value: p }, p));
    fill(ui.pot, ...opts);
    fill(ui.sPot, ...pots.map((p) => el("option", { value: p, selected: p === "kommunerna" }, p)));
    fill(ui.criterion, ...criteria.map((c) => el("option", { value: c }, c)));
    changes = [];
    update();
}

function add(kind) {
    const pot = ui.pot.value;
    let c;
    if (kind === "belopp" || kind === "tak") {
        const input = kind === "belopp" ? ui.amount : ui.cap;
        const v = input.value.trim();
        if (!AMOUNT.test(v)) return say(`Skriv ett belopp, t.ex. "20 MSEK" eller "1 500 000 kr", inte '${v}'.`, true);
        c = kind === "belopp" ?
            { key: pot + ":belopp", pot, label: `${pot}: belopp ${v}`, text: `belopp ${v}` } :
            { key: pot + ":tak", pot, label: `${pot}: tak ${v} per ansökan`, text: `tak ${v} per ansökan` };
    } else if (kind === "andel") {
        const v = ui.share.value.trim().replace(/\s*%$/, "");
        if (!/^\d+(,\d+)?$/.test(v)) return say(`Skriv andelen i procent, t.ex. "40", inte '${v}'.`, true);
        c = { key: pot + ":belopp", pot, label: `${pot}: ${v} % av potten ovanför`, text: `belopp ${v} %` };
    } else {
        const v = ui.criterion.value;
        if (!v) return;
        c = { key: "villkor:" + v, pot: null, label: `utan villkoret ${v}`, text: `ta_bort villkor ${v}` };
    }
    changes = changes.filter((x) => x.key !== c.key).concat([c]);
    update();
}

// The body of the scenario block: one 'ändra pott' per pot, in the order
// of the first change to it, then the criteria removed.
function body() {
    const out = [];
    const byPot = new Map();
    for (const c of changes) {
        if (c.pot === null) continue;
        if (!byPot.has(c.pot)) byPot.set(c.pot, []);
        byPot.get(c.pot).push(c.text);
    }
    for (const [pot, props] of byPot) {
        out.push(`    ändra pott ${pot} {`, ...props.map((p) => "        " + p), "    }");
    }
    for (const c of changes) if (c.pot === null) out.push("    " + c.text);
    return out.join("\n");
}

function scenarioText() {
    return `scenario arbetsytan {\n${body()}\n}\n`;
}

let seq = 0;
const updateSoon = debounce(run, 200);

function update() {
    fill(ui.list, ...changes.map((c) => el("li", {}, c.label, " ",
        el("button", { className: "link", onclick: () => { changes = changes.filter((x) => x !== c); update(); } }, "ta bort"))));
    if (!changes.length) ui.list.append(el("li", { className: "none" }, "Inga ändringar ännu: baslinjen är regelfilen som den är."));
    ui.text.textContent = scenarioText();
    updateSoon();
}

async function run() {
    const mine = ++seq;
    if (!changes.length || !state.rules || !state.applications) {
        fill(ui.result);
        ui.error.hidden = true;
        return;
    }
    try {
        const r = await post("/api/whatif", { ...inputs(), scenario_text: scenarioText() });
        if (mine !== seq) return;
        ui.error.hidden = true;
        compare(r.report);
    } catch (e) {
        if (mine !== seq) return;
        ui.error.textContent = messageOf(e);
        ui.error.hidden = false;
        fill(ui.result);
    }
}

function compare(r) {
    const [a, b] = r.columns;
    const delta = (x, y) => {
        const d = diff(x, y);
        return el("td", { className: "num delta" + (d > 0n ? " up" : d < 0n ? " down" : "") }, d === null ? "" : d === 0n ? "" : kr(d, true));
    };
    const changed = (row) => row.amount_ore[0] !== row.amount_ore[1];
    const top = r.pots.filter((p) => !p.name.includes("/") && !p.name.includes(" · "));
    const potRows = r.pots.filter((p) => !p.name.includes("/") || changed(p));
    const recipients = r.recipients.filter(changed);
    fill(ui.result,
        el("h2", {}, "Jämförelse med baslinjen"),
        el("table", { className: "data totals", id: "wi-totals" },
            el("thead", {}, el("tr", {}, el("th", {}, ""), el("th", {}, "Baslinjen"), el("th", {}, "Med ändringarna"), el("th", {}, "Skillnad"))),
            el("tbody", {}, ...[["Totalt", "total_ore"], ["Beviljat", "granted_ore"], ["Ej fördelat", "unallocated_ore"], ["Återbetalas", "returned_ore"]]
                .map(([l, k]) => el("tr", {}, el("th", { scope: "row" }, l), el("td", { className: "num" }, kr(a[k])),
                    el("td", { className: "num" }, kr(b[k])), delta(a[k], b[k]))),
            el("tr", {}, el("th", { scope: "row" }, "Stämmer på öret"), el("td", {}, a.conserved ? "ja" : "nej"), el("td", {}, b.conserved ? "ja" : "nej"), el("td", {})))),
        bars("Potternas belopp före och efter", ["Baslinjen", "Med ändringarna"],
            top.map((p) => ({ label: p.name, values: p.amount_ore }))),
        el("h3", {}, "Per pott"),
        el("table", { className: "data", id: "wi-pots" },
            el("thead", {}, el("tr", {}, ...["Pott", "Benämning", "Baslinjen", "Med ändringarna", "Skillnad"].map((h) => el("th", { scope: "col" }, h)))),
            el("tbody", {}, ...potRows.map((p) => el("tr", { data: { pot: p.name }, className: changed(p) ? "changed" : "" },
                el("td", {}, p.name), el("td", {}, p.label || ""),
                el("td", { className: "num" }, kr(p.amount_ore[0])), el("td", { className: "num" }, kr(p.amount_ore[1])),
                delta(p.amount_ore[0], p.amount_ore[1]))))),
        el("h3", {}, "Per mottagare"),
        recipients.length === 0 ? el("p", {}, "Ingen mottagare får ett annat belopp.") :
            el("table", { className: "data", id: "wi-recipients" },
                el("thead", {}, el("tr", {}, ...["Ansökan", "Projekt", "Baslinjen", "Med ändringarna", "Skillnad"].map((h) => el("th", { scope: "col" }, h)))),
                el("tbody", {}, ...recipients.map((p) => el("tr", { data: { recipient: p.name } },
                    el("td", {}, p.name), el("td", {}, p.label || ""),
                    el("td", { className: "num" }, kr(p.amount_ore[0])), el("td", { className: "num" }, kr(p.amount_ore[1])),
                    delta(p.amount_ore[0], p.amount_ore[1]))))),
        el("h3", {}, "Ändrade utfall"),
        r.changes.length === 0 ? el("p", {}, "Ingen ansökan får ett annat utfall.") :
            el("ul", { id: "wi-eligibility" }, ...r.changes.map((c) => el("li", {},
                el("strong", {}, c.application), ` (${c.pot}): ${VERDICT[c.before] || c.before} → ${VERDICT[c.after] || c.after}: ${c.why}`))));
}

async function sweep() {
    const body = { ...inputs(), sweep: { pot: ui.sPot.value, from: ui.sFrom.value.trim(), to: ui.sTo.value.trim(), step: ui.sStep.value.trim() } };
    fill(ui.sweep, el("p", {}, "Räknar…"));
    try {
        const r = (await post("/api/whatif", body)).report;
        const cols = r.columns.filter((c, i) => i > 0 && c.sweep_ore !== undefined);
        const xs = cols.map((c) => c.sweep_ore);
        fill(ui.sweep,
            lines(`Beviljat och ej fördelat när ${body.sweep.pot} går från ${body.sweep.from} till ${body.sweep.to}`, xs, [
                { name: "Beviljat", values: cols.map((c) => c.granted_ore) },
                { name: "Ej fördelat", values: cols.map((c) => c.unallocated_ore) },
            ]),
            el("table", { className: "data", id: "sw-table" },
                el("thead", {}, el("tr", {}, ...[body.sweep.pot, "Beviljat", "Ej fördelat"].map((h) => el("th", { scope: "col" }, h)))),
                el("tbody", {}, ...cols.map((c) => el("tr", {},
                    el("td", { className: "num" }, kr(c.sweep_ore)), el("td", { className: "num" }, kr(c.granted_ore)),
                    el("td", { className: "num" }, kr(c.unallocated_ore)))))));
    } catch (e) {
        fill(ui.sweep, el("pre", { className: "messages" }, messageOf(e)));
    }
}

async function saveScenario() {
    const file = ui.file.value || ui.newFile.value.trim();
    const name = ui.name.value.trim();
    const label = ui.label.value.trim();
    if (!changes.length) return say("Det finns inga ändringar att spara.", true);
    if (!file) return say("Välj en scenariofil eller skriv ett namn på en ny.", true);
    if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test(name)) return say("Scenariots namn är ett ord: bokstäver, siffror och _, t.ex. kommunerna_20_msek.", true);
    const go = async (replace) => {
        const version = await versionOf(file);
        return post("/api/scenario", { rules: state.rules, file, version, name, label, text: body(), replace });
    };
    try {
        let r;
        try {
            r = await go(false);
        } catch (e) {
            if (!(e instanceof ApiError && e.status === 409 && !e.body.version)) throw e;
            if (!confirm(`${e.message}\nVill du ersätta scenariot ${name}?`)) return;
            r = await go(true);
        }
        say(`Scenariot ${name} är sparat i ${r.file}.`);
        await loadFiles();
    } catch (e) {
        say(messageOf(e), true);
    }
}
