// dom.js: building elements. Every text from a file or the server goes in
// as a text node, never as markup: nothing here parses HTML.

// el("td", {className: "x", onclick: f}, "text", child…): an element with
// properties set (on… as listeners, dataset via data) and children
// appended; strings and numbers become text nodes; null and false are
// skipped.
export function el(tag, props, ...children) {
    const e = document.createElement(tag);
    setProps(e, props);
    append(e, children);
    return e;
}

const SVG = "http://www.w3.org/2000/svg";

// svg("rect", {x: 1, …}, …children): an SVG element; attributes as given.
export function svg(tag, attrs, ...children) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) {
        if (v !== null && v !== undefined) e.setAttribute(k, String(v));
    }
    append(e, children);
    return e;
}

function setProps(e, props) {
    for (const [k, v] of Object.entries(props || {})) {
        if (v === null || v === undefined) continue;
        if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
        else if (k === "data") Object.assign(e.dataset, v);
        else if (k in e) e[k] = v;
        else e.setAttribute(k, v);
    }
}

function append(e, children) {
    for (const c of children.flat(Infinity)) {
        if (c === null || c === undefined || c === false) continue;
        e.append(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
}

// Replaces an element's children.
export function fill(e, ...children) {
    e.replaceChildren();
    append(e, children);
    return e;
}

// A <select> of options [value, label]; selected: the value to select.
export function select(props, options, selected) {
    const s = el("select", props);
    for (const [value, label] of options) {
        const o = el("option", { value }, label);
        if (value === selected) o.selected = true;
        s.append(o);
    }
    return s;
}

export function debounce(f, ms) {
    let t = null;
    return (...args) => {
        clearTimeout(t);
        t = setTimeout(() => f(...args), ms);
    };
}
