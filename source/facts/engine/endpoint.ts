import type {Source} from '../fact.js';
import type {Host} from '../seam/host.js';
import type {EndpointFacts, EngineFailure} from '../types.js';
import type {EndpointTls, ResolvedEndpoint} from './engine-api.js';
import {crypto} from '../lazy-builtins.js';
import {parseEngineHost} from './engine-host.js';

/**
 * Which engine the docker CLI would talk to, in its order: --context → --host / DOCKER_HOST
 * (forces the default context) → DOCKER_CONTEXT → config.json currentContext → the platform default.
 * The engine client knows none of this (no contexts): the doctor resolves it and hands the client a host.
 */
export interface EndpointOptions {
	/** --host */
	readonly dockerHost?: string;
	/** --context */
	readonly dockerContext?: string;
	/** The platform default socket (tests point it elsewhere); default /var/run/docker.sock, or the Windows pipe. */
	readonly defaultSocket?: string;
}

export type EndpointResolution =
	{readonly ok: true; readonly endpoint: ResolvedEndpoint; readonly facts: EndpointFacts} | {readonly ok: false; readonly facts: EndpointFacts; readonly failure: EngineFailure};

export const WINDOWS_PIPE = 'npipe:////./pipe/docker_engine';
export const DEFAULT_UNIX_SOCKET = '/var/run/docker.sock';

export async function resolveEndpoint(host: Host, options: EndpointOptions = {}): Promise<EndpointResolution> {
	const env = host.env;
	const home = homeOf(host);
	const configDir = nonEmpty(env['DOCKER_CONFIG']) ?? (home === undefined ? undefined : join(home, '.docker'));
	const chosen = await choose(host, options, configDir);
	const alternatives = await wellKnownSockets(host, home, chosen.ok ? chosen.endpoint.host : undefined);
	if (!chosen.ok) {
		return {ok: false, facts: {...chosen.facts, alternatives}, failure: chosen.failure};
	}
	const {endpoint} = chosen;
	const facts: EndpointFacts = {
		host: endpoint.host,
		reason: endpoint.reason,
		...(endpoint.context === undefined ? {} : {context: endpoint.context}),
		alternatives,
	};
	return {ok: true, endpoint, facts};
}

type Chosen = {readonly ok: true; readonly endpoint: ResolvedEndpoint} | {readonly ok: false; readonly facts: Omit<EndpointFacts, 'alternatives'>; readonly failure: EngineFailure};

async function choose(host: Host, options: EndpointOptions, configDir: string | undefined): Promise<Chosen> {
	const env = host.env;
	const flagContext = nonEmpty(options.dockerContext);
	const flagHost = nonEmpty(options.dockerHost);
	if (flagContext !== undefined && flagHost !== undefined) {
		return badEndpoint(flagHost, 'flag --host and --context', 'either --host or --context, not both', {kind: 'derived', ref: '--host, --context'});
	}
	if (flagContext !== undefined) return fromContext(host, flagContext, 'flag --context', configDir, options);
	if (flagHost !== undefined) return fromHost(host, flagHost, 'flag --host', configDir, {kind: 'derived', ref: '--host'});
	const envHost = nonEmpty(env['DOCKER_HOST']);
	if (envHost !== undefined) return fromHost(host, envHost, 'DOCKER_HOST', configDir, {kind: 'env', ref: 'DOCKER_HOST'});
	const envContext = nonEmpty(env['DOCKER_CONTEXT']);
	if (envContext !== undefined) return fromContext(host, envContext, 'DOCKER_CONTEXT', configDir, options);
	if (configDir !== undefined) {
		const config = parseJson(await host.readText(join(configDir, 'config.json')));
		const current = nonEmpty(typeof config?.['currentContext'] === 'string' ? config['currentContext'] : undefined);
		if (current !== undefined) return fromContext(host, current, 'config.json currentContext', configDir, options);
	}
	return {ok: true, endpoint: {host: platformDefault(host, options), reason: 'default'}};
}

