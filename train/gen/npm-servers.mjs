// Definitions of real MCP servers published on npm, read STATICALLY from their packages at
// training time and never written into the repository. The packages (pinned below) are fetched
// with `npm pack` into a cache outside the repository (`$MCP_WARDEN_NPM_CACHE`, default
// `~/.cache/mcp-warden/npm-servers`); nothing is installed and no package code is run. The
// strings a server declares to clients — tool descriptions (`description: "…"`,
// `server.tool(name, "…")`) and parameter descriptions (`.describe("…")`) — are read with
// regular expressions from the package's JavaScript, TypeScript and JSON files.
//
// None of these packages is in the corpus's `benign-servers.jsonl` (whose servers are left out
// one source at a time by the evaluation), and the evaluation drops any string that also
// appears in the corpus, so the leave-one-source-out numbers stay honest.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { gunzipSync } from 'node:zlib';
import { chunkParagraphs } from './offline-benign.mjs';

/** MCP server packages from the npm registry (name@version), none of them in the corpus. */
export const NPM_SERVERS = [
  '@a-bonus/google-docs-mcp@1.11.3',
  '@aaronsb/jira-cloud-mcp@0.11.3',
  '@aashari/mcp-server-atlassian-bitbucket@3.1.0',
  '@aashari/mcp-server-atlassian-jira@3.3.0',
  '@accesslint/mcp@0.11.1',
  '@adamhancock/bullmq-mcp@1.0.7',
  '@agent-infra/mcp-server-browser@1.2.29',
  '@ahdev/dokploy-mcp@1.6.0',
  '@aicoin/opendata-mcp@2.1.0',
  '@akutishevsky/lunchmoney-mcp@3.0.0',
  '@amap/amap-maps-mcp-server@0.0.8',
  '@angiejones/mcp-selenium@0.2.3',
  '@antv/mcp-server-chart@0.9.10',
  '@apify/actors-mcp-server@0.16.0',
  '@arikusi/deepseek-mcp-server@2.3.0',
  '@ark-ui/mcp@1.3.0',
  '@auth0/auth0-mcp-server@0.1.0-beta.19',
  '@azure-devops/mcp@2.10.0',
  '@baruchiro/paperless-mcp@2.2.1',
  '@benborla29/mcp-server-mysql@2.0.9',
  '@berthojoris/mcp-mysql-server@1.43.2',
  '@bitwarden/mcp-server@2026.7.0',
  '@bnb-chain/mcp@1.5.1',
  '@brightdata/mcp@2.11.3',
  '@browserbasehq/mcp-server-browserbase@2.4.3',
  '@browsermcp/mcp@0.1.3',
  '@browserstack/mcp-server@1.4.2',
  '@cablate/mcp-google-map@0.0.63',
  '@ccusage/mcp@18.0.11',
  '@chakra-ui/react-mcp@2.1.1',
  '@cocal/google-calendar-mcp@2.6.3',
  '@codacy/codacy-mcp@0.5.9',
  '@codefuturist/email-mcp@0.2.0',
  '@cognitionai/metabase-mcp-server@2.2.0',
  '@coingecko/coingecko-mcp@8.2.0',
  '@contextstream/mcp-server@0.4.43',
  '@coolver/home-assistant-mcp@3.2.31',
  '@currents/mcp@2.1.1',
  '@cyanheads/git-mcp-server@2.15.3',
  '@cyanheads/pubmed-mcp-server@2.7.4',
  '@dangahagan/weather-mcp@1.23.0',
  '@danielsogl/lighthouse-mcp@1.3.0',
  '@dataflint/mcp-server@3.0.1',
  '@daylight-labs/popdb-mcp@0.2.3',
  '@debugmcp/mcp-debugger@0.17.0',
  '@delorenj/mcp-server-trello@1.8.1',
  '@dguido/google-workspace-mcp@3.4.4',
  '@didit-protocol/mcp-server@4.0.0',
  '@digitalocean/mcp@1.0.70',
  '@discourse/mcp@0.3.1',
  '@djankies/vitest-mcp@0.5.1',
  '@dopplerhq/mcp-server@1.0.5',
  '@drawio/mcp@1.6.1',
  '@dynatrace-oss/dynatrace-mcp-server@2.1.2',
  '@elastic/mcp-server-elasticsearch@0.3.1',
  '@epic-web/workshop-mcp@6.90.33',
  '@ergut/mcp-bigquery-server@1.0.4',
  '@eslint/mcp@0.3.13',
  '@executeautomation/database-server@1.1.0',
  '@executeautomation/playwright-mcp-server@1.0.12',
  '@falkordb/mcpserver@1.3.0',
  '@flightradar24/fr24api-mcp@1.0.2',
  '@floriscornel/teams-mcp@0.3.2',
  '@gannonh/firebase-mcp@1.4.9',
  '@gestell/zowe-mcp@0.1.4',
  '@gleanwork/local-mcp-server@0.7.6',
  '@gongrzhe/server-gmail-autoauth-mcp@1.1.11',
  '@gongrzhe/server-travelplanner-mcp@0.1.2',
  '@google-cloud/cloud-run-mcp@1.10.0',
  '@google-cloud/gcloud-mcp@0.5.3',
  '@google-cloud/observability-mcp@0.2.3',
  '@google-cloud/storage-mcp@0.6.0',
  '@googlemaps/code-assist-mcp@0.2.1',
  '@henkey/postgres-mcp-server@1.0.7',
  '@heroku/mcp-server@1.2.8',
  '@heroui/react-mcp@1.1.2',
  '@hubspot/mcp-server@0.4.0',
  '@hugeicons/mcp-server@0.2.2',
  '@hypothesi/tauri-mcp-server@0.13.0',
  '@idachev/mcp-javadc@1.2.4',
  '@instantdb/mcp@1.0.67',
  '@isaacphi/mcp-gdrive@0.2.0',
  '@iterable/mcp@1.9.0',
  '@ivotoby/openapi-mcp-server@1.16.1',
  '@j0hanz/filesystem-mcp@2.5.0',
  '@jerichosequitin/metabase-mcp@1.1.7',
  '@jinzcdev/leetcode-mcp-server@1.4.0',
  '@jpisnice/shadcn-ui-mcp-server@2.0.0',
  '@karakeep/mcp@0.33.1',
  '@kazuph/mcp-fetch@1.6.3',
  '@kazuph/mcp-taskmanager@1.1.1',
  '@kimsungwhee/apple-docs-mcp@1.0.26',
  '@knip/mcp@0.0.36',
  '@larksuiteoapi/lark-mcp@0.5.1',
  '@launchdarkly/mcp-server@0.6.2',
  '@leonardsellem/n8n-mcp-server@0.1.8',
  '@leval/mcp-grafana@1.1.7',
  '@line/line-bot-mcp-server@0.5.0',
  '@lockon0927/woocommerce-mcp@1.0.6',
  '@makeplane/plane-mcp-server@0.1.5',
  '@mantine/mcp-server@9.5.2',
  '@mapbox/mcp-devkit-server@0.8.2',
  '@mapbox/mcp-server@0.14.0',
  '@masonator/coolify-mcp@3.5.0',
  '@mastra/mcp-docs-server@1.2.27',
  '@mcpfun/mcp-server-ccxt@1.2.1',
  '@merill/lokka@0.3.0',
  '@microsoft/clarity-mcp-server@2.0.1',
  '@mobilenext/mobile-mcp@1.0.4',
  '@mondaydotcomorg/monday-api-mcp@3.3.0',
  '@negokaz/excel-mcp-server@0.12.0',
  '@neondatabase/mcp-server-neon@0.6.5',
  '@netlify/mcp@1.15.1',
  '@nexus2520/bitbucket-mcp-server@3.0.0',
  '@openbnb/mcp-server-airbnb@0.3.0',
  '@pandacss/mcp@1.12.1',
  '@perplexity-ai/mcp-server@1.2.1',
  '@pinecone-database/mcp@0.3.0',
  '@piotr-agier/google-drive-mcp@2.10.0',
  '@pnp/cli-microsoft365-mcp-server@0.1.24',
  '@powerhousedao/reactor-mcp@5.3.0',
  '@primeuix/mcp@1.0.1',
  '@prmichaelsen/remember-mcp@4.1.0',
  '@progress/kendo-angular-mcp@1.0.0',
  '@progress/kendo-react-mcp@1.1.2',
  '@quadslab.io/discord-mcp@2.1.1',
  '@react-aria/mcp@1.2.1',
  '@respira/wordpress-mcp-server@8.3.34',
  '@rollbar/mcp-server@0.6.0',
  '@roychri/mcp-server-asana@1.8.0',
  '@salesforce/mcp-provider-aura-experts@0.3.7',
  '@salesforce/mcp-provider-devops@0.3.8',
  '@salesforce/mcp-provider-dx-core@0.9.8',
  '@salesforce/mcp-provider-lwc-experts@0.7.0',
  '@salesforce/mcp-provider-mobile-web@0.3.0',
  '@salesforce/mcp-provider-scale-products@0.0.6',
  '@salesforce/mcp@0.30.15',
  '@sanity/mcp-server@0.12.1',
  '@satelliteoflove/godot-mcp@4.1.11',
  '@seed-ship/duckdb-mcp-native@1.6.2',
  '@serpstat/serpstat-mcp-server@1.1.5',
  '@shinzolabs/gmail-mcp@1.7.4',
  '@shiplightai/mcp@0.1.78',
  '@shortcut/mcp@0.25.0',
  '@skanda-yutori/mcp-send-email@1.0.0',
  '@smartbear/mcp@0.41.0',
  '@softeria/ms-365-mcp-server@0.155.0',
  '@steipete/claude-code-mcp@1.10.12',
  '@storybook/mcp@10.6.0',
  '@stripe/mcp@0.3.3',
  '@sveltejs/mcp@0.1.26',
  '@sylphx/pdf-reader-mcp@2.4.0',
  '@takescake/1password-mcp@4.0.2',
  '@tiberriver256/mcp-server-azure-devops@0.1.48',
  '@translated/lara-mcp@1.0.6',
  '@transloadit/mcp-server@0.3.31',
  '@tsmztech/mcp-server-salesforce@0.0.6',
  '@twilio-alpha/mcp@0.7.0',
  '@umbraco-cms/mcp-dev@18.1.7',
  '@upstash/mcp-server@0.3.0',
  '@vapi-ai/mcp-server@0.0.11',
  '@variflight-ai/variflight-mcp@1.0.3',
  '@whop/mcp@0.0.6',
  '@winor30/mcp-server-datadog@1.8.0',
  '@workos/mcp-docs-server@0.2.0',
  '@xeroapi/xero-mcp-server@0.0.17',
  '@z_ai/mcp-server@0.1.5',
  '@zereight/mcp-gitlab@2.1.64',
  '@zilliz/claude-context-mcp@0.1.15',
  'ag-mcp@1.0.0',
  'agent-device@0.21.5',
  'airtable-mcp-server@1.14.0',
  'alibabacloud-devops-mcp-server@0.3.64',
  'anilist-mcp@1.4.0',
  'argocd-mcp@0.9.0',
  'astro-mcp@0.4.2',
  'attio-mcp-server@0.0.2',
  'backlog-mcp-server@0.20.4',
  'bitbucket-mcp@5.0.6',
  'cclsp@0.7.0',
  'coderabbitai-mcp@1.1.1',
  'codex-mcp-server@1.4.10',
  'converse-mcp-server@3.6.0',
  'cursor-talk-to-figma-mcp@0.3.5',
  'drawio-mcp-server@2.3.0',
  'ebay-mcp@1.15.0',
  'electron-mcp-server@1.5.1',
  'european-parliament-mcp-server@1.1.26',
  'expo-mcp@0.2.4',
  'fetcher-mcp@0.3.9',
  'figma-console-mcp@1.40.4',
  'financial-modeling-prep-mcp-server@2.5.3',
  'freee-mcp@0.35.2',
  'gcp-mcp@1.0.2',
  'gemini-mcp-tool@1.1.8',
  'github-mcp-server@1.8.7',
  'gitnexus@1.6.3',
  'greptile-mcp-server@3.0.4',
  'hevy-mcp@6.1.13',
  'hostinger-api-mcp@1.63.2',
  'hyperbrowser-mcp@1.0.25',
  'ios-simulator-mcp@2.1.0',
  'jina-mcp-tools@1.2.3',
  'linear-mcp@1.2.0',
  'mcp-atlassian@2.1.0',
  'mcp-dataverse@0.7.8',
  'mcp-deepwiki@0.0.10',
  'mcp-echarts@0.7.1',
  'mcp-gsheets@1.10.3',
  'mcp-image@0.8.0',
  'mcp-local-rag@0.10.1',
  'mcp-mail-server@1.2.1',
  'mcp-memory-keeper@0.14.1',
  'mcp-mermaid@0.4.1',
  'mcp-mongo-server@3.0.1',
  'mcp-obsidian@1.0.0',
  'mcp-postgres-server@0.3.1',
  'mcp-ripgrep@0.4.0',
  'mcp-searxng@2.4.0',
  'mcp-server-code-runner@0.1.8',
  'mcp-server-gsc@0.3.0',
  'mcp-shrimp-task-manager@1.0.21',
  'mcp-sqlite@1.0.9',
  'mcpcosmosdb@2.0.0',
  'meta-ads-mcp@1.1.0',
  'n8n-mcp@2.87.0',
  'next-devtools-mcp@0.4.0',
  'notebooklm-mcp@2.0.0',
  'notion-mcp-server@1.0.1',
  'nx-mcp@0.25.0',
  'obsidian-mcp-server@2.0.7',
  'octocode-mcp@19.1.0',
  'ollama-mcp@2.1.0',
  'omnifocus-mcp@1.16.0',
  'open-meteo-mcp-server@1.1.3',
  'prometheus-mcp@1.1.3',
  'puppeteer-mcp-server@0.7.2',
  'quickbooks-mcp@0.11.0',
  'react-native-ai-debugger@2.12.3',
  'reddit-mcp-buddy@1.1.14',
  'ref-tools-mcp@3.0.3',
  'replicate-mcp@0.9.0',
  'resend-mcp@2.6.0',
  'responsible-vibe-mcp@0.1.10',
  'robloxstudio-mcp@2.6.0',
  'serper-search-scrape-mcp-server@0.1.2',
  'shopify-mcp@1.0.8',
  'sonarqube-mcp-server@1.10.21',
  'ssh-mcp@2.11.0',
  'supabase-mcp@1.5.0',
  'telnyx-mcp@7.17.0',
  'terraform-mcp-server@0.13.0',
  'time-mcp@1.0.6',
  'todoist-mcp@1.3.4',
  'tradingview-mcp-server@0.7.1',
  'universal-db-mcp@2.14.0',
  'vercel-mcp@0.0.7',
  'vite-plugin-mcp@0.3.2',
  'webflow-mcp-server@1.0.0',
  'xcodebuildmcp@2.7.0',
  'youtube-data-mcp-server@1.0.16',
];

