// allocation.js: the Fördelning tab: the pot tree with amounts, the
// decisions per pot, the conservation check and the downloads.
import { el, fill } from "./dom.js";
import { post, downloadUrl, messageOf } from "./api.js";
import { kr } from "./money.js";
import { state, onChange, inputs } from "./state.js";

const ui = {};
const unfolded = new Set();   // the pots whose sub-pots are shown, kept across runs
const STATUS = {
    full: "beviljas helt", partial: "beviljas delvis", not_reached: "pengarna räckte inte",
    below_minimum: "under lägsta bidraget", no_route: "ingen delpott", payout: "utbetalning till delpotten",
};

export function initAllocation(root) {
    ui.check = el("p", { className: "conservation", id: "conservation" });
    ui.downloads = el("p", { className: "downloads", id: "downloads" });
    ui.tree = el("table", { className: "data", id: "pot-tree" });
    ui.grants = el("div", { id: "grants" });
    ui.messages = el("pre", { className: "messages", hidden: true });
    fill(root,
        el("div", { className: "toolbar" }, el("button", { onclick: allocate, id: "allocate" }, "Fördela på nytt")),
        ui.check, ui.downloads, ui.messages,
        el("h2", {}, "Potterna"), ui.tree,
        el("h2", {}, "Beslut per pott"), ui.grants);
    onChange((c) => {
        if ("potParents" in c && last) show(last);
        // A saved rule file changes the pots and the decisions: allocate again.
        if (("rules" in c || "applications" in c || "assessments" in c || "saved" in c) && state.rules && state.applications) allocate();
    });
}

let last = null;   // the allocation shown
let seq = 0;   // the latest allocation asked for: an older answer is dropped

export async function allocate() {
    drawDownloads();
    const mine = ++seq;
    try {
        const r = await post("/api/allocate", inputs());
        if (mine !== seq) return;
        show(r.report);
        ui.messages.textContent = r.messages || "";
        ui.messages.hidden = !r.messages;
    } catch (e) {
        if (mine !== seq) return;
        fill(ui.tree);
        fill(ui.grants);
        ui.check.textContent = "";
        ui.messages.textContent = messageOf(e);
        ui.messages.hidden = false;
    }
}

function drawDownloads() {
    const p = inputs();
    fill(ui.downloads, "Ladda ner: ",
        el("a", { href: downloadUrl("workbook", p), id: "dl-workbook", download: "" }, "beslutsarbetsboken (Excel)"), " · ",
        el("a", { href: downloadUrl("basis", p), id: "dl-basis", download: "" }, "beslutsunderlaget (HTML)"), " · ",
        el("a", { href: downloadUrl("letters", p), id: "dl-letters", download: "" }, "besluten till de sökande (zip)"));
}

// The depth of a pot in the tree: its parents in the rule file, then the
// sub-pots of a split (pott/delpott).
function depth(name) {
    if (name.includes("/")) return depth(name.slice(0, name.lastIndexOf("/"))) + 1;
    let d = 0;
    for (let p = state.potParents.get(name); p && d < 20; p = state.potParents.get(p)) d++;
    return d;
}

