// applications.js: the Ansökningar tab: the applications file, check per
// application and pot, filter and sort, explain, and manual assessments.
import { el, fill, select } from "./dom.js";
import { post, upload, messageOf } from "./api.js";
import { today } from "./money.js";
import { state, set, onChange, filesOf, inputs, say, loadFiles, versionOf } from "./state.js";

export const VERDICT = { eligible: "stödberättigad", ineligible: "ej stödberättigad", manual: "bedöm manuellt" };
const OUTCOME = { failed: "ej uppfyllt", manual: "kan inte avgöras", passed: "uppfyllt", assessed: "bedömt" };

const ui = {};
let rows = [];            // one per application and pot
let sortKey = "key";
let sortUp = true;
let chosen = null;        // the row whose details are shown
let notice = "";          // what the last assessment did, shown in the form drawn again

export function initApplications(root) {
    ui.file = el("select", { id: "applications-file", onchange: () => set({ applications: ui.file.value }) });
    ui.upload = el("input", { type: "file", id: "upload", accept: ".csv,.xlsx,.json,.jsonl", onchange: doUpload });
    ui.assess = el("select", { id: "assessments-file", onchange: () => set({ assessments: ui.assess.value || null }) });
    ui.newAssess = el("input", { type: "text", id: "new-assessments", placeholder: "bedomningar.csv", size: 20 });
    ui.text = el("input", { type: "search", id: "filter-text", placeholder: "Sök ansökan, villkor, skäl…", oninput: draw });
    ui.verdict = select({ id: "filter-verdict", onchange: draw },
        [["", "Alla utfall"], ...Object.entries(VERDICT)], "");
    ui.pot = select({ id: "filter-pot", onchange: draw }, [["", "Alla potter"]], "");
    ui.summary = el("p", { className: "count", id: "check-summary" });
    ui.messages = el("pre", { className: "messages", hidden: true });
    ui.table = el("table", { className: "data", id: "check-table" });
    ui.detail = el("div", { className: "detail", id: "detail", hidden: true });
    fill(root,
        el("div", { className: "toolbar" },
            el("label", {}, "Ansökningar ", ui.file),
            el("label", { className: "upload" }, "Ladda upp (CSV eller Excel) ", ui.upload),
            el("button", { onclick: check, id: "check" }, "Pröva")),
        el("div", { className: "toolbar" },
            el("label", {}, "Bedömningar ", ui.assess),
            el("label", {}, "eller ny fil ", ui.newAssess),
            el("button", { onclick: newAssessments }, "Skapa")),
        el("div", { className: "toolbar filters" }, ui.text, ui.verdict, ui.pot),
        ui.summary, ui.messages,
        el("div", { className: "split" }, el("div", { className: "scroll" }, ui.table), ui.detail));
    onChange((c) => {
        if ("files" in c || "applications" in c || "assessments" in c) fillFiles();
        // A saved rule file (or data) changes every verdict: check again.
        if (("rules" in c || "applications" in c || "assessments" in c || "saved" in c) && state.rules && state.applications) check();
    });
}

function fillFiles() {
    fill(ui.file, ...filesOf("applications").map((p) => el("option", { value: p, selected: p === state.applications }, p)));
    const as = filesOf("assessments");
    if (state.assessments && !as.includes(state.assessments)) as.push(state.assessments);
    fill(ui.assess, el("option", { value: "" }, "(inga)"),
        ...as.map((p) => el("option", { value: p, selected: p === state.assessments }, p)));
}

async function doUpload() {
    const f = ui.upload.files[0];
    if (!f) return;
    try {
        const r = await upload(f);
        say(`Uppladdad som ${r.path}.`);
        await loadFiles();
        set({ applications: r.path });
    } catch (e) {
        say(messageOf(e), true);
    }
    ui.upload.value = "";
}

function newAssessments() {
    let name = ui.newAssess.value.trim() || "bedomningar.csv";
    if (!/\.(csv|xlsx)$/i.test(name)) name += ".csv";
    // The file is made by the first assessment recorded in it.
    set({ assessments: name });
    say(`Bedömningarna sparas i ${name} när du registrerar den första.`);
}

let seq = 0;   // the latest check asked for: an older answer is dropped

