import type { Command } from 'commander';
import { ToolkitError } from '../../core/errors.js';
import { startGateway } from '../../gateway/gateway.js';
import { expandServerPolicy, resolvePolicy } from '../../gateway/runtime.js';
import type { RunningGateway, UpstreamSpec } from '../../gateway/wrap.js';
import type { CommandRuntime } from '../runtime.js';
import { EXIT_ERROR } from '../io.js';
import { toolVersion } from '../version.js';
import { addGatewayOptions, prepareRuntime, serveUntilDone, type GatewayFlags } from './wrap.js';

export function registerGateway(program: Command, runtime: CommandRuntime): void {
  const command = program
    .command('gateway')
    .description(
      'Run every server of the policy (`servers:` with `command` or `url`) behind one stdio MCP ' +
        'server: tools and prompts appear as <server>__<name>, each call is routed to its server ' +
        'through the policy’s controls.',
    );
  addGatewayOptions(command).action(async (flags: GatewayFlags) => {
    const { io } = runtime;
    const { policy, file } = await resolvePolicy(flags.policy, io.cwd, 'gateway');
    const specs: UpstreamSpec[] = Object.entries(policy.servers).map(([name, raw]) => {
      const serverPolicy = expandServerPolicy(name, raw, io.env);
      return {
        name,
        serverPolicy,
        ...(serverPolicy.url === undefined ? {} : { url: serverPolicy.url }),
        ...(serverPolicy.command === undefined
          ? {}
          : { command: serverPolicy.command, args: serverPolicy.args }),
        cwd: serverPolicy.cwd ?? io.cwd,
      };
    });
    if (specs.length === 0) {
      throw new ToolkitError(
        'USAGE',
        file === undefined
          ? 'gateway needs a policy that lists servers; none was given.'
          : `Policy ${file} lists no servers.`,
        {
          hint: 'Add `servers:` entries with `command` (stdio) or `url` (Streamable HTTP), or use `mcp-warden wrap -- <command>` for a single server.',
        },
      );
    }
    const missing = specs.filter((spec) => spec.url === undefined && spec.command === undefined);
    if (missing.length > 0) {
      throw new ToolkitError(
        'CONFIG_INVALID',
        `Server${missing.length > 1 ? 's' : ''} ${missing.map((spec) => `"${spec.name}"`).join(', ')} need a command or a url in gateway mode.`,
      );
    }
    const { options, audit, controls } = await prepareRuntime(runtime, flags, policy, 'gateway');
    audit?.append({
      type: 'lifecycle',
      event: 'gateway-started',
      summary: {
        mode: 'gateway',
        pid: process.pid,
        servers: specs.length,
        controls,
      },
    });
    let gateway: RunningGateway;
    try {
      gateway = await startGateway(specs, {
        ...options,
        serverInfo: { name: 'mcp-warden', version: toolVersion() },
      });
    } catch (error) {
      await audit?.close();
      throw error;
    }
    const code = await serveUntilDone(gateway, audit, options.log);
    if (code !== 0) runtime.setExitCode(code === 1 ? 1 : EXIT_ERROR);
  });
}
