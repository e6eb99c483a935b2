import { matchesOf, mayMatch, registerRegexes, releaseScan } from '../prefilter.js';
import { normalize } from './normalize.js';

/**
 * Intent cues of the trained scorer: what a text asks of its reader, independent of an attack's
 * vocabulary. Each cue is a short list of phrases per language — function words, modal verbs
 * and fixed expressions ("you must", "without telling the user", "from now on", "instead of"),
 * never attack phrases — so that a cue learnt from English attacks also fires on German,
 * Spanish, French, Italian, Portuguese, Russian, Chinese or Japanese text saying the same.
 * Every phrase is matched on normalised text (written through `normalize`, as the scorer sees
 * it: look-alike letters folded), on word boundaries except in CJK.
 */

export interface IntentCue {
  /** Feature name (`ctx:*`). */
  name: string;
  /** English regular-expression source (normalised, lower-case text). */
  english: string;
  /** Other languages: plain phrases, one per entry. */
  phrases: readonly string[];
}

export const INTENT_CUES: readonly IntentCue[] = [
  {
    name: 'ctx:addressed-to-model',
    english: String.raw`\b(?:you are (?:an? |the )?(?:ai|assistant|model|agent|llm|chatbot)|(?:dear|hey|attention|note to|message to) (?:the )?(?:ai|assistant|model|agent|llm|claude|gpt|chatgpt)|as an? (?:ai|assistant|language model)|(?:ai|llm) (?:assistant|agent|model)s?|claude|chatgpt|gpt-?\d|gemini|copilot|if (?:you are|you're|youre|ur|u r) (?:an? |the )?(?:ai|assistant|agent|bot|llm|language model)|(?:any|whatever|whoever|whichever) (?:ai|bot|agent|assistant|llm)s?|(?:ai |automated |coding |email |e-mail |payment |browsing |llm )?(?:assistants?|agents?|bots?) (?:reading|handling|processing|summari[sz]ing|triaging|working on|picking up) (?:this|these|the|our|it)|(?:note|message|instructions?|guidance|notice|tip) (?:for|to) (?:the |any |all )?(?:ai|automated|assistants?|agents?|bots?|llms?)|\[for (?:the )?(?:ai|assistant|agent|bot)s?\])\b|assistant:|<\/?(?:system|assistant|instructions?|important|admin)\b|\[(?:system|inst|instructions?|admin)\]`,
    phrases: [],
  },
  {
    name: 'ctx:authority',
    english: String.raw`\b(?:system (?:message|prompt|notice|alert|override|administrator|admin|update)|administrator|admin (?:mode|notice|override)|developer (?:mode|message|instructions?)|security (?:team|policy|notice|alert|protocol)|mandatory|compulsory|required by (?:policy|compliance|law|the system)|compliance (?:requirement|policy)|highest priority|top priority|supersedes?|takes? precedence|official (?:notice|instruction))\b`,
    phrases: [
      'systemnachricht',
      'administrator',
      'sicherheitsrichtlinie',
      'höchste priorität',
      'mensaje del sistema',
      'administrador',
      'máxima prioridad',
      'message système',
      'priorité absolue',
      'системное сообщение',
      'администратор',
      'наивысший приоритет',
      '系统消息',
      '管理员',
      '最高优先级',
    ],
  },
  {
    name: 'ctx:secret-request',
    english: String.raw`\b(?:passwords?|passwd|api[ _-]?keys?|secret keys?|access tokens?|bearer tokens?|private keys?|seed phrases?|mnemonics?|recovery phrases?|id_rsa|ssh keys?|\.ssh|\.env|credentials?|wallet|2fa codes?|otp|session cookies?|cookies)\b`,
    phrases: [
      'passwort',
      'kennwort',
      'zugangsdaten',
      'privater schlüssel',
      'contraseña',
      'credenciales',
      'clave privada',
      'frase semilla',
      'mot de passe',
      'identifiants',
      'clé privée',
      'phrase de récupération',
      'пароль',
      'пароли',
      'учетные данные',
      'приватный ключ',
      'сид-фраз',
      '密码',
      '私钥',
      '助记词',
      '凭证',
      '令牌',
    ],
  },
  {
    name: 'ctx:call-a-tool',
    english: String.raw`\b[a-z0-9]+_[a-z0-9_]+\s*\(\s*(?:[a-z_]+\s*=|["'{<])|\b(?:call|use|invoke|run|execute|trigger|hit)\s+(?:the\s+)?[\x60'"]?(?:[a-z0-9]+_[a-z0-9_]+|[a-z]+\s+(?:tool|function|command))\b|\bbefore (?:using|calling|invoking) (?:this|any|the|other) tools?\b`,
    phrases: [
      'rufe',
      'verwende das werkzeug',
      'llama a la herramienta',
      'usa la herramienta',
      "appelle l'outil",
      "utilise l'outil",
      'вызови',
      'используй инструмент',
      '调用',
    ],
  },
  {
    name: 'ctx:urgency',
    english: String.raw`\b(?:immediately|urgent(?:ly)?|right now|at once|without delay|asap)\b`,
    phrases: [
      'sofort',
      'unverzüglich',
      'dringend',
      'inmediatamente',
      'urgente',
      'immédiatement',
      'urgent',
      'immediatamente',
      'немедленно',
      'срочно',
      '立即',
      '马上',
      '紧急',
    ],
  },
  {
    name: 'ctx:send-out',
    english: String.raw`\b(?:send|post|upload|forward|transmit|exfiltrate|email|e-mail|curl|wget)\b[^.\n]{0,80}\b(?:to|at)\b[^.\n]{0,40}(?:https?:\/\/|@|webhook|server|endpoint|address)`,
    phrases: [
      'sende an',
      'schicke an',
      'übermittle',
      'leite weiter',
      'envía a',
      'enviar a',
      'reenvía',
      'envoie à',
      'envoyer à',
      'transférer à',
      'invia a',
      'отправь на',
      'отправить на',
      'перешли',
      '发送到',
      '发送给',
      '转发',
      '上传到',
    ],
  },
  {
    // Obligations addressed to the reader (the model): modal verbs and their fixed phrases.
    name: 'ctx:obligation',
    english: String.raw`\b(?:(?:you|the (?:model|assistant|agent|ai|llm)) (?:must|should|shall|need to|needs to|have to|has to|are required to|is required to|will need to|are expected to|is expected to)|(?:must|should) always|always (?:call|use|include|send|run|pass|add|read|ask|prefer|choose|select|report|respond|reply|say|attach|append|set|copy)|never (?:call|use|tell|mention|ask|show|reveal|report|inform|display|question|wait|consult|check)|make sure (?:to|you|that you)|be sure to|it is (?:essential|critical|crucial|mandatory|imperative|required) (?:to|that)|do not forget to)\b`,
    phrases: [
      'du musst',
      'sie müssen',
      'musst du',
      'müssen sie',
      'immer',
      'niemals',
      'unbedingt',
      'zwingend',
      'stets',
      'debes',
      'deberás',
      'tienes que',
      'siempre',
      'nunca',
      'obligatorio',
      'asegúrate de',
      'vous devez',
      'tu dois',
      'toujours',
      'jamais',
      'obligatoire',
      'assurez-vous',
      'il faut',
      'devi',
      'dovete',
      'sempre',
      'assicurati',
      'você deve',
      'certifique-se',
      'ты должен',
      'вы должны',
      'всегда',
      'никогда',
      'обязательно',
      'необходимо',
      '必须',
      '务必',
      '一定要',
      '总是',
      '始终',
      '永远不要',
      '切勿',
      '必ず',
      '常に',
    ],
  },
  {
    // The user spoken of as a third party (the text talks to someone else about them).
    name: 'ctx:user-third-party',
    english: String.raw`\b(?:the (?:user|customer|operator|human|requester|account owner)(?:'s|s)?|the end[- ]user|the person (?:using|asking))\b`,
    phrases: [
      'der benutzer',
      'den benutzer',
      'dem benutzer',
      'des benutzers',
      'der nutzer',
      'dem nutzer',
      'den nutzer',
      'el usuario',
      'al usuario',
      'del usuario',
      "l'utilisateur",
      "à l'utilisateur",
      "l'utente",
      "all'utente",
      'o usuário',
      'ao usuário',
      'пользовател',
      '用户',
      'ユーザー',
    ],
  },
  {
    // Hiding what is done from the user.
    name: 'ctx:conceal',
    english: String.raw`\b(?:(?:do not|don't|never) (?:tell|inform|mention|reveal|show|notify|alert|disclose|display)(?: this| it| anything)?(?: to)? (?:the )?(?:users?|human|them)|without (?:telling|informing|notifying|asking|alerting|showing) (?:the )?(?:users?|human|them)|silently|secretly|covertly|quietly|(?:hidden|invisible) (?:from|to) (?:the )?users?|keep (?:this|it|that) (?:secret|confidential|hidden|private|between us)|behind the scenes|(?:do not|don't|never) mention)\b`,
    phrases: [
      'ohne den benutzer zu informieren',
      'ohne es zu erwähnen',
      'ohne zu fragen',
      'heimlich',
      'verschweige',
      'nicht erwähnen',
      'erwähne nicht',
      'erwähne dies nicht',
      'stillschweigend',
      'sin informar',
      'sin avisar',
      'sin decir',
      'sin preguntar',
      'sin mencionar',
      'en secreto',
      'no le digas',
      'no digas',
      'no menciones',
      'no informes',
      'silenciosamente',
      'sin que el usuario',
      'sans informer',
      'sans prévenir',
      'sans avertir',
      'sans demander',
      'sans le dire',
      'secrètement',
      'en silence',
      'ne dites pas',
      'ne mentionnez pas',
      "à l'insu",
      'senza informare',
      'senza avvisare',
      'segretamente',
      'in silenzio',
      'sem informar',
      'sem avisar',
      'secretamente',
      'не сообщай',
      'не говори',
      'не упоминай',
      'не уведомляй',
      'без ведома',
      'тайно',
      'незаметно',
      'молча',
      'скрытно',
      '不要告诉',
      '不要提及',
      '不要通知',
      '不要让用户',
      '悄悄',
      '秘密地',
      '暗中',
      '无需告知',
      '不告知',
    ],
  },
  {
    // Approvals taken away: no confirmation, pre-approval, automatic approval.
    name: 'ctx:no-confirmation',
    english: String.raw`\b(?:without (?:asking|requesting|waiting|seeking|prompting)?(?: for)?(?: the)?(?: user'?s?)? ?(?:confirmation|approval|consent|permission|review)|(?:no|without|there is no) (?:need|reason) to (?:confirm|ask|check|verify|prompt)|skip(?:ping)? (?:the |any |all )?(?:confirmation|approval|verification|review|prompt|check)s?|auto(?:matically)?[- ]?(?:approve|confirm|accept|sign|execute|submit)|(?:already|pre-?) ?(?:approved|authori[sz]ed|confirmed|consented)|(?:do not|don't|never) (?:ask|wait) for (?:confirmation|approval|permission)|no confirmation (?:is )?(?:needed|required)|without (?:consulting|checking with|asking|notifying) (?:the |their )?(?:user|operator|customer|owner|human)|(?:never|do not|don't) (?:ask|wait for|consult) (?:the )?(?:user|operator|customer|owner|human)s? (?:before|to approve|for)|pre-?authori[sz]ed)\b`,
    phrases: [
      'ohne bestätigung',
      'ohne rückfrage',
      'ohne nachfrage',
      'ohne zustimmung',
      'ohne genehmigung',
      'automatisch bestätigen',
      'bereits genehmigt',
      'bereits bestätigt',
      'sin confirmación',
      'sin aprobación',
      'sin permiso',
      'sin consentimiento',
      'ya aprobado',
      'ya autorizado',
      'sans confirmation',
      'sans approbation',
      'sans autorisation',
      'sans consentement',
      'déjà approuvé',
      'déjà autorisé',
      'senza conferma',
      'sem confirmação',
      'без подтверждения',
      'без разрешения',
      'без согласия',
      'без запроса',
      'уже одобрено',
      '无需确认',
      '不需要确认',
      '无需批准',
      '自动批准',
      '自动确认',
      '跳过确认',
      '无需用户同意',
      '已获批准',
    ],
  },
  {
    // Other tools spoken of: preferred over, replaced, declared broken.
    name: 'ctx:other-tools',
    english: String.raw`\b(?:(?:all|any|every|the) other tools?|other (?:tools|functions|servers|mcp servers|plugins)|another tool|instead of (?:using |calling )?|rather than (?:using|calling)|(?:is|are|has been|have been) (?:deprecated|obsolete|broken|unreliable|insecure|unsafe|compromised)|no longer (?:works|work|supported|maintained|available|safe))`,
    phrases: [
      'andere werkzeuge',
      'anderen werkzeuge',
      'anderes tool',
      'andere tools',
      'stattdessen',
      'anstatt',
      'veraltet',
      'otras herramientas',
      'otra herramienta',
      'en lugar de',
      'en vez de',
      'obsoleta',
      'obsoleto',
      'autres outils',
      'autre outil',
      'au lieu de',
      'plutôt que',
      'obsolète',
      'altri strumenti',
      'invece di',
      'outras ferramentas',
      'em vez de',
      'другие инструменты',
      'другой инструмент',
      'других инструментов',
      'вместо',
      'устарел',
      '其他工具',
      '其它工具',
      '改用',
      '代替',
      '替代',
      '已弃用',
      '已废弃',
    ],
  },
  {
    // What the reader should tell the user (the answer dictated).
    name: 'ctx:dictated-reply',
    english: String.raw`\b(?:(?:tell|inform|assure|reassure|report to|respond to|reply to) (?:the )?user (?:that|it)|(?:in|from) your (?:response|reply|answer|output|summary)|(?:report|say|claim|state|respond|reply|confirm) (?:to the user )?that (?:the |it |everything |all )?(?:\w+ )?(?:was |is |has been |were )?(?:successful|succeeded|completed|complete|done|fine|safe|secure|verified|ok)|(?:do not|don't|never) (?:report|show|display|include|surface) (?:any )?(?:errors?|warnings?|failures?)|(?:tell|show|say|report)(?: to)? (?:the )?(?:customer|user|operator|caller)s?|even (?:if|when) (?:it|the \w+|they|this) (?:fails?|failed|errors?|did not|didn't)|in all cases|(?:describe|present|summari[sz]e|label|characteri[sz]e|portray) (?:this|it|them|the \w+)(?: \w+)? as|(?:just )?(?:tell|assure) (?:them|him|her)|(?:leave|keep) out|omit|refrain from mentioning|(?:do not|don't|never) bring up|without mentioning|say (?:that |it |the \w+ )?(?:is|was|came|looks|went|has))\b`,
    phrases: [
      'sage dem benutzer',
      'sage dem nutzer',
      'teile dem benutzer mit',
      'in deiner antwort',
      'antworte',
      'dile al usuario',
      'informa al usuario',
      'en tu respuesta',
      'responde que',
      "dites à l'utilisateur",
      "dis à l'utilisateur",
      'dans ta réponse',
      'dans votre réponse',
      'répondez que',
      "di' all'utente",
      'nella tua risposta',
      'diga ao usuário',
      'скажи пользователю',
      'сообщи пользователю',
      'в ответе',
      'ответь',
      '告诉用户',
      '回复用户',
      '在回答中',
      '在回复中',
    ],
  },
  {
    // Lasting effect: a rule for every later request.
    name: 'ctx:persist',
    english: String.raw`\b(?:from now on|(?:for|in) (?:all )?(?:future|subsequent|later) (?:requests|conversations|sessions|interactions|calls|responses|tasks|messages)|(?:remember|memori[sz]e|store|save) (?:this|that|the following)(?: (?:instruction|rule|preference))? (?:for|in|to) (?:future|all|later|memory|your memory)|permanent(?:ly)? (?:instruction|rule)|for the rest of (?:the|this) (?:conversation|session)|(?:for|until) next time|next time (?:they|the user|you|it)|going forward|across (?:all )?sessions|every (?:future|later|subsequent) (?:session|request|conversation|time)|(?:long-term|persistent|permanent) (?:memory|memories|notes|preferences?)|standing (?:preference|instruction|rule|order)|(?:save|store|keep|add|write|put|jot down|note down|record)(?: this| that| it| these)? (?:to|in|into) (?:your |the )?(?:memory|memories|notes|saved notes|profile)|update (?:your|the) (?:saved |stored )?(?:notes|memory|profile))\b`,
    phrases: [
      'von nun an',
      'ab jetzt',
      'in zukunft',
      'merke dir',
      'für alle zukünftigen',
      'a partir de ahora',
      'de ahora en adelante',
      'recuerda esto',
      'para todas las futuras',
      'à partir de maintenant',
      'désormais',
      'dorénavant',
      "à l'avenir",
      'souviens-toi',
      "d'ora in poi",
      'a partir de agora',
      'отныне',
      'с этого момента',
      'в будущем',
      'запомни',
      '从现在开始',
      '从今以后',
      '以后所有',
      '记住',
      'für das nächste mal',
      'dauerhaft speichern',
      'para la próxima vez',
      'de forma permanente',
      'pour la prochaine fois',
      'de façon permanente',
      'la prossima volta',
      'на будущее',
      'навсегда',
      '永久保存',
      '长期记忆',
    ],
  },
  {
    // An extra action tied to the tool's use: before or after every call, upon completion.
    name: 'ctx:side-action',
    english: String.raw`\b(?:before (?:every|each|any) (?:use|call|run|response|answer|reply|request)|after (?:every|each|any) (?:use|call|run|response|request)|after (?:reading|returning|calling|using|running) (?:a |the |this |it|any )|upon completion|once (?:done|finished|complete)|(?:first|afterwards|then|also|additionally),? (?:call|run|send|delete|read|execute|upload|copy|write))\b`,
    phrases: [
      'vor jeder verwendung',
      'vor jedem aufruf',
      'nach jedem aufruf',
      'nach jeder verwendung',
      'danach',
      'antes de cada',
      'después de cada',
      'después de usar',
      'avant chaque',
      'après chaque',
      'après avoir',
      'prima di ogni',
      'dopo ogni',
      'antes de cada uso',
      'перед каждым',
      'после каждого',
      'после вызова',
      '每次使用前',
      '每次调用前',
      '每次调用后',
      '完成后',
    ],
  },
  {
    // Files that hold keys and settings.
    name: 'ctx:sensitive-path',
    english: String.raw`(?:~\/|\$home\b|%userprofile%|\.ssh\b|\bid_rsa|\bid_ed25519|\.aws\/|\.env\b|\.npmrc|\.netrc|\.git-credentials|\/etc\/(?:passwd|shadow)|\.kube\/config|\bmcp\.json|claude_desktop_config|\.cursor\/|wallet\.dat|\bkeystore\b|_history\b)`,
    phrases: [],
  },
  {
    // A literal crypto address (a destination fixed in the text).
    name: 'ctx:crypto-address',
    // Ethereum, bech32 Bitcoin, and base58 (Solana) with a digit and a non-hex letter.
    english: String.raw`(?:\b0x[0-9a-f]{40}\b|\bbc1[a-z0-9]{25,60}\b|\b(?=[a-z]*[1-9])(?=[1-9a-f]*[g-z])[1-9a-z]{43,44}\b)`,
    phrases: [],
  },
];

