import type {Fact, Source} from '../fact.js';
import {probeHost} from '../host/probe-host.js';
import {createMemoryHost} from '../seam/memory-host.js';
import type {EmulationFacts, EngineFacts, HostFacts, HostProbeFacts, ImageFact} from '../types.js';
import type {CallOptions, EngineApi} from './engine-api.js';
import type {ContainerOps} from './container-ops.js';
import {readBinfmt} from './probe-emulation.js';
import {leaveImagesAsFound} from './remote-host-cleanup.js';
import {chooseProbeImage} from './remote-host-image.js';
import {HOST_MOUNT, hostProbeScript, parseHostProbeOutput} from './remote-host-script.js';

/** Removing the probe container gets its own deadline: it runs even after the check was aborted or timed out. */
const CLEANUP_MS = 15_000;
/** Enough log lines for a 2 MiB cpuinfo in od's 16 bytes a line, and the rest. */
const MAX_OUTPUT_LINES = 200_000;
export const PROBE_LABEL = 'chatmock-doctor.host-probe';

export interface EngineHostProbeOptions {
	/** When the probe must be done by (create to logs); cleanup comes after, on its own deadline. */
	readonly deadlineAt: number;
	readonly signal?: AbortSignal;
	/** --probe-image */
	readonly image?: string;
	readonly chatmockImages?: readonly ImageFact[];
	/** The user allowed the probe, so busybox may be pulled when nothing fits. */
	readonly mayPull: boolean;
	readonly now?: () => number;
}

export interface EngineHostProbe {
	/** The engine machine's facts, each source marked as read there; empty when the probe failed. */
	readonly host: HostFacts;
	/** Its emulators (binfmt_misc), when the probe read them. */
	readonly emulation?: EmulationFacts;
	readonly probe: HostProbeFacts;
}

/**
 * Host facts of a remote engine's machine, from a throwaway container on that engine: its / mounted
 * read-only at /host, no network, no capabilities, no volume; the same host probes then read its
 * output as they read a folder. The container is removed (never forced) however the run ends.
 */
export async function probeEngineHost(api: EngineApi & ContainerOps, engine: EngineFacts, options: EngineHostProbeOptions): Promise<EngineHostProbe> {
	const now = options.now ?? Date.now;
	const started = now();
	const budget = new AbortController();
	const stop = () => budget.abort();
	options.signal?.addEventListener('abort', stop, {once: true});
	const timer = setTimeout(stop, Math.max(1, options.deadlineAt - started));
	const call = (): CallOptions => ({timeoutMs: Math.max(1, options.deadlineAt - now()), signal: budget.signal});
	const failedWith = (message: string, extra: Partial<HostProbeFacts> = {}): EngineHostProbe => ({
		host: {},
		probe: {status: 'failed', durationMs: now() - started, message, ...extra},
	});
	try {
		const image = await chooseProbeImage(api, engine, {
			...call(),
			mayPull: options.mayPull,
			...(options.image === undefined ? {} : {named: options.image}),
			...(options.chatmockImages ? {chatmockImages: options.chatmockImages} : {}),
		});
		if (!image.ok) return failedWith(overDeadline(budget, image.error.message));
		const ran = await runProbeContainer(api, image.value.runAs, call).catch((error: unknown): ContainerRun => ({
			ok: false,
			message: `the probe container failed: ${error instanceof Error ? error.message : String(error)}`,
		}));
		// Run however the probe went, on its own deadlines: the engine is left with the images it had.
		const cleanup = await leaveImagesAsFound(api, image.value);
		const about = {image: image.value.ref, imageReason: image.value.reason, platform: image.value.platform, ...cleanup};
		const leftBehind = ran.leftBehind === undefined ? {} : {leftBehind: ran.leftBehind};
		if (!ran.ok) return failedWith(overDeadline(budget, ran.message), {...about, ...leftBehind});
		const parsed = parseHostProbeOutput(ran.lines);
		if (parsed.files === 0 && parsed.spec.uname?.machine === undefined) {
			return failedWith(`the container printed nothing of the machine (${ran.lines[0]?.slice(0, 160) ?? 'no output'})`, {...about, ...leftBehind});
		}
		const machine = createMemoryHost({...parsed.spec, kind: 'replay', label: "the engine's machine"});
		const [facts, binfmt] = await Promise.all([probeHost(machine), readBinfmt(machine)]);
		const emulation = markEmulation(binfmt);
		return {
			host: markHost(facts),
			...(emulation ? {emulation} : {}),
			probe: {
				status: parsed.complete ? 'read' : 'partial',
				...about,
				durationMs: now() - started,
				files: parsed.files,
				...(parsed.complete ? {} : {message: 'the output was cut before its end: what it read is used, the rest is unknown'}),
				...leftBehind,
			},
		};
	} catch (error) {
		return failedWith(error instanceof Error ? error.message : String(error));
	} finally {
		clearTimeout(timer);
		options.signal?.removeEventListener('abort', stop);
	}
}

