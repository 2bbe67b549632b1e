import type {CallOptions, EngineResult} from './engine-api.js';
import type {ContainerOps, TrialRun} from './container-ops.js';
import {toContainerSpec, toImageConfig} from './container-mappers.js';
import {demuxDockerStream, splitLines} from './demux.js';
import {asRecord, decode, encodeName, httpError, parseJson, stringOf} from './engine-json.js';
import {fail, type EngineRequest, type Transport} from './transport.js';

const DEFAULT_TRIAL_WINDOW_MS = 3000;
/** Cleaning up a throwaway container gets its own deadline: it must run even after the caller aborted. */
const CLEANUP_MS = 15_000;

type Deadline = (options: CallOptions | undefined) => {timeoutMs: number; signal?: AbortSignal};

/** The container lifecycle over the same transport and deadlines as the rest of the client. */
export function createContainerOps(transport: Transport, deadline: Deadline, createPlatformSupported: () => boolean): ContainerOps {
	const expect = async (request: EngineRequest, options: CallOptions | undefined, statuses: readonly number[]): Promise<EngineResult<void>> => {
		const response = await transport.send(request, deadline(options));
		if (!response.ok) return response;
		if (!statuses.includes(response.value.status)) return fail(httpError(response.value, request.path));
		return {ok: true, value: undefined};
	};
	const id = (value: string) => encodeURIComponent(value);

	const ops: ContainerOps = {
		async inspectImageConfig(name, options) {
			const response = await transport.send({method: 'GET', path: `/images/${encodeName(name)}/json`}, deadline(options));
			return response.ok ? decode(response.value, '/images/json', toImageConfig) : response;
		},

		async inspectContainerSpec(name, options) {
			const response = await transport.send({method: 'GET', path: `/containers/${id(name)}/json`}, deadline(options));
			return response.ok ? decode(response.value, '/containers/json', toContainerSpec) : response;
		},

		async createContainer(body, options) {
			const platform = options?.platform !== undefined && createPlatformSupported() ? options.platform : undefined;
			const response = await transport.send({method: 'POST', path: '/containers/create', query: {name: options?.name, platform}, body}, deadline(options));
			if (!response.ok) return response;
			if (response.value.status !== 201) return fail(httpError(response.value, '/containers/create'));
			const created = asRecord(parseJson(response.value.body));
			const newId = stringOf(created?.['Id']);
			if (newId === undefined) return fail({code: 'protocol', message: 'create answered without an Id'});
			const raw = created?.['Warnings'];
			const warnings = Array.isArray(raw) ? raw.filter((w): w is string => typeof w === 'string' && w !== '') : [];
			return {ok: true, value: {id: newId, warnings}};
		},

		startContainer: (container, options) => expect({method: 'POST', path: `/containers/${id(container)}/start`}, options, [204, 304]),

		stopContainer: (container, options) => expect({method: 'POST', path: `/containers/${id(container)}/stop`, query: {t: options?.graceS ?? 10}}, options, [204, 304]),

		renameContainer: (container, name, options) => expect({method: 'POST', path: `/containers/${id(container)}/rename`, query: {name}}, options, [204]),

		// force=false, v=false: never a running container, never a volume.
		removeContainer: (container, options) => expect({method: 'DELETE', path: `/containers/${id(container)}`, query: {force: false, v: false}}, options, [204]),

		async waitContainer(container, options) {
			const response = await transport.send({method: 'POST', path: `/containers/${id(container)}/wait`}, deadline(options));
			if (!response.ok) return response;
			if (response.value.status !== 200) return fail(httpError(response.value, '/wait'));
			const exitCode = asRecord(parseJson(response.value.body))?.['StatusCode'];
			if (typeof exitCode !== 'number') return fail({code: 'protocol', message: 'wait answered without a StatusCode'});
			return {ok: true, value: {exitCode}};
		},

		connectNetwork: (network, container, endpointConfig, options) =>
			expect({method: 'POST', path: `/networks/${id(network)}/connect`, body: {Container: container, EndpointConfig: endpointConfig}}, options, [200]),

		trialRun: (ref, options) => trialRun(ops, transport, ref, options ?? {}),

		async execInContainer(container, command, options) {
			const call = deadline(options);
			const created = await transport.send(
				{method: 'POST', path: `/containers/${id(container)}/exec`, body: {Cmd: [...command], AttachStdin: false, AttachStdout: true, AttachStderr: true, Tty: false}},
				call,
			);
			if (!created.ok) return created;
			if (created.value.status !== 201) return fail(httpError(created.value, '/exec'));
			const execId = stringOf(asRecord(parseJson(created.value.body))?.['Id']);
			if (execId === undefined) return fail({code: 'protocol', message: 'exec answered without an Id'});
			// Not detached: the engine streams the output and ends the answer when the command ends.
			const started = await transport.send({method: 'POST', path: `/exec/${id(execId)}/start`, body: {Detach: false, Tty: false}}, call);
			if (!started.ok) return started;
			if (started.value.status !== 200) return fail(httpError(started.value, '/exec/start'));
			const output = splitLines(demuxDockerStream(started.value.body).toString('utf8'));
			const inspected = await transport.send({method: 'GET', path: `/exec/${id(execId)}/json`}, call);
			const exitCode = inspected.ok && inspected.value.status === 200 ? asRecord(parseJson(inspected.value.body))?.['ExitCode'] : undefined;
			return {ok: true, value: {...(typeof exitCode === 'number' ? {exitCode} : {}), output}};
		},
	};
	return ops;
}

