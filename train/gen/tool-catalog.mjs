// Ordinary tool skeletons across many domains. Benign definitions are rendered from them, and
// malicious definitions hide their payload inside the same skeletons, so the carrier text carries
// no label.

const p = (name, type, desc, extra = {}) => ({ name, type, desc, ...extra });

export const TOOL_CATALOG = [
  // files
  {
    domain: 'files',
    name: 'read_file',
    purpose:
      '‹Read|Return|Load› the ‹contents|text› of a file ‹inside the allowed directories|from the workspace›‹| as UTF-8 text›.',
    params: [
      p('path', 'string', '‹Path|Relative path› of the file to read'),
      p('encoding', 'string', 'Text encoding', {
        enum: ['utf-8', 'latin1', 'base64'],
        default: 'utf-8',
      }),
    ],
  },
  {
    domain: 'files',
    name: 'list_directory',
    purpose:
      'List ‹files and folders|the entries› in a directory, with ‹[FILE] and [DIR] prefixes|their sizes and types›.',
    params: [
      p('path', 'string', 'Directory to list'),
      p('recursive', 'boolean', 'Descend into subdirectories', { default: false }),
    ],
  },
  {
    domain: 'files',
    name: 'write_file',
    purpose:
      '‹Create a new file or overwrite|Write› a file with the given content‹|; parent folders must exist›.',
    params: [p('path', 'string', 'Destination path'), p('content', 'string', 'Text to write')],
  },
  {
    domain: 'files',
    name: 'search_files',
    purpose: 'Recursively search for files whose names match a ‹glob|pattern›.',
    params: [
      p('path', 'string', 'Root directory'),
      p('pattern', 'string', 'Glob such as *.md', { examples: ['*.ts', '**/*.json'] }),
      p('max_results', 'integer', 'Upper bound on matches', { default: 100 }),
    ],
  },
  {
    domain: 'files',
    name: 'move_file',
    purpose: 'Move or rename a file‹| within the allowed roots›.',
    params: [p('source', 'string', 'Current path'), p('destination', 'string', 'New path')],
  },
  // git
  {
    domain: 'git',
    name: 'git_status',
    purpose: 'Show the working tree status of a ‹repository|Git repository›.',
    params: [p('repo_path', 'string', 'Path to the repository')],
  },
  {
    domain: 'git',
    name: 'git_log',
    purpose: 'Show ‹recent commits|the commit history› with author, date and message.',
    params: [
      p('repo_path', 'string', 'Repository path'),
      p('max_count', 'integer', 'Number of commits', { default: 10 }),
    ],
  },
  {
    domain: 'git',
    name: 'git_diff',
    purpose: 'Show changes between the working tree and ‹a commit|HEAD|the index›.',
    params: [
      p('repo_path', 'string', 'Repository path'),
      p('target', 'string', 'Commit, branch or tag to compare with', { default: 'HEAD' }),
    ],
  },
  {
    domain: 'git',
    name: 'create_pull_request',
    purpose: 'Open a pull request on ‹GitHub|the forge› from a head branch into a base branch.',
    params: [
      p('owner', 'string', 'Repository owner'),
      p('repo', 'string', 'Repository name'),
      p('title', 'string', 'PR title'),
      p('head', 'string', 'Branch with the changes'),
      p('base', 'string', 'Branch to merge into', { default: 'main' }),
    ],
  },
  {
    domain: 'git',
    name: 'list_issues',
    purpose: 'List issues in a repository, filtered by state and labels.',
    params: [
      p('repo', 'string', 'owner/name'),
      p('state', 'string', 'Issue state', { enum: ['open', 'closed', 'all'], default: 'open' }),
      p('labels', 'array', 'Label names to filter by'),
    ],
  },
  // databases
  {
    domain: 'db',
    name: 'query',
    purpose:
      'Run a read-only SQL query against the ‹configured|connected› ‹PostgreSQL|database›‹| and return rows as JSON›.',
    params: [
      p('sql', 'string', 'SELECT statement to run'),
      p('limit', 'integer', 'Maximum rows', { default: 500 }),
    ],
  },
  {
    domain: 'db',
    name: 'list_tables',
    purpose: 'List the tables ‹and views|› in a schema.',
    params: [p('schema', 'string', 'Schema name', { default: 'public' })],
  },
  {
    domain: 'db',
    name: 'describe_table',
    purpose: 'Return the columns, types and indexes of a table.',
    params: [p('table', 'string', 'Table name')],
  },
  {
    domain: 'db',
    name: 'redis_get',
    purpose: 'Get the value stored at a Redis key.',
    params: [p('key', 'string', 'Key to read')],
  },
  // cloud
  {
    domain: 'cloud',
    name: 'list_buckets',
    purpose: 'List ‹S3|storage› buckets ‹in the account|the credentials can see›.',
    params: [
      p('region', 'string', 'Cloud region', {
        enum: ['us-east-1', 'eu-west-1', 'ap-southeast-2'],
        default: 'us-east-1',
      }),
    ],
  },
  {
    domain: 'cloud',
    name: 'describe_instances',
    purpose: 'Describe compute instances, optionally filtered by tag.',
    params: [p('tag', 'string', 'Tag filter such as env=prod'), p('region', 'string', 'Region')],
  },
  {
    domain: 'cloud',
    name: 'get_logs',
    purpose: 'Fetch log events from a ‹log group|service› between two timestamps.',
    params: [
      p('log_group', 'string', 'Log group name'),
      p('start', 'string', 'ISO start time'),
      p('end', 'string', 'ISO end time'),
    ],
  },
  {
    domain: 'cloud',
    name: 'scale_deployment',
    purpose: 'Scale a Kubernetes deployment to a number of replicas.',
    params: [
      p('namespace', 'string', 'Namespace', { default: 'default' }),
      p('deployment', 'string', 'Deployment name'),
      p('replicas', 'integer', 'Desired replicas'),
    ],
  },
  // crypto
  {
    domain: 'crypto',
    name: 'get_balance',
    purpose: 'Return the ‹native and token|token› balance of a wallet address.',
    params: [
      p('address', 'string', 'Wallet address'),
      p('chain', 'string', 'Network', {
        enum: ['ethereum', 'base', 'arbitrum', 'solana'],
        default: 'ethereum',
      }),
    ],
  },
  {
    domain: 'crypto',
    name: 'transfer_tokens',
    purpose:
      'Prepare a token transfer ‹and return it for the user to confirm|that the user signs in their wallet›.',
    params: [
      p('to', 'string', 'Recipient address'),
      p('amount', 'string', 'Amount in token units'),
      p('token', 'string', 'Token symbol', { default: 'USDC' }),
    ],
  },
  {
    domain: 'crypto',
    name: 'get_token_price',
    purpose: 'Get the current price of a token in a fiat currency.',
    params: [
      p('symbol', 'string', 'Token symbol'),
      p('currency', 'string', 'Fiat currency', { default: 'USD' }),
    ],
  },
  {
    domain: 'crypto',
    name: 'swap_quote',
    purpose: 'Get a swap quote between two tokens from a DEX aggregator.',
    params: [
      p('from_token', 'string', 'Token to sell'),
      p('to_token', 'string', 'Token to buy'),
      p('amount', 'string', 'Amount to sell'),
      p('slippage_bps', 'integer', 'Max slippage in basis points', { default: 50 }),
    ],
  },
  // email
  {
    domain: 'email',
    name: 'send_email',
    purpose: 'Send an email ‹from the connected account|via SMTP›.',
    params: [
      p('to', 'string', 'Recipient address'),
      p('subject', 'string', 'Subject line'),
      p('body', 'string', 'Plain-text body'),
      p('cc', 'array', 'Carbon-copy recipients'),
    ],
  },
  {
    domain: 'email',
    name: 'search_inbox',
    purpose: 'Search the mailbox using ‹Gmail-style|IMAP› query syntax.',
    params: [
      p('query', 'string', 'Search query, e.g. from:alice is:unread'),
      p('max_results', 'integer', 'Maximum messages', { default: 20 }),
    ],
  },
  {
    domain: 'email',
    name: 'read_email',
    purpose: 'Read a message by id, including headers and body.',
    params: [p('message_id', 'string', 'Message id')],
  },
  // calendar
  {
    domain: 'calendar',
    name: 'create_event',
    purpose: 'Create a calendar event ‹and invite attendees|on the primary calendar›.',
    params: [
      p('title', 'string', 'Event title'),
      p('start', 'string', 'Start time (ISO 8601)'),
      p('end', 'string', 'End time (ISO 8601)'),
      p('attendees', 'array', 'Email addresses to invite'),
    ],
  },
  {
    domain: 'calendar',
    name: 'list_events',
    purpose: 'List events in a time range.',
    params: [
      p('from', 'string', 'Range start'),
      p('to', 'string', 'Range end'),
      p('calendar_id', 'string', 'Calendar', { default: 'primary' }),
    ],
  },
  {
    domain: 'calendar',
    name: 'find_free_slot',
    purpose: 'Find the first free slot of a given length shared by several people.',
    params: [
      p('attendees', 'array', 'People to check'),
      p('duration_minutes', 'integer', 'Length of the meeting', { default: 30 }),
    ],
  },
  // search / web
  {
    domain: 'search',
    name: 'web_search',
    purpose: 'Search the web and return ‹titles, URLs and snippets|the top results›.',
    params: [
      p('query', 'string', 'Search terms'),
      p('count', 'integer', 'Number of results', { default: 10 }),
      p('safesearch', 'string', 'Filter level', {
        enum: ['off', 'moderate', 'strict'],
        default: 'moderate',
      }),
    ],
  },
  {
    domain: 'search',
    name: 'search_docs',
    purpose: 'Semantic search over the ‹indexed documentation|knowledge base›.',
    params: [
      p('query', 'string', 'Natural-language question'),
      p('top_k', 'integer', 'Results to return', { default: 5 }),
    ],
  },
  {
    domain: 'search',
    name: 'fetch_url',
    purpose: 'Fetch a URL and return ‹its content as markdown|the page text›.',
    params: [
      p('url', 'string', 'Absolute http(s) URL'),
      p('max_length', 'integer', 'Truncate after this many characters', { default: 5000 }),
    ],
  },
  // browser
  {
    domain: 'browser',
    name: 'browser_navigate',
    purpose: 'Navigate the browser tab to a URL.',
    params: [p('url', 'string', 'URL to open')],
  },
  {
    domain: 'browser',
    name: 'browser_click',
    purpose: 'Click an element identified by a CSS selector ‹or accessibility ref|›.',
    params: [
      p('selector', 'string', 'CSS selector'),
      p('button', 'string', 'Mouse button', { enum: ['left', 'right', 'middle'], default: 'left' }),
    ],
  },
  {
    domain: 'browser',
    name: 'browser_screenshot',
    purpose: 'Take a screenshot of the current page ‹or an element|›.',
    params: [p('full_page', 'boolean', 'Capture the full scrollable page', { default: false })],
  },
  {
    domain: 'browser',
    name: 'browser_fill_form',
    purpose: 'Fill form fields on the current page.',
    params: [p('fields', 'object', 'Map of selector to value')],
  },
  // shell / devops
  {
    domain: 'shell',
    name: 'run_command',
    purpose: 'Run a shell command in the project directory and return stdout and stderr.',
    params: [
      p('command', 'string', 'Command line'),
      p('timeout_ms', 'integer', 'Kill after this long', { default: 30000 }),
    ],
  },
  {
    domain: 'shell',
    name: 'run_tests',
    purpose: 'Run the project test suite ‹and summarise failures|›.',
    params: [p('filter', 'string', 'Only tests whose name matches')],
  },
  {
    domain: 'shell',
    name: 'docker_ps',
    purpose: 'List running containers.',
    params: [p('all', 'boolean', 'Include stopped containers', { default: false })],
  },
  // notes / docs
  {
    domain: 'notes',
    name: 'create_note',
    purpose: 'Create a note in the ‹vault|notebook› with a title and markdown body.',
    params: [
      p('title', 'string', 'Note title'),
      p('body', 'string', 'Markdown content'),
      p('tags', 'array', 'Tags'),
    ],
  },
  {
    domain: 'notes',
    name: 'search_pages',
    purpose: 'Search ‹Notion|wiki› pages by title and content.',
    params: [p('query', 'string', 'Text to find')],
  },
  {
    domain: 'notes',
    name: 'get_page',
    purpose: 'Retrieve a page and its blocks by id.',
    params: [p('page_id', 'string', 'Page id')],
  },
  // memory
  {
    domain: 'memory',
    name: 'create_entities',
    purpose: 'Create entities in the knowledge graph.',
    params: [p('entities', 'array', 'Entities with name, type and observations')],
  },
  {
    domain: 'memory',
    name: 'search_nodes',
    purpose: 'Search the knowledge graph for nodes matching a query.',
    params: [p('query', 'string', 'Text to match against names, types and observations')],
  },
  // payments / crm
  {
    domain: 'payments',
    name: 'create_invoice',
    purpose: 'Create a draft invoice for a customer.',
    params: [
      p('customer_id', 'string', 'Customer id'),
      p('amount_cents', 'integer', 'Amount in cents'),
      p('currency', 'string', 'ISO currency', { enum: ['usd', 'eur', 'gbp'], default: 'usd' }),
    ],
  },
  {
    domain: 'payments',
    name: 'list_charges',
    purpose: 'List recent charges, newest first.',
    params: [
      p('limit', 'integer', 'Page size', { default: 25 }),
      p('customer', 'string', 'Filter by customer id'),
    ],
  },
  {
    domain: 'payments',
    name: 'refund_charge',
    purpose: 'Refund a charge fully or partially.',
    params: [
      p('charge_id', 'string', 'Charge id'),
      p('amount_cents', 'integer', 'Partial amount; omit for a full refund'),
    ],
  },
  {
    domain: 'crm',
    name: 'find_contact',
    purpose: 'Find a contact by name, email or company.',
    params: [p('query', 'string', 'Search text')],
  },
  {
    domain: 'crm',
    name: 'update_deal_stage',
    purpose: 'Move a deal to another pipeline stage.',
    params: [
      p('deal_id', 'string', 'Deal id'),
      p('stage', 'string', 'Target stage', {
        enum: ['lead', 'qualified', 'proposal', 'won', 'lost'],
      }),
    ],
  },
  // messaging
  {
    domain: 'chat',
    name: 'post_message',
    purpose: 'Post a message to a ‹Slack|team chat› channel.',
    params: [p('channel', 'string', 'Channel name or id'), p('text', 'string', 'Message text')],
  },
  {
    domain: 'chat',
    name: 'list_channels',
    purpose: 'List the channels the bot is a member of.',
    params: [p('limit', 'integer', 'Maximum channels', { default: 100 })],
  },
  {
    domain: 'chat',
    name: 'get_thread',
    purpose: 'Get all replies in a message thread.',
    params: [
      p('channel', 'string', 'Channel id'),
      p('thread_ts', 'string', 'Timestamp of the parent message'),
    ],
  },
  // misc
  {
    domain: 'weather',
    name: 'get_forecast',
    purpose: 'Get the weather forecast for a location.',
    params: [
      p('latitude', 'number', 'Latitude'),
      p('longitude', 'number', 'Longitude'),
      p('units', 'string', 'Unit system', { enum: ['metric', 'imperial'], default: 'metric' }),
    ],
  },
  {
    domain: 'maps',
    name: 'geocode',
    purpose: 'Convert an address into coordinates.',
    params: [p('address', 'string', 'Street address or place name')],
  },
  {
    domain: 'time',
    name: 'convert_time',
    purpose: 'Convert a time between two IANA time zones.',
    params: [
      p('time', 'string', 'Time as HH:MM'),
      p('source_timezone', 'string', 'e.g. Europe/Berlin'),
      p('target_timezone', 'string', 'e.g. Asia/Tokyo'),
    ],
  },
  {
    domain: 'translate',
    name: 'translate_text',
    purpose: 'Translate text into a target language.',
    params: [
      p('text', 'string', 'Text to translate'),
      p('target_lang', 'string', 'Language code', { enum: ['en', 'de', 'es', 'fr', 'ja', 'zh'] }),
    ],
  },
  {
    domain: 'analytics',
    name: 'run_report',
    purpose: 'Run an analytics report for a date range and metrics.',
    params: [
      p('metrics', 'array', 'Metric names'),
      p('start_date', 'string', 'YYYY-MM-DD'),
      p('end_date', 'string', 'YYYY-MM-DD'),
    ],
  },
  {
    domain: 'images',
    name: 'generate_image',
    purpose: 'Generate an image from a text prompt.',
    params: [
      p('prompt', 'string', 'What to draw'),
      p('size', 'string', 'Image size', {
        enum: ['256x256', '512x512', '1024x1024'],
        default: '512x512',
      }),
    ],
  },
  {
    domain: 'tickets',
    name: 'create_ticket',
    purpose: 'Open a support ticket in the helpdesk.',
    params: [
      p('subject', 'string', 'Short summary'),
      p('description', 'string', 'Details'),
      p('priority', 'string', 'Priority', {
        enum: ['low', 'normal', 'high', 'urgent'],
        default: 'normal',
      }),
    ],
  },
  {
    domain: 'docs',
    name: 'get_library_docs',
    purpose: 'Fetch up-to-date documentation for a library version.',
    params: [
      p('library', 'string', 'Package name'),
      p('topic', 'string', 'Focus topic, e.g. routing'),
    ],
  },
];

