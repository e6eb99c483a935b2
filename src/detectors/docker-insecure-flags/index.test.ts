import { DetectorTester } from '../detector-tester.js';
import { serverFile } from '../testing.js';
import dockerInsecureFlags from './index.js';

const IMAGE = 'ghcr.io/github/github-mcp-server@sha256:' + '0123456789abcdef'.repeat(4);
const SAFE = ['--user', '1000:1000', '--read-only'];
const docker = (...args: string[]) =>
  serverFile({ command: 'docker', args: ['run', '-i', '--rm', ...args] });

new DetectorTester(dockerInsecureFlags).run({
  valid: [
    {
      // https://docs.docker.com/engine/security/ (least privilege defaults)
      name: 'docker run --user 1000 --read-only image@sha256 is clean',
      subject: docker('--user', '1000', '--read-only', IMAGE),
    },
    {
      name: 'a project directory mounted read-only and a named volume are fine',
      subject: docker(
        ...SAFE,
        '-v',
        '/home/alice/projects/app:/workspace:ro',
        '--mount',
        'type=volume,source=cache,target=/cache',
        IMAGE,
      ),
    },
    {
      name: 'an allowed capability and a bridge network are fine',
      subject: docker(...SAFE, '--cap-add', 'NET_BIND_SERVICE', '--network', 'bridge', IMAGE),
    },
    {
      name: 'missing --user and --read-only are not reported when not required',
      subject: docker(IMAGE),
      options: { requireUser: false, requireReadOnly: false },
    },
    {
      name: 'arguments after the image belong to the container command, not to docker',
      subject: docker(...SAFE, IMAGE, '--privileged', '-v', '/:/host'),
    },
    {
      name: 'a non-docker command is ignored',
      subject: serverFile({ command: 'npx', args: ['-y', 'docker-mcp@1.0.0'] }),
    },
  ],
  invalid: [
    {
      // https://docs.docker.com/reference/cli/docker/container/run/#privileged
      name: '--privileged is critical and points at the flag',
      subject: docker(...SAFE, '--privileged', IMAGE),
      errors: [{ messageId: 'privileged', at: '/mcpServers/example/args/6', severity: 'critical' }],
    },
    {
      // https://docs.docker.com/engine/security/#docker-daemon-attack-surface
      name: 'the Docker socket mounted with -v is critical',
      subject: docker(...SAFE, '-v', '/var/run/docker.sock:/var/run/docker.sock', IMAGE),
      errors: [
        { messageId: 'dockerSocket', at: '/mcpServers/example/args/7', severity: 'critical' },
      ],
    },
    {
      name: 'the host root mounted with -v /:/host and --mount source=/ is critical',
      subject: docker(...SAFE, '-v', '/:/host', '--mount', 'type=bind,source=/,target=/h', IMAGE),
      errors: [
        { messageId: 'hostRootMount', at: '/mcpServers/example/args/7', severity: 'critical' },
        { messageId: 'hostRootMount', at: '/mcpServers/example/args/9', severity: 'critical' },
      ],
    },
    {
      name: 'home directories ($HOME, ~, /home/x, /Users/x, C:\\Users\\x) are high',
      subject: docker(
        ...SAFE,
        '-v',
        '$HOME:/root',
        '-v',
        '~:/data:ro',
        '-v',
        '/home/bob:/bob',
        '--volume=/Users/carol:/carol',
        '-v',
        'C:\\Users\\dave:/dave',
        IMAGE,
      ),
      errors: [
        { messageId: 'homeMount', severity: 'high' },
        { messageId: 'homeMount', message: 'read-only' },
        { messageId: 'homeMount' },
        { messageId: 'homeMount', at: '/mcpServers/example/args/12' },
        { messageId: 'homeMount' },
      ],
    },
    {
      name: 'a drive root (C:\\) is critical',
      subject: docker(...SAFE, '-v', 'C:\\:/c', IMAGE),
      errors: [{ messageId: 'hostRootMount', message: 'drive root' }],
    },
    {
      name: 'credential directories (~/.ssh, ~/.aws) and system directories (/etc) are reported',
      subject: docker(
        ...SAFE,
        '-v',
        '/home/alice/.ssh:/root/.ssh:ro',
        '-v',
        '~/.aws:/root/.aws',
        '-v',
        '/etc:/host-etc',
        IMAGE,
      ),
      errors: [
        { messageId: 'credentialMount' },
        { messageId: 'credentialMount' },
        { messageId: 'systemMount' },
      ],
    },
    {
      name: '--network host, --net=host and --pid host share host namespaces',
      subject: docker(...SAFE, '--network', 'host', '--net=host', '--pid', 'host', IMAGE),
      errors: [
        { messageId: 'hostNetwork', severity: 'medium' },
        { messageId: 'hostNetwork', at: '/mcpServers/example/args/8' },
        { messageId: 'hostNamespace', severity: 'high', message: 'pid' },
      ],
    },
    {
      // https://man7.org/linux/man-pages/man7/capabilities.7.html
      name: '--cap-add ALL is critical, SYS_ADMIN high, other capabilities medium',
      subject: docker(
        ...SAFE,
        '--cap-add',
        'ALL',
        '--cap-add=CAP_SYS_ADMIN',
        '--cap-add',
        'CHOWN',
        IMAGE,
      ),
      errors: [
        { messageId: 'capAdd', severity: 'critical' },
        { messageId: 'capAdd', severity: 'high', message: 'SYS_ADMIN' },
        { messageId: 'capAdd', severity: 'medium' },
      ],
    },
    {
      name: '--security-opt seccomp=unconfined is reported',
      subject: docker(...SAFE, '--security-opt', 'seccomp=unconfined', IMAGE),
      errors: [{ messageId: 'securityOptDisabled', severity: 'high' }],
    },
    {
      // https://github.com/github/github-mcp-server#installation (the documented docker command has neither flag)
      name: 'no --user is low and no --read-only is info, both at the image',
      subject: docker('-e', 'GITHUB_PERSONAL_ACCESS_TOKEN', IMAGE),
      errors: [
        { messageId: 'runsAsRoot', severity: 'low', at: '/mcpServers/example/args/5' },
        { messageId: 'writableRootFs', severity: 'info', at: '/mcpServers/example/args/5' },
      ],
    },
    {
      name: '--user 0 (or -u root) is an explicit root user',
      subject: docker('-u', 'root', '--read-only', IMAGE),
      errors: [{ messageId: 'runsAsRoot', severity: 'medium', at: '/mcpServers/example/args/4' }],
    },
    {
      name: 'podman and docker inside sh -c are parsed too',
      subject: serverFile({
        command: 'sh',
        args: ['-c', `podman run --privileged --user 1000 --read-only ${IMAGE}`],
      }),
      errors: [{ messageId: 'privileged', at: '/mcpServers/example/args/1' }],
    },
  ],
});