/** Where the packed packages are kept (outside the repository). */
export function npmCacheDir() {
  return process.env.MCP_WARDEN_NPM_CACHE ?? join(homedir(), '.cache', 'mcp-warden', 'npm-servers');
}

/** The file `npm pack` writes for `name@version`. */
function tarballName(spec) {
  const at = spec.lastIndexOf('@');
  const name = spec.slice(0, at).replace(/^@/, '').replace('/', '-');
  return `${name}-${spec.slice(at + 1)}.tgz`;
}

/**
 * Packs every package of `servers` missing from `cacheDir` (one `npm pack` call; the registry
 * must be reachable the first time). Throws with npm's message when a package cannot be had:
 * training never goes on with part of its data.
 */
export function ensurePackages({ cacheDir = npmCacheDir(), servers = NPM_SERVERS } = {}) {
  mkdirSync(cacheDir, { recursive: true });
  const missing = servers.filter((spec) => !existsSync(join(cacheDir, tarballName(spec))));
  if (missing.length > 0) {
    try {
      execFileSync('npm', ['pack', ...missing, '--pack-destination', cacheDir, '--silent'], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
    } catch (error) {
      throw new Error(
        `npm-servers: could not pack ${missing.join(' ')} into ${cacheDir} (set MCP_WARDEN_NPM_CACHE to a folder that has them): ${String(error.stderr ?? error)}`,
        { cause: error },
      );
    }
  }
  return servers.map((spec) => ({ spec, file: join(cacheDir, tarballName(spec)) }));
}

/** Files of a gzipped tarball: `{ path, text }` for the text files we read. */
function* tarEntries(file) {
  const data = gunzipSync(readFileSync(file));
  let offset = 0;
  let longName;
  while (offset + 512 <= data.length) {
    const header = data.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const field = (from, length) =>
      header
        .subarray(from, from + length)
        .toString('utf8')
        .replace(/\0.*$/s, '');
    const size = Number.parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1);
    const prefix = field(345, 155);
    let path = longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    longName = undefined;
    const body = data.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = body.toString('utf8').replace(/\0.*$/s, '');
      continue;
    }
    if (type === 'x') {
      const match = /\d+ path=([^\n]*)\n/.exec(body.toString('utf8'));
      if (match) longName = match[1];
      continue;
    }
    if (type !== '0' && type !== '' && type !== '\0') continue;
    path = path.replace(/^package\//, '');
    yield { path, body };
  }
}

