import {chosenImage as findChosenImage} from '../../chatmock/images.js';
import {withOrigins} from './probe-origins.js';
import type {CollectOptions, ProbeStep, StepStatus} from '../collect-types.js';
import type {EmulationFacts, EngineFacts, Facts, IncompleteCheck, PublishedFacts, Signal} from '../types.js';
import type {Host} from '../seam/host.js';
import {jsonDepth, MAX_JSON_DEPTH} from '../../text/json-depth.js';
import {neutralizeLine} from '../../text/sanitize.js';
import {withDeadline} from './probe-deadline.js';
import {isSshEndpoint, sshConnectAllowanceMs} from './ssh-dial.js';
import type {EngineApi, EngineConnector} from './engine-api.js';
import {probeContainers} from './probe-containers.js';
import {probeEmulation} from './probe-emulation.js';
import {probeEngine} from './probe-engine.js';
import {probeImages} from './probe-images.js';
import {MIN_API_VERSION, compareApiVersions, isApiVersion} from './api-version.js';
import {probePublished} from './probe-published.js';

export type EngineFactsPart = Pick<Facts, 'engine' | 'endpoint' | 'engineFailure' | 'emulation' | 'images' | 'containers' | 'published' | 'chosenImage' | 'signals' | 'incomplete'>;

export interface EngineCollectOptions extends CollectOptions {
	/** The platform default socket when no flag, variable or context names one (tests). */
	readonly defaultSocket?: string;
	/** Defaults to the host's connector. */
	readonly connector?: EngineConnector;
}

export interface EngineCollection {
	readonly facts: EngineFactsPart;
	/** The connected client, for the fixer; absent when the engine was not reached. */
	readonly api?: EngineApi;
}

/**
 * Steps engine → emulation → images → containers → published, each reported through onStep.
 * The engine part of Facts, plus `api` (the connected client, for the fixer): drop it before serialising.
 */
export async function collectEngineFacts(options: EngineCollectOptions): Promise<EngineFactsPart & {readonly api?: EngineApi}> {
	const {facts, api} = await collectEngine(options);
	return api ? {...facts, api} : facts;
}

