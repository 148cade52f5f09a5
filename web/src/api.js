// api.js: the calls to /api/* (docs/api.md). The access token is the
// cookie the server set at the first visit, sent by the browser itself.

export class ApiError extends Error {
    constructor(status, body) {
        super(body && body.error ? body.error : `fel ${status}`);
        this.status = status;
        this.body = body || {};
    }
}

async function answer(r) {
    let body = null;
    const type = r.headers.get("Content-Type") || "";
    if (type.includes("json")) body = await r.json();
    else body = { error: (await r.text()) || `fel ${r.status}` };
    if (!r.ok) throw new ApiError(r.status, body);
    return body;
}

export async function get(path, params) {
    const q = params ? "?" + new URLSearchParams(params).toString() : "";
    return answer(await fetch(path + q, { credentials: "same-origin" }));
}

export async function send(method, path, body) {
    return answer(await fetch(path, {
        method,
        credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
    }));
}

export const post = (path, body) => send("POST", path, body);

export async function upload(file) {
    return answer(await fetch("/api/upload?" + new URLSearchParams({ name: file.name }), {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/octet-stream" },
        body: file,
    }));
}

// The address of a download (an <a href>): kind and the inputs.
export function downloadUrl(kind, params) {
    const p = new URLSearchParams({ kind });
    for (const [k, v] of Object.entries(params)) if (v) p.set(k, v);
    return "/api/download?" + p.toString();
}

// The message of an error answer, with what the command wrote on stderr.
export function messageOf(e) {
    if (!(e instanceof ApiError)) return String(e && e.message ? e.message : e);
    const m = e.body.messages ? "\n" + e.body.messages : "";
    return e.message + m;
}