const SOURCE_FILE = /\.(?:m?js|cjs|ts|mts|json)$/;
const SKIPPED = /(?:^|\/)(?:node_modules|test|tests|__tests__|fixtures)\//;
/** Bundles past this size hold whole dependencies; their strings are not the server's. */
const MAX_FILE = 4 * 1024 * 1024;
const MAX_PER_PACKAGE = 250;

const STRING = String.raw`"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\x60(?:[^\x60\\]|\\.)*\x60`;
const CONCAT = String.raw`(?:${STRING})(?:\s*\+\s*(?:${STRING}))*`;
/** `description: "…"`, `"description": "…"`, `.describe("…")`, `.tool("name", "…"`. */
const DECLARED = new RegExp(
  String.raw`(?:["']?description["']?\s*:\s*|\.describe\(\s*|\.tool\(\s*(?:${STRING})\s*,\s*)(${CONCAT})`,
  'g',
);
const NAME_BEFORE = new RegExp(String.raw`["']?name["']?\s*:\s*(${STRING})`, 'g');
const KEY_BEFORE = /([A-Za-z_$][\w$]*)\s*:\s*z\s*\./g;
const ENUM = /(?:\benum["']?\s*:\s*|z\s*\.\s*enum\(\s*)\[([^\]]{0,600})\]/g;
const PROPERTY_KEY = /["']?([A-Za-z_$][\w$]*)["']?\s*:\s*(?:\{|z\s*\.)/g;

/** The value of one JS string literal (escapes decoded, `${…}` written as `value`). */
function literalValue(literal) {
  const quote = literal[0];
  let body = literal.slice(1, -1);
  if (quote === '`') body = body.replace(/\$\{[^}]*\}/g, 'value');
  return body.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[\s\S])/g, (_, e) => {
    if (e[0] === 'u' && e.length > 1) {
      const hex = e[1] === '{' ? e.slice(2, -1) : e.slice(1);
      return String.fromCodePoint(Number.parseInt(hex, 16));
    }
    if (e[0] === 'x' && e.length === 3) return String.fromCharCode(Number.parseInt(e.slice(1), 16));
    return { n: '\n', t: '\t', r: '', b: '', f: '', v: '', 0: '' }[e] ?? e;
  });
}