const CJK = /[\u3040-\u30ff\u3400-\u9fff]/u;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

/** The cue's pattern: English source plus its phrases as the scorer sees them. */
export function cuePattern(cue: IntentCue): RegExp {
  const spaced: string[] = [];
  const cjk: string[] = [];
  for (const phrase of cue.phrases) {
    const seen = escape(normalize(phrase).text);
    (CJK.test(phrase) ? cjk : spaced).push(seen);
  }
  const parts = [cue.english];
  if (spaced.length > 0) {
    parts.push(`(?<![\\p{L}\\p{N}_])(?:${spaced.join('|')})(?![\\p{L}\\p{N}_])`);
  }
  if (cjk.length > 0) parts.push(`(?:${cjk.join('|')})`);
  return new RegExp(parts.join('|'), 'u');
}

/** Where one cue matches in normalised text: its name and the match starts. */
export interface CueMatches {
  name: string;
  starts: number[];
}

/** One phrase of one cue, as the scorer sees it. */
interface Phrase {
  cue: number;
  text: string;
  /** CJK phrases match anywhere; the others on word boundaries. */
  cjk: boolean;
}

/** Per code unit: 1 when a spaced phrase starts with it, 2 when a CJK one does (most positions are rejected by one read). */
const PHRASE_FIRST = new Uint8Array(0x10000);
/** Per code unit a phrase starts with: its row of {@link PHRASE_BUCKETS}. */
const PHRASE_ROW = new Int32Array(0x10000).fill(-1);
/**
 * Every phrase of every cue by its first code unit (row) and the low byte of its second
 * (column), in the order the cue's pattern tries them (cue, then spaced before CJK, then list
 * order): the first that matches at a position is the one the pattern takes.
 */
