import autoApprovedTools from './auto-approved-tools/index.js';
import broadFilesystemGrant from './broad-filesystem-grant/index.js';
import configUnparseable from './config-unparseable/index.js';
import definitionChanged from './definition-changed/index.js';
import dockerInsecureFlags from './docker-insecure-flags/index.js';
import duplicateServerName from './duplicate-server-name/index.js';
import encodedPayload from './encoded-payload/index.js';
import hardcodedSecret from './hardcoded-secret/index.js';
import hiddenText from './hidden-text/index.js';
import insecureRemoteTransport from './insecure-remote-transport/index.js';
import remoteWithoutAuth from './remote-without-auth/index.js';
import sensitiveEnvPassthrough from './sensitive-env-passthrough/index.js';
import shellLauncher from './shell-launcher/index.js';
import toolCapabilityRisk from './tool-capability-risk/index.js';
import toolNameCollision from './tool-name-collision/index.js';
import toolPoisoning from './tool-poisoning/index.js';
import toxicFlow from './toxic-flow/index.js';
import unpinnedPackage from './unpinned-package/index.js';
import worldReadableConfig from './world-readable-config/index.js';
/** Every detector, in the order reports list them: files, secrets, launch, isolation, transport, approvals. */
export const detectorRegistry = {
    'config-unparseable': configUnparseable,
    'hardcoded-secret': hardcodedSecret,
    'world-readable-config': worldReadableConfig,
    'sensitive-env-passthrough': sensitiveEnvPassthrough,
    'unpinned-package': unpinnedPackage,
    'shell-launcher': shellLauncher,
    'docker-insecure-flags': dockerInsecureFlags,
    'broad-filesystem-grant': broadFilesystemGrant,
    'insecure-remote-transport': insecureRemoteTransport,
    'remote-without-auth': remoteWithoutAuth,
    'auto-approved-tools': autoApprovedTools,
    'duplicate-server-name': duplicateServerName,
    'definition-changed': definitionChanged,
    'tool-poisoning': toolPoisoning,
    'hidden-text': hiddenText,
    'encoded-payload': encodedPayload,
    'tool-capability-risk': toolCapabilityRisk,
    'tool-name-collision': toolNameCollision,
    'toxic-flow': toxicFlow,
};
