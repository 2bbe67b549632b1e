import {CREATE_PLATFORM_API_VERSION, PULL_PLATFORM_API_VERSION, compareApiVersions, negotiateApiVersion} from './api-version.js';
import {createContainerOps} from './container-client.js';
import type {FixCapableEngine} from './container-ops.js';
import {demuxDockerStream, splitLines} from './demux.js';
import type {CallOptions, EngineConnector, PingResult, RemovedImage} from './engine-api.js';
import {asRecord, compactObject, decode, encodeName, httpError, isDefined, stringOf} from './engine-json.js';
import {toContainerInspect, toContainerSummary, toDistribution, toImageInspect, toImageSummary} from './engine-mappers.js';
import {pull} from './pull-stream.js';
import {sshConnectAllowanceMs} from './ssh-dial.js';
import {createTransport, fail, type EngineRequest, type Transport} from './transport.js';
import {verifyRun} from './verify-run.js';

export {httpError} from './engine-json.js';

/**
 * The live connector: a client for a resolved endpoint, over Node's own HTTP client with our own
 * deadlines. Split by concern: pull-stream (the pull's JSON stream), container-client (lifecycle
 * and the trial run), verify-run, engine-mappers / container-mappers (answers → shapes).
 */
export const connectDocker: EngineConnector = (endpoint, options) => {
	// Over ssh, a new connection's handshake gets its own allowance on top of each call's deadline.
	const transport = createTransport(endpoint, options.signal, {sshConnectAllowanceMs: sshConnectAllowanceMs(options.timeoutMs)});
	if (!transport.ok) return transport;
	return {ok: true, value: createEngineApi(transport.value, options.timeoutMs)};
};

export function createEngineApi(transport: Transport, defaultTimeoutMs: number): FixCapableEngine {
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

	const containers = createContainerOps(transport, deadline, () => atLeast(CREATE_PLATFORM_API_VERSION));
	const api: FixCapableEngine = {
		...containers,
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

		verifyRun: (ref, options) => verifyRun(containers, ref, options ?? {}, defaultTimeoutMs),

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
