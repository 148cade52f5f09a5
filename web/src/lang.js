// lang.js: the medel rule language for CodeMirror, as a StreamLanguage.
// The keywords come from lang/keywords.h at build time (build.mjs makes the
// module medel:keywords), so a keyword added to the scanner is painted here
// without a change to this file.
import { StreamLanguage } from "@codemirror/language";
import { TOKENS, APPROX } from "medel:keywords";

// The token kinds of keywords.h, by what they do in a rule file; every
// other token is a plain keyword.
const KIND = {
    AGREEMENT: "definitionKeyword", FOCUS_AREAS: "definitionKeyword", APPLICATION: "definitionKeyword",
    TABLE: "definitionKeyword", POT: "definitionKeyword", CRITERION: "definitionKeyword",
    PRIORITY: "definitionKeyword", PORTFOLIO: "definitionKeyword", SCENARIO: "definitionKeyword",
    TEST: "definitionKeyword", FIELD: "definitionKeyword",
    CHANGE: "modifier", REMOVE: "modifier", EXTENDS: "modifier",
    IF: "controlKeyword", THEN: "controlKeyword", ELSE: "controlKeyword",
    AND: "operatorKeyword", OR: "operatorKeyword", NOT: "operatorKeyword", IN: "operatorKeyword",
    NOT_IN: "operatorKeyword", IS: "operatorKeyword", IS_NOT: "operatorKeyword", WITHIN: "operatorKeyword",
    OVERLAPS: "operatorKeyword", CONTAINS: "operatorKeyword", INTERSECT: "operatorKeyword", OF: "operatorKeyword",
    TRUE: "bool", FALSE: "bool",
    TEXT_T: "typeName", INTEGER_T: "typeName", YESNO_T: "typeName", RANGE_T: "typeName", SET: "typeName",
};
// A declaration keyword names what follows it (pott kommunerna).
const NAMES_NEXT = new Set(["AGREEMENT", "TABLE", "POT", "CRITERION", "PRIORITY", "PORTFOLIO",
    "SCENARIO", "TEST", "FIELD"]);

const WORD = /^[\p{L}_][\p{L}\p{N}_]*/u;
const single = new Map();
const multi = [];   // [regexp, token], the longest spellings first
for (const [token, spelling] of TOKENS) {
    for (const part of spelling.split("/")) {
        if (part.includes(" ")) {
            const words = part.split(" ").map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
            multi.push([new RegExp("^" + words.join("[ \\t\\u00a0]+") + "(?![\\p{L}\\p{N}_])", "u"), token, part.length]);
        } else if (!single.has(part)) {
            single.set(part, token);
        }
    }
}
multi.sort((a, b) => b[2] - a[2]);
const approx = new Set(APPROX);

const NUMBER = /^(?:\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:,\d+)?/;
const UNIT = /^[ \u00a0]*(?:miljoner[ \u00a0]+(?:kronor|kr)|MSEK|TSEK|tkr|Mkr|SEK|kronor|Kronor|kr|Kr|öre|:-|%|procent)(?![\p{L}\p{N}_])/u;
const OPERATOR = /^(?:\.\.|>=|<=|!=|==|[≤≥≠=<>+\-–−*/|:])/;

function kindOf(token) {
    return KIND[token] || "keyword";
}

function string(stream, close) {
    let escaped = false;
    let c;
    while ((c = stream.next()) != null) {
        if (c === close && !escaped) return "string";
        escaped = !escaped && c === "\\";
    }
    return "string";
}

export const medel = StreamLanguage.define({
    name: "medel",
    startState: () => ({ nameNext: false }),
    token(stream, state) {
        if (stream.eatSpace()) return null;
        const ch = stream.peek();
        if (ch === "#") {
            stream.skipToEnd();
            return "comment";
        }
        if (ch === '"') {
            stream.next();
            return string(stream, '"');
        }
        if (ch === "“") {
            stream.next();
            return string(stream, "”");
        }
        if (stream.match(NUMBER)) {
            state.nameNext = false;
            stream.match(UNIT);
            return "number";
        }
        for (const [re, token] of multi) {
            if (stream.match(re)) {
                state.nameNext = NAMES_NEXT.has(token);
                return kindOf(token);
            }
        }
        const m = stream.match(WORD);
        if (m) {
            const w = m[0];
            if (state.nameNext) {
                state.nameNext = false;
                return "variableName.definition";
            }
            if (single.has(w)) {
                const token = single.get(w);
                // "pott" names a pot after it, except in 'ändra pott' and
                // 'ta_bort villkor', which name one too.
                state.nameNext = NAMES_NEXT.has(token);
                return kindOf(token);
            }
            if (approx.has(w)) return "keyword";
            if (stream.match(/^[ \t]*:(?!-)/, false)) return "propertyName";
            return "variableName";
        }
        if (stream.match(OPERATOR)) return "operator";
        if (stream.match(/^[{}]/)) return "brace";
        if (stream.match(/^[()]/)) return "paren";
        stream.next();
        return null;
    },
    languageData: { commentTokens: { line: "#" } },
});
