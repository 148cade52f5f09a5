// main.js: the workbench page of medel serve: four tabs sharing the
// chosen files (state.js).
import { initEditor } from "./editor.js";
import { initApplications } from "./applications.js";
import { initAllocation } from "./allocation.js";
import { initWhatif } from "./whatif.js";
import { state, loadFiles, say, onChange } from "./state.js";
import { messageOf } from "./api.js";

function tabs() {
    const buttons = document.querySelectorAll("#tabs [role=tab]");
    for (const b of buttons) {
        b.addEventListener("click", () => {
            for (const o of buttons) {
                const on = o === b;
                o.setAttribute("aria-selected", String(on));
                document.getElementById(o.dataset.tab).hidden = !on;
            }
        });
    }
}

function start() {
    tabs();
    initEditor(document.getElementById("regelfil"));
    initApplications(document.getElementById("ansokningar"));
    initAllocation(document.getElementById("fordelning"));
    initWhatif(document.getElementById("vadhander"));
    onChange(() => {
        document.getElementById("folder").textContent = [state.folder, state.rules, state.applications, state.assessments]
            .filter(Boolean).join(" · ");
    });
    loadFiles().catch((e) => say(messageOf(e), true));
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
