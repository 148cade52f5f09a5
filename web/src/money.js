// money.js: amounts and text positions. Amounts are integer öre (BigInt
// here): no floating point near an amount.

function groups(digits) {
    // "35000000" → "35 000 000"
    let out = "";
    for (let i = 0; i < digits.length; i++) {
        if (i > 0 && (digits.length - i) % 3 === 0) out += " ";
        out += digits[i];
    }
    return out;
}

// kr(350000000) → "3 500 000 kr"; kr(12345) → "123,45 kr"; null → "–".
// sign: true writes "+" before a positive amount (differences).
export function kr(ore, sign = false) {
    if (ore === null || ore === undefined) return "–";
    let v = BigInt(ore);
    const neg = v < 0n;
    if (neg) v = -v;
    const whole = groups((v / 100n).toString());
    const cents = v % 100n;
    const s = whole + (cents ? "," + cents.toString().padStart(2, "0") : "") + " kr";
    if (neg) return "−" + s;
    return sign && v > 0n ? "+" + s : s;
}

export function diff(a, b) {
    if (a === null || a === undefined || b === null || b === undefined) return null;
    return BigInt(b) - BigInt(a);
}

// A UTF-8 byte offset of text → its UTF-16 position (what the editor
// counts). An offset inside a character maps to its start; past the end,
// to the end.
export function byteToPos(text, byte) {
    let b = 0;
    let i = 0;
    while (i < text.length) {
        const cp = text.codePointAt(i);
        const n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        if (b + n > byte) return i;
        b += n;
        i += cp > 0xffff ? 2 : 1;
    }
    return text.length;
}

// Today as YYYY-MM-DD in local time.
export function today() {
    const d = new Date();
    const p = (n) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
