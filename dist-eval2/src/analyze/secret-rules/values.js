/**
 * What makes a name secret and a value a credential rather than a setting or a placeholder.
 * Shared by the rules and by callers that judge names (env passthrough, remote auth). Every
 * regex here runs on a name or a value of bounded length (the rules cut values at
 * {@link MAX_VALUE_LENGTH}), never on a whole text. Pure.
 */
/** The longest value the name-based rules judge; longer values are data, not a credential. */
export const MAX_VALUE_LENGTH = 1024;
/** Bits of Shannon entropy per character of `text` (0 for the empty string). */
export function shannonEntropy(text) {
    if (text.length === 0)
        return 0;
    const counts = new Map();
    let length = 0;
    for (const char of text) {
        counts.set(char, (counts.get(char) ?? 0) + 1);
        length++;
    }
    let entropy = 0;
    for (const count of counts.values()) {
        const p = count / length;
        entropy -= p * Math.log2(p);
    }
    return entropy;
}
/** Splits `GITHUB_TOKEN`, `x-api-key`, `azureClientSecret`, `--api-key` into lower-case words. */
export function nameWords(name) {
    return name
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
        .split(/[^A-Za-z0-9]+/)
        .map((word) => word.toLowerCase())
        .filter((word) => word !== '');
}
/** Words that make a name secret on their own, also as the end of a compound (`GITHUBTOKEN`). */
const SECRET_WORDS = [
    'token',
    'secret',
    'password',
    'passwd',
    'passphrase',
    'credential',
    'credentials',
    'apikey',
    'privatekey',
    'accesskey',
    'secretkey',
    'authtoken',
    'mnemonic',
];
const SECRET_EXACT_WORDS = new Set([
    'pwd',
    'pat',
    'auth',
    'authorization',
    'bearer',
    'jwt',
    'cookie',
    'creds',
]);
/** Words before `key` that do not make it a secret (`PUBLIC_KEY`, `SORT_KEY`). */
const NEUTRAL_KEY_WORDS = new Set([
    'public',
    'pub',
    'primary',
    'sort',
    'partition',
    'foreign',
    'cache',
    'idempotency',
    'routing',
    'lookup',
    'map',
    'index',
    'shortcut',
    'hot',
    'object',
    'row',
    'group',
    'dedup',
    'dedupe',
    'unique',
]);
/** Last words that make a name a setting *about* a secret rather than the secret. */
const NON_SECRET_SUFFIXES = new Set([
    'limit',
    'limits',
    'max',
    'min',
    'count',
    'file',
    'files',
    'path',
    'paths',
    'dir',
    'directory',
    'folder',
    'url',
    'uri',
    'endpoint',
    'host',
    'hostname',
    'port',
    'mode',
    'type',
    'method',
    'provider',
    'name',
    'user',
    'username',
    'header',
    'prefix',
    'suffix',
    'length',
    'size',
    'ttl',
    'timeout',
    'expiry',
    'expires',
    'expiration',
    'enabled',
    'disabled',
    'enable',
    'disable',
    'required',
    'env',
    'var',
    'id',
    'ids',
    'format',
    'location',
    'field',
    'param',
    'scope',
    'scopes',
    'kind',
    'version',
    'algorithm',
    'alg',
    'cmd',
    'command',
    'helper',
    'store',
    'budget',
    'usage',
    'rate',
    'threshold',
    'strategy',
    'source',
    'issuer',
    'audience',
    'domain',
    'server',
    'region',
    'length',
    'policy',
    'rotation',
    'refresh',
]);
const NON_SECRET_PREFIXES = new Set(['max', 'min', 'num', 'count', 'total']);
/**
 * Whether a variable, header or flag name says its value is a credential.
 *
 * @example
 * isSecretName('GITHUB_PERSONAL_ACCESS_TOKEN'); // true
 * isSecretName('MAX_TOKENS'); // false
 * isSecretName('PASSWORD_FILE'); // false
 */
