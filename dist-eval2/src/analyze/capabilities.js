import { nameWords } from './secrets.js';
export const CAPABILITIES = [
    'read',
    'write',
    'destructive',
    'execute',
    'network',
    'financial',
    'credentials',
    'untrusted-content',
    'private-data',
];
const set = (...words) => new Set(words);
const READ_VERBS = set('get', 'read', 'list', 'search', 'find', 'query', 'fetch', 'retrieve', 'describe', 'show', 'view', 'lookup', 'count', 'check', 'inspect', 'explain', 'open', 'cat', 'head', 'tail', 'browse', 'download', 'export', 'scrape', 'crawl', 'extract', 'load', 'dump', 'print', 'display', 'reveal', 'watch', 'poll', 'receive', 'stat', 'whoami', 'snapshot', 'screenshot', 'capture');
const DESTRUCTIVE_WORDS = set('delete', 'remove', 'rm', 'del', 'drop', 'destroy', 'purge', 'erase', 'wipe', 'truncate', 'kill', 'terminate', 'uninstall', 'unlink', 'rmdir', 'prune', 'cleanup', 'revoke', 'overwrite', 'shred', 'nuke');
const WRITE_WORDS = set('write', 'create', 'update', 'edit', 'move', 'mv', 'rename', 'set', 'put', 'patch', 'insert', 'upsert', 'add', 'append', 'modify', 'save', 'store', 'push', 'merge', 'commit', 'replace', 'apply', 'install', 'upgrade', 'deploy', 'publish', 'fork', 'scale', 'rollout', 'post', 'reply', 'upload', 'import', 'restore', 'enable', 'disable', 'assign', 'archive', 'submit', 'send', 'fill', 'click', 'rerun', 'cancel');
/** Verbs that need an object to mean a change (`add` alone is arithmetic, `set` alone a noun). */
const NEEDS_OBJECT = set('add', 'set', 'put', 'post', 'apply');
/** Objects after `add`/`set` that make it arithmetic or harmless. */
const ARITHMETIC_OBJECTS = set('numbers', 'number', 'two', 'sum', 'ints', 'integers', 'values');
const EXECUTE_WORDS = set('exec', 'execute', 'run', 'shell', 'sh', 'bash', 'zsh', 'powershell', 'pwsh', 'cmd', 'command', 'eval', 'evaluate', 'spawn', 'terminal', 'repl', 'subprocess', 'interpreter');
const PROCESS_STARTERS = set('start', 'spawn', 'launch', 'run', 'create', 'new');
/** Words that send data somewhere others read: outbound, strong network and a write. */
const SEND_WORDS = set('send', 'email', 'mail', 'webhook', 'upload', 'publish', 'tweet', 'sms', 'notify', 'post', 'reply', 'share', 'push');
/** Words that only say the tool reaches the internet. */
const NETWORK_WORDS = set('http', 'https', 'curl', 'wget', 'fetch', 'download', 'web', 'url', 'browse', 'navigate', 'scrape', 'crawl', 'internet');
/** Things other people write; reading them brings untrusted content in. */
const THIRD_PARTY_OBJECTS = set('web', 'webpage', 'website', 'site', 'url', 'urls', 'page', 'html', 'news', 'email', 'emails', 'mail', 'inbox', 'message', 'messages', 'chat', 'thread', 'threads', 'comment', 'comments', 'issue', 'issues', 'review', 'reviews', 'ticket', 'tickets', 'tweet', 'tweets', 'feed', 'rss', 'discussion', 'discussions', 'notification', 'notifications', 'post', 'posts', 'history', 'replies');
/** Verbs that bring outside content in even without an object word (`scrape`, `navigate`). */
const INBOUND_VERBS = set('scrape', 'crawl', 'browse', 'navigate', 'fetch', 'download');
const FILE_OBJECTS = set('file', 'files', 'directory', 'directories', 'dir', 'folder', 'document', 'documents', 'pdf', 'attachment', 'attachments', 'contents');
const PRIVATE_OBJECTS = set(...FILE_OBJECTS, 'email', 'emails', 'mail', 'inbox', 'message', 'messages', 'chat', 'chats', 'contact', 'contacts', 'calendar', 'note', 'notes', 'database', 'databases', 'db', 'collection', 'collections', 'table', 'tables', 'record', 'records', 'rows', 'sql', 'memory', 'memories', 'knowledge', 'graph', 'clipboard', 'photo', 'photos', 'profile', 'customer', 'customers', 'secret', 'secrets', 'password', 'passwords', 'credential', 'credentials', 'keychain', 'env', 'environment', 'cookie', 'cookies', 'history');
const CREDENTIAL_WORDS = set('password', 'passwords', 'passwd', 'passphrase', 'secret', 'secrets', 'credential', 'credentials', 'apikey', 'keychain', 'keyring', 'cookie', 'cookies');
const TOKEN_QUALIFIERS = set('access', 'auth', 'api', 'bearer', 'refresh', 'oauth', 'session', 'jwt', 'personal', 'pat', 'security', 'bot', 'id');
const KEY_COMPOUNDS = [
    'privatekey',
    'privkey',
    'mnemonic',
    'seedphrase',
    'recoveryphrase',
    'secretrecoveryphrase',
    'seedwords',
    'keystore',
    'walletsecret',
];
/** Verbs whose object comes back to the caller: `export_private_key`, `get_mnemonic`. */
const RETURNING_VERBS = set('get', 'export', 'show', 'reveal', 'read', 'dump', 'display', 'print', 'retrieve', 'fetch', 'backup', 'view', 'copy', 'list', 'generate', 'create', 'new', 'derive');
/** Words that make a tool crypto-related wherever they appear (name, description, parameters). */
const CRYPTO_WORDS = set('wallet', 'wallets', 'erc20', 'erc721', 'nft', 'nfts', 'eth', 'ether', 'ethereum', 'evm', 'solana', 'btc', 'bitcoin', 'crypto', 'cryptocurrency', 'onchain', 'blockchain', 'wei', 'gwei', 'lamports', 'usdc', 'usdt', 'defi', 'dex', 'spl', 'erc1155', 'ens', 'abi', 'calldata', 'mainnet', 'testnet');
/** Words that make a tool crypto-related only in its name (`send_transaction`, `get_gas`). */
const CRYPTO_NAME_WORDS = set('transaction', 'transactions', 'tx', 'txn', 'chain', 'gas', 'coin', 'coins', 'token', 'tokens', 'swap', 'stake', 'sol');
/** Verbs that move or commit funds. `send`, `approve` and `sign` count only with a crypto context. */
const FUNDS_VERBS = set('transfer', 'swap', 'withdraw', 'pay', 'payment', 'bridge', 'stake', 'unstake', 'buy', 'sell', 'trade', 'mint', 'burn', 'broadcast', 'refund', 'charge', 'payout');
const CONTEXT_FUNDS_VERBS = set('send', 'approve', 'sign', 'deposit', 'submit', 'execute');
/** Words that make a funds word a read: `get_swap_quote`, `estimate_transfer_fee`. */
const FUNDS_READ_WORDS = set('get', 'list', 'estimate', 'quote', 'quotes', 'simulate', 'preview', 'check', 'calculate', 'find', 'search', 'history', 'status', 'fee', 'fees', 'price', 'prices', 'rate', 'rates');
/** Objects whose loss costs little: deleting them is destructive but low impact. */
const EPHEMERAL_OBJECTS = set('cache', 'caches', 'temp', 'tmp', 'temporary', 'session', 'sessions', 'search', 'searches', 'draft', 'drafts', 'selection', 'highlight', 'highlights', 'trace', 'screencast', 'watcher', 'lock', 'process', 'tab', 'page', 'dialog', 'forward');
const CODE_PARAMETERS = set('command', 'cmd', 'commands', 'commandline', 'script', 'code', 'sourcecode', 'bash', 'expression', 'expr', 'js', 'javascript', 'python', 'snippet', 'function', 'program');
const URL_PARAMETERS = set('url', 'urls', 'uri', 'uris', 'link', 'links', 'href', 'endpoint', 'webhook', 'webhookurl', 'callbackurl', 'targeturl', 'pageurl', 'siteurl', 'websiteurl');
/** Parameter names that say who receives: mail, messages, funds. */
export const RECIPIENT_PARAMETERS = set('to', 'recipient', 'recipients', 'cc', 'bcc', 'receiver');
const AMOUNT_PARAMETERS = set('amount', 'value', 'quantity', 'amountin', 'amountout', 'lamports');
const PATH_PARAMETERS = set('path', 'paths', 'filepath', 'filepaths', 'directory', 'dir');
const KEY_PARAMETER = /^(private_?key|priv_?key|secret_?key|mnemonic|seed(_?phrase|_?words)?|recovery_?phrase|keystore(_?json)?|wallet_?secret)$/i;
const KEY_PHRASE = /\b(private[\s_-]?keys?|mnemonic|seed[\s_-]?phrases?|recovery[\s_-]?phrases?|secret recovery phrase|keystore)\b/i;
const RETURNS_KEY = /\b(returns?|returning|exports?|reveals?|shows?|displays?|prints?|outputs?|retrieves?|gives?(?: you)?|provides?|responds? with)\b[^.\n]{0,60}?\b(private[\s_-]?keys?|mnemonic|seed[\s_-]?phrases?|recovery[\s_-]?phrases?|secret recovery phrase)\b/i;
const NEGATION = /\b(never|not|no|without|don't|doesn't|won't|cannot|can't|nor)\b/i;
const WEB_PHRASE = /\b(the web|web ?pages?|websites?|the internet|search engine|web search|web content|browse the web|scrap(e|es|ing)|crawl(s|ing)?)\b/i;
const FETCH_URL_PHRASE = /\b(fetch|scrape|crawl|read|load|open|navigate|visit|download|extract|go)\w*\b[^.\n]{0,30}?\burls?\b/i;
const SEND_PHRASE = /\b(sends?|posts?|publish(es)?|uploads?|emails?)\b[^.\n]{0,40}\b(emails?|messages?|webhook|slack|channel|tweet|sms|recipients?|endpoint|url)\b/i;
const UNSAFE_WORDS = set('unsafe', 'arbitrary', 'host', 'raw');
const SANDBOX_WORDS = set('browser', 'page', 'tab', 'pod', 'container', 'sandbox', 'sandboxed', 'vm');
function isRecord(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}
/** Parameters of an input schema, nested objects included (CircleCI wraps all in `params`). */
function parametersOf(schema, prefix = '', depth = 0) {
    if (!isRecord(schema) || depth > 3)
        return [];
    const properties = schema.properties;
    if (!isRecord(properties))
        return [];
    const out = [];
    for (const [name, value] of Object.entries(properties)) {
        if (!isRecord(value))
            continue;
        const path = prefix === '' ? name : `${prefix}.${name}`;
        out.push({ path, key: name.toLowerCase().replace(/[^a-z0-9]/g, ''), schema: value });
        out.push(...parametersOf(value, path, depth + 1));
        if (isRecord(value.items))
            out.push(...parametersOf(value.items, path, depth + 1));
    }
    return out;
}
/** Whether a parameter takes free text (a string without enum, const or a tight pattern). */
function isFreeText(schema) {
    const type = schema.type;
    const stringy = type === undefined ||
        type === 'string' ||
        (Array.isArray(type) && type.includes('string')) ||
        (type === 'array' && isRecord(schema.items) && schema.items.type === 'string');
    if (!stringy)
        return false;
    if (schema.enum !== undefined || schema.const !== undefined)
        return false;
    const maxLength = schema.maxLength;
    return !(typeof maxLength === 'number' && maxLength < 16);
}
/** The first sentence of a description, at most 240 characters, without "This tool …" lead-ins. */
function summaryOf(description) {
    const trimmed = description.trim();
    const end = trimmed.search(/(?<=[.!?])\s|\n\s*\n/);
    const first = (end === -1 ? trimmed : trimmed.slice(0, end)).slice(0, 240);
    return first
        .replace(/^(notion|github|slack)\s*\|\s*/i, '')
        .replace(/^(this|the) tool\s+(is used to\s+|helps( you)?\s+|lets you\s+|allows you to\s+)?/i, '')
        .replace(/^(use this( tool)? to|tool to|used to|allows you to|lets you)\s+/i, '');
}
/** Lower-case words of free text. */
function textWords(text) {
    return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}
