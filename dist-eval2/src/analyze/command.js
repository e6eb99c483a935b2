/**
 * How a stdio server is launched: its command line as tokens that remember where they came from
 * (the `command` string or one `args` entry), shell wrappers (`sh -c`, `cmd /c`, `powershell
 * -Command`) opened up into the commands they run, and `docker run` / `podman run` options.
 * Pure: no I/O.
 */
/**
 * Splits a command line into words the way a POSIX shell would, roughly: whitespace separates,
 * single and double quotes group, and `&&`, `||`, `;`, `|`, `&` and newlines separate commands.
 * Returns one word list per command.
 */
export function splitCommands(line) {
    const commands = [];
    let words = [];
    let word = '';
    let inWord = false;
    let quote;
    const endWord = () => {
        if (inWord)
            words.push(word);
        word = '';
        inWord = false;
    };
    const endCommand = () => {
        endWord();
        if (words.length > 0)
            commands.push(words);
        words = [];
    };
    for (let i = 0; i < line.length; i++) {
        const char = line.charAt(i);
        if (quote) {
            if (char === quote)
                quote = undefined;
            else if (char === '\\' && quote === '"' && /["\\$`]/.test(line.charAt(i + 1))) {
                word += line.charAt(++i);
            }
            else
                word += char;
            continue;
        }
        if (char === '"' || char === "'") {
            quote = char;
            inWord = true;
        }
        else if (char === '\\' && i + 1 < line.length && !/[\s]/.test(line.charAt(i + 1))) {
            // A POSIX escape; on Windows paths the backslash is a separator, which we keep.
            const next = line.charAt(i + 1);
            if (/[A-Za-z0-9]/.test(next))
                word += char;
            else
                word += line.charAt(++i);
            inWord = true;
        }
        else if (/\s/.test(char)) {
            if (char === '\n')
                endCommand();
            else
                endWord();
        }
        else if (char === ';' || char === '|' || char === '&') {
            endCommand();
            if (line.charAt(i + 1) === char)
                i++;
        }
        else {
            word += char;
            inWord = true;
        }
    }
    endCommand();
    return commands;
}
/** Splits one command's words, ignoring separators (`&&` and the like become words). */
export function splitWords(line) {
    return splitCommands(line.replace(/[;&|\n]/g, ' ')).flat();
}
/**
 * The lower-case base name of a program without `.exe`/`.cmd`/`.bat`/`.ps1`:
 * `C:\\Program Files\\nodejs\\npx.cmd` → `npx`.
 */
export function programName(value) {
    const base = value.split(/[\\/]/).pop() ?? value;
    return base.toLowerCase().replace(/\.(?:exe|cmd|bat|com|ps1)$/, '');
}
function tokens(values, source) {
    return values.map((value) => ({ value, source }));
}
/** The launched command line as tokens: `command` (split when it holds a whole line) then `args`. */
export function commandTokens(command, args) {
    const argTokens = args.map((value, index) => ({
        value,
        source: { field: 'args', index },
    }));
    if (command === undefined || command.trim() === '')
        return argTokens;
    const looksLikePath = /[\\/]/.test(command) && args.length > 0;
    const commandWords = /\s/.test(command.trim()) && !looksLikePath ? splitWords(command) : [command];
    return [...tokens(commandWords, { field: 'command' }), ...argTokens];
}
const POSIX_SHELLS = new Set([
    'sh',
    'bash',
    'zsh',
    'dash',
    'ksh',
    'mksh',
    'ash',
    'fish',
    'busybox',
]);
const POSIX_VALUE_OPTIONS = new Set(['-o', '+o', '-O', '+O', '--rcfile', '--init-file']);
const POWERSHELLS = new Set(['powershell', 'pwsh']);
const POWERSHELL_VALUE_PARAMETERS = [
    'executionpolicy',
    'ex',
    'ep',
    'windowstyle',
    'w',
    'version',
    'v',
    'configurationname',
    'outputformat',
    'o',
    'of',
    'inputformat',
    'if',
    'in',
    'workingdirectory',
    'wd',
    'settingsfile',
    'custompipename',
    'psconsolefile',
];
function decodeBase64Utf16(text) {
    try {
        const bytes = Buffer.from(text, 'base64');
        return bytes.toString('utf16le');
    }
    catch {
        return '';
    }
}
function posixShellLaunch(argv, program) {
    let flag;
    for (let i = 1; i < argv.length; i++) {
        const token = argv[i];
        if (token === undefined)
            break;
        const value = token.value;
        if (/^-[A-Za-z]*c[A-Za-z]*$/.test(value) || value === '--command') {
            flag = token;
            continue;
        }
        if (POSIX_VALUE_OPTIONS.has(value)) {
            i++;
            continue;
        }
        if (/^[-+]/.test(value))
            continue;
        if (!flag)
            return undefined; // `bash script.sh`: a script file, not a command string.
        return {
            kind: 'posix',
            program,
            flag,
            script: value,
            scriptTokens: [token],
            encoded: false,
        };
    }
    return undefined;
}
function cmdShellLaunch(argv, program) {
    for (let i = 1; i < argv.length; i++) {
        const token = argv[i];
        if (token === undefined)
            break;
        const match = /^\/([ckCK])(.*)$/s.exec(token.value);
        if (match) {
            const rest = argv.slice(i + 1);
            const inline = match[2] ?? '';
            const scriptTokens = inline === '' ? rest : [token, ...rest];
            const script = [inline, ...rest.map((t) => t.value)].filter((s) => s !== '').join(' ');
            return { kind: 'cmd', program, flag: token, script, scriptTokens, encoded: false };
        }
        if (!token.value.startsWith('/'))
            return undefined;
    }
    return undefined;
}
function powershellLaunch(argv, program) {
    for (let i = 1; i < argv.length; i++) {
        const token = argv[i];
        if (token === undefined)
            break;
        const value = token.value;
        if (/^[-/]/.test(value) && value.length > 1) {
            const name = value.replace(/^(?:--?|\/)/, '').toLowerCase();
            const isEncoded = name === 'e' || name === 'ec' || (name.length >= 3 && 'encodedcommand'.startsWith(name));
            const isCommand = name === 'c' || (name.length >= 3 && 'command'.startsWith(name));
            if (isEncoded || isCommand) {
                const rest = argv.slice(i + 1);
                const joined = rest.map((t) => t.value).join(' ');
                return {
                    kind: 'powershell',
                    program,
                    flag: token,
                    script: isEncoded ? decodeBase64Utf16(rest[0]?.value ?? '') : joined,
                    scriptTokens: rest,
                    encoded: isEncoded,
                };
            }
            if (name === 'f' || (name.length >= 2 && 'file'.startsWith(name)))
                return undefined;
            if (POWERSHELL_VALUE_PARAMETERS.includes(name))
                i++;
            continue;
        }
        // A positional argument: Windows PowerShell runs it as -Command; a .ps1 is a script file.
        if (/\.ps1$/i.test(value))
            return undefined;
        const rest = argv.slice(i);
        return {
            kind: 'powershell',
            program,
            script: rest.map((t) => t.value).join(' '),
            scriptTokens: rest,
            encoded: false,
        };
    }
    return undefined;
}
/**
 * Recognises a shell started to run a command string: `sh|bash|zsh … -c SCRIPT`, `cmd /c …`,
 * `powershell|pwsh -Command …`, `-EncodedCommand …` (any unambiguous prefix, and `-e`/`-ec`) and
 * PowerShell's positional command. `bash script.sh` and `pwsh -File x.ps1` are not.
 */
export function shellLaunchOf(argv) {
    const program = argv[0];
    if (!program)
        return undefined;
    const name = programName(program.value);
    if (POSIX_SHELLS.has(name)) {
        if (name === 'busybox' && argv[1]?.value !== 'sh')
            return undefined;
        return posixShellLaunch(name === 'busybox' ? argv.slice(1) : argv, program);
    }
    if (name === 'cmd')
        return cmdShellLaunch(argv, program);
    if (POWERSHELLS.has(name))
        return powershellLaunch(argv, program);
    return undefined;
}
/** Skips `env VAR=x …` and similar prefixes: the argv of the program actually run. */
function unwrap(argv) {
    let rest = argv;
    for (;;) {
        const first = rest[0];
        if (!first)
            return rest;
        const name = programName(first.value);
        if (name === 'env' || name === 'exec' || name === 'nohup' || name === 'command') {
            rest = rest.slice(1);
            while (rest[0] &&
                (/^[A-Za-z_][A-Za-z0-9_]*=/.test(rest[0].value) || /^-/.test(rest[0].value))) {
                rest = rest.slice(1);
            }
            continue;
        }
        if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(first.value)) {
            rest = rest.slice(1);
            continue;
        }
        return rest;
    }
}
/**
 * Every command a server entry runs: the launched command line and, for shell launchers, each
 * command inside the script (recursively, three levels deep).
 *
 * @example
 * invocationsOf('cmd', ['/c', 'npx', '-y', 'pkg']).map((i) => i.argv.map((t) => t.value));
 * // [['cmd', '/c', 'npx', '-y', 'pkg'], ['npx', '-y', 'pkg']]
 */
