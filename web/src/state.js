// state.js: what the four tabs share: the folder's files and the chosen
// rule file, applications file and assessments file.
import { get } from "./api.js";

const listeners = new Set();

export const state = {
    folder: "",
    files: [],
    rules: null,
    applications: null,
    assessments: null,
    potParents: new Map(),   // pot → its parent pot (validate's summary), for the tree
};

export function onChange(f) {
    listeners.add(f);
}

// set({rules: …}): changes the choice and tells every tab. A rule file
// chosen without an applications file takes the one named after it, when
// the folder has one, so that one year's applications are not checked
// against another year's rules without anyone choosing so.
export function set(change) {
    if (change.rules && !("applications" in change) && change.rules !== state.rules) {
        const a = matching(change.rules, filesOf("applications"));
        if (a && a !== state.applications) change = { ...change, applications: a };
    }
    Object.assign(state, change);
    if (state.folder && ("rules" in change || "applications" in change || "assessments" in change)) remember();
    for (const f of listeners) f(change);
}

// The files chosen last time in this folder, kept in the browser.
function remembered(folder) {
    try {
        return JSON.parse(localStorage.getItem("medel:" + folder) || "{}");
    } catch {
        return {};
    }
}

export function remember() {
    try {
        localStorage.setItem("medel:" + state.folder, JSON.stringify({
            rules: state.rules, applications: state.applications, assessments: state.assessments,
        }));
    } catch { /* private mode: nothing kept */ }
}

const stem = (p) => p.replace(/^.*\//, "").replace(/\.[^.]*$/, "");

// A first choice in a folder never opened here: a rule file and an
// applications file named after it (ansokningar-X.csv for rules/X.medel),
// the last such pair by name; else the first of each.
function matching(r, apps) {
    const sorted = [...apps].sort();
    return sorted.find((x) => stem(x).endsWith(stem(r)) && x.endsWith(".csv")) || sorted.find((x) => stem(x).endsWith(stem(r))) || null;
}

function firstChoice(files) {
    const rules = files.filter((f) => f.kind === "rules").map((f) => f.path).sort();
    const apps = files.filter((f) => f.kind === "applications").map((f) => f.path);
    let pair = null;
    for (const r of rules) {
        const a = matching(r, apps);
        if (a) pair = { rules: r, applications: a };
    }
    return pair || { rules: rules[0] || null, applications: apps[0] || null };
}

export async function loadFiles() {
    const r = await get("/api/files");
    const change = { folder: r.folder, files: r.files };
    // An address may name the files: /#rules=R&applications=A&assessments=B.
    const asked = new URLSearchParams(location.hash.slice(1));
    const has = (p, kind) => p && r.files.some((f) => f.path === p && f.kind === kind);
    for (const k of ["rules", "applications", "assessments"]) {
        if (!state[k] && has(asked.get(k), k)) change[k] = asked.get(k);
    }
    if (asked.toString()) history.replaceState(null, "", location.pathname);
    if (!change.rules || !change.applications) {
        const m = remembered(r.folder);
        const f = firstChoice(r.files);
        if (!state.rules && !change.rules) change.rules = has(m.rules, "rules") ? m.rules : f.rules;
        if (!state.applications && !change.applications) {
            change.applications = has(m.applications, "applications") ? m.applications : f.applications;
        }
        if (!change.assessments && !state.assessments && has(m.assessments, "assessments")) change.assessments = m.assessments;
    }
    set(change);
}

// The version of a file of the folder to write over, or null when the
// folder has no such file (asked for only then, so that a new file is no
// 404 in the browser's console).
export async function versionOf(path) {
    if (!state.files.some((f) => f.path === path)) return null;
    return (await get("/api/file", { path })).version;
}

export function filesOf(kind) {
    return state.files.filter((f) => f.kind === kind).map((f) => f.path);
}

// The inputs of check, explain, allocate and whatif.
export function inputs() {
    const i = { rules: state.rules, applications: state.applications };
    // A chosen assessments file counts once it exists (its first
    // assessment makes it).
    if (state.assessments && state.files.some((f) => f.path === state.assessments)) i.assessments = state.assessments;
    return i;
}

let statusTimer = null;
// A short message in the header (what just happened, or an error).
export function say(text, error = false) {
    const s = document.getElementById("status");
    s.textContent = text;
    s.classList.toggle("error", error);
    clearTimeout(statusTimer);
    if (!error) statusTimer = setTimeout(() => { s.textContent = ""; }, 6000);
}
