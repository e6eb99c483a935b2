import {
  codeUnitEntropy,
  findTokens,
  indexesOf,
  isAlnum,
  isBase64,
  isDigit,
  isLower,
  isSpace,
  isUpper,
  isWord,
  isWordDash,
  RunCache,
  charSet,
  runEnd,
  runStart,
  type CharTest,
} from './scan.js';
import type { SecretRule } from './types.js';
import { isPlaceholder, isSecretName, looksLikeSecretValue, MAX_VALUE_LENGTH } from './values.js';

/**
 * Secrets recognised by their structure rather than a provider prefix: PEM and OpenSSH private
 * keys, Google service-account JSON, JWTs, AWS key pairs, passwords in URLs, and values assigned
 * to a secret-named key. Samples are made up for these tests.
 */

/** `text.indexOf(needle, from)`, looking only at the next `within` characters: -1 past them. */
function indexWithin(text: string, needle: string, from: number, within: number): number {
  const at = text.slice(from, from + within + needle.length).indexOf(needle);
  return at === -1 ? -1 : from + at;
}

// ── Private key blocks ───────────────────────────────────────────────────────────────────────

const BEGIN = '-----BEGIN ';
const DASHES = '-----';
/** Longest label between `BEGIN ` and `-----` (`ENCRYPTED PRIVATE KEY`, `PGP PRIVATE KEY BLOCK`). */
const MAX_LABEL = 40;
/** Longest body read (an RSA 16384-bit key is about 12 KB of base64). */
const MAX_BLOCK = 16_384;

/** Base64 body characters, and the whitespace or escaped line breaks (`\n` in JSON) between lines. */
function bodyLength(text: string, from: number, to: number): { end: number; base64: number } {
  let i = from;
  let base64 = 0;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (isBase64(c)) {
      base64++;
      i++;
    } else if (isSpace(c)) i++;
    else if (c === 0x5c && 'nrt'.includes(text[i + 1] ?? '')) i += 2;
    else break;
  }
  return { end: i, base64 };
}

