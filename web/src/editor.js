// editor.js: the Regelfil tab: a rule file in CodeMirror, diagnostics as
// the officer types, fixes, format, save with conflicts, undo and diff.
import { EditorState } from "@codemirror/state";
import {
    EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { syntaxHighlighting, defaultHighlightStyle, bracketMatching, indentUnit } from "@codemirror/language";
import { searchKeymap, highlightSelectionMatches } from "@codemirror/search";
import { setDiagnostics, lintKeymap } from "@codemirror/lint";
import { el, fill, debounce } from "./dom.js";
import { get, post, send, ApiError, messageOf } from "./api.js";
import { byteToPos } from "./money.js";
import { medel } from "./lang.js";
import { state, set, onChange, filesOf, say, loadFiles } from "./state.js";

let view = null;
let path = null;        // the file in the editor
let version = null;     // the version it was read or saved as
let savedText = "";
let seq = 0;            // the number of the latest validation asked for

const ui = {};

export function initEditor(root) {
    ui.file = el("select", { id: "rules-file", onchange: () => open(ui.file.value) });
    ui.dirty = el("span", { className: "dirty" });
    ui.conflict = el("div", { className: "conflict", hidden: true, role: "alert" });
    ui.count = el("p", { className: "count", id: "diag-count" });
    ui.list = el("ul", { className: "diagnostics", id: "diagnostics" });
    ui.diff = el("pre", { className: "difftext", id: "diff-text", hidden: true });
    // The editor lives in a shadow root: CodeMirror then gives its styles
    // to the root as a constructed style sheet (adoptedStyleSheets), which
    // the page's Content-Security-Policy (style-src 'self') allows, where
    // it would otherwise add a <style> element, which that policy refuses.
    const host = el("div", { className: "editor", id: "editor" });
    const shadow = host.attachShadow({ mode: "open" });
    const inner = document.createElement("div");
    shadow.append(inner);
    fill(root,
        el("div", { className: "toolbar" },
            el("label", {}, "Regelfil ", ui.file),
            el("button", { onclick: format, id: "format" }, "Formatera"),
            el("button", { onclick: () => save(false), id: "save", className: "primary", title: "Ctrl+S" }, "Spara"),
            el("button", { onclick: undoSave, id: "undo-save" }, "Ångra sparande"),
            el("button", { onclick: showDiff, id: "diff" }, "Skillnader"),
            ui.dirty),
        ui.conflict,
        el("div", { className: "split" },
            host,
            el("aside", { className: "side" },
                el("h2", {}, "Meddelanden"), ui.count, ui.list,
                ui.diff)));
    view = new EditorView({
        parent: inner,
        root: shadow,
        state: editorState(""),
    });
    // Leaving the page with unsaved changes asks first.
    window.addEventListener("beforeunload", (ev) => {
        if (path && text() !== savedText) ev.preventDefault();
    });
    onChange((c) => {
        if ("files" in c) fillFiles();
        if ("rules" in c && c.rules && c.rules !== path) open(c.rules);
    });
}

// The underlines are text decorations rather than CodeMirror's default
// data: images, which the page's policy (no img-src data:) would refuse.
const theme = EditorView.theme({
    "&": { height: "70vh", backgroundColor: "#fff" },
    ".cm-scroller": { fontFamily: 'ui-monospace, "DejaVu Sans Mono", monospace', fontSize: "14px" },
    ".cm-lintRange": { backgroundImage: "none", paddingBottom: "0" },
    ".cm-lintRange-error": { textDecoration: "underline wavy #b3261e", textDecorationSkipInk: "none" },
    ".cm-lintRange-warning": { textDecoration: "underline wavy #8a5a00", textDecorationSkipInk: "none" },
    ".cm-lintRange-info, .cm-lintRange-hint": { textDecoration: "underline dotted #1f5fa8" },
});

function editorState(text) {
    return EditorState.create({
        doc: text,
        extensions: [
            lineNumbers(), highlightActiveLineGutter(), highlightActiveLine(), drawSelection(), history(),
            bracketMatching(), highlightSelectionMatches(), theme,
            indentUnit.of("    "),
            syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
            medel,
            keymap.of([{ key: "Mod-s", preventDefault: true, run: () => { save(false); return true; } },
                ...defaultKeymap, ...historyKeymap, ...searchKeymap, ...lintKeymap, indentWithTab]),
            EditorView.lineWrapping,
            EditorView.updateListener.of((u) => {
                if (u.docChanged) changed();
            }),
        ],
    });
}

function fillFiles() {
    const files = [...filesOf("rules"), ...filesOf("scenarios"), ...filesOf("tests")];
    fill(ui.file, ...files.map((p) => el("option", { value: p, selected: p === path }, p)));
}

function text() {
    return view.state.doc.toString();
}

function showDirty() {
    const dirty = text() !== savedText;
    ui.dirty.textContent = dirty ? "Ändrad, inte sparad" : "Sparad";
    ui.dirty.classList.toggle("unsaved", dirty);
}

async function open(p) {
    if (path && p !== path && text() !== savedText &&
        !confirm(`Du har ändringar i ${path} som inte är sparade. Vill du lämna dem?`)) {
        ui.file.value = path;
        return;
    }
    try {
        const r = await get("/api/file", { path: p });
        load(r.path, r.text, r.version);
        if (state.rules !== p && filesOf("rules").includes(p)) set({ rules: p });
    } catch (e) {
        say(messageOf(e), true);
    }
}

function load(p, t, v) {
    const same = p === path;
    path = p;
    version = v;
    savedText = t;
    if (same) {
        // The same file read again (after a conflict or an undo): one
        // change, which Ctrl+Z takes back to the text that was here.
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: t } });
    } else {
        view.setState(editorState(t));
    }
    ui.file.value = p;
    hideConflict();
    ui.diff.hidden = true;
    showDirty();
    validate();
}

