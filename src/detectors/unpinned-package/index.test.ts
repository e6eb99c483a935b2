import { DetectorTester } from '../detector-tester.js';
import { makeConfigFile, makeServer, serverFile } from '../testing.js';
import unpinnedPackage from './index.js';

const DIGEST = 'sha256:' + 'a'.repeat(30) + '0123456789abcdef0123456789abcdef01';
const SHA = '3f786850e387550fdab836ed7e6dc881de23001b';

new DetectorTester(unpinnedPackage).run({
  valid: [
    {
      name: 'npx with an exact version of a scoped package is pinned',
      subject: serverFile({
        command: 'npx',
        args: ['-y', '@modelcontextprotocol/server-filesystem@2025.8.21', '/tmp'],
      }),
    },
    {
      name: 'npx with an exact version of an unscoped package and options before it is pinned',
      subject: serverFile({
        command: 'npx',
        args: [
          '--yes',
          '--registry',
          'https://registry.npmjs.org',
          'mcp-remote@0.1.29',
          'https://x.example/sse',
        ],
      }),
    },
    {
      name: 'npx --package=pkg@x.y.z with a command name is pinned',
      subject: serverFile({
        command: 'npx',
        args: ['-y', '--package=@playwright/mcp@0.0.41', 'mcp-server-playwright'],
      }),
    },
    {
      name: "uvx with == and with uv's @version, and uvx --from pkg==x, are pinned",
      subject: serverFile({
        command: 'uvx',
        args: ['--python', '3.12', '--from', 'mcp-server-git==2025.7.1', 'mcp-server-git'],
      }),
    },
    {
      name: 'uvx pkg@x.y.z (uv syntax) is pinned',
      subject: serverFile({ command: 'uvx', args: ['mcp-server-fetch@2025.4.7'] }),
    },
    {
      name: 'pipx run --spec pkg==x is pinned',
      subject: serverFile({
        command: 'pipx',
        args: ['run', '--spec', 'mcp-server-time==0.6.2', 'mcp-server-time'],
      }),
    },
    {
      name: 'a docker image by digest is pinned',
      subject: serverFile({
        command: 'docker',
        args: [
          'run',
          '-i',
          '--rm',
          '-e',
          'GITHUB_TOKEN',
          `ghcr.io/github/github-mcp-server@${DIGEST}`,
        ],
      }),
    },
    {
      name: 'a git source at a full commit sha is pinned',
      subject: serverFile({
        command: 'npx',
        args: ['-y', `github:modelcontextprotocol/servers#${SHA}`],
      }),
    },
    {
      name: 'node running a local script is not a package runner',
      subject: serverFile({ command: 'node', args: ['/home/alice/mcp/build/index.js'] }),
    },
    {
      name: 'npx running a local directory is not a registry package',
      subject: serverFile({ command: 'npx', args: ['-y', './packages/my-server'] }),
    },
    {
      name: 'an ignored package is not reported',
      subject: serverFile({ command: 'npx', args: ['-y', '@acme/internal-mcp'] }),
      options: { ignorePackages: ['@acme/*'] },
    },
    {
      name: 'a tagged image is accepted when digests are not required',
      subject: serverFile({ command: 'docker', args: ['run', '-i', 'mcp/fetch:1.2.0'] }),
      options: { requireImageDigest: false },
    },
  ],
  invalid: [
    {
      // https://github.com/modelcontextprotocol/servers#using-an-mcp-client (npx -y without a version)
      name: 'npx -y with no version is reported at the package argument',
      subject: serverFile({ command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'] }),
      errors: [
        { messageId: 'unpinnedPackage', at: '/mcpServers/example/args/1', message: 'no version' },
      ],
    },
    {
      name: 'npx --package with a range (^1.2.0, @1) is not exact, and the command name after it is no package',
      subject: serverFile({
        command: 'npx',
        args: ['-y', '--package', 'a@^1.2.0', '--package', 'b@1', 'c@latest'],
      }),
      errors: [
        {
          messageId: 'unpinnedPackage',
          at: '/mcpServers/example/args/2',
          message: 'range "^1.2.0"',
        },
        { messageId: 'unpinnedPackage', at: '/mcpServers/example/args/4', message: 'range "1"' },
      ],
    },
    {
      name: 'npx pkg@latest is reported with the tag',
      subject: serverFile({ command: 'npx', args: ['@upstash/context7-mcp@latest'] }),
      errors: [{ messageId: 'unpinnedPackage', message: 'the "latest" tag' }],
    },
    {
      name: 'pnpm dlx, yarn dlx, bunx and npm exec without a version are reported',
      subject: makeConfigFile({
        servers: [
          makeServer({ name: 'a', command: 'pnpm', args: ['dlx', 'a'] }),
          makeServer({ name: 'b', command: 'yarn', args: ['dlx', '-q', 'b'] }),
          makeServer({ name: 'c', command: 'bunx', args: ['--bun', 'c'] }),
          makeServer({ name: 'd', command: 'npm', args: ['exec', '--', 'd@next'] }),
        ],
      }),
      errors: [
        { messageId: 'unpinnedPackage', at: '/mcpServers/a/args/1', message: 'pnpm dlx' },
        { messageId: 'unpinnedPackage', at: '/mcpServers/b/args/2', message: 'yarn dlx' },
        { messageId: 'unpinnedPackage', at: '/mcpServers/c/args/1', message: 'bunx' },
        { messageId: 'unpinnedPackage', at: '/mcpServers/d/args/2', message: 'the "next" tag' },
      ],
    },
    {
      name: 'cmd /c npx -y pkg on Windows is looked through',
      subject: serverFile({
        command: 'cmd',
        args: ['/c', 'npx', '-y', '@modelcontextprotocol/server-memory'],
      }),
      errors: [{ messageId: 'unpinnedPackage', at: '/mcpServers/example/args/3' }],
    },
    {
      name: 'two unpinned packages inside one sh -c argument become one finding naming both',
      subject: serverFile({ command: 'sh', args: ['-c', 'npx -y a && npx -y b@latest'] }),
      errors: [
        {
          messageId: 'unpinnedPackage',
          at: '/mcpServers/example/args/1',
          message: 'runs a / b@latest through npx with no version / the "latest" tag',
        },
      ],
    },
    {
      name: 'a whole command line in the command field is split',
      subject: serverFile({ command: 'npx -y mcp-remote https://mcp.example.com/sse' }),
      errors: [{ messageId: 'unpinnedPackage', at: '/mcpServers/example/command' }],
    },
    {
      // https://docs.astral.sh/uv/guides/tools/#requesting-specific-versions
      name: 'uvx pkg, uvx --python 3.12 pkg and uvx --from pkg>=1 are reported',
      subject: makeConfigFile({
        servers: [
          makeServer({ name: 'a', command: 'uvx', args: ['mcp-server-fetch'] }),
          makeServer({ name: 'b', command: 'uvx', args: ['--python', '3.12', 'mcp-server-git'] }),
          makeServer({
            name: 'c',
            command: 'uvx',
            args: ['--from', 'mcp-server-time>=0.6', 'mcp-server-time'],
          }),
          makeServer({
            name: 'd',
            command: 'uvx',
            args: ['--with', 'httpx', 'mcp-server-x==1.0.0'],
          }),
        ],
      }),
      errors: [
        { messageId: 'unpinnedPackage', at: '/mcpServers/a/args/0', message: 'no version' },
        { messageId: 'unpinnedPackage', at: '/mcpServers/b/args/2', message: 'no version' },
        { messageId: 'unpinnedPackage', at: '/mcpServers/c/args/1', message: 'range ">=0.6"' },
        { messageId: 'unpinnedPackage', at: '/mcpServers/d/args/1', message: 'httpx' },
      ],
    },
    {
      name: 'pipx run pkg without == is reported',
      subject: serverFile({ command: 'pipx', args: ['run', 'mcp-server-time'] }),
      errors: [{ messageId: 'unpinnedPackage', at: '/mcpServers/example/args/1' }],
    },
    {
      name: 'an image with no tag or :latest is medium, a tag without digest is low',
      subject: makeConfigFile({
        servers: [
          makeServer({ name: 'a', command: 'docker', args: ['run', '-i', '--rm', 'mcp/fetch'] }),
          makeServer({ name: 'b', command: 'podman', args: ['run', '-i', 'mcp/git:latest'] }),
          makeServer({
            name: 'c',
            command: 'docker',
            args: ['run', '--name', 'x', '-i', 'mcp/time:1.0.0'],
          }),
        ],
      }),
      errors: [
        {
          messageId: 'unpinnedImage',
          at: '/mcpServers/a/args/3',
          severity: 'medium',
          message: 'no tag',
        },
        {
          messageId: 'unpinnedImage',
          at: '/mcpServers/b/args/2',
          severity: 'medium',
          message: '"latest"',
        },
        {
          messageId: 'unpinnedImage',
          at: '/mcpServers/c/args/4',
          severity: 'low',
          message: 'tag "1.0.0"',
        },
      ],
    },
    {
      // https://docs.npmjs.com/cli/v10/configuring-npm/package-json#git-urls-as-dependencies
      name: 'git sources on a branch or tag (github:, owner/repo, git+https) are reported',
      subject: makeConfigFile({
        servers: [
          makeServer({ name: 'a', command: 'npx', args: ['-y', 'github:acme/mcp#main'] }),
          makeServer({ name: 'b', command: 'npx', args: ['acme/mcp'] }),
          makeServer({
            name: 'c',
            command: 'uvx',
            args: ['--from', 'git+https://github.com/acme/mcp@v1.0', 'mcp'],
          }),
        ],
      }),
      errors: [
        { messageId: 'unpinnedGitRef', at: '/mcpServers/a/args/1', message: 'git ref "main"' },
        { messageId: 'unpinnedGitRef', at: '/mcpServers/b/args/0', message: 'without a commit' },
        { messageId: 'unpinnedGitRef', at: '/mcpServers/c/args/1', message: 'git ref "v1.0"' },
      ],
    },
    {
      name: 'a token inside a git URL is redacted in the message',
      subject: serverFile({
        command: 'npx',
        args: [
          '-y',
          'git+https://x-access-token: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@github.com/acme/mcp.git#main',
        ],
      }),
      errors: [
        {
          messageId: 'unpinnedGitRef',
          at: '/mcpServers/example/args/1',
          message: '[redacted:github]',
        },
      ],
    },
  ],
});
