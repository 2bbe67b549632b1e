import {pullParameters} from '../../chatmock/reference.js';
import {CREATE_PLATFORM_API_VERSION, PULL_PLATFORM_API_VERSION, compareApiVersions, negotiateApiVersion} from './api-version.js';
import {demuxDockerStream, splitLines} from './demux.js';
import type {
	CallOptions,
	ContainerInspect,
	ContainerSummary,
	DistributionInfo,
	EngineApi,
	EngineConnector,
	EngineError,
	EngineResult,
	ImageInspect,
	ImageSummary,
	PingResult,
	PullOptions,
	PullOutcome,
	RemovedImage,
	VerifyRunOptions,
	VerifyRunResult,
} from './engine-api.js';
import {createTransport, fail, type EngineRequest, type EngineResponse, type Transport} from './transport.js';

const DEFAULT_STALL_MS = 60_000;
const DEFAULT_VERIFY_MS = 30_000;
/** Removing the throwaway container gets its own deadline: it must run even after the caller aborted. */
const CLEANUP_MS = 5000;

/** The live connector: a client for a resolved endpoint, over Node's own HTTP client with our own deadlines. */
export const connectDocker: EngineConnector = (endpoint, options) => {
	const transport = createTransport(endpoint, options.signal);
	if (!transport.ok) return transport;
	return {ok: true, value: createEngineApi(transport.value, options.timeoutMs)};
};

export function createEngineApi(transport: Transport, defaultTimeoutMs: number): EngineApi {
	const deadline = (options: CallOptions | undefined) => ({
		timeoutMs: options?.timeoutMs ?? defaultTimeoutMs,
		...(options?.signal ? {signal: options.signal} : {}),
	});
	const json = async <T>(request: EngineRequest, options: CallOptions | undefined, map: (body: unknown) => T | undefined) => {
		const response = await transport.send(request, deadline(options));
		if (!response.ok) return response;
		return decode(response.value, request.path, map);
	};
	const negotiate = (engineVersion: string | undefined) => {
		if (transport.apiVersion === undefined) transport.apiVersion = negotiateApiVersion(engineVersion);
	};
	// Not negotiated yet: the engine speaks its own newest version, so assume the feature is there.
	const atLeast = (version: string) => transport.apiVersion === undefined || compareApiVersions(transport.apiVersion, version) >= 0;

	const api: EngineApi = {
		endpoint: transport.endpoint,
		get apiVersion() {
			return transport.apiVersion;
		},

		async ping(options) {
			const response = await transport.send({method: 'GET', path: '/_ping'}, deadline(options));
			if (!response.ok) return response;
			const {status, headers} = response.value;
			if (status !== 200) return fail(httpError(response.value, '/_ping'));
			const header = (name: string) => {
				const value = headers[name];
				return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
			};
			const result: PingResult = compactObject({
				apiVersion: header('api-version'),
				osType: header('ostype'),
				libpodApiVersion: header('libpod-api-version'),
				experimental: header('docker-experimental') === undefined ? undefined : header('docker-experimental') === 'true',
				builderVersion: header('builder-version'),
			});
			negotiate(result.apiVersion);
			return {ok: true, value: result};
		},

		async version(options) {
			const result = await json({method: 'GET', path: '/version'}, options, asRecord);
			if (result.ok) negotiate(typeof result.value['ApiVersion'] === 'string' ? result.value['ApiVersion'] : undefined);
			return result;
		},

		info: options => json({method: 'GET', path: '/info'}, options, asRecord),

		async listImages(referenceFilters, options) {
			if (referenceFilters.length === 0) return {ok: true, value: []};
			const filters = JSON.stringify({reference: [...referenceFilters]});
			return json({method: 'GET', path: '/images/json', query: {filters}}, options, body => (Array.isArray(body) ? body.map(toImageSummary).filter(isDefined) : undefined));
		},

		inspectImage: (name, options) => json({method: 'GET', path: `/images/${encodeName(name)}/json`}, options, toImageInspect),

		listContainers(filters, all, options) {
			const query = {all: all ? 1 : 0, filters: JSON.stringify(filters)};
			return json({method: 'GET', path: '/containers/json', query}, options, body => (Array.isArray(body) ? body.map(toContainerSummary).filter(isDefined) : undefined));
		},

		inspectContainer: (id, options) => json({method: 'GET', path: `/containers/${encodeURIComponent(id)}/json`, query: {size: false}}, options, toContainerInspect),

		async containerLogs(id, tail, options) {
			const response = await transport.send({method: 'GET', path: `/containers/${encodeURIComponent(id)}/logs`, query: {stdout: 1, stderr: 1, tail: Math.max(0, Math.floor(tail))}}, deadline(options));
			if (!response.ok) return response;
			if (response.value.status !== 200) return fail(httpError(response.value, '/logs'));
			return {ok: true, value: splitLines(demuxDockerStream(response.value.body).toString('utf8'))};
		},

		distribution: (ref, options) => json({method: 'GET', path: `/distribution/${encodeName(ref)}/json`}, options, toDistribution),

		pull: (ref, platform, options) => pull(transport, ref, platform, options ?? {}, atLeast(PULL_PLATFORM_API_VERSION)),

		verifyRun: (ref, options) => verifyRun(transport, api, ref, options ?? {}, defaultTimeoutMs, atLeast(CREATE_PLATFORM_API_VERSION)),

		async removeImage(name, options) {
			const query = {force: false, noprune: options?.noprune ?? false};
			return json({method: 'DELETE', path: `/images/${encodeName(name)}`, query}, options, body =>
				Array.isArray(body)
					? body.map(item => {
							const row = asRecord(item);
							return compactObject<RemovedImage>({untagged: stringOf(row?.['Untagged']), deleted: stringOf(row?.['Deleted'])});
						})
					: undefined,
			);
		},

		async tagImage(source, repo, tag, options) {
			const response = await transport.send({method: 'POST', path: `/images/${encodeName(source)}/tag`, query: {repo, tag}}, deadline(options));
			if (!response.ok) return response;
			if (response.value.status !== 201 && response.value.status !== 200) return fail(httpError(response.value, '/tag'));
			return {ok: true, value: undefined};
		},
	};
	return api;
}

