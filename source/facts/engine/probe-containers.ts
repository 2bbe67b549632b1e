import {exitCodeSignal, scanLines} from '../../chatmock/log-signals.js';
import {neutralizeLine} from '../../text/sanitize.js';
import type {Source} from '../fact.js';
import type {ContainerFact, IncompleteCheck, Signal} from '../types.js';
import type {CallOptions, ContainerSummary, EngineApi, EngineError} from './engine-api.js';
import {mapLimit} from './map-limit.js';

export const LOG_TAIL_LINES = 50;
const MAX_CONTAINERS = 50;
/** Log signals that mean the image itself cannot run on this CPU (or only under an emulator that fails it). */
const IMAGE_CANNOT_RUN = new Set<Signal['kind']>(['exec-format-error', 'illegal-instruction', 'segfault', 'crlf-entrypoint', 'emulator-failed']);

export interface ContainersProbe {
	readonly containers: readonly ContainerFact[];
	readonly signals: readonly Signal[];
	readonly failure?: EngineError;
	/** Containers not inspected, logs not read, containers beyond the cap: the list is partial. */
	readonly incomplete: readonly IncompleteCheck[];
}

export interface ContainersProbeOptions extends CallOptions {
	/** IDs of the ChatMock images found: containers of these (or of their children) are ChatMock's. */
	readonly imageIds: readonly string[];
	readonly concurrency?: number;
	readonly tail?: number;
}

/**
 * ChatMock containers, running or not: those named *chatmock* and those of a ChatMock image,
 * both filtered in the engine. Each is inspected (state, exit code, health, port 8000) and its log
 * tail scanned for failure lines. Container environments are never read.
 */
export async function probeContainers(api: EngineApi, options: ContainersProbeOptions): Promise<ContainersProbe> {
	const call = {...(options.timeoutMs === undefined ? {} : {timeoutMs: options.timeoutMs}), ...(options.signal ? {signal: options.signal} : {})};
	const queries: Array<Record<string, readonly string[]>> = [{name: ['chatmock']}];
	if (options.imageIds.length > 0) queries.push({ancestor: options.imageIds});
	const lists = await Promise.all(queries.map(filters => api.listContainers(filters, true, call)));
	const byId = new Map<string, ContainerSummary>();
	let failure: EngineError | undefined;
	for (const list of lists) {
		if (!list.ok) {
			failure ??= list.error;
			continue;
		}
		for (const summary of list.value) byId.set(summary.id, summary);
	}
	const all = [...byId.values()];
	const summaries = all.slice(0, MAX_CONTAINERS);
	const incomplete: IncompleteCheck[] = [];
	const listSource: Source = {kind: 'engine', ref: '/containers/json'};
	for (const list of lists) if (!list.ok) incomplete.push({part: 'containers', message: `the containers could not be listed: ${neutralizeLine(list.error.message, 200)}`, source: listSource});
	if (all.length > summaries.length) incomplete.push({part: 'containers', message: `only the first ${summaries.length} of ${all.length} ChatMock containers were checked`, source: listSource});
	const tail = options.tail ?? LOG_TAIL_LINES;
	const results = await mapLimit(summaries, options.concurrency ?? 4, async summary => {
		// A container that was only created never ran: it has no log to ask for (a busy engine holds hundreds).
		const neverRan = summary.state === 'created';
		const [inspect, logs] = await Promise.all([api.inspectContainer(summary.id, call), neverRan ? ({ok: true, value: []} as const) : api.containerLogs(summary.id, tail, call)]);
		return {summary, inspect, logs};
	});
	const containers: ContainerFact[] = [];
	const signals: Signal[] = [];
	const unchecked: string[] = [];
	const unread: string[] = [];
	let uncheckedWhy: EngineError | undefined;
	for (const {summary, inspect, logs} of results) {
		if (!inspect.ok) {
			if (inspect.error.code !== 'not-found') {
				failure ??= inspect.error;
				uncheckedWhy ??= inspect.error;
				unchecked.push(neutralizeLine(summary.names[0] ?? summary.id.slice(0, 12), 80));
			}
			continue;
		}
		if (!logs.ok && logs.error.code !== 'not-found') {
			uncheckedWhy ??= logs.error;
			unread.push(neutralizeLine(inspect.value.name || summary.id.slice(0, 12), 80));
		}
		const c = inspect.value;
		const name = neutralizeLine(c.name || summary.names[0] || c.id.slice(0, 12));
		const logTail = logs.ok ? logs.value.map(line => neutralizeLine(line)) : [];
		const inspectSource: Source = {kind: 'engine', ref: `/containers/${name}/json`};
		const port8000 = c.ports['8000/tcp'];
		containers.push({
			id: c.id,
			name,
			image: neutralizeLine(c.image || summary.image),
			...(c.imageId === undefined ? {} : {imageId: c.imageId}),
			state: c.state.status || summary.state,
			...(c.state.exitCode === undefined ? {} : {exitCode: c.state.exitCode}),
			...(c.restartCount === undefined ? {} : {restartCount: c.restartCount}),
			...(c.state.health === undefined ? {} : {health: c.state.health}),
			...(port8000 === undefined ? {} : {port8000}),
			logTail,
			source: inspectSource,
		});
		const logsRef = `/containers/${name}/logs`;
		const found = scanLines(logTail, (line, text) => ({kind: 'engine', ref: logsRef, line, excerpt: text.trim().slice(0, 200)}));
		// A container that exited 0, or runs and never restarted, did start: an "exec format error" in its log came
		// from something it ran, not from its image, and is no reason to pull another platform.
		const started = (c.state.status === 'exited' && c.state.exitCode === 0) || (c.state.running && !c.state.restarting && (c.restartCount ?? 0) === 0);
		signals.push(...(started ? found.filter(signal => !IMAGE_CANNOT_RUN.has(signal.kind)) : found));
		const exit = exitCodeSignal(c.state.exitCode, {...inspectSource, excerpt: `ExitCode: ${c.state.exitCode}`});
		if (exit && !signals.some(s => s.kind === exit.kind && s.source.ref === logsRef)) signals.push(exit);
	}
	const why = uncheckedWhy === undefined ? '' : ` (${neutralizeLine(uncheckedWhy.message, 160)})`;
	const few = (names: string[]) => `${names.slice(0, 5).join(', ')}${names.length > 5 ? `, and ${names.length - 5} more` : ''}`;
	if (unchecked.length > 0)
		incomplete.push({
			part: 'containers',
			message: `${unchecked.length} of ${summaries.length} containers could not be inspected${why}: ${few(unchecked)}`,
			source: {kind: 'engine', ref: '/containers/{id}/json'},
		});
	if (unread.length > 0)
		incomplete.push({part: 'containers', message: `the logs of ${unread.length} containers could not be read${why}: ${few(unread)}`, source: {kind: 'engine', ref: '/containers/{id}/logs'}});
	return {containers, signals, incomplete, ...(failure === undefined ? {} : {failure})};
}
