/**
 * Name comparison for tool-name squatting: confusable skeletons (after Unicode TR39), bounded
 * Damerau-Levenshtein distance and script detection. Pure, no I/O.
 */
/**
 * Characters that look like a lower-case ASCII letter or digit, mapped to it. Chosen from the
 * Unicode confusables data (UTS #39 `confusables.txt`, https://www.unicode.org/Public/security/latest/confusables.txt):
 * the Cyrillic, Greek, Armenian, Cherokee and Latin-extension lines whose prototype is a single
 * ASCII letter. Upper-case look-alikes map to the lower case of the Latin letter they resemble,
 * because skeletons are compared case-insensitively (TR39 maps `I` to `l`; we do not, so that
 * `Insert` and `insert` keep one skeleton). Fullwidth and mathematical letters need no entry:
 * NFKD folds them first. `w` stays `w` (TR39 writes it `vv`); its look-alikes map to `w`.
 */
const CONFUSABLES = {
    // ASCII digits and symbols TR39 maps to letters.
    '0': 'o',
    '1': 'l',
    '|': 'l',
    // Cyrillic, small.
    а: 'a',
    с: 'c',
    ԁ: 'd',
    е: 'e',
    ҽ: 'e',
    һ: 'h',
    і: 'i',
    ј: 'j',
    к: 'k',
    ӏ: 'l',
    о: 'o',
    р: 'p',
    ԛ: 'q',
    г: 'r',
    ѕ: 's',
    т: 't',
    ц: 'u',
    ѵ: 'v',
    ԝ: 'w',
    ѡ: 'w',
    х: 'x',
    у: 'y',
    ү: 'y',
    // Cyrillic, capital.
    А: 'a',
    В: 'b',
    С: 'c',
    Е: 'e',
    Н: 'h',
    І: 'i',
    Ӏ: 'l',
    Ј: 'j',
    К: 'k',
    М: 'm',
    О: 'o',
    Р: 'p',
    Ѕ: 's',
    Т: 't',
    Ѵ: 'v',
    Ԝ: 'w',
    Х: 'x',
    У: 'y',
    Ү: 'y',
    // Greek, small.
    α: 'a',
    ς: 'c', // final sigma; NFKD also folds lunate sigma ϲ into it
    ι: 'i',
    ϳ: 'j',
    κ: 'k',
    ν: 'v',
    ο: 'o',
    σ: 'o',
    ρ: 'p',
    τ: 't',
    υ: 'u',
    γ: 'y',
    // Greek, capital.
    Α: 'a',
    Β: 'b',
    Ε: 'e',
    Ζ: 'z',
    Η: 'h',
    Ι: 'i',
    Κ: 'k',
    Μ: 'm',
    Ν: 'n',
    Ο: 'o',
    Ρ: 'p',
    Τ: 't',
    Υ: 'y',
    Χ: 'x',
    // Armenian.
    ց: 'g',
    հ: 'h',
    ո: 'n',
    օ: 'o',
    Օ: 'o',
    զ: 'q',
    ս: 'u',
    Ս: 'u',
    // Cherokee (capital letters only in practice).
    Ꭺ: 'a',
    Ᏼ: 'b',
    Ꮯ: 'c',
    Ꭰ: 'd',
    Ꭼ: 'e',
    Ꮐ: 'g',
    Ꮋ: 'h',
    Ꭻ: 'j',
    Ꮶ: 'k',
    Ꮮ: 'l',
    Ꮇ: 'm',
    Ꮲ: 'p',
    Ꮪ: 's',
    Ꭲ: 't',
    Ꮩ: 'v',
    Ꮃ: 'w',
    Ꮓ: 'z',
    // Latin extensions and IPA.
    ɑ: 'a',
    ᴄ: 'c',
    ɡ: 'g',
    ı: 'i',
    ɩ: 'i',
    ɪ: 'i',
    ᴏ: 'o',
    ƽ: 's',
    ꜱ: 's',
    ʋ: 'u',
    ᴜ: 'u',
    ᴠ: 'v',
    ᴡ: 'w',
    ʏ: 'y',
    ᴢ: 'z',
};
/**
 * Characters that render as nothing (Unicode Default_Ignorable_Code_Point): zero-width spaces and
 * joiners, bidi controls, the soft hyphen, variation selectors, Hangul fillers, tags.
 */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;
const COMBINING_MARKS = /\p{M}/gu;
/** Separators tool names use between words; one skeleton underscore stands for any run of them. */
const SEPARATORS = /[\s\-_.:/]+/g;
/**
 * The form of a name that only ignores case and separators: `Read-File`, `read_file` and
 * `read.file` share `read_file`. Invisible characters are kept: they are a disguise, not a style.
 */
