// charts.js: small SVG charts drawn here (no chart library). Amounts are
// integer öre; they are turned into pixels only at the end, as a ratio of
// BigInts, so no amount is ever a float.
import { svg } from "./dom.js";
import { kr } from "./money.js";

// px(v, max, width): v/max of width, rounded, for BigInt v and max.
function px(v, max, width) {
    if (max <= 0n) return 0;
    return Number((v * BigInt(width) + max / 2n) / max);
}

// Bars: rows [{label, values: [öre|null, …]}], series [name, …]: one group
// of horizontal bars per row, one bar per series.
export function bars(title, series, rows) {
    const W = 640, left = 200, right = 110, bar = 12, gap = 10;
    const h = rows.length * (series.length * bar + gap) + 40;
    let max = 0n;
    for (const r of rows) for (const v of r.values) if (v !== null && BigInt(v) > max) max = BigInt(v);
    const s = svg("svg", { viewBox: `0 0 ${W} ${h}`, width: W, height: h, role: "img", class: "chart bars" },
        svg("title", {}, title));
    let y = 10;
    for (const r of rows) {
        s.append(svg("text", { x: left - 6, y: y + bar, "text-anchor": "end", class: "label" }, r.label));
        r.values.forEach((v, i) => {
            const w = v === null ? 0 : px(BigInt(v), max, W - left - right);
            s.append(svg("rect", { x: left, y, width: Math.max(w, 1), height: bar - 2, class: "s" + i },
                svg("title", {}, `${r.label}, ${series[i]}: ${kr(v)}`)));
            s.append(svg("text", { x: left + w + 4, y: y + bar - 2, class: "value" }, kr(v)));
            y += bar;
        });
        y += gap;
    }
    const key = svg("g", { class: "key" });
    series.forEach((name, i) => {
        key.append(svg("rect", { x: left + i * 160, y: h - 22, width: 10, height: 10, class: "s" + i }),
            svg("text", { x: left + i * 160 + 14, y: h - 13 }, name));
    });
    s.append(key);
    return s;
}

// Lines: xs [öre], lines [{name, values: [öre]}] against the swept amount.
export function lines(title, xs, series) {
    const W = 640, H = 300, l = 110, r = 20, t = 16, b = 60;
    let ymax = 0n;
    for (const s of series) for (const v of s.values) if (BigInt(v) > ymax) ymax = BigInt(v);
    if (ymax === 0n) ymax = 1n;
    const x0 = BigInt(xs[0]);
    const xspan = BigInt(xs[xs.length - 1]) - x0 || 1n;
    const X = (v) => l + px(BigInt(v) - x0, xspan, W - l - r);
    const Y = (v) => t + (H - t - b) - px(BigInt(v), ymax, H - t - b);
    const out = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img", class: "chart sweep" },
        svg("title", {}, title),
        svg("line", { x1: l, y1: H - b, x2: W - r, y2: H - b, class: "axis" }),
        svg("line", { x1: l, y1: t, x2: l, y2: H - b, class: "axis" }),
        svg("text", { x: l - 4, y: t + 4, "text-anchor": "end", class: "tick" }, kr(ymax)),
        svg("text", { x: l - 4, y: H - b, "text-anchor": "end", class: "tick" }, "0 kr"),
        svg("text", { x: l, y: H - b + 16, class: "tick" }, kr(xs[0])),
        svg("text", { x: W - r, y: H - b + 16, "text-anchor": "end", class: "tick" }, kr(xs[xs.length - 1])));
    series.forEach((s, i) => {
        const pts = s.values.map((v, j) => `${X(xs[j])},${Y(v)}`).join(" ");
        out.append(svg("polyline", { points: pts, class: "line s" + i }));
        s.values.forEach((v, j) => out.append(svg("circle", { cx: X(xs[j]), cy: Y(v), r: 3, class: "s" + i },
            svg("title", {}, `${kr(xs[j])}: ${s.name} ${kr(v)}`))));
    });
    const key = svg("g", { class: "key" });
    series.forEach((s, i) => {
        key.append(svg("rect", { x: l + i * 160, y: H - 24, width: 10, height: 10, class: "s" + i }),
            svg("text", { x: l + i * 160 + 14, y: H - 15 }, s.name));
    });
    out.append(key);
    return out;
}
