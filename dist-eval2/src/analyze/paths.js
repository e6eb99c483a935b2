/**
 * What a host path handed to a server or a container gives access to: the whole disk, a home
 * directory, a system directory, a credential store, the Docker socket. Pure: the home
 * directories come from the caller.
 */
/** References to the user's home directory as clients, shells and editors write them. */
const HOME_REFERENCE = /^(?:~|\$HOME|\$\{HOME\}|\$\{env:HOME\}|\$\{env:USERPROFILE\}|%USERPROFILE%|%HOMEPATH%|\$env:USERPROFILE|\$env:HOME|\$\{userHome\}|\{env:HOME\})(?=$|[\\/])/;
const CREDENTIAL_DIRS = /^[\\/](?:\.ssh|\.aws|\.azure|\.kube|\.docker|\.gnupg|\.config[\\/]gcloud|\.config[\\/]gh|\.netrc|\.npmrc|\.pypirc|\.git-credentials|\.password-store|Library[\\/]Keychains)(?:$|[\\/])/;
const DOCKER_SOCKET = /^(?:\/\/?(?:var\/)?run\/docker\.sock|\/\/?run\/podman\/podman\.sock|\\\\\.\\pipe\\docker_engine|npipe:.*docker_engine)$/i;
function stripQuotes(path) {
    return path.trim().replace(/^(["'])(.*)\1$/, '$2');
}
/** Removes trailing separators (but keeps `/` and `C:\\`) and `/.`. */
function trimTrailing(path) {
    let result = path.replace(/[\\/]\.$/, '');
    while (result.length > 1 && /[\\/]$/.test(result) && !/^[A-Za-z]:[\\/]$/.test(result)) {
        result = result.slice(0, -1);
    }
    return result;
}
function sameDir(a, b) {
    const norm = (p) => trimTrailing(p).replaceAll('\\', '/');
    const windows = /^[A-Za-z]:/.test(a) || /^[A-Za-z]:/.test(b);
    return windows ? norm(a).toLowerCase() === norm(b).toLowerCase() : norm(a) === norm(b);
}
/** The part of `path` below a home directory (`/.ssh`), `''` for the home itself, else undefined. */
function belowHome(path, homeDirs) {
    const reference = HOME_REFERENCE.exec(path);
    if (reference)
        return path.slice(reference[0].length);
    const generic = /^(?:\/home\/[^\\/]+|\/Users\/[^\\/]+|\/root|[A-Za-z]:[\\/]Users[\\/][^\\/]+)(?=$|[\\/])/i.exec(path);
    const candidates = [...homeDirs.map((home) => trimTrailing(home))].filter((home) => home.length > 1);
    for (const home of candidates) {
        const prefix = path.slice(0, home.length);
        const rest = path.slice(home.length);
        if (sameDir(prefix, home) && (rest === '' || /^[\\/]/.test(rest)))
            return rest;
    }
    if (generic)
        return path.slice(generic[0].length);
    return undefined;
}
/**
 * Classifies a host path; undefined when it is narrow (a project folder, `~/work/repo`).
 *
 * @example
 * classifyHostPath('~', { homeDirs: ['/home/alice'], systemDirs: ['/etc'] }); // { kind: 'home', path: '~' }
 * classifyHostPath('/home/alice/src/app', { homeDirs: ['/home/alice'], systemDirs: [] }); // undefined
 */
export function classifyHostPath(raw, options) {
    const path = trimTrailing(stripQuotes(raw));
    if (path === '')
        return undefined;
    if (DOCKER_SOCKET.test(path))
        return { kind: 'docker-socket', path };
    if (path === '/' || path === '\\' || path === '//')
        return { kind: 'filesystem-root', path };
    if (/^[A-Za-z]:[\\/]?$/.test(path))
        return { kind: 'drive-root', path };
    if (/^(?:\/home|\/Users|[A-Za-z]:[\\/]Users)$/i.test(path))
        return { kind: 'home', path };
    const rest = belowHome(path, options.homeDirs);
    if (rest !== undefined) {
        if (rest === '')
            return { kind: 'home', path };
        if (CREDENTIAL_DIRS.test(rest))
            return { kind: 'credentials', path };
    }
    if (options.systemDirs.some((dir) => sameDir(path, dir)))
        return { kind: 'system', path };
    return undefined;
}