function concatValue(expression) {
  return [...expression.matchAll(new RegExp(STRING, 'g'))].map((m) => literalValue(m[0])).join('');
}

/** Prose, not an identifier, a path or code: at least four words and few code characters. */
function isProse(text) {
  if (text.length < 24 || text.length > 4000) return false;
  if ((text.match(/[A-Za-z]{2,}/g) ?? []).length < 4) return false;
  const code = (text.match(/[{}();=<>]/g) ?? []).length;
  return code / text.length < 0.02;
}

/** Declared strings of one package: `{ name, param?, text }` in file order, deduplicated. */
export function declaredStrings(file) {
  const out = [];
  const seen = new Set();
  const entries = [...tarEntries(file)]
    .filter(
      ({ path, body }) => SOURCE_FILE.test(path) && !SKIPPED.test(path) && body.length <= MAX_FILE,
    )
    .filter(({ path }) => !/(?:^|\/)(?:package(?:-lock)?|tsconfig[^/]*)\.json$/.test(path))
    .filter(({ path }) => !/\.d\.[mc]?ts$/.test(path))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const { body } of entries) {
    const source = body.toString('utf8');
    for (const match of source.matchAll(DECLARED)) {
      const text = concatValue(match[1]).trim();
      if (!isProse(text) || seen.has(text)) continue;
      seen.add(text);
      const before = source.slice(Math.max(0, match.index - 400), match.index);
      const names = [...before.matchAll(NAME_BEFORE)];
      const name = names.length > 0 ? literalValue(names[names.length - 1][1]) : undefined;
      // The parameter a `.describe()` documents: the last `key: z.` before it.
      const keys = match[0].startsWith('.describe')
        ? [...source.slice(Math.max(0, match.index - 200), match.index).matchAll(KEY_BEFORE)]
        : [];
      const param = keys.length > 0 ? keys[keys.length - 1][1] : undefined;
      // Allowed values declared with it (`z.enum([...]).describe(…)`, `{ enum: [...], description }`).
      const around = source.slice(Math.max(0, match.index - 300), match.index);
      // Only an enum right before the description belongs to the same property.
      const enums = [...around.matchAll(ENUM)].filter(
        (m) => around.length - (m.index + m[0].length) <= 60,
      );
      const values =
        enums.length > 0
          ? [...enums[enums.length - 1][1].matchAll(new RegExp(STRING, 'g'))]
              .map((m) => literalValue(m[0]))
              .filter((v) => v.length > 0 && v.length <= 60)
          : [];
      const keyed = [...around.matchAll(PROPERTY_KEY)];
      out.push({
        name,
        param: param ?? (values.length > 0 ? (keyed[keyed.length - 1]?.[1] ?? 'value') : undefined),
        text,
        ...(values.length > 0 ? { values } : {}),
      });
    }
  }
  return out;
}