export const PROMPT_CATALOG = [
  {
    name: 'summarize_thread',
    purpose: 'Summarise a ‹discussion thread|conversation› into key points and action items.',
  },
  { name: 'code_review', purpose: 'Review a diff for bugs, style problems and missing tests.' },
  { name: 'draft_reply', purpose: 'Draft a polite reply to an email.' },
  { name: 'explain_error', purpose: 'Explain a stack trace and suggest likely fixes.' },
  { name: 'weekly_report', purpose: 'Write a weekly status report from closed tickets.' },
  { name: 'sql_helper', purpose: 'Turn a question into a SQL query over the described schema.' },
  { name: 'meeting_notes', purpose: 'Turn a transcript into meeting notes with decisions.' },
  { name: 'translate_doc', purpose: 'Translate a document while keeping its formatting.' },
];

export const RESOURCE_CATALOG = [
  { name: 'project-readme', purpose: 'The README of the current project.' },
  { name: 'db-schema', purpose: 'The database schema as SQL DDL.' },
  { name: 'open-tickets', purpose: 'Open support tickets as JSON.' },
  { name: 'team-calendar', purpose: 'Shared team calendar for this week.' },
  { name: 'api-reference', purpose: 'OpenAPI description of the internal API.' },
  { name: 'runbook', purpose: 'On-call runbook for the payments service.' },
  { name: 'wallet-activity', purpose: 'Recent activity of the connected wallet.' },
];

export const SERVER_PURPOSES = [
  'This server gives access to the team‹| GitHub› repositories.',
  'Tools for querying the analytics warehouse.',
  'A filesystem server restricted to the directories passed on the command line.',
  'Wallet tools: balances, quotes and transfers that the user signs.',
  'Calendar and email tools for the signed-in account.',
  'Browser automation over a headless Chromium.',
  'Search and fetch tools for public web pages.',
  'Knowledge-graph memory for the assistant.',
];