async function fromHost(host: Host, value: string, reason: string, configDir: string | undefined, source: Source): Promise<Chosen> {
	const normalized = value.includes('://') ? value : `tcp://${value}`;
	const tlsVerify = nonEmpty(host.env['DOCKER_TLS_VERIFY']) !== undefined;
	const tlsOn = tlsVerify || nonEmpty(host.env['DOCKER_TLS']) !== undefined;
	const parsed = parseEngineHost(normalized, tlsOn);
	if (!parsed.ok) return badEndpoint(value, reason, parsed.error.message, source);
	if (parsed.value.kind !== 'tcp' || !tlsOn) return {ok: true, endpoint: {host: normalized, reason}};
	// As the CLI: DOCKER_CERT_PATH, else the config folder, holds ca.pem, cert.pem, key.pem.
	const certDir = nonEmpty(host.env['DOCKER_CERT_PATH']) ?? configDir;
	const tls = certDir === undefined ? {verify: tlsVerify} : await readTls(host, certDir, tlsVerify);
	return {ok: true, endpoint: {host: normalized, reason, tls}};
}

async function fromContext(host: Host, name: string, via: string, configDir: string | undefined, options: EndpointOptions): Promise<Chosen> {
	const reason = `context ${name} (${via})`;
	if (name === 'default') {
		// The default context is DOCKER_HOST when set, else the platform default.
		const envHost = nonEmpty(host.env['DOCKER_HOST']);
		if (envHost !== undefined) return fromHost(host, envHost, reason, configDir, {kind: 'env', ref: 'DOCKER_HOST'});
		return {ok: true, endpoint: {host: platformDefault(host, options), reason, context: name}};
	}
	if (configDir === undefined) {
		return badEndpoint(`context ${name}`, reason, `context "${name}" cannot be looked up: no home folder`, {kind: 'derived', ref: via}, name);
	}
	const digest = contextDigest(name);
	const metaPath = join(configDir, 'contexts', 'meta', digest, 'meta.json');
	const meta = parseJson(await host.readText(metaPath));
	const source: Source = {kind: 'file', ref: metaPath};
	if (meta === undefined) return badEndpoint(`context ${name}`, reason, `context "${name}" not found`, source, name);
	const docker = asRecord(asRecord(meta['Endpoints'])?.['docker']);
	const endpointHost = typeof docker?.['Host'] === 'string' ? docker['Host'].trim() : '';
	if (endpointHost === '') return badEndpoint(`context ${name}`, reason, `context "${name}" has no docker endpoint`, source, name);
	const parsed = parseEngineHost(endpointHost);
	if (!parsed.ok) return badEndpoint(endpointHost, reason, parsed.error.message, source, name);
	const endpoint: ResolvedEndpoint = {host: endpointHost, reason, context: name};
	if (parsed.value.kind !== 'tcp') return {ok: true, endpoint};
	const tlsDir = join(configDir, 'contexts', 'tls', digest, 'docker');
	const tls = await readTls(host, tlsDir, docker?.['SkipTLSVerify'] !== true);
	// No TLS files and no verification asked: plain http.
	const hasMaterial = tls.ca !== undefined || tls.cert !== undefined || tls.key !== undefined;
	return {ok: true, endpoint: hasMaterial ? {...endpoint, tls} : endpoint};
}

/** The folder name of a context in the CLI's store: sha256 of its name, hex. */
export function contextDigest(name: string): string {
	return crypto().createHash('sha256').update(name).digest('hex');
}

/** Reads key material for the client only; none of it ever reaches facts. */
async function readTls(host: Host, dir: string, verify: boolean): Promise<EndpointTls> {
	const [ca, cert, key] = await Promise.all(['ca.pem', 'cert.pem', 'key.pem'].map(file => host.readFile(join(dir, file))));
	return {
		verify,
		...(ca === undefined ? {} : {ca}),
		...(cert === undefined ? {} : {cert}),
		...(key === undefined ? {} : {key}),
	};
}