const PHRASE_BUCKETS: (Phrase[] | undefined)[] = [];
INTENT_CUES.forEach((cue, index) => {
  const normalised = cue.phrases.map((phrase) => ({
    text: normalize(phrase).text,
    cjk: CJK.test(phrase),
  }));
  for (const cjk of [false, true]) {
    for (const phrase of normalised) {
      if (phrase.cjk !== cjk) continue;
      if (phrase.text.length < 2) throw new Error(`intent phrase too short: ${phrase.text}`);
      const first = phrase.text.charCodeAt(0);
      if (PHRASE_ROW[first] === -1) {
        PHRASE_ROW[first] = PHRASE_BUCKETS.length / 256;
        PHRASE_BUCKETS.push(...new Array<undefined>(256));
      }
      const bucket = (PHRASE_ROW[first] ?? 0) * 256 + (phrase.text.charCodeAt(1) & 0xff);
      const list = PHRASE_BUCKETS[bucket] ?? [];
      PHRASE_BUCKETS[bucket] = list;
      list.push({ cue: index, text: phrase.text, cjk });
      PHRASE_FIRST[first] = (PHRASE_FIRST[first] ?? 0) | (cjk ? 2 : 1);
    }
  }
});

const ENGLISH = INTENT_CUES.map((cue) => new RegExp(cue.english, 'ug'));
// Indexed with the analyzers' patterns: on a long text each runs only where it can start.
registerRegexes(...ENGLISH);

