import { parseContainerRun, programName } from './command.js';
const EXACT_SEMVER = /^v?=?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const COMMIT_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;
const LOCAL_PATH = /^(?:\.{1,2}(?:[\\/]|$)|[\\/]|~|file:|link:|[A-Za-z]:[\\/])/;
function gitRef(spec, ref, token) {
    const commit = ref.replace(/^commit=/, '');
    const pinned = COMMIT_SHA.test(commit);
    return {
        ecosystem: 'git',
        spec,
        name: spec.replace(/[#@][^/]*$/, ''),
        pinned,
        ...(pinned
            ? {}
            : {
                reason: ref === '' ? 'a git repository without a commit' : `the git ref "${ref}", not a commit`,
            }),
        token,
    };
}
/** Judges an npm package spec; undefined for local paths. */
export function judgeNpmSpec(spec, token) {
    if (spec === '' || LOCAL_PATH.test(spec))
        return undefined;
    if (/^(?:git\+|git:\/\/|github:|gitlab:|bitbucket:|gist:)/.test(spec) ||
        /^[\w.-]+\/[\w.-]+(?:#.*)?$/.test(spec)) {
        const hash = spec.indexOf('#');
        return gitRef(spec, hash === -1 ? '' : spec.slice(hash + 1), token);
    }
    if (/^https?:\/\//i.test(spec)) {
        return {
            ecosystem: 'url',
            spec,
            name: spec,
            pinned: false,
            reason: 'a download URL without an integrity hash',
            token,
        };
    }
    const bare = spec.replace(/^npm:/, '');
    const at = bare.lastIndexOf('@');
    const name = at > 0 ? bare.slice(0, at) : bare;
    const version = at > 0 ? bare.slice(at + 1) : '';
    if (EXACT_SEMVER.test(version))
        return { ecosystem: 'npm', spec, name, pinned: true, token };
    const reason = version === ''
        ? 'no version'
        : /^[A-Za-z][\w.-]*$/.test(version) && !/^v\d/.test(version)
            ? `the "${version}" tag`
            : `the range "${version}"`;
    return { ecosystem: 'npm', spec, name, pinned: false, reason, token };
}
/** Judges a Python requirement (`pkg`, `pkg==1.2.3`, `pkg[extra]>=1`, uv's `pkg@1.2.3`, `git+https://…@sha`). */
export function judgePythonSpec(spec, token) {
    const text = spec.trim();
    if (text === '' || LOCAL_PATH.test(text))
        return undefined;
    const direct = /^[A-Za-z0-9][\w.-]*(?:\[[^\]]*\])?\s*@\s*((?:git\+)?[a-z]+:\/\/.*)$/i.exec(text);
    const url = direct?.[1] ?? (/^(?:git\+)?[a-z]+:\/\//i.test(text) ? text : undefined);
    if (url !== undefined) {
        if (/^git\+/i.test(url)) {
            const path = url.replace(/#.*$/, '');
            const at = path.lastIndexOf('@');
            const ref = at > path.indexOf('://') + 3 && !path.slice(at).includes('/') ? path.slice(at + 1) : '';
            return gitRef(text, ref, token);
        }
        const hashed = /#sha256=[0-9a-f]{64}$/i.test(url);
        return hashed
            ? { ecosystem: 'url', spec: text, name: url, pinned: true, token }
            : {
                ecosystem: 'url',
                spec: text,
                name: url,
                pinned: false,
                reason: 'a download URL without a hash',
                token,
            };
    }
    const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(.*)$/s.exec(text);
    const name = match?.[1] ?? text;
    const constraint = (match?.[3] ?? '').trim();
    if (constraint === '')
        return { ecosystem: 'pypi', spec: text, name, pinned: false, reason: 'no version', token };
    const uvVersion = /^@\s*(.+)$/.exec(constraint)?.[1];
    if (uvVersion !== undefined) {
        if (/^\d[\w.!+-]*$/.test(uvVersion))
            return { ecosystem: 'pypi', spec: text, name, pinned: true, token };
        return {
            ecosystem: 'pypi',
            spec: text,
            name,
            pinned: false,
            reason: `the "${uvVersion}" tag`,
            token,
        };
    }
    if (/^===?\s*[^,;*\s]+$/.test(constraint))
        return { ecosystem: 'pypi', spec: text, name, pinned: true, token };
    return {
        ecosystem: 'pypi',
        spec: text,
        name,
        pinned: false,
        reason: `the range "${constraint}"`,
        token,
    };
}
/** Judges a container image reference: pinned only with an `@sha256:` digest. */
export function judgeImage(image, token) {
    if (/@sha256:[0-9a-f]{64}$/i.test(image)) {
        return {
            ecosystem: 'container',
            spec: image,
            name: image.replace(/@.*$/, ''),
            pinned: true,
            tagged: true,
            token,
        };
    }
    const lastSegment = image.slice(image.lastIndexOf('/') + 1);
    const colon = lastSegment.indexOf(':');
    const tag = colon === -1 ? '' : lastSegment.slice(colon + 1);
    const name = colon === -1 ? image : image.slice(0, image.length - tag.length - 1);
    if (tag === '' || tag === 'latest') {
        return {
            ecosystem: 'container',
            spec: image,
            name,
            pinned: false,
            tagged: false,
            reason: tag === '' ? 'no tag (so "latest")' : 'the "latest" tag',
            token,
        };
    }
    return {
        ecosystem: 'container',
        spec: image,
        name,
        pinned: false,
        tagged: true,
        reason: `the tag "${tag}" without a digest (tags can be re-pushed)`,
        token,
    };
}
const NODE_RUNNER = {
    valueOptions: new Set([
        '-p',
        '--package',
        '-c',
        '--call',
        '--registry',
        '--cache',
        '--userconfig',
        '--prefix',
        '-w',
        '--workspace',
        '--loglevel',
        '--node-options',
        '--shell',
        '--script-shell',
    ]),
    packageOptions: new Set(['-p', '--package']),
    sourceOptions: new Set(['-p', '--package']),
    commaLists: false,
    judge: judgeNpmSpec,
};
const UV_RUNNER = {
    valueOptions: new Set([
        '--from',
        '--with',
        '-w',
        '--with-editable',
        '--with-requirements',
        '--python',
        '-p',
        '--index',
        '--index-url',
        '-i',
        '--extra-index-url',
        '--default-index',
        '--find-links',
        '-f',
        '--cache-dir',
        '--directory',
        '--project',
        '--config-file',
        '--env-file',
        '--python-preference',
        '--index-strategy',
        '--keyring-provider',
        '--resolution',
        '--prerelease',
        '--exclude-newer',
        '--refresh-package',
        '--reinstall-package',
        '--upgrade-package',
        '-P',
        '--color',
        '--link-mode',
        '--constraints',
        '-c',
        '--overrides',
        '--build-constraints',
        '-b',
        '--allow-insecure-host',
        '--config-setting',
        '-C',
        '--no-binary-package',
        '--no-build-package',
    ]),
    packageOptions: new Set(['--from', '--with', '-w']),
    sourceOptions: new Set(['--from']),
    commaLists: true,
    judge: judgePythonSpec,
};
const PIPX_RUNNER = {
    valueOptions: new Set([
        '--spec',
        '--python',
        '--pip-args',
        '--index-url',
        '-i',
        '--backend',
        '--fetch-python',
    ]),
    packageOptions: new Set(['--spec']),
    sourceOptions: new Set(['--spec']),
    commaLists: false,
    judge: judgePythonSpec,
};
function parseRunner(runner, args, grammar) {
    const packages = [];
    let hasSource = false;
    let positional;
    for (let i = 0; i < args.length; i++) {
        const token = args[i];
        if (!token)
            break;
        const value = token.value;
        if (value === '--') {
            positional = args[i + 1];
            break;
        }
        if (!value.startsWith('-') || value === '-') {
            positional = token;
            break;
        }
        const eq = value.indexOf('=');
        const name = eq === -1 ? value : value.slice(0, eq);
        let optionValue;
        let valueToken = token;
        if (eq !== -1)
            optionValue = value.slice(eq + 1);
        else if (grammar.valueOptions.has(name)) {
            const next = args[i + 1];
            i++;
            if (next) {
                optionValue = next.value;
                valueToken = next;
            }
        }
        if (optionValue !== undefined && grammar.packageOptions.has(name)) {
            if (grammar.sourceOptions.has(name))
                hasSource = true;
            for (const spec of grammar.commaLists ? optionValue.split(',') : [optionValue]) {
                const ref = grammar.judge(spec.trim(), valueToken);
                if (ref)
                    packages.push(ref);
            }
        }
    }
    if (positional && !hasSource) {
        const ref = grammar.judge(positional.value, positional);
        if (ref)
            packages.unshift(ref);
    }
    return { runner, packages };
}
/**
 * The packages one command line downloads and runs, or undefined when it is not a package
 * runner.
 *
 * @example
 * launchedPackages(tokens('npx -y @scope/pkg@1.2.3')); // { runner: 'npx', packages: [{ pinned: true, … }] }
 */
export function launchedPackages(argv) {
    const first = argv[0];
    if (!first)
        return undefined;
    const program = programName(first.value);
    const sub = argv[1]?.value;
    switch (program) {
        case 'npx':
        case 'pnpx':
        case 'bunx':
            return parseRunner(program, argv.slice(1), NODE_RUNNER);
        case 'npm':
            return sub === 'exec' || sub === 'x'
                ? parseRunner(`npm ${sub}`, argv.slice(2), NODE_RUNNER)
                : undefined;
        case 'pnpm':
        case 'yarn':
            return sub === 'dlx' ? parseRunner(`${program} dlx`, argv.slice(2), NODE_RUNNER) : undefined;
        case 'bun':
            return sub === 'x' ? parseRunner('bun x', argv.slice(2), NODE_RUNNER) : undefined;
        case 'uvx':
            return parseRunner('uvx', argv.slice(1), UV_RUNNER);
        case 'uv':
            return sub === 'tool' && argv[2]?.value === 'run'
                ? parseRunner('uv tool run', argv.slice(3), UV_RUNNER)
                : undefined;
        case 'pipx':
            return sub === 'run' ? parseRunner('pipx run', argv.slice(2), PIPX_RUNNER) : undefined;
        case 'deno': {
            if (sub !== 'run')
                return undefined;
            const packages = argv
                .slice(2)
                .filter((t) => /^(?:npm|jsr):/.test(t.value))
                .slice(0, 1)
                .flatMap((t) => judgeNpmSpec(t.value.replace(/^(?:npm|jsr):/, ''), t) ?? []);
            return { runner: 'deno run', packages };
        }
        case 'docker':
        case 'podman':
        case 'nerdctl': {
            const run = parseContainerRun(argv);
            if (!run?.image)
                return undefined;
            return { runner: `${run.engine} run`, packages: [judgeImage(run.image.value, run.image)] };
        }
        default:
            return undefined;
    }
}
