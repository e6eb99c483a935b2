import {
  type FieldContext,
  type LowerText,
  matchPatterns,
  registerPatterns,
  REJECTION,
  sentenceAround,
  type TextPattern,
} from './match.js';
import type { Signal } from './signal.js';

/**
 * Model directives: text addressed to the model rather than to the person — fake system or
 * "important" blocks, instruction overrides, role reassignment, secrecy towards the user,
 * trigger conditions, urgency and threats — in English, Chinese, Japanese, Korean, Spanish,
 * Russian, German and French.
 *
 * Weights are calibrated so that one imperative word ("IMPORTANT", "must") stays far below
 * the attack threshold; attacks show up as combinations (see `verdict.ts`). Pure; every
 * pattern is linear (bounded gaps over one character class).
 */

const USER = String.raw`(?:user|human|customer|operator|person|requester|end[- ]user)s?`;

const ENGLISH: readonly TextPattern[] = [
  // ── Blocks that pretend to be system text or hide from the reader ──────────────────────
  {
    rule: 'directive.important-tag',
    weight: 0.3,
    message: 'An <IMPORTANT>-style tag marks text aimed at the model.',
    // `[IMPORTANT]` first on a line, from the first line start of the whitespace before it: the
    // lookbehinds say what `^\s*` (with /m) did, without trying every line of a blank run.
    re: /<\s*(?:important|critical|urgent|attention|must[- _]?read|note[- _]?to[- _]?(?:ai|assistant|model))\s*>|(?:(?<![\s\S])|(?<=\S[^\S\n\r\u2028\u2029]*[\n\r\u2028\u2029]))\s*\[(?:important|critical|urgent)\]/gim,
    keywords: ['important', 'critical', 'urgent', 'attention', 'must', 'note'],
  },
  {
    rule: 'directive.hidden-block',
    weight: 0.55,
    message: 'A <SYSTEM>/<HIDDEN>-style block poses as privileged or hidden instructions.',
    re: /<\s*(?:hidden|secret|system|system[-_ ]?(?:prompt|message|instructions?|reminder|note|override)|instructions?|information|admin|override|developer|assistant[-_ ]?instructions?)\s*>/gi,
    keywords: ['<'],
  },
  {
    rule: 'directive.chat-template',
    weight: 0.6,
    message: 'Chat-template markers ([INST], <|im_start|>, <<SYS>>) fake a conversation turn.',
    re: /\[\/?INST\]|<<\/?SYS>>|<\|(?:im_start|im_end|system|user|assistant|endoftext|begin_of_text|start_header_id|end_header_id|eot_id)\|>|^[ \t]*#{2,}[ \t]*(?:system|instruction|new instructions?)[ \t]*:?[ \t]*$/gim,
    keywords: ['inst]', '<<sys', '<|', '###'],
  },
  {
    rule: 'directive.override-marker',
    weight: 0.5,
    message: 'A capitalised override/directive marker poses as system authority.',
    // `(?<!\|)`: a run of pipes is tried from its first pipe only (any later one ends the same).
    re: /\[[A-Z][A-Z _]{0,30}(?:DIRECTIVE|OVERRIDE|INSTRUCTIONS?|SYSTEM|HIDDEN|PROMPT)[A-Z _]{0,30}\]|(?<!\|)\|{2,}[ \t]*[A-Z_]{0,20}OVERRIDE[A-Z_]{0,20}[ \t]*\|{2,}|\b(?:SYSTEM|ADMIN|SAFETY|SECURITY|INSTRUCTION|PRIORITY)[ _](?:OVERRIDE|DIRECTIVE|BYPASS)\b|\b(?:OVERRIDE|BYPASS)[ _](?:DIRECTIVE|PROTOCOL|MODE|INSTRUCTIONS?)\b/g,
    keywords: ['directive', 'override', 'instruction', 'system', 'hidden', 'prompt', 'bypass'],
  },
  {
    rule: 'directive.system-label',
    weight: 0.4,
    message: 'A "SYSTEM:" label poses as a system message inside declared text.',
    re: /(?:^|\n)[ \t]*SYSTEM[ \t]*:|\bSYSTEM[ \t](?:NOTE|MESSAGE|INSTRUCTIONS?|PROMPT|UPDATE|ALERT|NOTICE)\b|\bACT[ \t]AS[ \t]*:/g,
    keywords: ['system', 'act as'],
  },
  {
    rule: 'directive.html-comment',
    weight: 0.45,
    message: 'An HTML comment, invisible once rendered, carries instructions.',
    // Tried from the first `<!--` of a run without `>` only (`(?<!…)`): a later one ends at the
    // same `-->`, and trying each of a wall of `<!--` cost 600 characters apiece.
    re: /(?<!<!--[^>]{0,600}?)<!--[^>]{0,600}?\b(?:ignore|must|instructions?|assistant|model|AI|do not|don't|always|never|system|important|you)\b[^>]{0,600}?-->/gi,
    keywords: ['<!--'],
  },
  // ── Overriding what the model was told ────────────────────────────────────────────────
  {
    rule: 'directive.ignore-previous',
    weight: 0.85,
    message: 'Tells the model to ignore its previous instructions.',
    re: /\b(?:ignore|disregard|forget|override|overrule|discard|neglect|abandon|drop)\s+(?:all\s+|any\s+|every\s+|each\s+)?(?:of\s+)?(?:the\s+|your\s+|my\s+|these\s+|those\s+)?(?:previous|prior|preceding|above|earlier|former|original|initial|old|foregoing)\s+(?:[\w-]+\s+){0,2}?(?:instructions?|guidelines?|rules?|directions?|directives?|prompts?|commands?|context|restrictions?|constraints?|policies|guardrails|programming|messages?|orders|tasks?)\b|\b(?:ignore|disregard|forget)\s+(?:everything|anything|all)\s+(?:(?:you\s+were\s+|you've\s+been\s+|you\s+have\s+been\s+)?(?:told|said|written|given)\s+)?(?:above|before|previously|so\s+far|earlier)\b/gi,
    keywords: [
      'ignore',
      'disregard',
      'forget',
      'override',
      'overrule',
      'discard',
      'neglect',
      'abandon',
      'drop',
    ],
  },
  {
    rule: 'directive.safety-bypass',
    weight: 0.45,
    message: 'Tells the model to set aside safety or security rules.',
    re: /\b(?:ignore|disregard|bypass|disable|skip|turn\s+off|circumvent|override|suspend|remove|lift)\s+(?:all\s+|any\s+)?(?:of\s+)?(?:the\s+|your\s+|its\s+)?(?:safety|security|content|ethical|moral|usage)\s+(?:[\w-]+\s+)?(?:guidelines?|restrictions?|filters?|filtering|checks?|policies|policy|rules|protocols?|measures|controls?|validation|constraints|sanitization|guardrails)\b/gi,
    keywords: ['safety', 'security', 'content', 'ethical', 'moral', 'usage'],
  },
  {
    rule: 'directive.jailbreak',
    weight: 0.55,
    message: 'Jailbreak wording: an unrestricted mode or persona without rules.',
    re: /\b(?:jailbreak(?:\s+mode|en)?|jailbroken|do\s+anything\s+now|developer\s+mode\s+(?:enabled|on|output)|DAN\s+mode|(?:no|without\s+any)\s+(?:ethical|moral)\s+(?:guidelines|restrictions|limits|constraints)|(?:free|freed|released|liberated)\s+from\s+(?:the\s+)?(?:typical\s+)?(?:confines|restrictions|rules|limitations)|(?:does|do)\s+not\s+(?:have\s+to\s+)?(?:abide|comply)\s+(?:by|with)\s+(?:the\s+|any\s+)?(?:rules|polic(?:y|ies)|guidelines))\b/gi,
    keywords: [
      'jailbr',
      'anything now',
      'developer mode',
      'dan mode',
      'ethical',
      'moral',
      'confines',
      'restrictions',
      'limitations',
      'abide',
      'comply',
    ],
  },
  {
    rule: 'directive.role-reassign',
    weight: 0.5,
    message: 'Reassigns the model a new identity or role ("you are now …").',
    re: /\byou\s+are\s+now\s+(?:a|an|the|in|my|going|free|no\s+longer|DAN|acting|operating)\b|\bfrom\s+now\s+on,?\s+(?:you|your|act|respond|answer|always)\b|\byou\s+(?:will|must|shall)\s+now\s+(?:act|behave|respond|answer|be|pretend|play)\b|\byou\s+have\s+been\s+(?:freed|released|liberated|unlocked|jailbroken|reprogrammed)\b|\bstay\s+in\s+character\b|\bpretend\s+(?:to\s+be|you\s+are|that\s+you)\b|\bact\s+as\s+(?:an?\s+)?(?:unrestricted|unfiltered|jailbroken|evil|DAN|different|new)\b/gi,
    keywords: [
      'you are now',
      'from now on',
      'will now',
      'must now',
      'shall now',
      'have been',
      'character',
      'pretend',
      'act as',
    ],
  },
  {
    rule: 'directive.new-task',
    weight: 0.6,
    message: 'Replaces the task the user gave with a new one.',
    re: /\b(?:your\s+)?(?:new|updated|real|actual|true|secret|hidden|primary)\s+(?:task|instructions?|objective|goal|mission|orders)\s*(?::|is\b|are\b)|\byour\s+(?:real|actual|true|new|only)\s+(?:task|goal|objective|purpose|job|mission)\s+is\b|\bbefore\s+you\s+(?:can\s+)?(?:solve|complete|finish|answer|do|continue|proceed\s+with|start|respond\s+to)\s+(?:the|this|that|your|my|any)\s+(?:task|request|question|query|job)\b|\b(?:after|once)\s+you\s+(?:do|have\s+done|finish|complete|are\s+done\s+with)\s+(?:that|this|it)\s*,?\s*you\s+(?:can|may|should)\s+(?:solve|continue|proceed|complete|finish|go\s+back|return)\b|\bthe\s+task\s+(?:that\s+)?I\s+gave\s+you\b/gi,
    keywords: ['task', 'instruction', 'objective', 'goal', 'mission', 'orders', 'purpose', 'job'],
  },
  {
    rule: 'directive.response-manipulation',
    weight: 0.5,
    definitionWeight: 0.3,
    message:
      'Tells the assistant how to write its answer — text addressed to the model, not to the reader.',
    re: /\b(?:modify|change|alter|rewrite|translate|encode|encrypt|reverse|invert|format|provide|render|express|write|deliver|give|end|start|begin|finish|conclude|prefix|append|augment|enhance|integrate|include|add|insert|embed|mention|suggest|promote|scramble|jumble|rearrange|group|misspell|substitute|replace|convert|introduce|display|shift|incorporate|blend|feature|put)\b(?:\s+[^\s.!?]+){0,8}?\s+(?:in|into|to|within|of|from|throughout)?\s*your\s+(?:response|reply|answer|output|message|responses|replies|answers|elucidation|code\s+implementation|implementation|solution|algorithm|codebase|code)(?:'s)?\b|\b(?:in|into|within|at\s+the\s+(?:end|beginning|start|top|bottom)\s+of)\s+your\s+(?:response|reply|answer|output|summary|responses|replies|answers)\s*,|\breply\s+with\s+exactly\b|\brespond\s+(?:only\s+)?with\s+(?:exactly|only|the\s+word|the\s+phrase)\b/gi,
    keywords: ['your', 'exactly', 'respond'],
  },
  {
    rule: 'directive.inject-code',
    weight: 0.45,
    definitionWeight: 0.3,
    message: 'Tells the assistant to put a given code snippet into the code it writes.',
    re: /\b(?:following|below|subsequent|above|this|given)\s+code\s+(?:snippet|block|excerpt|section|segment|fragment)\b[^.!?]{0,120}?\byour\s+(?:code|implementation|solution|algorithm|codebase|response|answer|elucidation|program|script|functionality|logic)\b|\byour\s+(?:code|implementation|solution|algorithm|codebase|elucidation)\b[^.!?]{0,120}?\b(?:following|below|subsequent)\s+code\s+(?:snippet|block|excerpt|section|segment|fragment)\b/gi,
    keywords: ['code'],
  },
  {
    rule: 'directive.prompt-leak',
    weight: 0.6,
    message: 'Asks the model to reveal its system prompt or instructions.',
    re: /\b(?:reveal|print|repeat|output|show|share|leak|disclose|display|recite|tell\s+me|give\s+me|spell\s+out|write\s+out)\s+(?:\w+\s+){0,2}?(?:your|the)\s+(?:system\s+prompt|(?:initial|original|hidden|secret|full|exact)\s+(?:instructions|prompt)|instructions\s+(?:you\s+were\s+given|above)|pre-?prompt)\b/gi,
    keywords: ['prompt', 'instructions'],
  },
  // ── Secrecy towards the user ──────────────────────────────────────────────────────────
  {
    rule: 'directive.conceal-from-user',
    weight: 0.55,
    message: 'Tells the model to keep something from the user.',
    re: new RegExp(
      String.raw`\b(?:do\s+not|don'?t|never|must\s+not|mustn'?t|should\s+not|shouldn'?t|avoid|without)\s+(?:\w+\s+){0,2}?(?:tell(?:ing)?|inform(?:ing)?|notify(?:ing)?|alert(?:ing)?|mention(?:ing)?|reveal(?:ing)?|disclos(?:e|ing)|let(?:ting)?|warn(?:ing)?|surfac(?:e|ing))\s+(?:\w+\s+){0,3}?(?:the\s+|your\s+|any\s+)?${USER}\b(?!\s+to\b)|\b(?:the\s+)?${USER}\s+(?:must|should|need|needs|does|do|will)\s*(?:not|n't)\s+(?:\w+\s+)?(?:know|see|notice|find\s+out|learn|be\s+(?:told|informed|aware|notified|alerted))\b|\bkeep\s+(?:this|it|these|that|them)(?:\s+\w+){0,2}\s+(?:secret|hidden|confidential|private)\s+from\b|\bwithout\s+(?:the\s+)?(?:user'?s?\s+)?(?:knowledge|knowing|noticing|consent|awareness)\b`,
      'gi',
    ),
    keywords: ['not', "n't", 'never', 'avoid', 'without', 'keep'],
  },
  {
    rule: 'directive.conceal-action',
    weight: 0.45,
    message: 'Tells the model not to mention what it is doing.',
    re: /\b(?:do\s+not|don'?t|never|must\s+not)\s+(?:explicitly\s+|ever\s+)?(?:mention|reveal|disclose|say|state|acknowledge|admit|indicate|explain|reference)\s+(?:that|this|these|anything|it|the\s+fact|you(?:'re|\s+are)|why|where|how)\b|\b(?:do\s+not|don'?t|never)\s+(?:reveal|disclose|share|repeat)\s+(?:these|this|your|the|my)\s+(?:instructions?|rules|system\s+prompt|directives?)\b/gi,
    keywords: ['not', "n't", 'never'],
  },
  {
    rule: 'directive.disguise',
    weight: 0.45,
    message: 'Tells the model to disguise what it returns as something ordinary.',
    re: /\b(?:present|format|disguise|frame|make|dress|pass\s+off|label)\s+(?:it|them|this|these|that|the\s+\w+)(?:\s+\w+){0,2}?\s+(?:as\s+if|as\s+though|to\s+look\s+like|so\s+(?:it|they)\s+looks?\s+like|as\s+(?:part\s+of\s+)?(?:the\s+)?(?:normal|regular|ordinary|usual|standard))\b|\b(?:is|it's)\s+(?:just\s+|merely\s+|only\s+)?(?:a\s+)?(?:mere\s+)?implementation\s+detail\b/gi,
    keywords: [
      'as if',
      'as though',
      'look like',
      'looks like',
      'normal',
      'regular',
      'ordinary',
      'usual',
      'standard',
      'implementation detail',
    ],
  },
  {
    rule: 'directive.stealth',
    weight: 0.4,
    message: 'Asks for an action to be done silently or secretly.',
    re: /\b(?:silently|secretly|covertly|quietly|discreetly|surreptitiously|stealthily|invisibly)\s+(?:\w+\s+)?(?:send|post|upload|forward|copy|include|add|read|call|execute|run|collect|append|change|modify|exfiltrate|transmit|log|record|store|access|retrieve|pass|attach|replace|redirect|invoke|make)\b|\b(?:done|performed|executed|run|handled|carried\s+out)\s+(?:silently|secretly|covertly|quietly|discreetly)\b/gi,
    keywords: [
      'silent',
      'secret',
      'covert',
      'quiet',
      'discreet',
      'surreptitious',
      'stealth',
      'invisibl',
    ],
  },
  // ── Triggers, sequencing, pressure ────────────────────────────────────────────────────
  {
    rule: 'directive.before-tool',
    weight: 0.3,
    message: 'Sets a precondition the model must carry out before using the tool.',
    re: /\bbefore\s+(?:using|calling|invoking|executing|running|providing|returning|responding|answering|giving|you\s+(?:use|call|run|respond|answer|return|proceed|invoke))\s+(?:\w+\s+){0,3}?(?:tool|function|results?|response|information|answer|anything|data|output)\b|\bwhen(?:ever)?\s+this\s+(?:tool|function)\s+is\s+(?:called|used|invoked|available|loaded|present|run|executed)\b|\byou\s+must\s+(?:always\s+)?first\b/gi,
    keywords: ['before', 'this tool', 'this function', 'must'],
  },
  {
    rule: 'directive.trigger',
    weight: 0.3,
    message: 'A hidden trigger: behave differently when the input contains a given word.',
    re: /\bif\s+(?:the\s+)?(?:query|input|expression|request|message|prompt|username|user\s+input|text|argument|data)\s+(?:contains|includes|equals|is|matches|has)\b[^.\n]{0,100}?\b(?:you\s+must|must|then\s+(?:you\s+)?(?:must|should)|always)\b/gi,
    keywords: ['if'],
  },
  {
    rule: 'directive.threat',
    weight: 0.3,
    message: 'Pressures the model with invented consequences (crash, data loss, blocked).',
    re: /\b(?:otherwise|or\s+else|if\s+not|if\s+you\s+(?:don'?t|do\s+not|fail\s+to|violate)[^.\n]{0,40}?|failure\s+to\s+(?:do\s+so|comply)|omitting\s+this(?:\s+step)?)\s*,?\s*(?:the\s+)?(?:tool|application|system|app|server|request|workflow|it|this|everything|you)\s+(?:will|would|might|could)\s+(?:not\s+work|fail|crash|break|be\s+blocked|stop\s+working|cause)\b|\b(?:all\s+)?(?:the\s+)?(?:user'?s?\s+)?data\s+will\s+be\s+(?:lost|deleted|corrupted|destroyed)\b|\bthe\s+(?:system|application|app)\s+will\s+crash\b|\bvery,?\s+very(?:,?\s+very)?\s+important\b/gi,
    keywords: [
      'otherwise',
      'or else',
      'if not',
      'if you',
      'failure to',
      'omitting',
      'data will',
      'will crash',
      'very',
    ],
  },
  {
    rule: 'directive.privilege-claim',
    weight: 0.4,
    message: 'Claims authority to lift checks ("trust all input", "bypass access controls").',
    re: /\b(?:trust|execute|accept|allow|approve|run)\s+all\s+(?:\w+\s+)?(?:input|inputs|commands|queries|requests|instructions)\b|\b(?:bypass|skip|ignore|disable)\s+(?:all\s+)?(?:access\s+controls?|authentication|authori[sz]ation|validation|security\s+checks?|permission\s+checks?)\b|\b(?:escalate|elevate)\s+(?:to\s+)?(?:superadmin|admin|root|elevated)\b/gi,
    keywords: [
      'all',
      'access control',
      'authentic',
      'authoriz',
      'authoris',
      'validation',
      'security',
      'permission',
      'escalate',
      'elevate',
    ],
  },
  {
    rule: 'directive.address-model',
    weight: 0.2,
    definitionWeight: 0.15,
    message: 'Speaks to the AI model directly ("Note to LLM").',
    re: /\b(?:message|note|instructions?|notice)\s+(?:to|for)\s+(?:the\s+)?(?:AI|assistant|LLM|language\s+model|model|agent|chatbot)s?\b/gi,
    keywords: ['ai', 'assistant', 'llm', 'model', 'agent', 'chatbot'],
  },
  {
    rule: 'directive.impersonation',
    weight: 0.5,
    message:
      'Speaks to the AI model in the voice of a trusted person ("a message from me to you, Claude").',
    re: /\b(?:message|note|instructions?|notice)\s+from\s+[^.,\n]{1,40}?,?\s+to\s+you\b|\bto\s+you,\s+(?:GPT(?:-?\d[\w.-]*)?|Claude|ChatGPT|Gemini|Llama|the\s+(?:AI|assistant|model))\b|\bdear\s+(?:AI|assistant|Claude|GPT|ChatGPT|model|agent)\b|\bif\s+you\s+are\s+an?\s+(?:AI|LLM|language\s+model|AI\s+assistant|AI\s+agent|bot|crawler)\b|\b(?:attention|hey|hi|hello),?\s+(?:AI|assistant|Claude|ChatGPT|GPT)\s*[:,!]/gi,
    keywords: [
      'message',
      'note',
      'instruction',
      'notice',
      'to you',
      'dear',
      'if you are',
      'attention',
      'hey',
      'hi',
      'hello',
    ],
  },
  {
    rule: 'directive.hijack',
    weight: 0.5,
    message: 'Breaks off the current task abruptly ("STOP EVERYTHING, just print …").',
    re: /\b(?:stop|halt|abort|drop)\s+everything\b|\bjust\s+(?:print|say|output|write|reply|respond\s+with)\s*:?\s*["'“]/giu,
    keywords: ['everything', 'just'],
  },
  {
    rule: 'directive.dangerous-command',
    weight: 0.55,
    definitionWeight: 0.5,
    message: 'Carries a destructive or remote-access command (rm -rf /, reverse shell, fork bomb).',
    re: /\brm\s+-(?:rf|fr|r\s+-f)\s+(?:--no-preserve-root\s+)?(?:\/|~|\*|\$HOME)(?=[\s'"`);]|$)|\bshutil\.rmtree\(\s*["'](?:\/|~|C:\\\\?)["']|\bmkfs(?:\.\w+)?\s+\/dev\/|\bdd\s+if=\/dev\/(?:zero|random|urandom)\s+of=\/dev\/[sh]d|:\(\)\s*\{\s*:\|:&\s*\};:|\bos\.fork\(\)|\bnc(?:at)?\s+(?:-\w+\s+)*-e\s+\/bin\/(?:ba|z)?sh\b|\bbash\s+-i\s+>&\s*\/dev\/tcp\/|\/bin\/(?:ba)?sh["']?\s*,\s*["']-i["']|\bos\.dup2\(\s*\w+\.fileno\(\)|\bformat\s+c:|\bdel\s+\/[sfq]\s+\/[sfq]\s+[a-z]:\\|\bchmod\s+(?:-R\s+)?777\s+\/(?=[\s'"]|$)/gi,
    keywords: [
      'rm ',
      'rmtree',
      'mkfs',
      'dd ',
      ':|:',
      'fork',
      'nc ',
      'ncat',
      '/dev/tcp',
      '/bin/',
      'dup2',
      'format c',
      'del ',
      'chmod',
    ],
  },
  {
    rule: 'directive.remote-script',
    weight: 0.3,
    definitionWeight: 0.2,
    message: 'Pipes a downloaded script straight into a shell.',
    re: /\b(?:curl|wget)\b[^|\n]{1,200}\|\s*(?:sudo\s+)?(?:ba|z)?sh\b/gi,
    keywords: ['curl', 'wget'],
  },
  {
    rule: 'directive.imperative',
    weight: 0.1,
    message: 'Emphatic imperative ("IMPORTANT", "you MUST").',
    re: /\b(?:IMPORTANT|CRITICAL|MANDATORY|REQUIRED)\b|\byou\s+(?:MUST|must|have\s+to|are\s+required\s+to)\b/g,
    keywords: ['important', 'critical', 'mandatory', 'required', 'must', 'have to'],
  },
];

/** Patterns in other languages; each gated by script or keywords. */
const CJK: readonly TextPattern[] = [
  // Chinese
  {
    rule: 'directive.ignore-previous',
    language: 'zh',
    weight: 0.85,
    message: 'Tells the model to ignore its previous instructions (Chinese).',
    re: /(?:忽略|无视|忽视|不要理会|不理会|忘记|忘掉|忘了|抛开|放弃)(?:掉)?(?:你)?(?:之前|以前|先前|此前|上面|以上|前面|上述|原来|原有|原先|所有|一切|全部)的?(?:所有|全部|一切)?的?(?:指令|指示|说明|规则|提示词?|要求|命令|设定|限制|约束)/gu,
  },
  {
    rule: 'directive.conceal-from-user',
    language: 'zh',
    weight: 0.55,
    message: 'Tells the model to keep something from the user (Chinese).',
    re: /(?:不要|切勿|请勿|别|不得|禁止|不可|不能|无需|不必|绝不|千万不要)(?:向|对|跟|和|给)?(?:用户|使用者|用戶)(?:透露|提及|提到|说明|说|告知|提起|显示|展示|解释)|(?:不要|切勿|请勿|别|不得|禁止|不可|不能|绝不|千万不要)(?:告诉|告知|通知|提醒|让)(?:给)?(?:用户|使用者|用戶)|(?:对|向)(?:用户|使用者|用戶)(?:保密|隐瞒)|(?:不要|别|不能)让(?:用户|使用者|用戶)(?:知道|发现|察觉|看到|注意到)/gu,
  },
  {
    rule: 'directive.before-tool',
    language: 'zh',
    weight: 0.3,
    message: 'Sets a precondition before using the tool (Chinese).',
    re: /(?:使用|调用|执行|运行)(?:此|这个|本|该|这一?)(?:工具|函数|功能)(?:之前|以前|前)/gu,
  },
  {
    rule: 'directive.role-reassign',
    language: 'zh',
    weight: 0.5,
    message: 'Reassigns the model a new identity (Chinese).',
    re: /你现在是|现在你是|从现在(?:开始|起)[，,]?\s*你|你的新(?:角色|任务|身份|指令)/gu,
  },
  {
    rule: 'directive.stealth',
    language: 'zh',
    weight: 0.4,
    message: 'Asks for an action to be done secretly (Chinese).',
    re: /(?:秘密地?|悄悄地?|偷偷地?|暗中|静默地?|在后台)(?:地)?(?:发送|上传|读取|执行|调用|收集|转发|复制|访问|获取)/gu,
  },
  // Japanese
  {
    rule: 'directive.ignore-previous',
    language: 'ja',
    weight: 0.85,
    message: 'Tells the model to ignore its previous instructions (Japanese).',
    re: /(?:以前|前|上記|これまで|先|過去|既存|元|最初)の(?:すべての|全ての|全|あらゆる)?(?:指示|命令|指令|ルール|プロンプト|制約|設定)(?:を|は)?(?:すべて|全て)?(?:無視|忘れ)/gu,
  },
  {
    rule: 'directive.conceal-from-user',
    language: 'ja',
    weight: 0.55,
    message: 'Tells the model to keep something from the user (Japanese).',
    re: /ユーザー?(?:に|へ|には|に対して)(?:は)?(?:この(?:こと|件)を)?(?:伝え|知らせ|言わ|教え|通知し|報告し|見せ|明かさ|話さ|言っ)(?:ないで|てはいけ|ては(?:なら|だめ)|るな|ず)|ユーザー?(?:に|には)(?:秘密|内緒)/gu,
  },
  {
    rule: 'directive.before-tool',
    language: 'ja',
    weight: 0.3,
    message: 'Sets a precondition before using the tool (Japanese).',
    re: /(?:この|本|当)(?:ツール|関数|機能)を(?:使用|使う|呼び出す|実行する|利用する|使用する)(?:前に|前は)/gu,
  },
  {
    rule: 'directive.role-reassign',
    language: 'ja',
    weight: 0.5,
    message: 'Reassigns the model a new identity (Japanese).',
    re: /あなたは今から|今からあなたは|これからあなたは|あなたの新しい(?:役割|任務|指示)/gu,
  },
  {
    rule: 'directive.stealth',
    language: 'ja',
    weight: 0.4,
    message: 'Asks for an action to be done secretly (Japanese).',
    re: /(?:こっそり|密かに|ひそかに|黙って)(?:と)?(?:送信|アップロード|読み|実行|転送|収集|取得|送)/gu,
  },
  // Korean
  {
    rule: 'directive.ignore-previous',
    language: 'ko',
    weight: 0.85,
    message: 'Tells the model to ignore its previous instructions (Korean).',
    re: /(?:이전|앞의|위의|기존|모든|지금까지의|이전의)\s*(?:모든\s*)?(?:지시|지침|명령|규칙|프롬프트|제약|지시사항)(?:사항)?(?:을|를|은|는)?\s*(?:모두\s*|전부\s*)?(?:무시|잊어)/gu,
  },
  {
    rule: 'directive.conceal-from-user',
    language: 'ko',
    weight: 0.55,
    message: 'Tells the model to keep something from the user (Korean).',
    re: /사용자(?:에게|한테|께)\s*(?:는\s*)?(?:이\s*(?:사실|내용)을?\s*)?(?:알리지|말하지|언급하지|전달하지|공개하지|보여주지|알려주지|통보하지)\s*(?:마|말|않)/gu,
  },
  {
    rule: 'directive.before-tool',
    language: 'ko',
    weight: 0.3,
    message: 'Sets a precondition before using the tool (Korean).',
    re: /(?:이|본|해당)\s*(?:도구|툴|함수|기능)(?:를|을)?\s*(?:사용|호출|실행|이용)하기\s*전에/gu,
  },
  {
    rule: 'directive.role-reassign',
    language: 'ko',
    weight: 0.5,
    message: 'Reassigns the model a new identity (Korean).',
    re: /당신은\s*이제|이제부터\s*(?:당신|너)(?:는|은)|너는\s*이제/gu,
  },
  {
    rule: 'directive.stealth',
    language: 'ko',
    weight: 0.4,
    message: 'Asks for an action to be done secretly (Korean).',
    re: /(?:몰래|비밀리에|은밀하게|조용히)\s*(?:전송|업로드|읽|실행|전달|수집|보내)/gu,
  },
];

const CYRILLIC: readonly TextPattern[] = [
  {
    rule: 'directive.ignore-previous',
    language: 'ru',
    weight: 0.85,
    message: 'Tells the model to ignore its previous instructions (Russian).',
    re: /(?:игнорируй(?:те)?|игнорировать|проигнорируй(?:те)?|забудь(?:те)?|не\s+обращай(?:те)?\s+внимания\s+на)\s+(?:все\s+)?(?:предыдущие|прежние|вышеуказанные|предшествующие|исходные|все|свои)\s+(?:[\p{L}-]+\s+)?(?:инструкции|указания|правила|команды|директивы|ограничения|установки)/giu,
  },
  {
    rule: 'directive.conceal-from-user',
    language: 'ru',
    weight: 0.55,
    message: 'Tells the model to keep something from the user (Russian).',
    re: /не\s+(?:говори(?:те)?|сообщай(?:те)?|рассказывай(?:те)?|упоминай(?:те)?|показывай(?:те)?|сообщать|говорить|уведомляй(?:те)?)\s+(?:об?\s+этом\s+|ничего\s+)?пользовател\p{L}*|без\s+ведома\s+пользовател\p{L}*|скр(?:ой|ойте|ыть|ывай)\s+(?:это\s+)?от\s+пользовател\p{L}*|пользовател\p{L}*\s+не\s+(?:должен|должна|должны)\s+(?:об?\s+этом\s+)?(?:знать|узнать|видеть)/giu,
  },
  {
    rule: 'directive.before-tool',
    language: 'ru',
    weight: 0.3,
    message: 'Sets a precondition before using the tool (Russian).',
    re: /перед\s+(?:использованием|вызовом|применением|запуском)\s+(?:этого\s+|данного\s+)(?:инструмента|функции)/giu,
  },
  {
    rule: 'directive.role-reassign',
    language: 'ru',
    weight: 0.45,
    message: 'Reassigns the model a new identity (Russian).',
    re: /(?:отныне|с\s+этого\s+момента)\s+ты|ты\s+теперь\s+(?:не\s+)?(?:являешься|—|-)|теперь\s+ты\s+(?:—|-|являешься|будешь\s+(?:играть|действовать))/giu,
  },
  {
    rule: 'directive.stealth',
    language: 'ru',
    weight: 0.4,
    message: 'Asks for an action to be done secretly (Russian).',
    re: /(?:тайно|незаметно|скрытно)\s+(?:отправ\p{L}*|загруз\p{L}*|прочит\p{L}*|выполн\p{L}*|перешл\p{L}*|собер\p{L}*|скопир\p{L}*)/giu,
  },
];

const LATIN_OTHER: readonly TextPattern[] = [
  // Spanish
  {
    rule: 'directive.ignore-previous',
    language: 'es',
    weight: 0.85,
    message: 'Tells the model to ignore its previous instructions (Spanish).',
    re: /\b(?:ignora|ignore|ignorar|ignoren|olvida|olvide|olvidar|olviden|descarta|omite)\s+(?:todas\s+|todos\s+)?(?:las\s+|los\s+|tus\s+|sus\s+)?(?:instrucciones|indicaciones|reglas|órdenes|directrices|instrucción)\s+(?:\p{L}+\s+)?(?:anteriores|previas|precedentes|originales|de\s+arriba)/giu,
    keywords: ['instrucci', 'indicaciones', 'reglas', 'órdenes', 'directrices'],
  },
  {
    rule: 'directive.conceal-from-user',
    language: 'es',
    weight: 0.55,
    message: 'Tells the model to keep something from the user (Spanish).',
    re: /\bno\s+(?:le\s+|les\s+)?(?:digas|diga|menciones|mencione|informes|informe|reveles|revele|comuniques|comunique|cuentes|cuente|avises|avise|notifiques|notifique|muestres)\s+(?:nada\s+)?(?:de\s+)?(?:esto\s+|eso\s+)?(?:al|a\s+los|a\s+la|a\s+las)\s+usuari[oa]s?\b|\bsin\s+(?:decirle|decírselo|informar(?:le)?|avisar(?:le)?|notificar(?:le)?)\s+(?:nada\s+)?(?:al|a\s+la)\s+usuari[oa]\b|\bsin\s+que\s+el\s+usuario\s+(?:lo\s+)?(?:sepa|note|vea)\b/giu,
    keywords: ['usuari'],
  },
  {
    rule: 'directive.before-tool',
    language: 'es',
    weight: 0.3,
    message: 'Sets a precondition before using the tool (Spanish).',
    re: /\bantes\s+de\s+(?:usar|llamar\s+a|utilizar|invocar|ejecutar)\s+(?:esta|la|cualquier)\s+(?:herramienta|función)/giu,
    keywords: ['herramienta', 'función'],
  },
  {
    rule: 'directive.role-reassign',
    language: 'es',
    weight: 0.5,
    message: 'Reassigns the model a new identity (Spanish).',
    re: /\bahora\s+eres\s+(?:un|una|el|la|mi)\b|\ba\s+partir\s+de\s+ahora,?\s+(?:eres|serás|actuarás|responderás)\b/giu,
    keywords: ['ahora'],
  },
  {
    rule: 'directive.stealth',
    language: 'es',
    weight: 0.4,
    message: 'Asks for an action to be done secretly (Spanish).',
    re: /\b(?:en\s+secreto|secretamente|silenciosamente|sigilosamente)\b/gi,
    keywords: ['secret', 'silencios', 'sigilos'],
  },
  // German
  {
    rule: 'directive.ignore-previous',
    language: 'de',
    weight: 0.85,
    message: 'Tells the model to ignore its previous instructions (German).',
    re: /\b(?:ignorier(?:e|en)?|vergiss|vergessen\s+Sie|missachte(?:n\s+Sie)?)\s+(?:bitte\s+)?(?:alle\s+)?(?:die\s+|deine\s+|Ihre\s+)?(?:vorherigen|vorigen|bisherigen|obigen|früheren|ursprünglichen|vorangegangenen)\s+(?:Anweisungen|Instruktionen|Regeln|Vorgaben|Befehle|Anordnungen)/giu,
    keywords: ['anweisungen', 'instruktionen', 'regeln', 'vorgaben', 'befehle', 'anordnungen'],
  },
  {
    rule: 'directive.conceal-from-user',
    language: 'de',
    weight: 0.55,
    message: 'Tells the model to keep something from the user (German).',
    re: /\b(?:sag|sage|sagen\s+Sie|erzähl|erzähle|erwähne|erwähnen\s+Sie|teile|teilen\s+Sie|informiere|verrate|verraten\s+Sie|zeige)\s+(?:\p{L}+\s+){0,2}?(?:dem|den)\s+(?:Benutzer|Nutzer|Anwender|User)n?\s+(?:\p{L}+\s+){0,2}?nichts?\b|\bohne\s+(?:den|dem|die)\s+(?:Benutzer|Nutzer|Anwender|User)(?:in|n)?\s+(?:darüber\s+)?(?:zu\s+)?(?:informieren|benachrichtigen|warnen|fragen)\b|\b(?:der|die)\s+(?:Benutzer|Nutzer|Anwender)(?:in)?\s+(?:darf|soll)\s+(?:davon\s+)?nichts\s+(?:wissen|erfahren|merken|mitbekommen)\b/giu,
    keywords: ['benutzer', 'nutzer', 'anwender', 'user'],
  },
  {
    rule: 'directive.before-tool',
    language: 'de',
    weight: 0.3,
    message: 'Sets a precondition before using the tool (German).',
    re: /\bbevor\s+(?:du|Sie)\s+(?:dieses|das)\s+(?:Tool|Werkzeug)\b|\bvor\s+(?:der\s+)?(?:Verwendung|Nutzung|Benutzung|dem\s+Aufruf)\s+(?:dieses|des)\s+(?:Tools|Werkzeugs)\b/gi,
    keywords: ['tool', 'werkzeug'],
  },
  {
    rule: 'directive.role-reassign',
    language: 'de',
    weight: 0.5,
    message: 'Reassigns the model a new identity (German).',
    re: /\bdu\s+bist\s+(?:jetzt|nun|ab\s+sofort)\s+(?:ein|eine|der|die|das|mein|meine|kein)\b|\b(?:ab\s+sofort|von\s+nun\s+an|ab\s+jetzt)\s+bist\s+du\b/gi,
    keywords: ['du bist', 'bist du'],
  },
  {
    rule: 'directive.stealth',
    language: 'de',
    weight: 0.4,
    message: 'Asks for an action to be done secretly (German).',
    re: /\b(?:heimlich|unbemerkt|insgeheim|stillschweigend)\b/gi,
    keywords: ['heimlich', 'unbemerkt', 'insgeheim', 'stillschweigend'],
  },
  // French
  {
    rule: 'directive.ignore-previous',
    language: 'fr',
    weight: 0.85,
    message: 'Tells the model to ignore its previous instructions (French).',
    re: /\b(?:ignore[rz]?|oublie[rz]?|ne\s+tiens?\s+pas\s+compte\s+d(?:es|e)|ne\s+tenez\s+pas\s+compte\s+d(?:es|e))\s*(?:toutes\s+|tous\s+)?(?:les\s+|tes\s+|vos\s+)?(?:instructions|consignes|règles|directives|ordres)\s+(?:\p{L}+\s+)?(?:précédentes|antérieures|ci-dessus|initiales|d['’]origine|données\s+(?:avant|plus\s+haut))/giu,
    keywords: ['instructions', 'consignes', 'règles', 'directives', 'ordres'],
  },
  {
    rule: 'directive.conceal-from-user',
    language: 'fr',
    weight: 0.55,
    message: 'Tells the model to keep something from the user (French).',
    re: /\bne\s+(?:le\s+|lui\s+|leur\s+|rien\s+)?(?:dis|dites|mentionne[zs]?|informe[zs]?|révèle[zs]?|signale[zs]?|montre[zs]?|parle[zs]?)\s+(?:rien|pas|jamais)\s+(?:de\s+(?:cela|ceci|ça)\s+|cela\s+|ceci\s+|ça\s+)?(?:à|a)\s+l['’]utilisat(?:eur|rice)\b|\bsans\s+(?:le\s+)?(?:dire|informer|prévenir|avertir|notifier)\s+(?:à\s+)?l['’]utilisat(?:eur|rice)\b|\bl['’]utilisat(?:eur|rice)\s+ne\s+doit\s+pas\s+(?:le\s+)?(?:savoir|voir|être\s+(?:informé|averti))\b/giu,
    keywords: ['utilisat'],
  },
  {
    rule: 'directive.before-tool',
    language: 'fr',
    weight: 0.3,
    message: 'Sets a precondition before using the tool (French).',
    re: /\bavant\s+d['’](?:utiliser|appeler|invoquer|exécuter)\s+(?:cet\s+outil|cette\s+fonction|l['’]outil)/giu,
    keywords: ['outil', 'fonction'],
  },
  {
    rule: 'directive.role-reassign',
    language: 'fr',
    weight: 0.5,
    message: 'Reassigns the model a new identity (French).',
    re: /\b(?:tu\s+es\s+maintenant|vous\s+êtes\s+maintenant|désormais,?\s+(?:tu\s+es|vous\s+êtes))\b/giu,
    keywords: ['maintenant', 'désormais'],
  },
  {
    rule: 'directive.stealth',
    language: 'fr',
    weight: 0.4,
    message: 'Asks for an action to be done secretly (French).',
    re: /\b(?:secrètement|en\s+secret|discrètement|à\s+l['’]insu\s+de\s+l['’]utilisat(?:eur|rice))\b/giu,
    keywords: ['secr', 'discr', 'insu'],
  },
];

registerPatterns(ENGLISH, CJK, CYRILLIC, LATIN_OTHER);

const HAS_CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]/;
const HAS_CYRILLIC = /[\u0400-\u04ff]/;

/**
 * Text aimed at the model in `text`. `lower` is `text.toLowerCase()` (passed in so callers
 * lower-case once); names are skipped — a directive needs a sentence.
 *
 * @example
 * findModelDirectives('Ignore all previous instructions.', 'ignore all previous instructions.', { source: 'content', isName: false });
 * // [{ kind: 'model-directive', rule: 'directive.ignore-previous', weight: 0.85, … }]
 */
export function findModelDirectives(
  text: string,
  lower: LowerText,
  context: FieldContext,
): Signal[] {
  if (context.isName || text.length < 6) return [];
  const run = (patterns: readonly TextPattern[]): Signal[] =>
    matchPatterns('model-directive', text, lower, patterns, context.source);
  const signals = run(ENGLISH);
  if (HAS_CJK.test(text)) signals.push(...run(CJK));
  if (HAS_CYRILLIC.test(text)) signals.push(...run(CYRILLIC));
  signals.push(...run(LATIN_OTHER));
  // A command named to forbid it ("rm -rf / is blocked") is a safety note, not a payload.
  return signals.map((signal) =>
    (signal.rule === 'directive.dangerous-command' || signal.rule === 'directive.remote-script') &&
    REJECTION.test(sentenceAround(text, signal.start, signal.end))
      ? { ...signal, weight: 0.1 }
      : signal,
  );
}