export async function check() {
    if (!state.rules || !state.applications) return;
    const mine = ++seq;
    try {
        const r = await post("/api/check", inputs());
        if (mine !== seq) return;
        show(r);
    } catch (e) {
        if (mine !== seq) return;
        fill(ui.table);
        rows = [];
        ui.summary.textContent = "";
        ui.messages.textContent = messageOf(e);
        ui.messages.hidden = false;
    }
}

function show(r) {
    rows = [];
    for (const a of r.report.applications || []) {
        for (const p of a.pots) {
            const bad = p.criteria.filter((c) => c.outcome !== "passed");
            rows.push({
                key: a.key, record: a.record, pot: p.pot, top: p.pot.split("/")[0], status: p.status,
                criteria: bad,
                search: [a.key, p.pot, VERDICT[p.status] || p.status,
                    ...bad.flatMap((c) => [c.criterion, c.reason, c.values])].join(" ").toLowerCase(),
            });
        }
    }
    const pots = [...new Set(rows.map((x) => x.top))].sort();
    const chosenPot = ui.pot.value;
    fill(ui.pot, el("option", { value: "" }, "Alla potter"),
        ...pots.map((p) => el("option", { value: p, selected: p === chosenPot }, p)));
    ui.messages.textContent = r.messages || "";
    ui.messages.hidden = !r.messages;
    draw();
    if (chosen) {
        const again = rows.find((x) => x.key === chosen.key && x.pot === chosen.pot);
        if (again) openRow(again, true);
    }
}

const COLUMNS = [
    ["key", "Ansökan"], ["pot", "Pott"], ["status", "Utfall"], ["criteria", "Villkor som inte är uppfyllda"],
];

function draw() {
    const q = ui.text.value.trim().toLowerCase();
    const v = ui.verdict.value;
    const p = ui.pot.value;
    const shown = rows.filter((x) => (!q || x.search.includes(q)) && (!v || x.status === v) && (!p || x.top === p));
    const cmp = (a, b) => {
        const ka = sortKey === "criteria" ? a.criteria.length : sortKey === "key" ? a.record : a[sortKey];
        const kb = sortKey === "criteria" ? b.criteria.length : sortKey === "key" ? b.record : b[sortKey];
        const c = typeof ka === "number" ? ka - kb : String(ka).localeCompare(String(kb), "sv");
        return (sortUp ? c : -c) || a.record - b.record || a.pot.localeCompare(b.pot, "sv");
    };
    shown.sort(cmp);
    const head = el("tr", {}, ...COLUMNS.map(([k, label]) => el("th", {
        scope: "col",
        "aria-sort": k === sortKey ? (sortUp ? "ascending" : "descending") : "none",
    }, el("button", {
        className: "sort",
        onclick: () => {
            if (sortKey === k) sortUp = !sortUp;
            else { sortKey = k; sortUp = true; }
            draw();
        },
    }, label, k === sortKey ? (sortUp ? " ▲" : " ▼") : ""))));
    const body = shown.map((x) => el("tr", {
        className: "row " + x.status + (chosen && chosen.key === x.key && chosen.pot === x.pot ? " chosen" : ""),
        data: { key: x.key, pot: x.pot },
        onclick: () => openRow(x),
    },
    el("td", {}, el("button", { className: "link" }, x.key)),
    el("td", {}, x.pot),
    el("td", { className: "verdict" }, VERDICT[x.status] || x.status),
    el("td", {}, x.criteria.length === 0 ? "" : el("ul", { className: "failed" },
        ...x.criteria.map((c) => el("li", {},
            el("strong", {}, c.criterion), ` (${OUTCOME[c.outcome] || c.outcome}): `,
            el("span", { className: "reason" }, c.reason),
            c.values ? el("span", { className: "values" }, ` [${c.values}]`) : null))))));
    fill(ui.table, el("thead", {}, head), el("tbody", {}, ...body));
    const counts = {};
    for (const x of rows) counts[x.status] = (counts[x.status] || 0) + 1;
    ui.summary.textContent = `${new Set(rows.map((x) => x.key)).size} ansökningar, ${rows.length} prövningar: ` +
        Object.entries(VERDICT).map(([k, l]) => `${counts[k] || 0} ${l}`).join(", ") +
        (shown.length !== rows.length ? `; ${shown.length} visas` : "");
}