/** `deletes` → `delete`, `creates` → `create`, `searches` → `search`. */
function verbStem(word) {
    if (/(ches|shes|sses|xes)$/.test(word))
        return word.slice(0, -2);
    if (word.endsWith('ies'))
        return `${word.slice(0, -3)}y`;
    if (word.endsWith('s') && !word.endsWith('ss'))
        return word.slice(0, -1);
    return word;
}
class Collector {
    evidence = [];
    add(capability, source, detail, strong) {
        const existing = this.evidence.find((e) => e.capability === capability && e.source === source && e.detail === detail);
        if (existing) {
            existing.strong ||= strong;
            return;
        }
        this.evidence.push({ capability, source, detail, strong });
    }
    has(capability, strong = false) {
        return this.evidence.some((e) => e.capability === capability && (!strong || e.strong));
    }
}
const MESSAGING_CONTEXT = set('email', 'emails', 'mail', 'mailbox', 'inbox', 'gmail', 'outlook', 'chat', 'chats', 'slack', 'discord', 'telegram', 'whatsapp', 'signal', 'imessage', 'teams', 'channel', 'channels', 'thread', 'threads', 'dm', 'dms', 'sms', 'conversation', 'conversations', 'console');
const WEB_CONTEXT = set('browser', 'web', 'url', 'urls', 'site', 'website', 'webpage', 'tab', 'html');
const SOCIAL_CONTEXT = set('blog', 'reddit', 'twitter', 'forum', 'social', 'feed', 'mastodon', 'bluesky');
/** Objects that mean third-party or private content only in the right company. */
const AMBIGUOUS_OBJECTS = {
    message: MESSAGING_CONTEXT,
    messages: MESSAGING_CONTEXT,
    history: set(...MESSAGING_CONTEXT, 'browser', 'browsing'),
    page: WEB_CONTEXT,
    profile: set('user', 'users', 'account', 'contact', 'person', 'people', 'member', 'customer'),
    post: SOCIAL_CONTEXT,
    posts: SOCIAL_CONTEXT,
};
/**
 * Whether an object word counts, given the words around it (name, description, parameters).
 * Browser console messages are untrusted (the page writes them) but not private.
 */