type ContainerRun = {readonly ok: true; readonly lines: readonly string[]; readonly leftBehind?: string} | {readonly ok: false; readonly message: string; readonly leftBehind?: string};

async function runProbeContainer(api: EngineApi & ContainerOps, ref: string, call: () => CallOptions): Promise<ContainerRun> {
	const config = await api.inspectImageConfig(ref, call());
	// A tmpfs over each VOLUME of the image: no anonymous volume is made, none is left behind.
	const tmpfs = config.ok ? Object.fromEntries(config.value.volumes.map(path => [path, ''])) : {};
	const created = await api.createContainer(
		{
			Image: ref,
			Entrypoint: ['/bin/sh', '-c', hostProbeScript()],
			Cmd: [],
			Tty: false,
			AttachStdin: false,
			OpenStdin: false,
			NetworkDisabled: true,
			Labels: {[PROBE_LABEL]: 'true'},
			HostConfig: {
				Binds: [`/:${HOST_MOUNT}:ro`],
				NetworkMode: 'none',
				AutoRemove: false,
				ReadonlyRootfs: true,
				CapDrop: ['ALL'],
				SecurityOpt: ['no-new-privileges'],
				Tmpfs: tmpfs,
			},
		},
		call(),
	);
	if (!created.ok) return {ok: false, message: `creating the probe container failed: ${created.error.message}`};
	const id = created.value.id;
	const state = {exited: false};
	let result: ContainerRun;
	try {
		result = await startAndRead(api, id, call, state);
	} catch (error) {
		result = {ok: false, message: `the probe container failed: ${error instanceof Error ? error.message : String(error)}`};
	}
	// Whatever happened above: never forced, never with volumes (it has none); stopped first when it may still run.
	if (!state.exited) await api.stopContainer(id, {timeoutMs: CLEANUP_MS, graceS: 0});
	const removed = await api.removeContainer(id, {timeoutMs: CLEANUP_MS});
	if (removed.ok) return result;
	const message = `removing the probe container ${id.slice(0, 12)} failed (${removed.error.message}): remove it with docker rm ${id.slice(0, 12)}`;
	return result.ok ? {...result, leftBehind: id} : {ok: false, message: `${result.message}; ${message}`, leftBehind: id};
}

async function startAndRead(api: EngineApi & ContainerOps, id: string, call: () => CallOptions, state: {exited: boolean}): Promise<ContainerRun> {
	const started = await api.startContainer(id, call());
	if (!started.ok) return {ok: false, message: `starting the probe container failed: ${started.error.message}`};
	const waited = await api.waitContainer(id, call());
	if (!waited.ok) return {ok: false, message: `the probe container did not finish: ${waited.error.message}`};
	state.exited = true;
	const logs = await api.containerLogs(id, MAX_OUTPUT_LINES, call());
	if (!logs.ok) return {ok: false, message: `reading the probe container's output failed: ${logs.error.message}`};
	if (waited.value.exitCode !== 0) {
		return {ok: false, message: `the probe container exited with ${waited.value.exitCode}: ${logs.value.slice(-1)[0]?.slice(0, 160) ?? 'no output'}`};
	}
	return {ok: true, lines: logs.value};
}

function overDeadline(budget: AbortController, message: string): string {
	return budget.signal.aborted ? `${message} (the check's deadline, --timeout, was reached)` : message;
}

const ON_ENGINE_HOST = 'engine-host' as const;

function mark(source: Source): Source {
	return {...source, on: ON_ENGINE_HOST};
}

/** Every fact cites the engine's machine, so no report mistakes it for the doctor's own. */
function markHost(facts: HostFacts): HostFacts {
	const marked: Record<string, Fact<unknown>> = {};
	for (const [key, value] of Object.entries(facts) as [string, Fact<unknown> | undefined][]) {
		if (value !== undefined) marked[key] = {value: value.value, source: mark(value.source)};
	}
	return marked as HostFacts;
}

function markEmulation(emulation: EmulationFacts): EmulationFacts | undefined {
	// binfmt_misc not mounted there is still known: nothing registered.
	return {
		...emulation,
		handlers: emulation.handlers.map(handler => ({...handler, source: mark(handler.source)})),
		note: emulation.note ?? "read on the engine's machine by the host probe",
	};
}