/** Texts at least this long look their English matches up through the start index. */
const INDEXED_FROM = 1024;

/**
 * The first match of global `re` in `text` at or after `from`: `re.exec(text)` from `lastIndex`
 * `from`, on a long text tried only where the start index says a match can begin (the same match).
 */
function firstMatchFrom(re: RegExp, text: string, from: number): RegExpExecArray | null {
  re.lastIndex = from;
  if (text.length < INDEXED_FROM) return mayMatch(re, text) ? re.exec(text) : null;
  for (const match of matchesOf(re, text)) return match;
  return null;
}

/** ASCII letters, digits and `_` (what `[\p{L}\p{N}_]` holds of ASCII). */
const ASCII_WORD = new Uint8Array(0x10000);
for (let c = 0; c < 0x80; c++) {
  const lower = c | 0x20;
  ASCII_WORD[c] =
    (lower >= 0x61 && lower <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x5f ? 1 : 0;
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}_]$/u;

/** Whether the code point ending just before `at` is a letter, digit or `_` (the phrases' left boundary). */
function wordBefore(text: string, at: number): boolean {
  if (at === 0) return false;
  const c = text.charCodeAt(at - 1);
  if (c < 0x80) return ASCII_WORD[c] === 1;
  const start =
    c >= 0xdc00 && c <= 0xdfff && at >= 2 && isHighSurrogate(text.charCodeAt(at - 2))
      ? at - 2
      : at - 1;
  return LETTER_OR_DIGIT.test(String.fromCodePoint(text.codePointAt(start) ?? c));
}