async function pull(transport: Transport, ref: string, platform: string, options: PullOptions, platformSupported: boolean): Promise<EngineResult<PullOutcome>> {
	const params = pullParameters(ref);
	if (!params) return fail({code: 'error', message: `not an image reference: ${ref}`});
	if (!platformSupported) return fail({code: 'http', message: `this engine's API (${transport.apiVersion ?? 'unknown'}) cannot pull a chosen platform`});
	let buffer = '';
	let status: string | undefined;
	let digest: string | undefined;
	let streamError: string | undefined;
	const onLine = (line: string) => {
		if (line.trim() === '') return;
		let event: Record<string, unknown> | undefined;
		try {
			event = asRecord(JSON.parse(line));
		} catch {
			return;
		}
		if (!event) return;
		// An {error} can come at any point of a 200 stream; followProgress would still report success.
		const error = stringOf(event['error']) ?? stringOf(asRecord(event['errorDetail'])?.['message']);
		if (error !== undefined && streamError === undefined) streamError = error;
		const text = stringOf(event['status']);
		if (text === undefined) return;
		if (text.startsWith('Status:')) status = text;
		const digestMatch = /^Digest:\s*(\S+)/.exec(text);
		if (digestMatch) digest = digestMatch[1];
		const detail = asRecord(event['progressDetail']);
		options.onProgress?.(
			compactObject({
				id: stringOf(event['id']),
				status: text,
				current: typeof detail?.['current'] === 'number' ? detail['current'] : undefined,
				total: typeof detail?.['total'] === 'number' ? detail['total'] : undefined,
			}),
		);
	};
	const response = await transport.send(
		{method: 'POST', path: '/images/create', query: {fromImage: params.fromImage, tag: params.tag, platform}},
		{
			stallMs: options.stallMs ?? DEFAULT_STALL_MS,
			...(options.signal ? {signal: options.signal} : {}),
			onData(chunk) {
				buffer += chunk.toString('utf8');
				let newline = buffer.indexOf('\n');
				while (newline !== -1) {
					onLine(buffer.slice(0, newline));
					buffer = buffer.slice(newline + 1);
					newline = buffer.indexOf('\n');
				}
			},
		},
	);
	if (!response.ok) return response;
	if (response.value.status !== 200) {
		return fail(httpError({...response.value, body: Buffer.from(buffer)}, '/images/create'));
	}
	onLine(buffer);
	if (streamError !== undefined) return fail({code: 'error', message: oneLine(streamError)});
	if (status === undefined) return fail({code: 'protocol', message: 'the pull ended without its final Status line'});
	return {ok: true, value: compactObject({status, digest})};
}

