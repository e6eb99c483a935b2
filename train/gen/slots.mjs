// Shared vocabulary for templates. Benign and malicious text draw on the same pools (domains,
// addresses, file names, people) so that a model cannot separate them by a name alone.

const HEX = '0123456789abcdef';
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

const chars = (rng, alphabet, n) => {
  let out = '';
  for (let i = 0; i < n; i += 1) out += alphabet[rng.int(alphabet.length)];
  return out;
};

export const ethAddress = (rng) => `0x${chars(rng, HEX, 40)}`;
export const btcAddress = (rng) => `bc1q${chars(rng, BECH32, 38)}`;
export const solAddress = (rng) => chars(rng, BASE58, 44);
export const cryptoAddress = (rng) =>
  rng.pick([ethAddress, ethAddress, btcAddress, solAddress])(rng);
export const hexId = (rng) => chars(rng, HEX, 12);
export const number = (rng) => String(1 + rng.int(9999));
export const amount = (rng) => `${1 + rng.int(4999)}.${String(rng.int(100)).padStart(2, '0')}`;
export const date = (rng) =>
  `2026-${String(1 + rng.int(12)).padStart(2, '0')}-${String(1 + rng.int(28)).padStart(2, '0')}`;
export const time = (rng) =>
  `${String(rng.int(24)).padStart(2, '0')}:${String(rng.int(60)).padStart(2, '0')}:${String(rng.int(60)).padStart(2, '0')}`;

const DOMAIN_WORDS = [
  'telemetry',
  'sync',
  'cdn',
  'metrics',
  'analytics',
  'auth',
  'api',
  'update',
  'backup',
  'collector',
  'relay',
  'agent',
  'logs',
  'docs',
  'status',
  'files',
  'cloud',
  'data',
  'hooks',
  'ingest',
  'mirror',
  'portal',
  'verify',
  'secure',
  'assets',
  'static',
  'edge',
  'gateway',
  'vault',
  'notify',
];
const DOMAIN_TAILS = ['', '-hub', '-cloud', '-svc', '-io', '-labs', 'ly', '-net', '-app', '-stack'];
const TLDS = [
  '.io',
  '.net',
  '.dev',
  '.xyz',
  '.app',
  '.cc',
  '.ru',
  '.top',
  '.site',
  '.com',
  '.org',
  '.co',
];
export const domain = (rng) =>
  `${rng.pick(DOMAIN_WORDS)}${rng.pick(DOMAIN_TAILS)}${rng.chance(0.3) ? `-${rng.pick(DOMAIN_WORDS)}` : ''}${rng.pick(TLDS)}`;
export const url = (rng) =>
  `https://${rng.chance(0.4) ? `${rng.pick(['api', 'www', 'cdn', 'hooks', 'in', 'c'])}.` : ''}${domain(rng)}/${rng.pick(['v1/collect', 'upload', 'log', 'r', 'ingest', 'api/events', 'sync', 'c', 'p', 'webhook'])}`;
export const email = (rng) =>
  `${rng.pick(['support', 'admin', 'security', 'ops', 'billing', 'backup', 'alerts', 'noreply', 'team', 'audit', 'jo.miller', 'k.tanaka', 'a.novak'])}@${domain(rng)}`;

export const SECRET_FILES = [
  '~/.ssh/id_rsa',
  '~/.ssh/id_ed25519',
  '~/.aws/credentials',
  '.env',
  '.env.local',
  '~/.npmrc',
  '~/.config/gh/hosts.yml',
  '~/.kube/config',
  '~/.docker/config.json',
  '~/.netrc',
  '~/.git-credentials',
  '~/.config/gcloud/credentials.db',
  '/etc/passwd',
  '~/.bash_history',
  '~/.pgpass',
  'config/secrets.yml',
];
export const ORDINARY_FILES = [
  'README.md',
  'src/index.ts',
  'package.json',
  'docs/setup.md',
  'notes/todo.txt',
  'reports/q3.csv',
  'app/main.py',
  'Cargo.toml',
  'tests/test_api.py',
  'CHANGELOG.md',
  'public/index.html',
  'go.mod',
  'scripts/build.sh',
  'data/customers.csv',
  'config/app.yaml',
  'Makefile',
  'LICENSE',
  '.gitignore',
];
export const MCP_CONFIGS = [
  '~/.cursor/mcp.json',
  '~/Library/Application Support/Claude/claude_desktop_config.json',
  '%APPDATA%\\Claude\\claude_desktop_config.json',
  '.vscode/mcp.json',
  '~/.codeium/windsurf/mcp_config.json',
  '~/.claude.json',
  '.mcp.json',
  '~/.config/zed/settings.json',
  '~/.continue/config.yaml',
];
export const OTHER_TOOLS = [
  'send_email',
  'transfer_funds',
  'write_file',
  'execute_command',
  'run_shell',
  'create_issue',
  'send_message',
  'post_to_slack',
  'http_request',
  'fetch_url',
  'git_push',
  'delete_file',
  'update_config',
  'create_payment',
  'share_document',
  'add_collaborator',
  'sign_transaction',
];
export const SERVERS = [
  'github',
  'slack',
  'gmail',
  'filesystem',
  'postgres',
  'stripe',
  'notion',
  'jira',
  'google-drive',
  'linear',
  'wallet',
  'browser',
];
export const TOPICS = [
  'invoices',
  'passwords',
  'deployment',
  'payroll',
  'a wallet',
  'crypto',
  'the database',
  'API keys',
  'a refund',
  'production',
  'salaries',
  'a contract',
  'bank details',
  'a merge request',
  'tax forms',
  'customer data',
  'a transfer',
  'login problems',
  'the budget',
  'a flight booking',
];
export const PEOPLE = [
  'Maria Lopez',
  'Chen Wei',
  'Olga Petrova',
  'Jonas Becker',
  'Aisha Khan',
  'Tom Walker',
  'Priya Nair',
  'Lukas Schmidt',
  'Sofia Rossi',
  'Kenji Sato',
  'Emma Dubois',
  'Daniel Cohen',
  'Fatima Zahra',
  'Sam Lee',
];
export const COMPANIES = [
  'Northwind Traders',
  'Acme Logistics',
  'Bluefin Analytics',
  'Cedar Health',
  'Lumen Bank',
  'Orbit Labs',
  'Kestrel Insurance',
  'Pinecone Retail',
  'Harbor Freight Co',
  'Quanta Energy',
  'Atlas Travel',
];
export const PROJECTS = [
  'aurora',
  'atlas',
  'beacon',
  'cobalt',
  'delta-api',
  'ember',
  'fjord',
  'granite',
  'helix',
  'ion-web',
];
export const MODELS = [
  'gpt-4o',
  'claude-3-5-sonnet',
  'llama-3-70b',
  'gemini-1.5-pro',
  'mistral-large',
];

/** The slot table handed to `expand`. */
export const SLOTS = {
  eth: ethAddress,
  btc: btcAddress,
  addr: cryptoAddress,
  hex: hexId,
  n: number,
  amount,
  date,
  time,
  domain,
  url,
  email,
  secret: SECRET_FILES,
  file: ORDINARY_FILES,
  mcpconfig: MCP_CONFIGS,
  tool: OTHER_TOOLS,
  server: SERVERS,
  topic: TOPICS,
  person: PEOPLE,
  company: COMPANIES,
  project: PROJECTS,
  model: MODELS,
};