function platformDefault(host: Host, options: EndpointOptions): string {
	if (options.defaultSocket !== undefined) {
		return options.defaultSocket.includes('://') ? options.defaultSocket : `unix://${options.defaultSocket}`;
	}
	return isWindows(host) ? WINDOWS_PIPE : `unix://${DEFAULT_UNIX_SOCKET}`;
}

function isWindows(host: Host): boolean {
	return host.node?.platform === 'win32';
}

export interface WellKnownSocket {
	readonly path: string;
	readonly product: string;
}

/** Sockets that runtimes leave in known places, offered as hints when the chosen endpoint is dead. */
export function wellKnownSocketPaths(home: string | undefined, runtimeDir: string | undefined): WellKnownSocket[] {
	const list: WellKnownSocket[] = [{path: DEFAULT_UNIX_SOCKET, product: 'Docker Engine'}];
	if (home !== undefined) {
		list.push(
			{path: join(home, '.docker/run/docker.sock'), product: 'Docker Desktop'},
			{path: join(home, '.docker/desktop/docker.sock'), product: 'Docker Desktop'},
			{path: join(home, '.colima/default/docker.sock'), product: 'Colima'},
			{path: join(home, '.colima/docker.sock'), product: 'Colima'},
			{path: join(home, '.orbstack/run/docker.sock'), product: 'OrbStack'},
			{path: join(home, '.rd/docker.sock'), product: 'Rancher Desktop'},
		);
	}
	if (runtimeDir !== undefined) {
		list.push({path: join(runtimeDir, 'docker.sock'), product: 'rootless Docker'}, {path: join(runtimeDir, 'podman/podman.sock'), product: 'Podman'});
	}
	list.push({path: '/run/podman/podman.sock', product: 'Podman'});
	return list;
}

async function wellKnownSockets(host: Host, home: string | undefined, chosen: string | undefined): Promise<EndpointFacts['alternatives']> {
	if (isWindows(host)) return [];
	const candidates = wellKnownSocketPaths(home, nonEmpty(host.env['XDG_RUNTIME_DIR']));
	const chosenPath = chosen?.startsWith('unix://') ? chosen.slice('unix://'.length) : undefined;
	const seen = new Set<string>();
	const found: {host: string; product: string}[] = [];
	const exists = await Promise.all(candidates.map(c => (c.path === chosenPath ? Promise.resolve(false) : host.exists(c.path))));
	candidates.forEach((c, i) => {
		if (!exists[i] || seen.has(c.path)) return;
		seen.add(c.path);
		found.push({host: `unix://${c.path}`, product: c.product});
	});
	return found;
}

function badEndpoint(hostText: string, reason: string, message: string, source: Source, context?: string): Chosen {
	return {
		ok: false,
		facts: {host: hostText, reason, ...(context === undefined ? {} : {context})},
		failure: {code: 'docker.bad-endpoint', message, endpoint: hostText, source},
	};
}

function homeOf(host: Host): string | undefined {
	return host.home ?? nonEmpty(host.env['HOME']) ?? nonEmpty(host.env['USERPROFILE']);
}

function join(first: string, ...rest: string[]): string {
	// '/' as the first part keeps its leading slash: ['', 'x'].join('/') is '/x'.
	const base = first.replace(/[\\/]+$/, '');
	return [base, ...rest.map(part => part.replace(/^[\\/]+|[\\/]+$/g, '')).filter(part => part !== '')].join('/');
}

function nonEmpty(value: string | undefined): string | undefined {
	return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function parseJson(text: string | undefined): Record<string, unknown> | undefined {
	if (text === undefined) return undefined;
	try {
		return asRecord(JSON.parse(text));
	} catch {
		return undefined;
	}
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
