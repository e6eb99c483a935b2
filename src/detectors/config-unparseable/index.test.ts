import { expect, it } from 'vitest';
import { DetectorTester } from '../detector-tester.js';
import { makeConfigFile, serverFile } from '../testing.js';
import configUnparseable from './index.js';

const broken = makeConfigFile({
  path: '/home/alice/app/.cursor/mcp.json',
  client: 'cursor',
  parseError: { line: 4, column: 7, message: 'PropertyNameExpected' },
});

new DetectorTester(configUnparseable).run({
  valid: [{ name: 'a parsed file is not reported', subject: serverFile({ command: 'node' }) }],
  invalid: [
    {
      name: "an unparseable file is reported with the parser's reason",
      subject: broken,
      errors: [
        { messageId: 'unparseable', at: '', severity: 'medium', message: 'PropertyNameExpected' },
      ],
    },
  ],
});

it('reports an unparseable file at the parse position', async () => {
  const { findings } = await new DetectorTester(configUnparseable).execute({
    name: 'position',
    subject: broken,
  });
  expect(findings[0]?.location).toMatchObject({ line: 4, column: 7, file: broken.path });
});