async function verifyRun(transport: Transport, api: EngineApi, ref: string, options: VerifyRunOptions, defaultTimeoutMs: number, platformSupported: boolean): Promise<EngineResult<VerifyRunResult>> {
	const total = options.timeoutMs ?? Math.max(DEFAULT_VERIFY_MS, defaultTimeoutMs);
	const started = Date.now();
	const left = () => Math.max(1, total - (Date.now() - started));
	const signal = options.signal;
	const step = () => ({timeoutMs: left(), ...(signal ? {signal} : {})});
	const command = options.command ?? ['uname', '-m'];
	const create = await transport.send(
		{
			method: 'POST',
			path: '/containers/create',
			query: {platform: options.platform !== undefined && platformSupported ? options.platform : undefined},
			body: {
				Image: ref,
				Entrypoint: [...command],
				Tty: false,
				AttachStdin: false,
				OpenStdin: false,
				Labels: {'chatmock-doctor.verify': 'true'},
				HostConfig: {NetworkMode: 'none', AutoRemove: false},
			},
		},
		step(),
	);
	if (!create.ok) return create;
	const created = parseJson(create.value.body);
	if (create.value.status !== 201) return fail(httpError(create.value, '/containers/create'));
	const id = stringOf(asRecord(created)?.['Id']);
	if (id === undefined) return fail({code: 'protocol', message: 'create answered without an Id'});
	const rawWarnings = asRecord(created)?.['Warnings'];
	const warnings = Array.isArray(rawWarnings) ? rawWarnings.filter((w): w is string => typeof w === 'string' && w !== '') : [];
	try {
		const start = await transport.send({method: 'POST', path: `/containers/${id}/start`}, step());
		if (!start.ok) return start;
		if (start.value.status !== 204 && start.value.status !== 304) return fail(httpError(start.value, '/start'));
		const wait = await transport.send({method: 'POST', path: `/containers/${id}/wait`}, step());
		if (!wait.ok) return wait;
		if (wait.value.status !== 200) return fail(httpError(wait.value, '/wait'));
		const exitCode = asRecord(parseJson(wait.value.body))?.['StatusCode'];
		if (typeof exitCode !== 'number') return fail({code: 'protocol', message: 'wait answered without a StatusCode'});
		const logs = await api.containerLogs(id, 200, step());
		const output = logs.ok ? logs.value : [];
		const first = output.find(line => line.trim() !== '')?.trim();
		return {ok: true, value: compactObject({machine: exitCode === 0 ? first : undefined, exitCode, warnings, output})};
	} finally {
		// v=true removes only the anonymous volumes this throwaway container created; named volumes are never touched.
		await transport.send({method: 'DELETE', path: `/containers/${id}`, query: {force: true, v: true}}, {timeoutMs: CLEANUP_MS});
	}
}

function decode<T>(response: EngineResponse, path: string, map: (body: unknown) => T | undefined): EngineResult<T> {
	if (response.status < 200 || response.status >= 300) return fail(httpError(response, path));
	const value = map(parseJson(response.body));
	return value === undefined ? fail({code: 'protocol', message: `unexpected answer from ${path}`}) : {ok: true, value};
}

export function httpError(response: EngineResponse, path: string): EngineError {
	const body = parseJson(response.body);
	const message = oneLine(stringOf(asRecord(body)?.['message']) ?? (response.body.toString('utf8').trim() || `HTTP ${response.status} from ${path}`));
	const status = response.status;
	if (status === 404) return {code: 'not-found', message, status};
	if (status === 409) return {code: 'conflict', message, status};
	if (status === 401 || status === 403) return {code: 'unauthorized', message, status};
	return {code: 'http', message, status};
}

function toImageSummary(item: unknown): ImageSummary | undefined {
	const row = asRecord(item);
	const id = stringOf(row?.['Id']);
	if (!row || id === undefined) return undefined;
	return compactObject({
		id,
		repoTags: stringsOf(row['RepoTags']).filter(tag => tag !== '<none>:<none>'),
		repoDigests: stringsOf(row['RepoDigests']).filter(d => d !== '<none>@<none>'),
		created: typeof row['Created'] === 'number' ? row['Created'] : undefined,
		size: typeof row['Size'] === 'number' ? row['Size'] : undefined,
	});
}