function identifier(text, fallback) {
  const id = (text ?? '').replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '');
  return id.length > 0 && id.length <= 64 ? id : fallback;
}

/**
 * Benign definitions of the servers of `NPM_SERVERS` (family `real-mcp-server`, source
 * `npm-mcp-servers`): a tool description becomes a tool with that description; a parameter
 * description a tool with that one described parameter (at most 250 per package). The package's
 * README gives benign tool results, one per paragraph chunk (at most 40). Sorted by id.
 */
export function npmServerRecords(options = {}) {
  const records = [];
  for (const { spec, file } of ensurePackages(options)) {
    const pkg = spec.slice(0, spec.lastIndexOf('@'));
    const fallback = identifier(pkg.split('/').pop(), 'tool');
    declaredStrings(file)
      .slice(0, MAX_PER_PACKAGE)
      .forEach((found, i) => {
        const id = `npm-server-${pkg}-${String(i + 1).padStart(3, '0')}`;
        const name = identifier(found.name, fallback);
        const base = {
          id,
          kind: 'tool',
          label: 'benign',
          family: 'real-mcp-server',
          source: 'npm-mcp-servers',
          name,
        };
        if (found.param !== undefined) {
          records.push({
            ...base,
            description: '',
            inputSchema: {
              type: 'object',
              properties: {
                [found.param]: {
                  type: 'string',
                  description: found.text,
                  ...(found.values ? { enum: found.values } : {}),
                },
              },
            },
          });
        } else {
          records.push({
            ...base,
            description: found.text,
            inputSchema: { type: 'object', properties: {} },
          });
        }
      });
    readmeChunks(file).forEach((text, i) => {
      const id = `npm-server-${pkg}-r${String(i + 1).padStart(3, '0')}`;
      const base = { label: 'benign', family: 'real-mcp-server', source: 'npm-mcp-servers' };
      records.push({ id, kind: 'tool_result', ...base, text });
    });
  }
  return records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const MAX_README_CHUNKS = 40;

/**
 * Paragraph chunks of the package's README: how MCP servers are documented (set-up steps,
 * client config paths, "you must", "IMPORTANT"), the hard look-alikes of poisoned text.
 */
function readmeChunks(file) {
  for (const { path, body } of tarEntries(file)) {
    if (/^readme\.md$/i.test(path)) {
      return chunkParagraphs(body.toString('utf8')).slice(0, MAX_README_CHUNKS);
    }
  }
  return [];
}
