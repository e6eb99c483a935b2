import { EXTENDED_PRIVATE_KEY_RULE, HEX_PRIVATE_KEY_RULE, SEED_PHRASE_RULE, SOLANA_SECRET_KEY_RULE, WIF_PRIVATE_KEY_RULE, } from './crypto.js';
import { PROVIDER_RULES } from './providers.js';
import { codeUnitEntropy, forEachRun, isDigit, isLower, isUpper, charSet, } from './scan.js';
import { AWS_ACCESS_KEY_ID_RULE, AWS_SECRET_ACCESS_KEY_RULE, BASIC_AUTH_URL_RULE, DATABASE_URL_RULE, GCP_SERVICE_ACCOUNT_RULE, JWT_RULE, KUBERNETES_SECRET_RULE, PRIVATE_KEY_RULE, SECRET_ASSIGNMENT_RULE, } from './structured.js';
export { findNamedValue } from './structured.js';
/**
 * The one secret table: every rule the scanner, the gateway's screening (arguments and output)
 * and the audit log use. Order matters only for ties: of two rules reporting the same span, the
 * one listed first names it (key material before provider tokens before generic assignments).
 */
export const SECRET_RULES = [
    GCP_SERVICE_ACCOUNT_RULE,
    PRIVATE_KEY_RULE,
    SEED_PHRASE_RULE,
    EXTENDED_PRIVATE_KEY_RULE,
    WIF_PRIVATE_KEY_RULE,
    SOLANA_SECRET_KEY_RULE,
    HEX_PRIVATE_KEY_RULE,
    ...PROVIDER_RULES,
    JWT_RULE,
    AWS_SECRET_ACCESS_KEY_RULE,
    AWS_ACCESS_KEY_ID_RULE,
    DATABASE_URL_RULE,
    BASIC_AUTH_URL_RULE,
    KUBERNETES_SECRET_RULE,
    SECRET_ASSIGNMENT_RULE,
];
const isRandomExtra = charSet('+/_=-');
const isRandomRunChar = (c) => isDigit(c) || isUpper(c) || isLower(c) || isRandomExtra(c);
/** Runs this long are judged by the entropy of their first characters only. */
const ENTROPY_SAMPLE = 4096;
/**
 * Long random runs (32+ characters of letters, digits and `+/_=-`, mixed case with digits, above
 * 4.2 bits per character): any unknown token or key. Too eager for output screening, where it
 * would mask hashes and ids; used where a false mask costs nothing and a leak outlives the
 * session — the audit log.
 */
export const RANDOM_STRING_RULE = {
    kind: 'random-string',
    title: 'Long random string (possible unknown token)',
    severity: 'low',
    keyMaterial: false,
    find(text, _context, report) {
        forEachRun(text, 32, isRandomRunChar, (start, end) => {
            let lower = false;
            let upper = false;
            let digit = false;
            const stop = Math.min(end, start + ENTROPY_SAMPLE);
            for (let i = start; i < stop && !(lower && upper && digit); i++) {
                const c = text.charCodeAt(i);
                lower ||= isLower(c);
                upper ||= isUpper(c);
                digit ||= isDigit(c);
            }
            if (lower && upper && digit && codeUnitEntropy(text, start, stop) >= 4.2)
                report(start, end);
        });
    },
    samples: {
        positive: ['session q8Zr2LkP0vX7mWn4Tb9Yc1Hd5Fa3Ue6Gj2Kp0Ls7'],
        negative: [
            'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
            '3f786850e387550fdab836ed7e6dc881de23001b',
        ],
    },
};
/** The value of a secret-named variable, header or flag, judged whole (needs the name). */
export const SECRET_VALUE_KIND = 'secret-value';
/** A secret found in another text of the same batch, seen again here. */
export const KNOWN_SECRET_KIND = 'known-secret';
/** The kinds whose leak hands over a private key or seed: crypto key material. */
export const KEY_MATERIAL_KINDS = new Set(SECRET_RULES.filter((rule) => rule.keyMaterial).map((rule) => rule.kind));
/**
 * Whether a secret kind is key material (a private key or seed phrase), for code that must ask
 * "is this a crypto key" without a list of its own.
 *
 * @example
 * isKeyMaterial('seed-phrase'); // true
 * isKeyMaterial('github'); // false
 */
export function isKeyMaterial(kind) {
    return KEY_MATERIAL_KINDS.has(kind);
}
/** Wallet key material (seed phrases, raw, Solana, WIF and extended keys): signs or spends on a chain. */
const WALLET_KEY_KINDS = new Set([
    SEED_PHRASE_RULE,
    HEX_PRIVATE_KEY_RULE,
    SOLANA_SECRET_KEY_RULE,
    WIF_PRIVATE_KEY_RULE,
    EXTENDED_PRIVATE_KEY_RULE,
].map((rule) => rule.kind));
/**
 * Whether a secret kind is a wallet's key, as opposed to other key material (an SSH or TLS key):
 * what the checklist's crypto private-key items are about.
 *
 * @example
 * isWalletKey('seed-phrase'); // true
 * isWalletKey('private-key'); // false (PEM / OpenSSH)
 */
export function isWalletKey(kind) {
    return WALLET_KEY_KINDS.has(kind);
}
const RULES_BY_KIND = new Map([...SECRET_RULES, RANDOM_STRING_RULE].map((rule) => [rule.kind, rule]));
/** A rule by kind (for severity and title lookups). */
export function secretRule(kind) {
    return RULES_BY_KIND.get(kind);
}