/**
 * Runs an image as it is for a few seconds, with no network and a tmpfs over each of its VOLUME
 * paths (so no anonymous volume is made and nothing needs `rm -v` afterwards). Needs nothing
 * inside the image: the verdict comes from whether its own entrypoint starts.
 */
async function trialRun(ops: ContainerOps, transport: Transport, ref: string, options: NonNullable<Parameters<ContainerOps['trialRun']>[1]>): Promise<EngineResult<TrialRun>> {
	const signal = options.signal;
	const call = (timeoutMs: number) => ({timeoutMs, ...(signal ? {signal} : {})});
	const image = await ops.inspectImageConfig(ref, call(options.timeoutMs ?? 10_000));
	if (!image.ok) return image;
	const tmpfs = Object.fromEntries(image.value.volumes.map(path => [path, '']));
	const created = await ops.createContainer(
		{
			Image: ref,
			...(options.command ? {Entrypoint: [...options.command], Cmd: []} : {}),
			Tty: false,
			AttachStdin: false,
			OpenStdin: false,
			Labels: {'chatmock-doctor.verify': 'true'},
			HostConfig: {NetworkMode: 'none', AutoRemove: false, Tmpfs: tmpfs},
		},
		{...call(options.timeoutMs ?? 10_000), ...(options.platform ? {platform: options.platform} : {})},
	);
	if (!created.ok) return created;
	const container = created.value.id;
	const warnings = created.value.warnings;
	try {
		const started = await ops.startContainer(container, call(options.timeoutMs ?? 10_000));
		if (!started.ok) {
			if (started.error.code === 'aborted') return started;
			return {ok: true, value: {running: false, error: started.error.message, warnings, output: []}};
		}
		const waited = await ops.waitContainer(container, call(options.windowMs ?? DEFAULT_TRIAL_WINDOW_MS));
		if (!waited.ok && waited.error.code !== 'timeout') return waited;
		const running = !waited.ok;
		if (running) await ops.stopContainer(container, {timeoutMs: CLEANUP_MS, graceS: 2});
		const spec = await ops.inspectContainerSpec(container, {timeoutMs: CLEANUP_MS});
		const logs = await transport.send({method: 'GET', path: `/containers/${container}/logs`, query: {stdout: 1, stderr: 1, tail: 200}}, {timeoutMs: CLEANUP_MS});
		const output = logs.ok && logs.value.status === 200 ? splitLines(demuxDockerStream(logs.value.body).toString('utf8')) : [];
		const error = spec.ok ? spec.value.state.error : undefined;
		return {
			ok: true,
			value: {running, ...(waited.ok ? {exitCode: waited.value.exitCode} : {}), ...(error ? {error} : {}), warnings, output},
		};
	} finally {
		// Stopped (or never started) by now; still never forced, never with its volumes.
		await ops.stopContainer(container, {timeoutMs: CLEANUP_MS, graceS: 2});
		await ops.removeContainer(container, {timeoutMs: CLEANUP_MS});
	}
}
