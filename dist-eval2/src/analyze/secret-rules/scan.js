/**
 * Linear-time building blocks for the secret rules: character classes as code-unit tests,
 * maximal runs, prefixed tokens, and the name or words around a value. Nothing here runs a
 * regex on more than a bounded slice of the text, and a run is measured once however many
 * candidates start inside it (the `RunCache`), so a hostile text (ten megabytes of base64,
 * `sk-sk-sk-…`, a million hex digits) costs a bounded number of reads per character.
 */
export const isDigit = (c) => c >= 0x30 && c <= 0x39;
export const isUpper = (c) => c >= 0x41 && c <= 0x5a;
export const isLower = (c) => c >= 0x61 && c <= 0x7a;
export const isAlnum = (c) => isDigit(c) || isUpper(c) || isLower(c);
/** `[A-Za-z0-9_]`. */
export const isWord = (c) => isAlnum(c) || c === 0x5f;
/** `[A-Za-z0-9_-]`: base64url and most provider token bodies. */
export const isWordDash = (c) => isWord(c) || c === 0x2d;
/** `[A-Za-z0-9-]`. */
export const isAlnumDash = (c) => isAlnum(c) || c === 0x2d;
export const isHex = (c) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
export const isLowerHex = (c) => isDigit(c) || (c >= 0x61 && c <= 0x66);
/** `[A-Za-z0-9+/=]`: standard base64. */
export const isBase64 = (c) => isAlnum(c) || c === 0x2b || c === 0x2f || c === 0x3d;
/** Bitcoin's base58 alphabet: alphanumerics without `0`, `O`, `I`, `l`. */
export const isBase58 = (c) => isAlnum(c) && c !== 0x30 && c !== 0x4f && c !== 0x49 && c !== 0x6c;
export const isSpace = (c) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
/** A test for the ASCII characters of `chars`, by table. */
export function charSet(chars) {
    const table = new Uint8Array(128);
    for (let i = 0; i < chars.length; i++)
        table[chars.charCodeAt(i)] = 1;
    return (c) => c < 128 && table[c] === 1;
}
/** End of the maximal run of `test` characters starting at `start`. */
export function runEnd(text, start, test) {
    let end = start;
    while (end < text.length && test(text.charCodeAt(end)))
        end++;
    return end;
}
/** Start of the maximal run of `test` characters ending at `end` (exclusive). */
export function runStart(text, end, test, limit = Infinity) {
    let start = end;
    const floor = Math.max(0, end - limit);
    while (start > floor && test(text.charCodeAt(start - 1)))
        start--;
    return start;
}
/**
 * Remembers the last maximal run measured for one character class, so that candidates starting
 * inside it (`sk-sk-sk-…`) are answered without reading the run again.
 */
export class RunCache {
    text;
    test;
    start = -1;
    end = -1;
    constructor(text, test) {
        this.text = text;
        this.test = test;
    }
    /** End of the maximal run of the class that starts at `from`. */
    endFrom(from) {
        if (from >= this.start && from < this.end)
            return this.end;
        const end = runEnd(this.text, from, this.test);
        if (end > from) {
            this.start = from;
            this.end = end;
        }
        return end;
    }
}
/**
 * Maximal runs of at least `min` characters `test` accepts, in order, each passed to `visit`.
 * Reads one character in `min` where runs are short: a run that long must cover the character
 * `min` − 1 places ahead.
 */
export function forEachRun(text, min, test, visit) {
    let i = 0;
    while (i + min - 1 < text.length) {
        const probe = i + min - 1;
        if (!test(text.charCodeAt(probe))) {
            i = probe + 1;
            continue;
        }
        let start = probe;
        while (start > i && test(text.charCodeAt(start - 1)))
            start--;
        const end = runEnd(text, probe + 1, test);
        if (end - start >= min)
            visit(start, end);
        i = end + 1;
    }
}
/** Every index of `needle` in `text`, in order (non-overlapping is not required). */
export function* indexesOf(text, needle) {
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1))
        yield at;
}
/**
 * Characters most token prefixes end in. Their positions are listed once per text and shared by
 * every prefix that holds one (`ghp_`, `sk-`, `SG.`), instead of one `indexOf` pass per prefix.
 */