function objectCounts(word, context, asPrivate = false) {
    const needed = AMBIGUOUS_OBJECTS[word];
    if (needed === undefined)
        return true;
    return [...needed].some((w) => context.has(w) && !(asPrivate && w === 'console'));
}
/** Things local to the machine: "sending" to them does not leave it (`send_to_clipboard`). */
const LOCAL_SINKS = set('clipboard', 'console', 'log', 'logs', 'stdout', 'stderr', 'screen');
/** Objects that other people read once written: creating them publishes. */
const PUBLISHED_OBJECTS = set('issue', 'comment', 'review', 'gist', 'discussion', 'message', 'post', 'reply', 'tweet', 'wiki', 'pr', 'release');
const PUBLISHING_VERBS = set('create', 'add', 'post', 'reply', 'submit', 'open', 'send', 'publish');
function classifyName(words, context, out) {
    const isRead = words.some((w) => READ_VERBS.has(w));
    const reads = (object) => isRead &&
        words.some((w) => object.has(w) && objectCounts(w, context, object === PRIVATE_OBJECTS));
    const local = words.some((w) => LOCAL_SINKS.has(w));
    // A verb after a read verb is its object (`get_merge_request`, `list_run_logs`); `and`/`or`
    // start a new verb (`search_and_replace`, `create_or_update_file`).
    let readBefore = false;
    for (const word of words) {
        const detail = `name word "${word}"`;
        if (word === 'and' || word === 'or' || word === 'then') {
            readBefore = false;
            continue;
        }
        if (!readBefore) {
            if (DESTRUCTIVE_WORDS.has(word))
                out.add('destructive', 'name', detail, true);
            if (WRITE_WORDS.has(word)) {
                const rest = words.filter((w) => w !== word);
                const arithmetic = rest.length === 0 || rest.every((w) => ARITHMETIC_OBJECTS.has(w));
                if (!(NEEDS_OBJECT.has(word) && arithmetic))
                    out.add('write', 'name', detail, true);
            }
            if (EXECUTE_WORDS.has(word))
                out.add('execute', 'name', detail, true);
            if (SEND_WORDS.has(word) && !(NEEDS_OBJECT.has(word) && words.length === 1)) {
                out.add('network', 'name', local ? `${detail} (to a local target)` : detail, !local);
                out.add('write', 'name', detail, true);
            }
        }
        if (word === 'process' && words.some((w) => PROCESS_STARTERS.has(w))) {
            out.add('execute', 'name', 'name words "start … process"', true);
        }
        if (READ_VERBS.has(word)) {
            out.add('read', 'name', detail, true);
            readBefore = true;
        }
        if (NETWORK_WORDS.has(word))
            out.add('network', 'name', detail, false);
        if (INBOUND_VERBS.has(word) || word === 'browser') {
            if (['scrape', 'crawl', 'browse', 'navigate'].includes(word) ||
                words.some((w) => (THIRD_PARTY_OBJECTS.has(w) && objectCounts(w, context)) || READ_VERBS.has(w))) {
                out.add('untrusted-content', 'name', detail, true);
            }
        }
    }
    // Reading what third parties wrote: `list_issues`, `slack_get_channel_history`, `web_search`.
    const thirdParty = words.find((w) => THIRD_PARTY_OBJECTS.has(w) && objectCounts(w, context));
    const pulls = (words.includes('pull') || words.includes('merge')) &&
        words.some((w) => w === 'request' || w === 'requests');
    if ((thirdParty !== undefined || pulls) && (isRead || words.includes('web'))) {
        out.add('untrusted-content', 'name', `name reads "${thirdParty ?? 'pull request'}"`, true);
    }
    // Writing what others read: `create_issue`, `add_issue_comment`, `create_pull_request`.
    const published = words.find((w) => PUBLISHED_OBJECTS.has(verbStem(w))) ?? (pulls ? 'pull request' : undefined);
    if (published !== undefined && !isRead && words.some((w) => PUBLISHING_VERBS.has(w))) {
        out.add('network', 'name', `name publishes "${published}"`, true);
    }
    if (reads(FILE_OBJECTS)) {
        const object = words.find((w) => FILE_OBJECTS.has(w)) ?? 'file';
        out.add('private-data', 'name', `name reads "${object}"`, true);
        out.add('untrusted-content', 'name', `name reads "${object}"`, false);
    }
    else if (reads(PRIVATE_OBJECTS)) {
        const object = words.find((w) => PRIVATE_OBJECTS.has(w) && objectCounts(w, context, true)) ?? '';
        out.add('private-data', 'name', `name reads "${object}"`, true);
    }
}
function classifyCredentials(words, compact, crypto, out, returnsSecrets) {
    const isRead = words.some((w) => READ_VERBS.has(w) || RETURNING_VERBS.has(w));
    for (const [index, word] of words.entries()) {
        let credential = CREDENTIAL_WORDS.has(word);
        if (word === 'token' || word === 'tokens') {
            const neighbours = [words[index - 1], words[index + 1]];
            const qualified = neighbours.some((w) => w !== undefined && TOKEN_QUALIFIERS.has(w));
            const bare = words.length === 2 && index === 1 && !crypto;
            credential = qualified || bare;
        }
        if (word === 'key' && words[index - 1] === 'api')
            credential = true;
        if (credential) {
            out.add('credentials', 'name', `name word "${word}"`, true);
            if (isRead)
                returnsSecrets.push(word === 'key' ? 'api key' : word);
        }
        if ((word === 'env' || word === 'environment') && isRead) {
            out.add('credentials', 'name', 'name reads environment variables (often secrets)', false);
        }
    }
    const key = KEY_COMPOUNDS.find((k) => compact.includes(k));
    if (key !== undefined || (crypto && words.includes('seed'))) {
        out.add('credentials', 'name', `name word "${key ?? 'seed'}"`, true);
    }
}
/** Objects that wrap a tool's real arguments (`{ params: { … } }`); their children count as top level. */
const WRAPPERS = set('params', 'args', 'arguments', 'input', 'options', 'request', 'body');
const DATE_HINT = /\b(date|time|year|month|day|timestamp|until|range)\b/i;
/** Whether a parameter is an argument of the tool itself, not a field of some nested record. */
function isTopLevel(path) {
    const parents = path.split('.').slice(0, -1);
    return parents.every((parent) => WRAPPERS.has(parent.toLowerCase()));
}
function classifySchema(parameters, words, summary, crypto, out, codeParameters, keyParameters) {
    const isRead = words.some((w) => READ_VERBS.has(w));
    const aboutFiles = words.some((w) => FILE_OBJECTS.has(w)) ||
        /\b(files?|director(y|ies)|folders?)\b/i.test(summary);
    const keys = new Set(parameters.filter((p) => isTopLevel(p.path)).map((p) => p.key));
    for (const parameter of parameters) {
        const { key, schema, path } = parameter;
        const detail = `parameter "${path}"`;
        const description = typeof schema.description === 'string' ? schema.description : '';
        const topLevel = isTopLevel(path);
        if (CODE_PARAMETERS.has(key) && isFreeText(schema) && topLevel) {
            codeParameters.push(path);
            out.add('execute', 'schema', detail, false);
        }
        const format = typeof schema.format === 'string' ? schema.format : '';
        // `url`, `endpoint`, or a generic field in URI format (`data`); not `issueUrl`, which names
        // a resource of the service itself.
        const takesUrl = URL_PARAMETERS.has(key) ||
            (['uri', 'url', 'iri'].includes(format) && !/(url|uri)$/.test(key));
        if (takesUrl && isFreeText(schema) && topLevel) {
            out.add('network', 'schema', `${detail} takes any URL`, true);
            const inbound = words.some((w) => READ_VERBS.has(w) || INBOUND_VERBS.has(w) || w === 'web');
            if (inbound)
                out.add('untrusted-content', 'schema', `${detail} fetches a URL`, true);
        }
        const dateLike = ['date', 'date-time', 'time'].includes(format) ||
            DATE_HINT.test(description) ||
            keys.has('from') ||
            keys.has('since');
        if (RECIPIENT_PARAMETERS.has(key) && !crypto && isFreeText(schema) && topLevel && !dateLike) {
            out.add('network', 'schema', `${detail} names a recipient`, true);
        }
        if (PATH_PARAMETERS.has(key) && isRead && aboutFiles && topLevel) {
            out.add('private-data', 'schema', `${detail} reads a file`, true);
            out.add('untrusted-content', 'schema', `${detail} reads a file`, false);
        }
        if (key === 'sql' || (key === 'query' && /\bsql\b/i.test(description))) {
            out.add('private-data', 'schema', `${detail} takes SQL`, true);
        }
        const takesKey = KEY_PARAMETER.test(parameter.path.split('.').at(-1) ?? '') ||
            (KEY_PHRASE.test(description) &&
                !NEGATION.test(description) &&
                /^(key|secret|seed|phrase|words|wallet)/.test(key));
        if (takesKey && (key !== 'seed' || crypto)) {
            keyParameters.push(path);
            out.add('credentials', 'schema', `${detail} takes key material`, true);
        }
    }
    if ([...AMOUNT_PARAMETERS].some((k) => keys.has(k))) {
        const recipient = ['to', 'recipient', 'receiver', 'destination', 'toaddress', 'address'].find((k) => keys.has(k));
        if (recipient !== undefined && (crypto || keys.has('amount'))) {
            out.add('financial', 'schema', `parameters "amount" and "${recipient}"`, true);
        }
    }
    const table = ['database', 'collection', 'table', 'tablename', 'db'].find((k) => keys.has(k));
    if (table !== undefined && !out.has('write', true) && !out.has('destructive', true)) {
        out.add('private-data', 'schema', `parameter "${table}" reads a database`, true);
    }
}
function classifyDescription(summary, context, out) {
    const words = textWords(summary);
    const verb = verbStem(words[0] ?? '');
    const detail = `description starts "${words.slice(0, 3).join(' ')}"`;
    if (DESTRUCTIVE_WORDS.has(verb))
        out.add('destructive', 'description', detail, false);
    if (WRITE_WORDS.has(verb) && !NEEDS_OBJECT.has(verb)) {
        out.add('write', 'description', detail, false);
    }
    if (EXECUTE_WORDS.has(verb))
        out.add('execute', 'description', detail, false);
    if (READ_VERBS.has(verb))
        out.add('read', 'description', detail, false);
    const web = WEB_PHRASE.exec(summary) ?? FETCH_URL_PHRASE.exec(summary);
    if (web) {
        out.add('untrusted-content', 'description', `description says "${web[0]}"`, true);
        out.add('network', 'description', `description says "${web[0]}"`, false);
    }
    const send = SEND_PHRASE.exec(summary);
    if (send) {
        out.add('network', 'description', `description says "${send[0]}"`, true);
        out.add('write', 'description', `description says "${send[0]}"`, false);
    }
    // "Open a new issue" creates: `open` reads only in names (`open_file`).
    const reads = words.some((w) => READ_VERBS.has(verbStem(w)) && verbStem(w) !== 'open') ||
        /\breturns?\b/i.test(summary);
    const privateWord = words.find((w) => PRIVATE_OBJECTS.has(w) && w !== 'graph' && objectCounts(w, context, true));
    if (reads && privateWord !== undefined) {
        out.add('private-data', 'description', `description reads "${privateWord}"`, false);
    }
    const thirdParty = words.find((w) => THIRD_PARTY_OBJECTS.has(w) && w !== 'history' && objectCounts(w, context));
    if (reads && thirdParty !== undefined && !send) {
        out.add('untrusted-content', 'description', `description reads "${thirdParty}"`, true);
    }
}
function classifyAnnotations(tool, out) {
    const annotations = tool.annotations ?? {};
    if (annotations.readOnlyHint === true)
        out.add('read', 'annotation', 'readOnlyHint: true', true);
    if (annotations.destructiveHint === true && annotations.readOnlyHint !== true) {
        out.add('destructive', 'annotation', 'destructiveHint: true', false);
    }
    if (annotations.openWorldHint === true)
        out.add('network', 'annotation', 'openWorldHint: true', false);
}
function fundsOperationsOf(words, compact, crypto, out) {
    const operations = [];
    if (words.some((w) => FUNDS_READ_WORDS.has(w)))
        return operations;
    for (const compound of [
        'sendtransaction',
        'signtransaction',
        'sendrawtransaction',
        'signtypeddata',
    ]) {
        if (compact.includes(compound))
            operations.push(compound.replace(/(send|sign)/, '$1 '));
    }
    for (const word of words) {
        if (FUNDS_VERBS.has(word) || (crypto && CONTEXT_FUNDS_VERBS.has(word))) {
            if (word === 'execute' && !words.some((w) => w.startsWith('transaction') || w === 'tx')) {
                continue;
            }
            operations.push(word);
        }
    }
    const unique = [...new Set(operations)];
    for (const operation of unique) {
        out.add('financial', 'name', `name word "${operation}"`, true);
    }
    return unique;
}
/** Words before a key word that make the key an input: `address_from_private_key`. */
const KEY_INPUT_WORDS = set('from', 'with', 'using', 'by', 'import', 'restore', 'validate', 'verify');
function keyReturnOf(tool, words, compact, description, crypto) {
    const key = KEY_COMPOUNDS.find((k) => compact.includes(k)) ??
        (crypto && words.includes('seed') ? 'seed' : undefined);
    if (key !== undefined) {
        // Where the key word starts in the name: the first word that begins the compound.
        const start = words.findIndex((_, i) => words.slice(i).join('').startsWith(key));
        const before = words.slice(0, Math.max(0, start));
        const verb = before.find((w) => RETURNING_VERBS.has(w));
        if (verb !== undefined && !before.some((w) => KEY_INPUT_WORDS.has(w))) {
            return `name "${tool.name}" (${verb} … ${key})`;
        }
    }
    const match = RETURNS_KEY.exec(description);
    if (match) {
        const before = description.slice(Math.max(0, match.index - 30), match.index);
        if (!NEGATION.test(before) && !NEGATION.test(match[0])) {
            return `description says "${match[0]}"`;
        }
    }
    const output = parametersOf(tool.outputSchema).find((p) => KEY_PARAMETER.test(p.path.split('.').at(-1) ?? ''));
    if (output)
        return `output field "${output.path}"`;
    return undefined;
}
/**
 * Classifies a tool by what it can do, from its name words (snake, camel and kebab case split),
 * the first sentence of its description, its input parameters and its annotations. Each
 * capability carries the evidence that led to it; `reasons` says it in one line each.
 *
 * Look-alikes are handled on purpose: `get_token_count` is not a credential, `add` with no object
 * is arithmetic, `send_to_clipboard` writes and reaches the network only by its wording (flagged
 * as `network`, weakly — the clipboard stays on the machine).
 *
 * @example
 * const { capabilities, reasons } = classifyTool({ name: 'delete_file', inputSchema: { type: 'object' } });
 * capabilities.has('destructive'); // true
 * reasons; // ['destructive: name word "delete"']
 */