export async function collectEngine(options: EngineCollectOptions): Promise<EngineCollection> {
	const {host, timeoutMs, signal} = options;
	const report = (step: ProbeStep, status: StepStatus, summary?: string) => options.onStep?.({step, status, ...(summary === undefined ? {} : {summary})});
	const call = {timeoutMs, ...(signal ? {signal} : {})};
	// The compose files are read while the engine is dialled: nothing on the way to the first answer waits on the disk.
	const choosing = findChosenImage(host, {
		...(options.imageRef === undefined ? {} : {imageRef: options.imageRef}),
		...(options.cwd === undefined ? {} : {cwd: options.cwd}),
	});
	// Awaited below; meanwhile a failure must not count as unhandled (and end the process).
	choosing.catch(() => undefined);

	if (options.noEngine) {
		// What needs no engine still counts: the chosen image and the built-in list of its platforms.
		const chosen = await choosing;
		for (const step of ['engine', 'emulation', 'images', 'containers'] as const) report(step, 'skipped', 'not asked (--no-engine)');
		report('published', 'running');
		const published = await probePublished(undefined, chosen.value, {offline: options.offline, unavailable: 'no engine asked (--no-engine)'});
		report('published', 'ok', publishedSummary(published));
		return {facts: {chosenImage: chosen, signals: [], published}};
	}

	report('engine', 'running');
	// One deadline for the whole engine check (see probe-deadline.ts); the fixer keeps the unbounded client.
	let deadlineAt = Date.now() + timeoutMs;
	// Over ssh:// the connection has its own allowance (see ssh-dial.ts): --timeout counts from the engine's first answer.
	let overSsh = false;
	const baseConnector = options.connector ?? host.engine;
	let unbounded: EngineApi | undefined;
	const connector: EngineConnector | undefined =
		baseConnector &&
		((endpoint, connectOptions) => {
			const connected = baseConnector(endpoint, connectOptions);
			if (!connected.ok) return connected;
			unbounded = connected.value;
			overSsh = isSshEndpoint(endpoint.host);
			if (overSsh) deadlineAt += sshConnectAllowanceMs(timeoutMs);
			return {ok: true, value: withDeadline(connected.value, () => deadlineAt)};
		});
	const configChecking = dockerConfigProblem(host);
	// Images, then their containers, are listed as soon as the engine answers, while it is still asked for
	// /version and /info (dockerd runs runc and docker-init for those: its slowest answers).
	let imaging: Promise<Awaited<ReturnType<typeof probeImages>>> | undefined;
	let listing: Promise<Awaited<ReturnType<typeof probeContainers>>> | undefined;
	// The registry, behind the engine, answers slowest: it is asked as soon as the engine is (unless its API is too old).
	let asking: Promise<PublishedFacts> | undefined;
	const probe = await probeEngine(host, {
		onPing: (api, ping) => {
			if (overSsh) deadlineAt = Date.now() + timeoutMs;
			imaging = choosing.then(chosen => probeImages(api, {...call, chosen: chosen.value}));
			listing = imaging.then(found => probeContainers(api, {...call, imageIds: found.imageIds})).then(async found => ({...found, containers: await withOrigins(api, host, found.containers, call)}));
			if (!apiTooOld(ping.apiVersion)) asking = choosing.then(chosen => probePublished(api, chosen.value, {offline: options.offline, ...call}));
			// Not awaited when /version and /info fail after the ping.
			listing.catch(() => undefined);
			asking?.catch(() => undefined);
		},
		timeoutMs,
		...(signal ? {signal} : {}),
		...(options.dockerHost === undefined ? {} : {dockerHost: options.dockerHost}),
		...(options.dockerContext === undefined ? {} : {dockerContext: options.dockerContext}),
		...(options.defaultSocket === undefined ? {} : {defaultSocket: options.defaultSocket}),
		...(connector === undefined ? {} : {connector}),
	});
	const signals: Signal[] = [...probe.signals];
	if (probe.engine) report('engine', probe.failure ? 'warning' : 'ok', engineSummary(probe.engine, probe.endpoint.host, probe.failure?.message));
	else report('engine', 'error', probe.failure?.message);

	const api = probe.engine ? probe.api : undefined;
	const unavailable = !api ? 'the engine was not reached' : probe.failure?.code === 'docker.api-too-old' ? 'the engine API is too old to ask the registry' : undefined;
	// The rows still report in their order.
	const chosen = await choosing;
	const publishing = unavailable === undefined && asking ? asking : probePublished(api, chosen.value, {offline: options.offline, ...call, ...(unavailable === undefined ? {} : {unavailable})});

	report('emulation', 'running');
	const emulation = await probeEmulation(host, probe.engine, probe.endpoint);
	report('emulation', 'ok', emulationSummary(emulation));

	let images: EngineFactsPart['images'];
	let containers: EngineFactsPart['containers'];
	const incomplete: IncompleteCheck[] = [];
	const configProblem = await configChecking;
	if (configProblem) incomplete.push(configProblem);
	incomplete.push(...(probe.incomplete ?? []));
	if (api && imaging && listing) {
		report('images', 'running');
		const found = await imaging;
		images = found.images;
		incomplete.push(...found.incomplete);
		if (found.failure && found.images.length === 0) report('images', 'error', found.failure.message);
		else report('images', found.failure ? 'warning' : 'ok', imagesSummary(found.images));

		report('containers', 'running');
		const running = await listing;
		containers = running.containers;
		signals.push(...running.signals);
		incomplete.push(...running.incomplete);
		if (running.failure && running.containers.length === 0) report('containers', 'error', running.failure.message);
		else report('containers', running.failure ? 'warning' : 'ok', containersSummary(running.containers));
	} else {
		report('images', 'skipped', 'no engine');
		report('containers', 'skipped', 'no engine');
	}

	report('published', 'running');
	const published = await publishing;
	// A registry that timed out is a part not checked (one that refused or is unknown is said in `published` itself).
	if (published.source === 'built-in' && /^registry: .*(no answer within|no connection within|overall deadline)/.test(published.fallbackReason ?? '')) {
		incomplete.push({part: 'published', message: `the registry did not answer in time, so the built-in table was used (${published.fallbackReason})`, source: {kind: 'engine', ref: '/distribution'}});
	}
	report('published', published.source === 'registry' || options.offline ? 'ok' : 'warning', publishedSummary(published));

	const facts: EngineFactsPart = {
		engine: probe.engine,
		endpoint: probe.endpoint,
		...(probe.failure ? {engineFailure: probe.failure} : {}),
		emulation,
		...(images === undefined ? {} : {images}),
		...(containers === undefined ? {} : {containers}),
		published,
		chosenImage: chosen,
		signals,
		...(incomplete.length === 0 ? {} : {incomplete}),
	};
	// The fixer's client has no overall deadline: a pull or a verify run is not part of the check.
	return api ? {facts, api: unbounded ?? api} : {facts};
}