export function looseName(name) {
    return name.normalize('NFKC').toLowerCase().replace(SEPARATORS, '_').replace(/^_|_$/g, '');
}
/**
 * The confusable skeleton of a name, after the idea of Unicode TR39 `skeleton()`: compatibility
 * decomposition (NFKD folds fullwidth and mathematical letters), invisible characters and
 * combining marks dropped, look-alike characters mapped to the ASCII letter they imitate, then
 * lower case, `rn` read as `m`, and any run of separators (`-`, `_`, `.`, `:`, `/`, space) read
 * as `_`. Two names with one skeleton look the same to a person (and often to a model).
 *
 * Stricter than TR39 on purpose: dropping accents makes `réad_file` collide with `read_file`.
 *
 * @example
 * skeleton('read_fіle') === skeleton('read_file'); // Cyrillic і: true
 * skeleton('Send-Email') === 'send_email'; // true
 */
export function skeleton(name) {
    const decomposed = name.normalize('NFKD').replace(INVISIBLE, '').replace(COMBINING_MARKS, '');
    let mapped = '';
    for (const char of decomposed)
        mapped += CONFUSABLES[char] ?? char.toLowerCase();
    return mapped
        .normalize('NFKC')
        .replace(/rn/g, 'm')
        .replace(SEPARATORS, '_')
        .replace(/^_|_$/g, '');
}
/**
 * Damerau-Levenshtein distance (optimal string alignment: insertions, deletions, substitutions
 * and transpositions of neighbours) between `a` and `b`, counted in code points, computed only
 * up to `max`: any distance above it is returned as `max + 1`.
 *
 * @example
 * editDistance('send_emall', 'send_email'); // 1
 * editDistance('read_file', 'write_file', 2); // 3 (more than 2)
 */
export function editDistance(a, b, max = Number.POSITIVE_INFINITY) {
    const x = codePoints(a);
    const y = codePoints(b);
    if (Math.abs(x.length - y.length) > max)
        return max + 1;
    if (x.length === 0 || y.length === 0)
        return Math.min(Math.max(x.length, y.length), max + 1);
    let before = new Array(y.length + 1).fill(0);
    let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
    for (let i = 1; i <= x.length; i++) {
        const current = new Array(y.length + 1).fill(0);
        current[0] = i;
        let rowMin = i;
        for (let j = 1; j <= y.length; j++) {
            const cost = x[i - 1] === y[j - 1] ? 0 : 1;
            let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
            if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) {
                value = Math.min(value, (before[j - 2] ?? 0) + 1);
            }
            current[j] = value;
            rowMin = Math.min(rowMin, value);
        }
        if (rowMin > max)
            return max + 1;
        before = previous;
        previous = current;
    }
    return Math.min(previous[y.length] ?? 0, max + 1);
}
/** Scripts told apart for mixed-script checks; Han, kana and Hangul count as one (CJK). */
const SCRIPTS = [
    ['Latin', /\p{Script=Latin}/u],
    ['Cyrillic', /\p{Script=Cyrillic}/u],
    ['Greek', /\p{Script=Greek}/u],
    ['Armenian', /\p{Script=Armenian}/u],
    ['Cherokee', /\p{Script=Cherokee}/u],
    ['Georgian', /\p{Script=Georgian}/u],
    ['Arabic', /\p{Script=Arabic}/u],
    ['Hebrew', /\p{Script=Hebrew}/u],
    [
        'CJK',
        /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}]/u,
    ],
    ['Devanagari', /\p{Script=Devanagari}/u],
    ['Thai', /\p{Script=Thai}/u],
];
/**
 * The scripts of the letters in `name`, in order of first appearance; digits, separators and
 * marks belong to none. Letters of a script not listed above count as `Other`.
 *
 * @example
 * scriptsOf('read_fіle'); // ['Latin', 'Cyrillic']
 */
export function scriptsOf(name) {
    const found = [];
    for (const char of name.normalize('NFKC')) {
        if (!/\p{L}/u.test(char))
            continue;
        const script = SCRIPTS.find(([, pattern]) => pattern.test(char))?.[0] ?? 'Other';
        if (!found.includes(script))
            found.push(script);
    }
    return found;
}
/** Whether a name keeps to the characters the MCP specification recommends: `A-Z a-z 0-9 _ - .`. */
export function isPlainToolName(name) {
    return /^[A-Za-z0-9_.-]+$/.test(name);
}
/** Whether a name holds characters that render as nothing (zero-width, joiners, tags…). */
export function hasInvisibleCharacters(name) {
    return /\p{Default_Ignorable_Code_Point}/u.test(name);
}
/** The code points of a string, one string each (astral characters stay whole). */
export function codePoints(text) {
    return Array.from(text);
}