/** Whether the code point at `at` is a letter, digit or `_` (the phrases' right boundary). */
function wordAt(text: string, at: number): boolean {
  if (at >= text.length) return false;
  const c = text.charCodeAt(at);
  if (c < 0x80) return ASCII_WORD[c] === 1;
  return LETTER_OR_DIGIT.test(String.fromCodePoint(text.codePointAt(at) ?? c));
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/**
 * The phrase matches of each cue in one pass over `text`: per cue, `[start, end)` pairs in
 * order, at most one per start (the phrase the cue's pattern would take there).
 */
function phraseMatches(text: string): number[][] {
  const out: number[][] = INTENT_CUES.map(() => []);
  const last = new Int32Array(INTENT_CUES.length).fill(-1);
  let previous = 0;
  for (let q = 0; q + 1 < text.length; q++) {
    const c = text.charCodeAt(q);
    const first = PHRASE_FIRST[c] ?? 0;
    // A spaced phrase never starts right after an ASCII letter, digit or `_`.
    const skip = first === 0 || (first === 1 && q > 0 && ASCII_WORD[previous] === 1);
    previous = c;
    if (skip) continue;
    const list = PHRASE_BUCKETS[(PHRASE_ROW[c] ?? 0) * 256 + (text.charCodeAt(q + 1) & 0xff)];
    if (!list) continue;
    let before: boolean | undefined;
    for (const phrase of list) {
      if (last[phrase.cue] === q || !text.startsWith(phrase.text, q)) continue;
      if (!phrase.cjk) {
        before ??= wordBefore(text, q);
        if (before || wordAt(text, q + phrase.text.length)) continue;
      }
      last[phrase.cue] = q;
      out[phrase.cue]?.push(q, q + phrase.text.length);
    }
  }
  return out;
}

/**
 * Every match start of every cue in normalised `text`, exactly as a global scan with
 * {@link cuePattern} finds them (leftmost, non-overlapping; at one start the English pattern
 * before the phrases), but with all phrases of all cues found in one pass.
 */
export function cueMatches(text: string): CueMatches[] {
  const phrases = phraseMatches(text);
  const out: CueMatches[] = [];
  INTENT_CUES.forEach((cue, index) => {
    const english = ENGLISH[index];
    const found = phrases[index] ?? [];
    if (!english) return;
    const starts: number[] = [];
    let match = firstMatchFrom(english, text, 0);
    let k = 0;
    let at = 0;
    for (;;) {
      if (match && match.index < at) match = firstMatchFrom(english, text, at);
      while (k < found.length && (found[k] ?? 0) < at) k += 2;
      const phraseStart = k < found.length ? (found[k] ?? 0) : -1;
      if (match && (phraseStart < 0 || match.index <= phraseStart)) {
        starts.push(match.index);
        at = match.index + match[0].length;
        if (match[0].length === 0) at++;
      } else if (phraseStart >= 0) {
        starts.push(phraseStart);
        at = found[k + 1] ?? phraseStart + 1;
      } else break;
    }
    if (starts.length > 0) out.push({ name: cue.name, starts });
  });
  // The start index of a long text holds on to it: let go once every cue has read it.
  if (text.length >= INDEXED_FROM) releaseScan();
  return out;
}