function show(r) {
    last = r;
    // The conservation check, in integer öre: everything there was is
    // granted or unallocated (or returned, when a pot says so).
    const total = BigInt(r.total_ore);
    const granted = BigInt(r.granted_ore);
    const left = BigInt(r.unallocated_ore);
    const returned = BigInt(r.returned_ore || 0);
    const ok = granted + left + returned === total;
    ui.check.textContent = `Totalt ${kr(total)} = beviljat ${kr(granted)} + ej fördelat ${kr(left)}` +
        (returned ? ` + återbetalas ${kr(returned)}` : "") +
        (ok ? ": stämmer på öret." : `: stämmer INTE (skillnad ${kr(total - granted - left - returned)}).`);
    ui.check.classList.toggle("bad", !ok);

    const children = new Map();
    for (const p of r.pots) {
        const parent = p.name.includes("/") ? p.name.slice(0, p.name.lastIndexOf("/")) : null;
        p._parent = parent;
    }
    const names = new Set(r.pots.map((p) => p.name));
    // What a pot and everything under it granted and left: a split pot
    // hands its money to its sub-pots and grants nothing itself, so its own
    // figures alone would read as if its recipients got nothing.
    const up = (n) => (n.includes("/") ? n.slice(0, n.lastIndexOf("/")) : state.potParents.get(n) || null);
    for (const p of r.pots) {
        p._granted = 0n;
        p._left = 0n;
    }
    const byName = new Map(r.pots.map((p) => [p.name, p]));
    for (const q of r.pots) {
        const g = BigInt(q.granted_ore), u = BigInt(q.unallocated_ore);
        for (let n = q.name, d = 0; n && d < 40; n = up(n), d++) {
            const a = byName.get(n);
            if (!a) continue;
            a._granted += g;
            a._left += u;
        }
    }
    const head = el("tr", {}, ...["Pott", "Belopp", "Till delpotter", "Beviljat (med delpotter)", "Ej fördelat (med delpotter)", "Prövade", "Beviljade"]
        .map((h) => el("th", { scope: "col" }, h)));
    const body = el("tbody");
    // Sub-pots (pott/delpott) are folded under their pot, which a button opens.
    for (const p of r.pots) {
        const sub = p._parent && names.has(p._parent);
        if (sub) {
            if (!children.has(p._parent)) children.set(p._parent, []);
            children.get(p._parent).push(p);
        }
    }
    for (const p of r.pots) {
        if (p._parent && names.has(p._parent)) continue;
        const kids = children.get(p.name) || [];
        const tr = potRow(p, kids.length);
        tr.firstChild.classList.add("depth" + Math.min(depth(p.name), 4));
        body.append(tr);
        const rows = kids.map((k) => potRow(k, 0, true));
        for (const k of rows) body.append(k);
        if (kids.length) {
            const b = tr.querySelector("button.fold");
            const show = (open) => {
                b.setAttribute("aria-expanded", String(open));
                b.textContent = (open ? "▾ " : "▸ ") + `${kids.length} delpotter`;
                for (const k of rows) k.hidden = !open;
            };
            show(unfolded.has(p.name));
            b.addEventListener("click", () => {
                const open = !unfolded.has(p.name);
                if (open) unfolded.add(p.name);
                else unfolded.delete(p.name);
                show(open);
            });
        }
    }
    fill(ui.tree, el("thead", {}, head), body);

    const byPot = new Map();
    for (const g of r.grants) {
        if (!byPot.has(g.pot)) byPot.set(g.pot, []);
        byPot.get(g.pot).push(g);
    }
    fill(ui.grants, ...[...byPot].map(([pot, gs]) => el("details", { className: "pot-grants", data: { pot } },
        el("summary", {}, `${pot}: ${gs.length} ${gs.length === 1 ? "ansökan" : "ansökningar"}, beviljat ` +
            kr(gs.reduce((s, g) => s + BigInt(g.granted_ore), 0n))),
        el("table", { className: "data" },
            el("thead", {}, el("tr", {}, ...["Rang", "Ansökan", "Poäng", "Sökt", "Efter tak", "Beviljat", ""]
                .map((h) => el("th", { scope: "col" }, h)))),
            el("tbody", {}, ...gs.map((g) => el("tr", {},
                el("td", { className: "num" }, g.rank), el("td", {}, g.application), el("td", { className: "num" }, g.score),
                el("td", { className: "num" }, kr(g.requested_ore)), el("td", { className: "num" }, kr(g.after_cap_ore)),
                el("td", { className: "num" }, kr(g.granted_ore)),
                el("td", {}, (STATUS[g.status] || g.status) + (g.capped ? ", sänkt till taket" : "")))))))));
    if (r.manual && r.manual.length) {
        ui.grants.append(el("h3", {}, "Att bedöma manuellt"), el("ul", {}, ...r.manual.map((m) => el("li", {},
            `${m.application} (${m.pot}${m.sub_pot ? "/" + m.sub_pot : ""}): `,
            m.undecided.map((u) => `${u.criterion}: ${u.reason}`).join("; ")))));
    }
}

function potRow(p, kids, sub = false) {
    return el("tr", { className: sub ? "sub" : "", data: { pot: p.name } },
        el("td", {}, sub ? el("span", { className: "indent" }, p.name) : p.name,
            kids ? el("button", { className: "fold link", "aria-expanded": "false" }, `▸ ${kids} delpotter`) : null),
        el("td", { className: "num" }, kr(p.amount_ore)),
        el("td", { className: "num" }, p.to_children_ore ? kr(p.to_children_ore) : ""),
        el("td", { className: "num" }, kr(p._granted ?? p.granted_ore)),
        el("td", { className: "num" }, kr(p._left ?? p.unallocated_ore)),
        el("td", { className: "num" }, p.considered),
        el("td", { className: "num" }, p.funded));
}
