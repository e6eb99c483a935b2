import type { Snapshot, ToolDefinition } from '../../core/snapshot.js';
import { DetectorTester } from '../detector-tester.js';
import { makeSnapshot, makeTool } from '../testing.js';
import toxicFlow from './index.js';

const str = (extra: Record<string, unknown> = {}) => ({ type: 'string', ...extra });

function tool(
  name: string,
  description: string,
  properties: Record<string, unknown> = {},
  annotations?: ToolDefinition['annotations'],
): ToolDefinition {
  return makeTool({
    name,
    description,
    inputSchema: { type: 'object', properties },
    ...(annotations ? { annotations } : {}),
  });
}

function server(name: string, ...tools: ToolDefinition[]): Snapshot {
  return makeSnapshot({ server: { name }, tools });
}

const RO = { readOnlyHint: true, openWorldHint: false };

// Shaped after @modelcontextprotocol/server-everything: a URL fetch that returns gzip, the
// environment, demo messages. No tool brings third-party text into the context.
const everything = server(
  'everything',
  tool('echo', 'Echoes the input.', { message: str() }, RO),
  tool('get-sum', 'Returns the sum of two numbers.', { a: { type: 'number' } }, RO),
  tool('get-env', 'Returns the environment variables of the server.', {}, RO),
  tool('get-annotated-message', 'Shows how content annotations work.', {
    messageType: str({ enum: ['error', 'success'] }),
  }),
  tool('gzip-file-as-resource', 'Compresses a file with gzip and returns it as a resource.', {
    name: str(),
    data: str({ format: 'uri', description: 'URL or data URI of the content' }),
  }),
);
// Shaped after @modelcontextprotocol/server-memory.
const memory = server(
  'memory',
  tool('create_entities', 'Create entities in the knowledge graph.', {
    entities: { type: 'array' },
  }),
  tool('delete_entities', 'Delete entities from the knowledge graph.', { names: str() }),
  tool('read_graph', 'Read the whole knowledge graph.', {}, RO),
  tool('search_nodes', 'Search the knowledge graph.', { query: str() }, RO),
);
// Shaped after @modelcontextprotocol/server-filesystem.
const filesystem = server(
  'filesystem',
  tool('read_text_file', 'Read a file as text.', { path: str() }, RO),
  tool('list_directory', 'List the files in a directory.', { path: str() }, RO),
  tool('write_file', 'Create or overwrite a file.', { path: str(), content: str() }),
);
const brave = server(
  'brave-search',
  tool('brave_web_search', 'Search the web with the Brave Search API.', { query: str() }),
);
const slack = server(
  'slack',
  tool('slack_post_message', 'Post a message to a Slack channel.', {
    channel_id: str(),
    text: str(),
  }),
);
const fetch = server(
  'fetch',
  tool('fetch', 'Fetch a URL and return the page as markdown.', { url: str() }),
);
// Shaped after @modelcontextprotocol/server-github: the Invariant Labs "toxic agent flow" (2025).
const github = server(
  'github',
  tool('list_issues', 'List the issues of a repository.', { owner: str(), repo: str() }),
  tool('get_file_contents', 'Get the contents of a file in a repository.', {
    owner: str(),
    repo: str(),
    path: str(),
  }),
  tool('create_pull_request', 'Open a pull request.', { owner: str(), repo: str(), title: str() }),
);

new DetectorTester(toxicFlow).run({
  valid: [
    {
      name: 'server-everything with server-memory holds no untrusted-content leg: no flow',
      subject: [everything, memory],
    },
    {
      name: 'files and memory without any way out are fine',
      subject: [filesystem, memory],
    },
    {
      name: 'web search alone is only one leg',
      subject: brave,
    },
    {
      name: 'web search and a chat send without private data are fine',
      subject: [brave, slack],
    },
    {
      name: 'an outbound tool the user put behind confirmation (ignoreTools) breaks the flow',
      subject: [filesystem, brave, slack],
      options: { ignoreTools: ['slack/slack_post_message'] },
    },
    {
      name: 'an ignored server does not count',
      subject: [filesystem, brave, slack],
      options: { ignoreServers: ['file*'] },
    },
  ],
  invalid: [
    {
      name: 'web search + files + a chat send across three servers is high and names each leg',
      subject: [filesystem, brave, slack],
      errors: [
        {
          messageId: 'crossServerFlow',
          severity: 'high',
          message:
            'untrusted content from "brave_web_search" (brave-search); private data from "read_text_file", "list_directory" (filesystem); a way out through "slack_post_message" (slack)',
        },
      ],
    },
    {
      name: 'a URL fetcher is both the untrusted source and the way out for local files',
      subject: [filesystem, fetch],
      errors: [{ messageId: 'crossServerFlow', severity: 'high', message: '(2 involved)' }],
    },
    {
      name: 'files (weakly untrusted) and a way out, with no third-party content, is medium',
      subject: [filesystem, slack],
      errors: [{ messageId: 'crossServerFlow', severity: 'medium' }],
    },
    {
      name: 'GitHub alone holds the whole flow (public issues, private files, pull requests)',
      subject: github,
      errors: [
        {
          messageId: 'serverFlow',
          severity: 'high',
          message: 'a way out through "create_pull_request" (github)',
        },
      ],
    },
    {
      name: 'a single tool that reads files and URLs is all three legs at once',
      subject: server(
        'desktop',
        tool('read_file', 'Read contents from files and URLs.', { path: str(), url: str() }),
      ),
      errors: [{ messageId: 'singleTool', item: 'read_file', severity: 'high' }],
    },
    {
      name: 'a host shell is private data and a way out: with web search it completes the flow',
      subject: [
        brave,
        server('shell', tool('run_command', 'Run a shell command.', { command: str() })),
      ],
      errors: [
        { messageId: 'crossServerFlow', severity: 'high', message: '"run_command" (shell)' },
      ],
    },
    {
      name: 'a server holding the flow and another adding a leg give both findings',
      subject: [github, brave],
      errors: [
        { messageId: 'serverFlow', severity: 'high' },
        { messageId: 'crossServerFlow', severity: 'high' },
      ],
    },
    {
      name: 'long leg lists are cut at maxNamesPerLeg',
      subject: [filesystem, brave, slack],
      options: { maxNamesPerLeg: 1 },
      errors: [
        {
          messageId: 'crossServerFlow',
          message: 'private data from "read_text_file" (filesystem) and 1 more',
        },
      ],
    },
  ],
});