const validateSoon = debounce(validate, 350);

function changed() {
    showDirty();
    validateSoon();
}

async function validate() {
    if (!path) return;
    const mine = ++seq;
    const t = text();
    let r;
    try {
        r = await post("/api/validate", { path, text: t });
    } catch (e) {
        if (mine === seq) say(messageOf(e), true);
        return;
    }
    // An answer for a text that has changed since is thrown away: its
    // spans point into the old text.
    if (mine !== seq || t !== text()) return;
    showDiagnostics(r, t);
}

// A span (start_byte, end_byte) of t in the editor's positions, or null.
function fixSpan(d, t) {
    if (typeof d.fix_start_byte !== "number" || typeof d.fix_end_byte !== "number") return null;
    const from = byteToPos(t, d.fix_start_byte);
    return { from, to: Math.max(from, byteToPos(t, d.fix_end_byte)) };
}

function span(d, t) {
    if (d.start_byte === null || d.start_byte === undefined) return null;
    const from = byteToPos(t, d.start_byte);
    const to = Math.max(from, byteToPos(t, d.end_byte ?? d.start_byte));
    return { from, to };
}

function showDiagnostics(report, t) {
    const all = [];
    for (const f of report.files || []) {
        for (const d of f.diagnostics) all.push({ d, here: d.file === path || (d.file === f.path && f.path === path) });
    }
    const cm = [];
    fill(ui.list);
    let errors = 0;
    let warnings = 0;
    for (const { d, here } of all) {
        if (d.severity === "error") errors++;
        else warnings++;
        const s = here ? span(d, t) : null;
        const actions = [];
        // The fix replaces its own bytes, which may be more than the
        // underlined word ("13 till 19" becomes "13..19").
        const fs = here && typeof d.fix === "string" ? fixSpan(d, t) : null;
        if (s && fs) {
            actions.push({ name: `Ändra till '${d.fix}'`, apply: (v) => applyFix(v, fs.from, fs.to, d.fix) });
        }
        if (s) {
            cm.push({ from: s.from, to: s.to, severity: d.severity, message: d.message, actions });
        }
        ui.list.append(item(d, s, t, actions));
    }
    ui.count.textContent = all.length === 0 ? "Inga fel eller varningar." :
        `${errors} fel, ${warnings} ${warnings === 1 ? "varning" : "varningar"}`;
    ui.count.classList.toggle("ok", all.length === 0);
    view.dispatch(setDiagnostics(view.state, cm));
}

function applyFix(v, from, to, fix) {
    v.dispatch({ changes: { from, to, insert: fix }, selection: { anchor: from + fix.length } });
    v.focus();
}