/** [start, end) of each PEM / OpenSSH / PGP private key block whose body is real (≥ 64 base64 characters, no placeholder). */
function findPrivateKeyBlocks(text: string, report: (start: number, end: number) => void): void {
  let nextEnd = -2;
  for (const at of indexesOf(text, BEGIN)) {
    const labelStart = at + BEGIN.length;
    const labelEnd = indexWithin(text, DASHES, labelStart, MAX_LABEL + DASHES.length);
    if (labelEnd === -1) continue;
    const label = text.slice(labelStart, labelEnd);
    if (!/^(?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?$/.test(label)) continue;
    const bodyStart = labelEnd + DASHES.length;
    // Headers of encrypted PEM (`Proc-Type: …`) come before the body: skip lines with a colon.
    let from = bodyStart;
    for (let line = 0; line < 4; line++) {
      const eol = indexWithin(text, '\n', from + 1, 128);
      const colon = indexWithin(text, ':', from, 128);
      if (eol === -1 || colon === -1 || colon > eol) break;
      from = eol + 1;
    }
    const { end: bodyEnd, base64 } = bodyLength(
      text,
      from,
      Math.min(text.length, from + MAX_BLOCK),
    );
    if (base64 < 64) continue;
    const body = text.slice(from, Math.min(bodyEnd, from + 64)).replace(/\\[nrt]|\s/g, '');
    if (isPlaceholder(body.slice(0, 16))) continue;
    // The END line, when it follows the body: found once per scan, not once per BEGIN.
    if (nextEnd !== -1 && nextEnd < bodyEnd) nextEnd = text.indexOf('-----END ', bodyEnd);
    let end = bodyEnd;
    if (nextEnd !== -1 && nextEnd - bodyEnd <= 8) {
      const close = indexWithin(text, DASHES, nextEnd + 9, MAX_LABEL + DASHES.length);
      if (close !== -1) end = close + DASHES.length;
    }
    report(at, end);
  }
}

const PEM_BODY =
  'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7q2Lm9Tx4Vb8Nc1Rd5We9Yh3Ku7Pj0Gs4Fa6Zq2\n' +
  'Lm8Tx2Vb6Nc1Rd5We9Yh3Ku7Pj0Gs4Fa6Zq2Lm8Tx2Vb6Nc1Rd5We9Yh3Ku7Pj0Gs4Fa6Zq2Lm8Tx2Vb6Nc1Rd5We9';
const OPENSSH_BODY =
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n' +
  'QyNTUxOQAAACBq2Lm9Tx4Vb8Nc1Rd5We9Yh3Ku7Pj0Gs4Fa6Zq2Lm8Tx2Vb6Nc1Rd5We9Yh';

export const PRIVATE_KEY_RULE: SecretRule = {
  kind: 'private-key',
  title: 'PEM, OpenSSH or PGP private key',
  severity: 'critical',
  keyMaterial: true,
  find(text, _context, report) {
    if (text.includes(BEGIN)) findPrivateKeyBlocks(text, report);
  },
  samples: {
    positive: [
      `-----BEGIN PRIVATE KEY-----\n${PEM_BODY}\n-----END PRIVATE KEY-----`,
      `-----BEGIN OPENSSH PRIVATE KEY-----\n${OPENSSH_BODY}\n-----END OPENSSH PRIVATE KEY-----\n`,
      `{"key": "-----BEGIN RSA PRIVATE KEY-----\\n${PEM_BODY.replace('\n', '\\n')}\\n-----END RSA PRIVATE KEY-----\\n"}`,
      `truncated: -----BEGIN EC PRIVATE KEY-----\n${PEM_BODY}`,
    ],
    negative: [
      '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----',
      '-----BEGIN OPENSSH PRIVATE KEY-----\\nxxx\\n-----END OPENSSH PRIVATE KEY-----',
      `-----BEGIN PUBLIC KEY-----\n${PEM_BODY}\n-----END PUBLIC KEY-----`,
      '-----BEGIN PRIVATE KEY-----\nYWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo=\n-----END PRIVATE KEY-----',
    ],
  },
};

// ── Google service account JSON ──────────────────────────────────────────────────────────────

export const GCP_SERVICE_ACCOUNT_RULE: SecretRule = {
  kind: 'gcp-service-account',
  title: 'Google Cloud service-account key (JSON)',
  severity: 'critical',
  keyMaterial: true,
  find(text, _context, report) {
    if (!text.includes('service_account')) return;
    for (const at of indexesOf(text, '"private_key"')) {
      const quote = indexWithin(text, '"', at + 13, 16);
      if (quote === -1 || !/^\s*:\s*$/.test(text.slice(at + 13, quote))) continue;
      // The JSON string value: up to the first unescaped quote, within a bounded length.
      let i = quote + 1;
      const stop = Math.min(text.length, i + MAX_BLOCK);
      while (i < stop && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      const marker = indexWithin(text, 'PRIVATE KEY-----', quote, 200);
      if (marker === -1 || marker > i) continue;
      if (bodyLength(text, marker + 16, i).base64 < 64) continue;
      report(quote + 1, i);
    }
  },
  samples: {
    positive: [
      `{"type": "service_account", "project_id": "demo-417", "private_key_id": "4f1c", "private_key": "-----BEGIN PRIVATE KEY-----\\n${PEM_BODY.replace('\n', '\\n')}\\n-----END PRIVATE KEY-----\\n", "client_email": "bot@demo-417.iam.gserviceaccount.com"}`,
    ],
    negative: [
      '{"type": "service_account", "private_key_id": "...", "private_key": "-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n"}',
      '{"private_key_id": "DUMMY", "private_key": "DUMMY"}',
    ],
  },
};

// ── JWT ──────────────────────────────────────────────────────────────────────────────────────

const isJwtChar: CharTest = (c) => isWordDash(c) || c === 0x2e;

export const JWT_RULE: SecretRule = {
  kind: 'jwt',
  title: 'JSON Web Token',
  severity: 'high',
  keyMaterial: false,
  find(text, _context, report) {
    findTokens(
      text,
      {
        prefixes: ['eyJ'],
        body: isJwtChar,
        min: 40,
        max: 16_384,
        notAfter: isAlnum,
        shape: /^eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{16,}$/,
      },
      report,
    );
  },
  samples: {
    positive: [
      'Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0MTcwIiwibmFtZSI6InRlc3QifQ.q2Lm9Tx4Vb8Nc1Rd5We9Yh3Ku7Pj0Gs4',
      'ghs_12345_eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiIxMjM0NSJ9.Zq2Lm8Tx2Vb6Nc1Rd5We9Yh3Ku7Pj0',
    ],
    negative: ['eyJhbGciOiJIUzI1NiJ9 is a header only', 'eyJ.eyJ.abc'],
  },
};

// ── AWS ──────────────────────────────────────────────────────────────────────────────────────

const isUpperAlnum: CharTest = (c) => isUpper(c) || isDigit(c);

export const AWS_ACCESS_KEY_ID_RULE: SecretRule = {
  kind: 'aws-access-key-id',
  title: 'AWS access key id',
  severity: 'high',
  keyMaterial: false,
  minLength: 4 + 16,
  find(text, _context, report) {
    findTokens(
      text,
      { prefixes: ['AKIA', 'ASIA'], body: isUpperAlnum, min: 16, max: 16, notAfter: isUpperAlnum },
      report,
    );
  },
  samples: {
    positive: ['aws_access_key_id = AKIAQ7ZL4MXN2VB8TRD3'],
    negative: ['AKIA is the prefix of AWS access key ids', 'AKIAQ7ZL4MXN2VB8TRD3XY'],
  },
};

/** The 40 characters of an AWS secret access key. */
const isAwsSecretChar: CharTest = (c) => isAlnum(c) || c === 0x2b || c === 0x2f;
const AWS_SECRET_NAMES = [
  'secret_access_key',
  'SECRET_ACCESS_KEY',
  'SecretAccessKey',
  'secretAccessKey',
  'aws_secret',
  'AWS_SECRET',
];

/** A 40-character secret key: mixed case and digits, random, not a path. */
function isAwsSecret(text: string, start: number, end: number): boolean {
  if (end - start !== 40) return false;
  let lower = false;
  let upper = false;
  let digit = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    lower ||= isLower(c);
    upper ||= isUpper(c);
    digit ||= isDigit(c);
  }
  return lower && upper && digit && codeUnitEntropy(text, start, end) >= 4;
}

export const AWS_SECRET_ACCESS_KEY_RULE: SecretRule = {
  kind: 'aws-secret-access-key',
  title: 'AWS secret access key (next to its key id or name)',
  severity: 'critical',
  keyMaterial: false,
  find(text, _context, report) {
    // Anchors: an access key id or a secret-key name; the secret is a 40-character run within
    // 160 characters after it (or before an id, as in `secret,id` CSV exports).
    const anchors: [number, number][] = [];
    for (const prefix of ['AKIA', 'ASIA']) {
      for (const at of indexesOf(text, prefix)) anchors.push([Math.max(0, at - 160), at + 180]);
    }
    for (const name of AWS_SECRET_NAMES) {
      for (const at of indexesOf(text, name)) anchors.push([at, at + name.length + 160]);
    }
    anchors.sort((a, b) => a[0] - b[0]);
    let scanned = 0;
    const cache = new RunCache(text, isAwsSecretChar);
    for (const [from, to] of anchors) {
      let i = Math.max(from, scanned);
      const stop = Math.min(text.length, to);
      while (i < stop) {
        if (!isAwsSecretChar(text.charCodeAt(i))) {
          i++;
          continue;
        }
        const start = runStart(text, i, isAwsSecretChar, 64);
        const end = cache.endFrom(i);
        if (end - start === 40 && isAwsSecret(text, start, end)) report(start, end);
        i = end;
      }
      scanned = Math.max(scanned, stop);
    }
  },
  samples: {
    positive: [
      'aws_access_key_id = AKIAQ7ZL4MXN2VB8TRD3\naws_secret_access_key = q7Zr2LkP0vX7mWn4/b9Yc1Hd+Tq8sJ3fG6uE5aR2',
      'AWS_SECRET_ACCESS_KEY = Wx3Lq9ZtR2vN8mK4/pB7yH1cF5dJ0sG6aE+uT2Qz',
      '{"AccessKeyId": "ASIAQ7ZL4MXN2VB8TRD3", "SecretAccessKey": "q7Zr2LkP0vX7mWn4/b9Yc1Hd+Tq8sJ3fG6uE5aR2"}',
    ],
    negative: [
      'AWS_SECRET_ACCESS_KEY = R6WCNd0erkAuZyD+Fe8C4IwjpYQtniKqnHAzE7Pk5fPrBRpwOnuYxA==',
      'aws_secret_access_key is read from the environment',
      'AKIAQ7ZL4MXN2VB8TRD3 commit 3f786850e387550fdab836ed7e6dc881de23001b',
    ],
  },
};

// ── Passwords in URLs ────────────────────────────────────────────────────────────────────────

const DATABASE_SCHEMES = new Set([
  'postgres',
  'postgresql',
  'mysql',
  'mariadb',
  'mongodb',
  'mongodb+srv',
  'redis',
  'rediss',
  'amqp',
  'amqps',
  'mssql',
  'sqlserver',
  'clickhouse',
  'cockroachdb',
  'neo4j',
  'couchdb',
  'oracle',
]);
/** Characters of a URL's user-info part (RFC 3986, plus what people type into passwords). */
const notUserInfo = charSet('/?#[]"\'<>`{}|\\ ');
const isUserInfoChar: CharTest = (c) => c > 0x20 && c < 0x7f && !notUserInfo(c);
const isSchemeChar: CharTest = (c) => isAlnum(c) || c === 0x2b || c === 0x2e || c === 0x2d;

interface UrlCredential {
  scheme: string;
  /** [start, end) of the password (or of a token used as the user name). */
  start: number;
  end: number;
}

/** Credentials in `scheme://user:password@host` URLs, by a walk from each `://`. */
function urlCredentials(text: string): UrlCredential[] {
  const found: UrlCredential[] = [];
  if (!text.includes('@')) return found;
  let after = 0;
  for (const at of indexesOf(text, '://')) {
    if (at < after) continue;
    const schemeStart = runStart(text, at, isSchemeChar, 32);
    if (schemeStart === at) continue;
    const scheme = text.slice(schemeStart, at).toLowerCase();
    const infoStart = at + 3;
    // The user info ends at the last `@` before the host (passwords may hold `@`), within 256.
    const stop = runEnd(text, infoStart, isUserInfoChar);
    const limit = Math.min(stop, infoStart + 256);
    const atSign = text.slice(infoStart, limit).lastIndexOf('@') + infoStart;
    after = stop;
    if (atSign < infoStart) continue;
    const info = text.slice(infoStart, atSign);
    const colon = info.indexOf(':');
    if (colon === -1) {
      // `https://<token>@host`: only a long random user part counts.
      if (looksLikeSecretValue(info, { minLength: 20, minEntropy: 3.5 })) {
        found.push({ scheme, start: infoStart, end: atSign });
      }
      continue;
    }
    const user = info.slice(0, colon);
    const password = info.slice(colon + 1);
    if (password === '' || password === user || password.length < 4) continue;
    if (isPlaceholder(password) || /^[$%{]/.test(password)) continue;
    found.push({ scheme, start: infoStart + colon + 1, end: atSign });
  }
  return found;
}

function isDatabaseScheme(scheme: string): boolean {
  return DATABASE_SCHEMES.has(scheme.replace(/^jdbc:/, ''));
}

export const DATABASE_URL_RULE: SecretRule = {
  kind: 'database-url',
  title: 'Password in a database connection URL',
  severity: 'high',
  keyMaterial: false,
  find(text, _context, report) {
    for (const { scheme, start, end } of urlCredentials(text)) {
      if (isDatabaseScheme(scheme)) report(start, end);
    }
  },
  samples: {
    positive: [
      'postgres://app:Zq8!vR2x9LmT@db.internal:5432/app',
      'MONGO_URI="mongodb+srv://svc:k7Pq@2Lm9xR@cluster0.example.net/db"',
      'jdbc:mysql://admin:s7rOngPa55@db.example.com:3306/app',
    ],
    negative: [
      'postgres://postgres:postgres@localhost/db',
      'mysql://user:${PASSWORD}@example.com:3306/db',
      'postgresql://{username}:{password}@{{host}}:5432/{database}',
      'mongodb://localhost:27017/database',
    ],
  },
};

export const BASIC_AUTH_URL_RULE: SecretRule = {
  kind: 'basic-auth-url',
  title: 'Credentials in a URL (basic auth)',
  severity: 'high',
  keyMaterial: false,
  find(text, _context, report) {
    for (const { scheme, start, end } of urlCredentials(text)) {
      if (!isDatabaseScheme(scheme)) report(start, end);
    }
  },
  samples: {
    positive: [
      'const API = "https://apiuser:r3alP4ssw0rd@api.example.com/v2"',
      'ftps://deploy:s3cur3K3y2024@files.example.com/uploads',
      'git clone https://x9Lq2Zt7Rv4Nm8Kp3Bw6Yh1Cf5@git.example.com/repo.git',
    ],
    negative: [
      'https://username:password@example.com',
      'https://${username}:${password}@api.example.com/v1',
      'https://YOUR_USERNAME:YOUR_PASSWORD@api.example.com',
      'https://git@github.com/org/repo',
    ],
  },
};

// ── Kubernetes Secret manifests ─────────────────────────────────────────────────────────────

/** Most entries read from one `data:` block, and most characters read of one manifest. */
const MAX_ENTRIES = 256;
const MAX_MANIFEST = 65_536;

export const KUBERNETES_SECRET_RULE: SecretRule = {
  kind: 'kubernetes-secret',
  title: 'Values of a Kubernetes `kind: Secret` manifest (`data:` / `stringData:`)',
  severity: 'high',
  keyMaterial: false,
  find(text, _context, report) {
    let documentEnd = -2;
    let read = 0;
    for (const at of indexesOf(text, 'kind: Secret')) {
      if (at < read) continue;
      const after = text.charCodeAt(at + 12);
      if (at + 12 < text.length && after !== 0x0a && after !== 0x0d && after !== 0x20) continue;
      // The manifest ends at the next `---` line; its data block starts at `data:` or `stringData:`.
      if (documentEnd !== -1 && documentEnd < at) documentEnd = text.indexOf('\n---', at);
      const stop = Math.min(documentEnd === -1 ? text.length : documentEnd, at + MAX_MANIFEST);
      let line = at;
      let inData = false;
      let entries = 0;
      while (line < stop && entries < MAX_ENTRIES) {
        const eol = indexWithin(text, '\n', line, stop - line);
        const lineEnd = eol === -1 ? stop : eol;
        const content = text.slice(line, Math.min(lineEnd, line + MAX_VALUE_LENGTH));
        if (/^(?:data|stringData):\s*$/.test(content)) inData = true;
        else if (inData && /^\s+[\w.-]+:\s*\S/.test(content)) {
          const colon = content.indexOf(':');
          const valueStart =
            line + colon + 1 + (/^\s*/.exec(content.slice(colon + 1))?.[0].length ?? 0);
          if (!isPlaceholder(text.slice(valueStart, lineEnd).replace(/^["']|["']$/g, ''))) {
            report(valueStart, lineEnd);
            entries++;
          }
        } else if (!/^\s/.test(content)) inData = false;
        line = lineEnd + 1;
      }
      read = line;
    }
  },
  samples: {
    positive: [
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\ndata:\n  username: YXBwdXNlcg==\n  password: cTdacjJMa1AwdlhO\n',
      'kind: Secret\nstringData:\n  token: q8Zr2LkP0vX7mWn4Tb9Yc1Hd\n',
    ],
    negative: [
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n',
      'kind: ServiceAccount\nmetadata:\n  name: ops\n',
      'kind: Secret\nmetadata:\n  name: empty\n',
    ],
  },
};

// ── key = value ──────────────────────────────────────────────────────────────────────────────

/** Characters of a value after `=` or `:` (up to a quote, space, separator or bracket). */
const notValue = charSet('"\'&;,<>(){}[]`?#');
const isValueChar: CharTest = (c) => c > 0x20 && c < 0x7f && !notValue(c);
const isNameChar: CharTest = (c) => isWord(c) || c === 0x2d || c === 0x2e;
const AUTH_PREFIX = /^(?:bearer|basic|token)\s+/i;
/** Names judged so far (names repeat across messages: JSON keys, flags); cleared when full. */
const secretNames = new Map<string, boolean>();
function isSecretNameCached(name: string): boolean {
  let secret = secretNames.get(name);
  if (secret === undefined) {
    if (secretNames.size >= 4096) secretNames.clear();
    secret = isSecretName(name);
    secretNames.set(name, secret);
  }
  return secret;
}
/** Names whose values have a fixed length: a value of another length is something else. */
const KNOWN_FORMAT_NAMES: readonly (readonly [RegExp, number])[] = [[/secret_?access_?key/i, 40]];

export const SECRET_ASSIGNMENT_RULE: SecretRule = {
  kind: 'secret-assignment',
  title: 'Random value assigned to a secret-named key (`API_KEY=…`, `"token": "…"`)',
  severity: 'medium',
  keyMaterial: false,
  find(text, _context, report) {
    const values = new RunCache(text, isValueChar);
    // The operators, `=` and `:`, in order: two native `indexOf` cursors, not a loop in JS.
    let equals = text.indexOf('=');
    let colon = text.indexOf(':');
    // A `=` or `:` inside a value already judged belongs to that value, not to a new assignment.
    let valueEnd = -1;
    while (equals !== -1 || colon !== -1) {
      let i: number;
      if (colon === -1 || (equals !== -1 && equals < colon)) {
        i = equals;
        equals = text.indexOf('=', equals + 1);
      } else {
        i = colon;
        colon = text.indexOf(':', colon + 1);
      }
      if (i < valueEnd) continue;
      const c = text.charCodeAt(i);
      // The name: back over `"`/`'` and spaces, then name characters (at most 64).
      let nameEnd = i;
      if (c === 0x3d && (text[i - 1] === ':' || text[i - 1] === '>')) continue; // `:=`, `=>` handled at their first character
      let k = nameEnd;
      while (
        k > 0 &&
        k > i - 4 &&
        (text[k - 1] === ' ' || text[k - 1] === '"' || text[k - 1] === "'")
      )
        k--;
      nameEnd = k;
      const nameStart = runStart(text, nameEnd, isNameChar, 64);
      if (nameStart === nameEnd) continue;
      const before = text.charCodeAt(nameStart - 1);
      if (nameStart > 0 && (isNameChar(before) || before === 0x2d)) continue;
      // `scheme://user:password@host` is the URL rules' to judge.
      if (text.startsWith('://', nameStart - 3)) continue;
      const name = text.slice(nameStart, nameEnd).replace(/^-{1,2}/, '');
      if (name === '') continue;
      if (!isSecretNameCached(name)) continue;
      // A name whose value has a known format is judged by that format's rule alone
      // (`AWS_SECRET_ACCESS_KEY = <56 characters>` is an encrypted value, not the key).
      const format = KNOWN_FORMAT_NAMES.find(([pattern]) => pattern.test(name));
      // The value: past `:=`/`=>`, spaces and a quote, then an optional auth scheme.
      let v = i + 1;
      if (text[v] === '=' || text[v] === '>') v++;
      const vStop = Math.min(text.length, v + 4);
      while (v < vStop && (text[v] === ' ' || text[v] === '"' || text[v] === "'")) v++;
      if ('bBtT'.includes(text[v] ?? '')) {
        const scheme = AUTH_PREFIX.exec(text.slice(v, v + 8));
        if (scheme) v += scheme[0].length;
      }
      const end = values.endFrom(v);
      valueEnd = end;
      if (end - v < 8 || end - v > MAX_VALUE_LENGTH) continue;
      if (format && end - v !== format[1]) continue;
      if (!looksLikeSecretValue(text.slice(v, end))) continue;
      report(v, end);
    }
  },
  samples: {
    positive: [
      'API_KEY=q8Zr2LkP0vX7mWn4Tb9Yc1Hd node server.js',
      'https://x.example/mcp?token=q8Zr2LkP0vX7mWn4Tb9Yc1Hd&x=1',
      '{"clientSecret": "ahDzWAqqBHgpAeUBUULuU0gA4p09rt0WDAsUOmFg"}',
      'var azureClientSecret := "k7Pq2Lm9xRt4Vb8Nc1Rd5We9"',
      'mysql --user=app --password=strongp@55! --host=db',
    ],
    negative: [
      'MAX_TOKENS=4096 TOKEN_LIMIT=100000',
      'password: ${DB_PASSWORD}',
      'AUTH_URL=https://auth.example.com',
      '"token": "<your-token>"',
      'PUBLIC_KEY=q8Zr2LkP0vX7mWn4Tb9Yc1Hd',
      'git+https://x-access-token:q8Zr2LkP0vX7mWn4Tb9Yc1Hd@github.com/acme/mcp.git',
    ],
  },
};

/** Whole values of a secret-named variable, header or flag (needs the name as context). */
export function findNamedValue(
  text: string,
  name: string,
  thresholds: { minLength?: number; minEntropy?: number },
): [number, number] | undefined {
  if (!isSecretName(name) || text.length > MAX_VALUE_LENGTH) return undefined;
  if (!looksLikeSecretValue(text, thresholds)) return undefined;
  const trimmed = text.trim();
  const scheme = /^(?:bearer|token|basic|apikey|api-key)\s+/i.exec(trimmed)?.[0].length ?? 0;
  const start = text.indexOf(trimmed);
  return [start + scheme, start + trimmed.length];
}