/**
 * Docker's config.json that does not parse: the docker CLI fails on it ("error loading config
 * file") and the doctor cannot tell which context is current. Said, never ignored.
 */
async function dockerConfigProblem(host: Host): Promise<IncompleteCheck | undefined> {
	const folder = host.env['DOCKER_CONFIG'] ?? (host.home === undefined ? undefined : `${host.home.replace(/[\\/]+$/, '')}/.docker`);
	if (folder === undefined) return undefined;
	const path = `${folder}/config.json`;
	const text = await host.readText(path, {maxBytes: 1024 * 1024}).catch(() => undefined);
	if (text === undefined || text.trim() === '') return undefined;
	let problem: string | undefined;
	if (jsonDepth(text) > MAX_JSON_DEPTH) problem = `nests deeper than ${MAX_JSON_DEPTH} levels`;
	else {
		try {
			const data = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
			if (data === null || typeof data !== 'object' || Array.isArray(data)) problem = 'is not a JSON object';
		} catch (error) {
			problem = `is not valid JSON (${neutralizeLine(error instanceof Error ? error.message : String(error), 120)})`;
		}
	}
	return problem === undefined
		? undefined
		: {part: 'docker-config', message: `Docker's config file ${problem}: the docker CLI cannot load it, and its current context is unknown`, source: {kind: 'file', ref: path}};
}

function apiTooOld(version: string | undefined): boolean {
	return isApiVersion(version) && compareApiVersions(version, MIN_API_VERSION) < 0;
}

function engineSummary(engine: EngineFacts, endpoint: string, warning?: string): string {
	const product = engine.platformName?.value ?? engine.operatingSystem?.value ?? 'Docker Engine';
	const version = engine.serverVersion?.value === undefined ? '' : ` ${engine.serverVersion.value}`;
	const arch = engine.versionArch === undefined ? '' : `, ${engine.versionOs?.value ?? 'linux'}/${engine.versionArch.value}`;
	return `${product}${version}${arch} at ${endpoint}${warning === undefined ? '' : ` (${warning})`}`;
}

function emulationSummary(emulation: EmulationFacts): string {
	if (emulation.kind === 'docker-desktop') return 'QEMU built into Docker Desktop';
	if (emulation.kind === 'unknown') return emulation.note ?? 'unknown';
	const emulators = emulation.handlers.filter(h => h.enabled && h.arch !== undefined);
	if (emulators.length === 0) return 'no emulator registered';
	return emulators.map(h => `${h.name} (${h.arch})`).join(', ');
}

function imagesSummary(images: NonNullable<EngineFactsPart['images']>): string {
	if (images.length === 0) return 'no ChatMock image';
	return images.map(i => `${i.ref} (${i.os}/${i.architecture}${i.variant === undefined ? '' : `/${i.variant}`})`).join(', ');
}

function containersSummary(containers: NonNullable<EngineFactsPart['containers']>): string {
	if (containers.length === 0) return 'no ChatMock container';
	return containers.map(c => `${c.name} (${c.state}${c.exitCode !== undefined && c.state !== 'running' ? ` ${c.exitCode}` : ''})`).join(', ');
}

function publishedSummary(published: PublishedFacts): string {
	const list = published.platforms.length === 0 ? 'no platform known' : published.platforms.join(', ');
	return published.source === 'registry' ? `${list} (registry)` : `${list} (built-in: ${published.fallbackReason ?? ''})`;
}