export function invocationsOf(command, args) {
    const result = [];
    const visit = (argv, viaShell, depth) => {
        const unwrapped = unwrap(argv);
        if (unwrapped.length === 0)
            return;
        result.push(viaShell ? { argv: unwrapped, viaShell } : { argv: unwrapped });
        if (depth >= 3)
            return;
        const shell = shellLaunchOf(unwrapped);
        if (!shell || shell.encoded)
            return;
        const single = shell.scriptTokens.length === 1 ? shell.scriptTokens[0] : undefined;
        if (shell.kind !== 'posix' && !single) {
            // `cmd /c npx -y pkg`: the rest of the line, token by token, keeps its own positions.
            for (const part of splitTokenRun(shell.scriptTokens))
                visit(part, shell, depth + 1);
            return;
        }
        const source = single?.source ?? shell.program.source;
        for (const words of splitCommands(shell.script))
            visit(tokens(words, source), shell, depth + 1);
    };
    visit(commandTokens(command, args), undefined, 0);
    return result;
}
/** Splits a run of tokens at `&&`, `||`, `&`, `|`, `;` tokens (as `cmd /c a && b` passes them). */
function splitTokenRun(run) {
    const parts = [[]];
    for (const token of run) {
        if (/^(?:&&|\|\||&|\||;)$/.test(token.value))
            parts.push([]);
        else
            parts.at(-1)?.push(token);
    }
    return parts.filter((part) => part.length > 0);
}
const SHORT_OPTIONS = {
    a: { name: 'attach', value: true },
    c: { name: 'cpu-shares', value: true },
    d: { name: 'detach', value: false },
    e: { name: 'env', value: true },
    h: { name: 'hostname', value: true },
    i: { name: 'interactive', value: false },
    l: { name: 'label', value: true },
    m: { name: 'memory', value: true },
    p: { name: 'publish', value: true },
    P: { name: 'publish-all', value: false },
    q: { name: 'quiet', value: false },
    t: { name: 'tty', value: false },
    u: { name: 'user', value: true },
    v: { name: 'volume', value: true },
    w: { name: 'workdir', value: true },
};
const LONG_VALUE_OPTIONS = new Set(('add-host annotation arch attach blkio-weight blkio-weight-device cap-add cap-drop cgroup-parent ' +
    'cgroupns chrootdirs cidfile cpu-period cpu-quota cpu-rt-period cpu-rt-runtime cpu-shares cpus ' +
    'cpuset-cpus cpuset-mems device device-cgroup-rule device-read-bps device-read-iops ' +
    'device-write-bps device-write-iops dns dns-option dns-search domainname entrypoint env ' +
    'env-file expose gidmap gpus group-add health-cmd health-interval health-retries ' +
    'health-start-interval health-start-period health-timeout hooks-dir hostname ip ip6 ipc ' +
    'isolation kernel-memory label label-file link link-local-ip log-driver log-opt mac-address ' +
    'memory memory-reservation memory-swap memory-swappiness mount name network network-alias os ' +
    'oom-score-adj passwd-entry pid pids-limit platform pod publish pull requires restart runtime ' +
    'secret security-opt shm-size stop-signal stop-timeout storage-opt subgidname subuidname ' +
    'sysctl timezone tmpfs uidmap ulimit umask user userns uts variant volume volume-driver ' +
    'volumes-from workdir detach-keys').split(' '));
