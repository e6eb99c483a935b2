import { it } from 'vitest';
import { evaluateSecrets, formatSecretsReport } from '../eval/secrets.js';
it('eval', () => { console.log(formatSecretsReport(evaluateSecrets('/work/shared/corpus'))); });
