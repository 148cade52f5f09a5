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
};

export function onChange(f) {
    listeners.add(f);
}

// set({rules: …}): changes the choice and tells every tab.
export function set(change) {
    Object.assign(state, change);
    for (const f of listeners) f(change);
}

export async function loadFiles() {
    const r = await get("/api/files");
    const change = { folder: r.folder, files: r.files };
    const first = (kind, pick) => {
        const fs = r.files.filter((f) => f.kind === kind).map((f) => f.path);
        return pick ? fs.find(pick) || fs[0] || null : fs[0] || null;
    };
    if (!state.rules) change.rules = first("rules", (p) => p.includes("2021"));
    if (!state.applications) change.applications = first("applications", (p) => p.endsWith("2021.csv"));
    set(change);
}

export function filesOf(kind) {
    return state.files.filter((f) => f.kind === kind).map((f) => f.path);
}

// The inputs of check, explain, allocate and whatif.
export function inputs() {
    const i = { rules: state.rules, applications: state.applications };
    if (state.assessments) i.assessments = state.assessments;
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