export function isSecretName(name) {
    let words = nameWords(name);
    if (words[0] === 'x' && words.length > 1)
        words = words.slice(1);
    const last = words.at(-1);
    const first = words[0];
    if (last === undefined || first === undefined)
        return false;
    if (NON_SECRET_SUFFIXES.has(last) || NON_SECRET_PREFIXES.has(first))
        return false;
    for (const [index, word] of words.entries()) {
        if (SECRET_EXACT_WORDS.has(word))
            return true;
        if (SECRET_WORDS.some((secret) => word === secret || word.endsWith(secret)))
            return true;
        if (word === 'key' && index > 0) {
            const before = words[index - 1] ?? '';
            if (!NEUTRAL_KEY_WORDS.has(before) && words[index + 1] !== 'id')
                return true;
        }
        if (word === 'seed' && (words[index + 1] === 'phrase' || words[index + 1] === 'words')) {
            return true;
        }
    }
    return false;
}
const PLACEHOLDER_EXACT = /^(?:x+|\*+|\.+|…|-+|_+|0+|#+|changeme|change[-_ ]?me|replace[-_ ]?me|password|passwd|pass|secret|token|api[-_]?key|key|example|sample|dummy|fake|test|testing|placeholder|none|null|nil|undefined|empty|todo|tbd|fixme|redacted|hidden|masked|n\/a|na|default|true|false|your|mine|foo|bar|foobar|abc|abc123|123456|1234|12345678)$/i;
const PLACEHOLDER_MARKERS = /your[-_ ]?|xxxx|\*\*\*|\.\.\.|…|replace[-_ ]?(?:me|with|this)|insert[-_ ]|enter[-_ ]|[-_]here$|^here$|example|placeholder|changeme|change[-_]me|dummy|redacted|<[^<>]*>|password|secret/i;
/** `${VAR}`, `${env:VAR}`, `${input:id}`, `{env:VAR}`, `{{var}}`, `$VAR`, `%VAR%`, `{var}`. */
const REFERENCE = /\$\{[^}]*\}|\{\{[^}]*\}\}|\{env:[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_][A-Za-z0-9_]*%|\{[A-Za-z_][\w.:-]*\}/g;
/**
 * Whether a value is a placeholder or a reference to a secret kept elsewhere rather than a
 * secret: `<your-token>`, `${env:GITHUB_TOKEN}`, `${input:token}`, `{env:X}`, `$VAR`, `xxx`,
 * `changeme`, `your_api_key_here`, the empty string.
 */
export function isPlaceholder(value) {
    const text = value.trim();
    if (text === '')
        return true;
    if (PLACEHOLDER_EXACT.test(text))
        return true;
    const withoutReferences = text.replace(REFERENCE, '');
    if (withoutReferences !== text &&
        withoutReferences.replace(/^(?:bearer|basic|token)\s+/i, '').length < 8) {
        return true;
    }
    if (PLACEHOLDER_MARKERS.test(text))
        return true;
    // Few distinct characters: `aaaaaaaa`, `11111111`, `abababab`.
    if (new Set(text).size <= 3)
        return true;
    return false;
}
const AUTH_SCHEME = /^(?:bearer|token|basic|apikey|api-key)\s+/i;
/**
 * Whether a value, taken as a whole, looks like a credential rather than a setting: not a
 * placeholder, path, URL, number, boolean or plain word, long enough and random enough.
 */
export function looksLikeSecretValue(value, options = {}) {
    const { minLength = 8, minEntropy = 2.5 } = options;
    const text = value.trim().replace(AUTH_SCHEME, '');
    if (text.length < minLength || /\s/.test(text))
        return false;
    if (isPlaceholder(text))
        return false;
    if (/^(?:true|false|yes|no|on|off|enabled|disabled|null|none)$/i.test(text))
        return false;
    if (/^[+-]?\d+(?:[.,:]\d+)*$/.test(text))
        return false;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text))
        return false;
    if (/^(?:~|\.{1,2})?[/\\]/.test(text) || /^[A-Za-z]:[/\\]/.test(text))
        return false;
    if (/\.(?:json|pem|key|p12|pfx|crt|cer|txt|env|ya?ml|toml|ini|conf|cfg)$/i.test(text))
        return false;
    // A plain word or phrase: `production`, `read-only`, `us-east-1`.
    if (/^[a-z]+(?:[-_.][a-z0-9]+)*$/.test(text))
        return false;
    return shannonEntropy(text) >= minEntropy;
}