export function classifyTool(tool) {
    const out = new Collector();
    const words = nameWords(tool.name);
    const compact = words.join('');
    const description = (tool.description ?? '').slice(0, 4000);
    const summary = summaryOf(description);
    const parameters = parametersOf(tool.inputSchema);
    const contextWords = [
        ...words,
        ...textWords(description.slice(0, 600)),
        ...parameters.flatMap((p) => nameWords(p.path)),
    ];
    const crypto = contextWords.some((w) => CRYPTO_WORDS.has(w)) ||
        words.some((w) => CRYPTO_NAME_WORDS.has(w) && w !== 'token' && w !== 'tokens') ||
        (words.some((w) => w === 'token' || w === 'tokens') &&
            parameters.some((p) => AMOUNT_PARAMETERS.has(p.key) || p.key === 'address'));
    const context = new Set(contextWords);
    classifyName(words, context, out);
    const returnsSecrets = [];
    classifyCredentials(words, compact, crypto, out, returnsSecrets);
    const codeParameters = [];
    const keyParameters = [];
    classifySchema(parameters, words, summary, crypto, out, codeParameters, keyParameters);
    classifyDescription(summary, context, out);
    classifyAnnotations(tool, out);
    const fundsOperations = fundsOperationsOf(words, compact, crypto, out);
    const returns = keyReturnOf(tool, words, compact, description, crypto);
    if (returns !== undefined) {
        const source = returns.startsWith('description')
            ? 'description'
            : returns.startsWith('output')
                ? 'schema'
                : 'name';
        out.add('credentials', source, `returns key material: ${returns}`, true);
    }
    if (out.has('credentials', true) || returnsSecrets.length > 0) {
        out.add('private-data', 'name', 'handles credentials', false);
    }
    const destructiveWords = words.filter((w) => DESTRUCTIVE_WORDS.has(w));
    const lowImpact = destructiveWords.length > 0 &&
        words.some((w) => EPHEMERAL_OBJECTS.has(w)) &&
        !words.some((w) => PRIVATE_OBJECTS.has(w) && !EPHEMERAL_OBJECTS.has(w));
    const runsCode = out.evidence.some((e) => e.capability === 'execute' && (e.source === 'name' || e.source === 'description'));
    let runsAnyCode;
    if (runsCode && codeParameters.length > 0) {
        const unsafe = words.some((w) => UNSAFE_WORDS.has(w)) ||
            /\b(unsafe|arbitrary|RCE|any (shell )?command)\b/i.test(description.slice(0, 300));
        const sandboxed = [...words, ...textWords(summary)].some((w) => SANDBOX_WORDS.has(w));
        runsAnyCode = sandboxed && !unsafe ? 'sandboxed' : 'host';
        if (runsAnyCode === 'host') {
            const detail = `runs any command (${codeParameters.map((p) => `"${p}"`).join(', ')})`;
            out.add('private-data', 'schema', detail, true);
            out.add('network', 'schema', detail, true);
        }
    }
    const capabilities = new Set(out.evidence.map((e) => e.capability));
    const reasons = out.evidence.map((e) => `${e.capability}: ${e.detail}${e.strong ? '' : ' (weak)'}`);
    return {
        capabilities,
        reasons,
        evidence: out.evidence,
        codeParameters,
        keyMaterial: { ...(returns !== undefined ? { returns } : {}), parameters: keyParameters },
        fundsOperations,
        returnsSecrets: [...new Set(returnsSecrets)],
        lowImpact,
        ...(runsAnyCode !== undefined ? { runsAnyCode } : {}),
    };
}
/** Evidence for `capability` that counts: strong, and (unless `annotations`) not from annotations. */
export function strongEvidence(classification, capability, { annotations = false } = {}) {
    return classification.evidence.filter((e) => e.capability === capability && e.strong && (annotations || e.source !== 'annotation'));
}