const ALIASES = { net: 'network', 'net-alias': 'network-alias' };
/**
 * Parses `docker run …`, `docker container run …`, `podman run …` (also `nerdctl`): options by
 * long name with their values and tokens, the image, and the container's command.
 */
export function parseContainerRun(argv) {
    const program = argv[0];
    if (!program)
        return undefined;
    const engine = programName(program.value);
    if (engine !== 'docker' && engine !== 'podman' && engine !== 'nerdctl')
        return undefined;
    let i = 1;
    // Global options before the subcommand (`docker --context x run`).
    while (argv[i]?.value.startsWith('-')) {
        const value = argv[i]?.value ?? '';
        i +=
            /^--(?:context|host|config|log-level|connection|url|identity)$/.test(value) ||
                value === '-H' ||
                value === '-c'
                ? 2
                : 1;
    }
    if (argv[i]?.value === 'container')
        i++;
    if (argv[i]?.value !== 'run')
        return undefined;
    i++;
    const options = [];
    for (; i < argv.length; i++) {
        const token = argv[i];
        if (!token)
            break;
        const value = token.value;
        if (value === '--') {
            i++;
            break;
        }
        if (value.startsWith('--')) {
            const eq = value.indexOf('=');
            const rawName = eq === -1 ? value.slice(2) : value.slice(2, eq);
            const name = ALIASES[rawName] ?? rawName;
            if (eq !== -1) {
                options.push({ name, value: value.slice(eq + 1), token, valueToken: token });
            }
            else if (LONG_VALUE_OPTIONS.has(name)) {
                const next = argv[i + 1];
                options.push(next ? { name, value: next.value, token, valueToken: next } : { name, token });
                i++;
            }
            else
                options.push({ name, token });
            continue;
        }
        if (value.startsWith('-') && value.length > 1) {
            for (let c = 1; c < value.length; c++) {
                const short = SHORT_OPTIONS[value.charAt(c)];
                if (!short)
                    continue;
                if (!short.value) {
                    options.push({ name: short.name, token });
                    continue;
                }
                const attached = value.slice(c + 1).replace(/^=/, '');
                if (attached !== '') {
                    options.push({ name: short.name, value: attached, token, valueToken: token });
                }
                else {
                    const next = argv[i + 1];
                    options.push(next
                        ? { name: short.name, value: next.value, token, valueToken: next }
                        : { name: short.name, token });
                    i++;
                }
                break;
            }
            continue;
        }
        break;
    }
    const image = argv[i];
    return {
        engine,
        options,
        ...(image ? { image } : {}),
        commandArgs: argv.slice(i + 1),
    };
}
/** The source and target of a `-v`/`--volume` or `--mount` option; undefined for other options. */
export function mountOf(option) {
    const value = option.value;
    if (value === undefined)
        return undefined;
    if (option.name === 'volume') {
        // `C:\\Users\\me:/data:ro`: keep a Windows drive letter with its path.
        const match = /^((?:[A-Za-z]:)?[^:]*):([^:]*)(?::(.*))?$/.exec(value);
        if (!match)
            return undefined;
        const [, source = '', target = '', mode = ''] = match;
        return { source, target, readOnly: /(?:^|,)ro(?:,|$)/.test(mode) };
    }
    if (option.name === 'mount') {
        const fields = new Map();
        let readOnly = false;
        for (const part of value.split(',')) {
            const eq = part.indexOf('=');
            const key = (eq === -1 ? part : part.slice(0, eq)).trim().toLowerCase();
            const val = eq === -1 ? '' : part.slice(eq + 1);
            if (key === 'readonly' || key === 'ro')
                readOnly = val === '' || val === 'true' || val === '1';
            else
                fields.set(key, val);
        }
        const source = fields.get('source') ?? fields.get('src') ?? '';
        const target = fields.get('target') ?? fields.get('destination') ?? fields.get('dst') ?? '';
        if (fields.get('type') !== undefined && fields.get('type') !== 'bind') {
            return source === '' ? undefined : { source, target, readOnly };
        }
        return { source, target, readOnly };
    }
    return undefined;
}