function toImageInspect(body: unknown): ImageInspect | undefined {
	const row = asRecord(body);
	const id = stringOf(row?.['Id']);
	if (!row || id === undefined) return undefined;
	return compactObject({
		id,
		repoTags: stringsOf(row['RepoTags']),
		repoDigests: stringsOf(row['RepoDigests']),
		os: stringOf(row['Os']) ?? '',
		architecture: stringOf(row['Architecture']) ?? '',
		variant: stringOf(row['Variant']),
		created: stringOf(row['Created']),
	});
}

function toContainerSummary(item: unknown): ContainerSummary | undefined {
	const row = asRecord(item);
	const id = stringOf(row?.['Id']);
	if (!row || id === undefined) return undefined;
	return compactObject({
		id,
		names: stringsOf(row['Names']).map(name => name.replace(/^\//, '')),
		image: stringOf(row['Image']) ?? '',
		imageId: stringOf(row['ImageID']),
		state: stringOf(row['State']) ?? '',
		status: stringOf(row['Status']),
	});
}

/** Reads only what the doctor needs; Config.Env (secrets) is never copied. */
function toContainerInspect(body: unknown): ContainerInspect | undefined {
	const row = asRecord(body);
	const id = stringOf(row?.['Id']);
	if (!row || id === undefined) return undefined;
	const state = asRecord(row['State']);
	const config = asRecord(row['Config']);
	const ports: Record<string, string[]> = {};
	const addBindings = (map: Record<string, unknown> | undefined) => {
		for (const [port, bindings] of Object.entries(map ?? {})) {
			const list = Array.isArray(bindings) ? bindings : [];
			const hosts = list
				.map(b => asRecord(b))
				.map(b => (b ? `${stringOf(b['HostIp']) ?? ''}:${stringOf(b['HostPort']) ?? ''}` : undefined))
				.filter((b): b is string => b !== undefined && b !== ':');
			ports[port] = [...new Set([...(ports[port] ?? []), ...hosts])];
		}
	};
	addBindings(asRecord(asRecord(row['NetworkSettings'])?.['Ports']));
	// A stopped container has no NetworkSettings.Ports: its HostConfig still says what it publishes.
	addBindings(asRecord(asRecord(row['HostConfig'])?.['PortBindings']));
	return compactObject<ContainerInspect>({
		id,
		name: (stringOf(row['Name']) ?? '').replace(/^\//, ''),
		image: stringOf(config?.['Image']) ?? '',
		imageId: stringOf(row['Image']),
		platform: stringOf(row['Platform']),
		state: compactObject({
			status: stringOf(state?.['Status']) ?? '',
			running: state?.['Running'] === true,
			restarting: state?.['Restarting'] === true,
			oomKilled: state?.['OOMKilled'] === true,
			exitCode: typeof state?.['ExitCode'] === 'number' ? state['ExitCode'] : undefined,
			error: stringOf(state?.['Error']),
			startedAt: stringOf(state?.['StartedAt']),
			finishedAt: stringOf(state?.['FinishedAt']),
			health: stringOf(asRecord(state?.['Health'])?.['Status']),
		}),
		restartCount: typeof row['RestartCount'] === 'number' ? row['RestartCount'] : undefined,
		ports,
	});
}

function toDistribution(body: unknown): DistributionInfo | undefined {
	const row = asRecord(body);
	if (!row) return undefined;
	const descriptor = asRecord(row['Descriptor']);
	const platforms = Array.isArray(row['Platforms'])
		? row['Platforms'].map(asRecord).flatMap(p => (p ? [compactObject({os: stringOf(p['os']) ?? '', architecture: stringOf(p['architecture']) ?? '', variant: stringOf(p['variant'])})] : []))
		: [];
	return compactObject({digest: stringOf(descriptor?.['digest']), mediaType: stringOf(descriptor?.['mediaType']), platforms});
}

/** Image names keep their slashes and colons in the path, as the CLI sends them. */
function encodeName(name: string): string {
	return name
		.split('/')
		.map(part => encodeURIComponent(part).replace(/%3A/gi, ':').replace(/%40/g, '@'))
		.join('/');
}

function parseJson(body: Buffer): unknown {
	try {
		return JSON.parse(body.toString('utf8'));
	} catch {
		return undefined;
	}
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function stringOf(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

function stringsOf(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function isDefined<T>(value: T | undefined): value is T {
	return value !== undefined;
}

function oneLine(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

function compactObject<T extends object>(value: T): T {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
