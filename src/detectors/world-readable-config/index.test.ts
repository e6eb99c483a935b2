import { DetectorTester } from '../detector-tester.js';
import { makeConfigFile, makeServer } from '../testing.js';
import worldReadableConfig from './index.js';

const withToken = makeServer({ env: { GITHUB_TOKEN: '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' } });
const withoutSecrets = makeServer({
  env: { GITHUB_TOKEN: '${env:GITHUB_TOKEN}', LOG_LEVEL: 'debug' },
});

new DetectorTester(worldReadableConfig).run({
  valid: [
    {
      name: 'an owner-only file with secrets is fine',
      subject: makeConfigFile({ mode: 0o600, servers: [withToken] }),
    },
    {
      name: 'a world-readable file without secrets is fine',
      subject: makeConfigFile({ mode: 0o644, servers: [withoutSecrets] }),
    },
    {
      name: 'a file without POSIX permissions (Windows) is skipped',
      subject: makeConfigFile({ servers: [withToken] }),
    },
    {
      name: 'a group-readable file is not reported when group reads are accepted',
      subject: makeConfigFile({ mode: 0o640, servers: [withToken] }),
      options: { reportGroupReadable: false },
    },
  ],
  invalid: [
    {
      // https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html
      name: 'a 0644 file holding a token is high and points at the file',
      subject: makeConfigFile({ mode: 0o644, servers: [withToken] }),
      errors: [
        { messageId: 'readableWithSecrets', at: '', severity: 'high', message: 'mode 0644' },
      ],
    },
    {
      name: 'a 0640 file holding a password in a secret-named variable is medium',
      subject: makeConfigFile({
        mode: 0o640,
        servers: [makeServer({ env: { DB_PASSWORD: 'hunter2!X9' } })],
      }),
      errors: [
        { messageId: 'readableWithSecrets', severity: 'medium', message: "the file's group" },
      ],
    },
  ],
});