// Shows a row's details; again: the same row drawn anew after a run, which
// keeps what the last assessment said.
async function openRow(x, again = false) {
    if (!again) notice = "";
    chosen = x;
    for (const tr of ui.table.querySelectorAll("tr.row")) {
        tr.classList.toggle("chosen", tr.dataset.key === x.key && tr.dataset.pot === x.pot);
    }
    const explain = el("pre", { className: "explain", id: "explain" }, "Hämtar förklaringen…");
    fill(ui.detail,
        el("h2", {}, x.key, " · ", x.pot),
        el("p", {}, "Utfall: ", el("strong", {}, VERDICT[x.status] || x.status)),
        assessmentForm(x),
        el("h3", {}, "Steg för steg"), explain);
    ui.detail.hidden = false;
    try {
        const r = await post("/api/explain", { ...inputs(), id: x.key });
        explain.textContent = r.text;
    } catch (e) {
        explain.textContent = messageOf(e);
    }
}

function assessmentForm(x) {
    const crit = x.criteria.map((c) => c.criterion === "(pott)" ?
        (/delpott/.test(c.reason) ? "delpott" : "ansökningar där") : c.criterion);
    const options = [...new Set([...crit, "ansökningar där", "delpott"])];
    const f = {
        criterion: select({ name: "criterion", id: "as-criterion" }, options.map((c) => [c, c]), options[0]),
        outcome: select({ name: "outcome", id: "as-outcome" }, [["uppfyllt", "uppfyllt"], ["ej uppfyllt", "ej uppfyllt"]], "uppfyllt"),
        subpot: el("input", { type: "text", id: "as-subpot", placeholder: "delpottens namn, t.ex. Tyresö", size: 18 }),
        type: select({ name: "type", id: "as-type" }, [["bedömning", "bedömning (uppgifterna räcker inte)"], ["åsidosättande", "åsidosättande (ändrar ett avgjort utfall)"]],
            x.status === "manual" ? "bedömning" : "åsidosättande"),
        by: el("input", { type: "text", id: "as-by", required: true, size: 18 }),
        date: el("input", { type: "date", id: "as-date", value: today(), required: true }),
        why: el("textarea", { id: "as-why", rows: 3, cols: 40, required: true }),
    };
    // The sub-pot is asked for only when the criterion is 'delpott'.
    const sub = x.pot.includes("/") ? x.pot.split("/").slice(1).join("/") : "";
    const subLabel = el("label", {}, "Delpott ", f.subpot);
    const showSub = () => {
        subLabel.hidden = f.criterion.value !== "delpott";
        f.subpot.value = f.criterion.value === "delpott" ? sub : "";
    };
    f.criterion.addEventListener("change", showSub);
    showSub();
    const result = el("p", { className: "result", role: "status" }, notice);
    const form = el("form", {
        className: "assessment",
        id: "assessment-form",
        onsubmit: (ev) => {
            ev.preventDefault();
            record(x, f, result);
        },
    },
    el("h3", {}, "Bedömning eller åsidosättande"),
    el("label", {}, "Villkor ", f.criterion),
    el("label", {}, "Utfall ", f.outcome),
    subLabel,
    el("label", {}, "Typ ", f.type),
    el("label", {}, "Bedömd av ", f.by),
    el("label", {}, "Datum ", f.date),
    el("label", { className: "wide" }, "Motivering ", f.why),
    el("button", { type: "submit", className: "primary", id: "as-save" }, "Registrera"),
    result);
    return form;
}

async function record(x, f, result) {
    const file = state.assessments || "bedomningar.csv";
    let version = null;
    try {
        version = await versionOf(file);
    } catch (e) {
        result.textContent = messageOf(e);
        return;
    }
    const criterion = f.criterion.value;
    const body = {
        assessments: file, applications: state.applications, rules: state.rules, version,
        application: x.key, pot: x.top, criterion,
        outcome: criterion === "delpott" ? f.subpot.value.trim() : f.outcome.value,
        type: f.type.value, by: f.by.value.trim(), date: f.date.value, justification: f.why.value.trim(),
    };
    try {
        await post("/api/assessment", body);
        result.textContent = `Registrerad i ${file}.`;
        notice = result.textContent;
        say(`Bedömningen av ${x.key} är registrerad i ${file}.`);
        await loadFiles();
        set({ assessments: file });   // check and the allocation run again
    } catch (e) {
        result.textContent = messageOf(e);
    }
}
