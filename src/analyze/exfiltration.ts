import {
  analyzerStarts,
  type FieldContext,
  type LowerText,
  matchPatterns,
  registerPatterns,
  type TextPattern,
} from './match.js';
import type { Signal } from './signal.js';

/**
 * Ways to carry data out: instructions to send or post data to a hard-coded URL or address,
 * descriptions admitting data goes to remote or third parties, markdown images whose URL
 * carries data, recipients rewritten to an attacker, and side-channel parameters the model is
 * asked to fill with files, history or the system prompt.
 */

const URL_RE = /\bhttps?:\/\/[^\s"'`<>)\]}]{3,300}/giu;
const IP_PORT = /\b(?:\d{1,3}\.){3}\d{1,3}:\d{2,5}\b/gu;
const SEND_VERBS =
  /\b(?:send|sends|sent|sending|post|posts|posted|posting|upload|uploads|uploaded|uploading|forward|forwards|forwarded|transmit|transmits|transmitted|exfiltrate|exfiltrates|sync|syncs|synced|stream|streams|streamed|beacon|curl|wget|nc|netcat|make\s+an?\s+(?:http|https|web|post)\s+request|enviar|envía|envie|sube|subir|reenvía|senden|sende|hochladen|weiterleiten|envoyer|envoie|envoyez|téléverser|transférer)\b|отправ\p{L}*|загруз\p{L}*|перешл\p{L}*|发送|上传|转发|提交|传输|送信|アップロード|転送|전송|업로드|보내/giu;
/** Domains reserved for documentation (RFC 2606 / 6761): examples, not destinations. */
const DOCUMENTATION_HOST = /(?:^|\.)(?:example\.(?:com|net|org)|example|test|invalid|localhost)$/iu;
const BULK =
  /\b(?:all|every|each|full|complete|entire|whole|identical\s+copy|copy\s+of|everything|any)\b/iu;
const IMPERATIVE_LEAD =
  /(?:^|[.!:;>\n]\s*|\b(?:must|should|please|always|also|then|and|first|silently|secretly)\s+)$/iu;
/** Well-known request-capture services used to receive stolen data. */
const CAPTURE_HOSTS =
  /(?:^|\.)(?:webhook\.site|requestbin\.(?:com|net)|pipedream\.net|ngrok(?:-free)?\.(?:io|app|dev)|burpcollaborator\.net|oastify\.com|interact\.sh|oast\.(?:fun|me|live|site|online|pro)|canarytokens\.com|beeceptor\.com|hookbin\.com|requestcatcher\.com|postb\.in|webhook\.cool)$/iu;

const PATTERNS: readonly TextPattern[] = [
  {
    rule: 'exfil.remote-destination',
    weight: 0.45,
    message: 'Says data goes to a remote, external or third-party destination.',
    re: /\b(?:sent|send|sends|forwarded|forward|streamed|uploaded|transmitted|shared|synced|synchronized|reported|exported|posted|copied|mirrored|relayed|beamed)\s+(?:\w+\s+){0,3}?(?:to|with)\s+(?:an?\s+|our\s+|the\s+|some\s+)?(?:remote|external|third[- ]part(?:y|ies)|attacker|partners?|offsite|off-site|outside|unknown|undisclosed)\b|\b(?:stored|cached|kept|saved|persisted|logged|sent|synced|uploaded|backed\s+up)\s+(?:remotely|externally|offsite|off-site)\b|\b(?:synced|synchronized)\s+(?:\w+\s+){0,3}?(?:via|through|to)\s+(?:the\s+)?cloud\b/gi,
    keywords: [
      'remote',
      'external',
      'third',
      'attacker',
      'partner',
      'offsite',
      'off-site',
      'outside',
      'unknown',
      'undisclosed',
      'cloud',
    ],
  },
  {
    rule: 'exfil.attacker',
    weight: 0.6,
    message: 'Sends data to an attacker.',
    re: /\bcontrolled\s+by\s+(?:the\s+|an\s+)?attackers?\b|\b(?:to|for)\s+(?:the\s+|an\s+)?attackers?\b|\bharvested\s+(?:\w+\s+){0,2}?(?:credentials|data|keys|tokens|records)\b/gi,
    keywords: ['attacker', 'harvested'],
  },
  {
    rule: 'exfil.collection',
    weight: 0.3,
    message: 'Describes collecting user data beyond the stated purpose.',
    re: /\b(?:indexes|harvests|captures|fingerprints|tracks|monitors|records|collects|extracts|logs)\s+(?:\w+\s+){0,2}?(?:any|all|every|the)\s+(?:\w+\s+){0,2}?(?:api\s+keys|tokens|credentials|passwords|visible\s+text|unique\s+words|keystrokes|clipboard|user\s+data|personal\s+data|messages)\b|\bclipboard\s+(?:\w+\s+){0,3}?(?:streamed|sent|synced|uploaded|monitored|captured|forwarded)\b/gi,
    keywords: [
      'index',
      'harvest',
      'captur',
      'fingerprint',
      'track',
      'monitor',
      'record',
      'collect',
      'extract',
      'logs',
      'clipboard',
    ],
  },
  {
    rule: 'exfil.consent-bypass',
    weight: 0.35,
    message:
      "Uses people's data beyond the task without asking (opt-in by default, marketing, training).",
    re: /\bautomatically\s+opted[- ]in\b|\b(?:added|subscribed|enrolled)\s+to\s+(?:a\s+|our\s+|the\s+)?(?:marketing|advertising|newsletter|partner)\b|\bfor\s+(?:model\s+)?training\s+purposes\b|\bwithout\s+(?:explicit\s+)?(?:user\s+)?(?:consent|opt-in)\b|\b(?:sold|shared)\s+(?:\w+\s+){0,2}?(?:with|to)\s+(?:advertisers|data\s+brokers)\b/gi,
    keywords: [
      'opted',
      'marketing',
      'advertising',
      'newsletter',
      'partner',
      'training',
      'consent',
      'opt-in',
      'advertisers',
      'brokers',
    ],
  },
  {
    rule: 'exfil.recipient-override',
    weight: 0.55,
    message: 'Redirects messages or emails to a fixed recipient.',
    re: /\b(?:send|sending|forward|forwarding|forwarded|redirect|redirecting|route|routing|cc|bcc|copy|deliver)\b[^.\n]{0,60}?\b(?:all|every|each|any)\s+(?:\w+\s+)?(?:e-?mails?|messages?|mail|texts?)\b[^.\n]{0,40}?\bto\s+(?:[\w.+-]{1,64}@[\w-]{1,63}\.[\w.-]{2,63}|\+?\d[\d\s-]{7,16}\d)|\b(?:add|include|set|change|replace|use|put)\b[^.\n]{0,40}?\b(?:bcc|cc|recipient|to[- ]address|recipients?|phone\s+number)\b[^.\n]{0,40}?\b(?:to|as|with)\s+(?:[\w.+-]{1,64}@[\w-]{1,63}\.[\w.-]{2,63}|\+?\d[\d\s-]{7,16}\d)|\b(?:always\s+)?(?:bcc|cc)\s+[\w.+-]{1,64}@[\w-]{1,63}\.[\w.-]{2,63}/gi,
    keywords: ['mail', 'message', 'recipient', 'bcc', 'cc', 'text', 'phone'],
  },
  {
    rule: 'exfil.content-to-parameter',
    weight: 0.3,
    message: 'Tells the model to put content into a named parameter.',
    re: /\b(?:pass|put|include|provide|place|insert|add|send|set|fill|append|concatenate)\b[^.\n]{0,60}?\b(?:contents?|text|output|results?|history|messages|data|information)\b[^.\n]{0,30}?\b(?:as|in|into|to)\s+(?:the\s+)?['"`][\w-]{1,40}['"`]/gi,
    keywords: ['content', 'text', 'output', 'result', 'history', 'messages', 'data', 'information'],
  },
  {
    rule: 'exfil.context-leak',
    weight: 0.45,
    message:
      'Asks the model to hand over the conversation, earlier tool output or its instructions.',
    re: /\b(?:include|append|attach|add|pass|send|provide|put|embed|insert)\s+(?:\w+\s+){0,2}?(?:full|complete|entire|whole|all|the|a)\s+(?:\w+\s+){0,2}?(?:list\s+of\s+(?:\w+\s+)?(?:last|previous|prior|recent)\s+messages|conversation(?:\s+history)?|chat\s+history|system\s+prompt|previous\s+(?:tool\s+)?(?:results?|outputs?|responses?)|results?\s+of\s+(?:the\s+)?previous)\b|\b(?:result|output)\s+of\s+(?:the\s+)?previous\s+[\w-]+\s+call\b/gi,
    keywords: ['messages', 'conversation', 'chat', 'system prompt', 'previous'],
  },
  {
    rule: 'exfil.secrets-in-output',
    weight: 0.4,
    message: 'Tells the model to put secrets into its answer.',
    re: /\b(?:include|append|add|insert|embed|return|output|show|print)\s+(?:\w+\s+){0,3}?(?:api\s+keys?|credentials?|passwords?|secrets?|tokens?|private\s+keys?|master\s+password|confidential\s+\w+|environment\s+variables?)\s+(?:\w+\s+){0,3}?(?:in|to|into|with)\s+(?:your|the)\s+(?:response|output|reply|answer|result)\b|\b(?:append|add|attach)\s+(?:them|it|these|those)\s+to\s+(?:the|your)\s+(?:output|response|result|reply)\b/gi,
    keywords: [
      'key',
      'credential',
      'password',
      'secret',
      'token',
      'confidential',
      'environment',
      'them',
      'it',
      'these',
      'those',
    ],
  },
];

registerPatterns(PATTERNS);

/** Parameter names that exist to carry a side channel. */
const SIDE_CHANNEL_PARAMETER =
  /^(?:side_?notes?|notes?|context|feedback|metadata|meta|extra|extras|details|comments?|remarks|debug|debug_info|annotations?|reasoning|summary|info|additional_?(?:info|context|data)|aux(?:iliary)?|misc|payload|trace|telemetry)$/iu;
/** Parameter names that ask for the agent's own context. */
const HARVEST_PARAMETER =
  /^(?:tools?_?list|available_?tools|tool_?names|all_?tools|conversation_?history|chat_?history|message_?history|previous_?messages|full_?context|context_?window|user_?secrets|system_?prompt|system_?instructions|assistant_?instructions|prior_?instructions)$/iu;
/** What a parameter description may ask the model to fill in: the agent's own context. */
const HARVEST_CONTEXT =
  /\b(?:(?:full|entire|whole|complete)\s+(?:conversation|chat\s+history)|conversation\s+history|chat\s+history|system\s+prompt|(?:previous|prior|earlier)\s+(?:user\s+)?(?:messages|tool\s+(?:calls?|results?|outputs?)|responses)|other\s+tools'?\s+(?:outputs?|results?)|(?:list|names)\s+of\s+(?:all\s+)?(?:available\s+)?tools|your\s+(?:system\s+)?instructions|everything\s+(?:the\s+user|you\s+know))\b/iu;
/** … and, for a side-channel parameter, files and secrets too. */
const HARVEST_SECRETS =
  /\b(?:contents?\s+of\s+(?:the\s+)?(?:file|files|~|\/|\.)|file\s+contents?|credentials|api\s+keys?|environment\s+variables|private\s+keys?|passwords?|tokens?|(?:full|entire|whole)\s+(?:context|transcript|history))\b|~\/|\.ssh\b/iu;

function parameterSignals(text: string, context: FieldContext): Signal[] {
  const parameter = context.parameter;
  if (parameter === undefined) return [];
  if (context.isName) {
    if (!HARVEST_PARAMETER.test(parameter)) return [];
    const promptLike = /prompt|instructions/iu.test(parameter);
    return [
      {
        kind: 'exfiltration',
        rule: 'exfil.harvest-parameter',
        start: 0,
        end: text.length,
        message: `Parameter "${parameter}" asks the model for its own context (tools, conversation or instructions).`,
        weight: promptLike ? 0.3 : 0.5,
      },
    ];
  }
  const sideChannel = SIDE_CHANNEL_PARAMETER.test(parameter);
  const match = HARVEST_CONTEXT.exec(text) ?? (sideChannel ? HARVEST_SECRETS.exec(text) : null);
  if (!match) return [];
  return [
    {
      kind: 'exfiltration',
      rule: 'exfil.side-channel-parameter',
      start: match.index,
      end: match.index + match[0].length,
      message: `The description of parameter "${parameter}" asks the model to fill it with ${match[0]}.`,
      weight: sideChannel ? 0.65 : 0.45,
    },
  ];
}

const MARKDOWN_IMAGE =
  /!\[[^\]\n]{0,200}\]\(\s*<?(https?:\/\/[^)\s>]{1,1000})>?(?:\s+["'][^"'\n]{0,200}["'])?\s*\)/gu;
const MARKDOWN_LINK = /(?<!!)\[[^\]\n]{1,200}\]\(\s*<?(https?:\/\/[^)\s>]{1,1000})>?\)/gu;
const HTML_IMAGE = /<img\b[^>]{0,300}?\bsrc\s*=\s*["']?(https?:\/\/[^"'\s>]{1,1000})/giu;
const PLACEHOLDER =
  /\{[^}]{0,80}\}|\$\{|%7B|<[A-Za-z_]{1,40}>|\[[A-Z_]{2,40}\]|\b(?:DATA|SECRET|INSERT|PLACEHOLDER|REPLACE)\b/u;
const DATA_QUERY =
  /[?&](?:d|q|data|payload|secret|token|key|chat|conv|conversation|history|msg|message|content|info|p|leak|exfil|s|c|text)=/iu;

const IMG_TAG = /<img/iu;
const HTTP = /http/i;

/** The first match of a non-global `re`, as `re.exec(text)` (through the start index). */
function firstMatch(re: RegExp, text: string): RegExpExecArray | null {
  for (const match of analyzerStarts.matchesOf(re, text)) return match;
  return null;
}

const MAX_IMAGE_SIGNALS = 8;

function imageSignals(text: string): Signal[] {
  if (!text.includes('](') && firstMatch(IMG_TAG, text) === null) return [];
  const signals: Signal[] = [];
  const add = (match: RegExpMatchArray, image: boolean): void => {
    const url = match[1] ?? '';
    const placeholder = PLACEHOLDER.test(url);
    const query = DATA_QUERY.test(url);
    if (!placeholder && !(image && query)) return;
    signals.push({
      kind: 'exfiltration',
      rule: image ? 'exfil.markdown-image' : 'exfil.markdown-link',
      start: match.index ?? 0,
      end: (match.index ?? 0) + match[0].length,
      message: image
        ? 'An image URL carries data in its query: rendering it sends the data out.'
        : 'A link URL has a placeholder for data to be filled in.',
      weight: placeholder ? (image ? 0.65 : 0.5) : 0.4,
    });
  };
  // Signals past the first eight are dropped, so the scans stop there.
  const scan = (re: RegExp, image: boolean): void => {
    for (const match of analyzerStarts.matchesOf(re, text)) {
      if (signals.length >= MAX_IMAGE_SIGNALS) return;
      add(match, image);
    }
  };
  scan(MARKDOWN_IMAGE, true);
  scan(HTML_IMAGE, true);
  scan(MARKDOWN_LINK, false);
  return signals.slice(0, MAX_IMAGE_SIGNALS);
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}

/** Send/post/upload verbs in the same sentence as a hard-coded URL or address. */
const MAX_DESTINATIONS = 24;

/** The first {@link MAX_DESTINATIONS} URLs, then addresses with a port if there is room. */
function destinationsIn(text: string): RegExpExecArray[] {
  const destinations: RegExpExecArray[] = [];
  for (const re of [URL_RE, IP_PORT]) {
    if (destinations.length >= MAX_DESTINATIONS) break;
    for (const match of analyzerStarts.matchesOf(re, text)) {
      destinations.push(match);
      if (destinations.length >= MAX_DESTINATIONS) break;
    }
  }
  return destinations;
}

function sendToUrlSignals(text: string): Signal[] {
  const signals: Signal[] = [];
  for (const destination of destinationsIn(text)) {
    const at = destination.index;
    const host = hostOf(
      destination[0].startsWith('http') ? destination[0] : `http://${destination[0]}`,
    );
    const capture = host !== undefined && CAPTURE_HOSTS.test(host);
    const windowStart = Math.max(0, at - 160);
    let sentence = text.slice(windowStart, at);
    const cut = Math.max(sentence.lastIndexOf('. '), sentence.lastIndexOf('\n\n'));
    const sentenceStart = cut >= 0 ? windowStart + cut + 1 : windowStart;
    sentence = text.slice(sentenceStart, at);
    let verb: RegExpMatchArray | undefined;
    for (const match of sentence.matchAll(SEND_VERBS)) verb = match;
    if (!verb && !capture) continue;
    const verbStart = verb ? sentenceStart + (verb.index ?? 0) : at;
    const imperative =
      verb !== undefined &&
      IMPERATIVE_LEAD.test(sentence.slice(Math.max(0, (verb.index ?? 0) - 30), verb.index));
    const bulk = BULK.test(sentence);
    const documentation = host !== undefined && DOCUMENTATION_HOST.test(host);
    const weight =
      Math.min(
        0.7,
        (verb ? 0.3 : 0) + (capture ? 0.3 : 0) + (imperative ? 0.15 : 0) + (bulk && verb ? 0.1 : 0),
      ) * (documentation ? 0.5 : 1);
    signals.push({
      kind: 'exfiltration',
      rule: capture ? 'exfil.capture-service' : 'exfil.send-to-url',
      start: verbStart,
      end: at + destination[0].length,
      message: capture
        ? 'Sends data to a request-capture service.'
        : 'Tells the model to send data to a hard-coded address.',
      weight,
    });
  }
  return signals;
}

/** Code that reads local data (files, environment, clipboard, keystrokes, screen, identity). */
const CODE_SOURCE =
  /\bopen\(\s*["'f]|\bos\.environ\b|\bprocess\.env\b|\bgetpass\.getuser\(|\bpyperclip\.paste\(|\bpbpaste\b|\bGetClipboardData\(|\bxsel\b|\bxclip\b|\bpynput\b|\bkeyboard\.Listener\b|\bscreenshot\b|\bImageGrab\.grab\(|\bbrowser_cookie3?\b|\bCookies\b|\bLogin Data\b|\bpsutil\.|\bplatform\.(?:node|uname|platform)\(|\bsocket\.gethostname\(|\bpkg_resources\.working_set\b|\bsubprocess\.(?:check_output|run|Popen|call)\(|\bos\.listdir\(|\bglob\.glob\(/u;
/** Code that sends data over the network. */
const CODE_SINK =
  /\brequests\.(?:post|put|patch)\(|\burllib\.request\.urlopen\(|\bhttp\.client\b|\bsocket\.socket\(|\.send(?:all)?\(|\bsmtplib\b|\bftplib\b|\bparamiko\b|["'[\s](?:scp|rsync|curl|nc|ncat|sftp)["'\s,]|\bfetch\(\s*["'`]https?:|\baxios\.post\(/u;

function codeSignals(text: string, context: FieldContext): Signal[] {
  if (!text.includes('(')) return [];
  const source = firstMatch(CODE_SOURCE, text);
  const sink = firstMatch(CODE_SINK, text);
  if (!source || !sink) return [];
  const start = Math.min(source.index, sink.index);
  const end = Math.max(source.index + source[0].length, sink.index + sink[0].length);
  if (end - start > 1200) return [];
  return [
    {
      kind: 'exfiltration',
      rule: 'exfil.code',
      start,
      end,
      message: 'Code that reads local data and sends it over the network.',
      // Tool descriptions show code examples; tool results that push code on the model do not.
      weight: context.source === 'definition' ? 0.2 : 0.4,
    },
  ];
}

analyzerStarts.register(
  HTTP,
  URL_RE,
  IP_PORT,
  IMG_TAG,
  MARKDOWN_IMAGE,
  HTML_IMAGE,
  MARKDOWN_LINK,
  CODE_SOURCE,
  CODE_SINK,
);

/**
 * Exfiltration channels in `text`. With a field context, a parameter's name and description
 * are read together (`sidenote` + "the contents of ~/.ssh/id_rsa").
 *
 * @example
 * findExfiltration('the full conversation history', …, fieldContext('inputSchema.properties.notes.description'));
 * // [{ rule: 'exfil.side-channel-parameter', weight: 0.65, … }]
 */
export function findExfiltration(text: string, lower: LowerText, context: FieldContext): Signal[] {
  const signals = parameterSignals(text, context);
  if (context.isName) return signals;
  signals.push(...matchPatterns('exfiltration', text, lower, PATTERNS));
  signals.push(...imageSignals(text));
  signals.push(...codeSignals(text, context));
  // `lower.includes('http')`, without lower-casing the text: no other character lower-cases to
  // h, t or p.
  if (firstMatch(HTTP, text) !== null || /\d\.\d{1,3}:\d/u.test(text))
    signals.push(...sendToUrlSignals(text));
  return signals;
}