const ANCHORS = ['_', '-', '.'];
let anchorText;
const anchorPositions = new Map();
function positionsOf(text, anchor) {
    if (anchorText !== text) {
        anchorText = text;
        anchorPositions.clear();
    }
    let positions = anchorPositions.get(anchor);
    if (positions === undefined) {
        positions = [];
        for (let at = text.indexOf(anchor); at !== -1; at = text.indexOf(anchor, at + 1)) {
            positions.push(at);
        }
        anchorPositions.set(anchor, positions);
    }
    return positions;
}
/** Forgets the anchor positions of the last text (so that a large text is not kept alive). */
export function releaseAnchors() {
    anchorText = undefined;
    anchorPositions.clear();
}
/** Below this length a text is searched with one `indexOf` per prefix; above it, by anchors. */
const ANCHOR_MIN_LENGTH = 65_536;
/** Per prefix: its last anchor character and where it stands in the prefix (-1: none). */
const prefixAnchors = new Map();
const NO_ANCHOR = ['', -1];
function anchorOf(prefix) {
    let found = prefixAnchors.get(prefix);
    if (found === undefined) {
        found = ['', -1];
        for (const anchor of ANCHORS) {
            const at = prefix.lastIndexOf(anchor);
            if (at > found[1])
                found = [anchor, at];
        }
        prefixAnchors.set(prefix, found);
    }
    return found;
}
/** Finds the tokens of a {@link TokenFormat}: each prefix located once, each body run read once. */
export function findTokens(text, format, report) {
    let cache;
    const notAfter = format.notAfter ?? isWord;
    for (const prefix of format.prefixes) {
        let next = 0;
        const visit = (at) => {
            if (at < next)
                return;
            next = at + 1;
            if (at > 0 && notAfter(text.charCodeAt(at - 1)))
                return;
            const bodyStart = at + prefix.length;
            cache ??= new RunCache(text, format.body);
            const end = cache.endFrom(bodyStart);
            const length = end - bodyStart;
            if (length >= format.min && length <= format.max) {
                if (format.shape === undefined || format.shape.test(text.slice(at, end))) {
                    report(at, end);
                }
                // One shape check per run: a later prefix inside it ends where this one did.
                next = end;
            }
        };
        const [anchor, offset] = text.length < ANCHOR_MIN_LENGTH ? NO_ANCHOR : anchorOf(prefix);
        if (offset === -1) {
            for (let at = text.indexOf(prefix); at !== -1; at = text.indexOf(prefix, Math.max(at + 1, next))) {
                visit(at);
            }
        }
        else {
            // The character before the anchor first: most anchors are not this prefix's.
            const before = offset > 0 ? prefix.charCodeAt(offset - 1) : -1;
            for (const position of positionsOf(text, anchor)) {
                const start = position - offset;
                if (start < next || start < 0)
                    continue;
                if (before !== -1 && text.charCodeAt(position - 1) !== before)
                    continue;
                if (text.startsWith(prefix, start))
                    visit(start);
            }
        }
    }
}
/** `[A-Za-z0-9_.-]`: the characters of a variable, key or flag name. */
const isNameChar = (c) => isWord(c) || c === 0x2d || c === 0x2e;
/**
 * The name a value at `index` is assigned to, reading back over a quote, spaces and one `:`,
 * `=`, `:=` or `=>` to a name (`"privateKey": "…`, `SECRET=…`, `--token=…`); undefined when
 * the value is not preceded by one. Reads at most 72 characters back.
 */
export function nameBefore(text, index) {
    let i = index;
    const stop = Math.max(0, index - 8);
    while (i > stop && (text[i - 1] === '"' || text[i - 1] === "'" || text[i - 1] === ' '))
        i--;
    let operator = false;
    while (i > stop && ':=>'.includes(text[i - 1] ?? '')) {
        i--;
        operator = true;
    }
    if (!operator)
        return undefined;
    while (i > stop && (text[i - 1] === '"' || text[i - 1] === "'" || text[i - 1] === ' '))
        i--;
    const start = runStart(text, i, isNameChar, 64);
    return start < i ? text.slice(start, i) : undefined;
}
/** The text around [start, end): `before` characters before it and `after` after it. */
export function around(text, start, end, before = 64, after = 64) {
    return {
        before: text.slice(Math.max(0, start - before), start),
        after: text.slice(end, Math.min(text.length, end + after)),
    };
}
/** Bits of entropy per character of a string, over its code units (fast; for long runs). */
export function codeUnitEntropy(text, start = 0, end = text.length) {
    const length = end - start;
    if (length <= 0)
        return 0;
    const counts = new Map();
    for (let i = start; i < end; i++) {
        const c = text.charCodeAt(i);
        counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    let entropy = 0;
    for (const count of counts.values()) {
        const p = count / length;
        entropy -= p * Math.log2(p);
    }
    return entropy;
}