function where(x) {
    if (x.line === null || x.line === undefined) return x.file || "";
    return (x.file && x.file !== path ? x.file + ":" : "rad ") + x.line + ":" + x.column;
}

function item(d, s, t, actions) {
    const li = el("li", { className: d.severity },
        el("span", { className: "sev" }, d.severity === "error" ? "fel" : "varning"), " ",
        el("button", { className: "link", onclick: () => s && goto(s), disabled: !s }, where(d)), " ",
        el("span", { className: "msg" }, d.message),
        d.scenario ? el("span", { className: "scen" }, ` (scenario ${d.scenario})`) : null);
    for (const a of actions) {
        li.append(" ", el("button", {
            className: "fix",
            onclick: () => {
                // The span as it is now: it was computed for the text at
                // validation, and the button is only shown for that text.
                a.apply(view);
            },
        }, a.name));
    }
    if (d.notes && d.notes.length) {
        const ul = el("ul", { className: "notes" });
        for (const n of d.notes) {
            const here = n.file === path;
            const ns = here ? span(n, t) : null;
            ul.append(el("li", {},
                el("button", { className: "link", onclick: () => ns && goto(ns), disabled: !ns }, where(n)), " ",
                n.message));
        }
        li.append(ul);
    }
    return li;
}

function goto(s) {
    view.dispatch({ selection: { anchor: s.from, head: s.to }, scrollIntoView: true });
    view.focus();
}

async function format() {
    try {
        const r = await post("/api/format", { path, text: text() });
        if (r.text !== text()) {
            view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: r.text } });
            say("Formaterad.");
        } else {
            say("Filen var redan formaterad.");
        }
    } catch (e) {
        say(e instanceof ApiError && e.status === 422 ?
            "Filen har fel och kan inte formateras: " + (e.body.messages || e.message) : messageOf(e), true);
    }
}

async function save(overwrite) {
    const t = text();
    try {
        const r = await send("PUT", "/api/file", { path, text: t, version: overwrite || version });
        version = r.version;
        savedText = t;
        hideConflict();
        showDirty();
        say(r.errors ? `Sparad, med ${r.errors} fel kvar i filen.` : "Sparad.");
        await loadFiles();
        set({ saved: path });   // the other tabs compute again from the saved file
    } catch (e) {
        if (e instanceof ApiError && e.status === 409) showConflict(e.body.version);
        else say(messageOf(e), true);
    }
}

function showConflict(current) {
    fill(ui.conflict,
        el("p", {}, `Filen ${path} har ändrats någon annanstans sedan du öppnade den. Din text är inte sparad.`),
        el("button", { onclick: () => { hideConflict(); reload(); } }, "Läs in filen på nytt (dina ändringar försvinner)"),
        el("button", { onclick: hideConflict }, "Fortsätt redigera"),
        current ? el("button", { onclick: () => save(current) }, "Spara min text ändå") : null);
    ui.conflict.hidden = false;
}

function hideConflict() {
    ui.conflict.hidden = true;
}

async function reload() {
    try {
        const r = await get("/api/file", { path });
        load(r.path, r.text, r.version);
        say("Inläst på nytt.");
    } catch (e) {
        say(messageOf(e), true);
    }
}

async function undoSave() {
    if (text() !== savedText && !confirm("Ändringarna som inte är sparade försvinner. Ångra det senaste sparandet?")) return;
    try {
        const r = await post("/api/undo", { path, version });
        load(r.path, r.text, r.version);
        say("Det senaste sparandet är ångrat.");
        await loadFiles();
        set({ saved: path });
    } catch (e) {
        if (e instanceof ApiError && e.status === 404) say("Det finns inget tidigare sparande att ångra.", true);
        else if (e instanceof ApiError && e.status === 409) showConflict(e.body.version);
        else say(messageOf(e), true);
    }
}

async function showDiff() {
    try {
        const r = await post("/api/diff", { path, text: text() });
        ui.diff.textContent = r.extends === null ? "Filen utökar ingen annan fil." :
            `Skillnader mot ${r.extends}:\n\n${r.text}`;
        ui.diff.hidden = false;
    } catch (e) {
        say(messageOf(e), true);
    }
}
