import {mkdirSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {mountBinfmt, restoreBinfmt, snapshotBinfmt} from './binfmt.js';
import {docker, imageId, imageRefs, type CliTarget} from './docker-cli.js';
import {createBridge, deleteBridge} from './bridge.js';
import {trimCache} from './cache.js';
import {engineSocket, haltEngine, launchEngine} from './engine.js';
import {pingEngine} from './engine-http.js';
import {Harness} from './harness.js';
import {buildImages} from './images.js';
import {log, step} from './log.js';
import {ensurePackages, preflightProblem} from './packages.js';
import type {ImageArch} from './platforms.js';
import {haltRegistry, launchRegistry} from './registry.js';
import {dropState, readState, saveState, stateRoot, withLock, type HarnessState} from './state.js';

export interface SetupOptions {
	/** CMD of the stand-in images (default prints "chatmock up <machine>"). */
	readonly cmd?: readonly string[];
	/** Set by scripts/test.mjs: the run outlives each test file and its final teardown ends it. */
	readonly managed?: boolean;
}

function cliOf(state: HarnessState): CliTarget {
	return {socketPath: state.socketPath, configDir: join(state.dir, 'docker-config')};
}

export async function assertCanRun(): Promise<void> {
	const problem = await preflightProblem();
	if (problem !== undefined) throw new Error(`e2e harness ${problem} (CHATMOCK_DOCTOR_SKIP_E2E=1 skips the e2e tests)`);
}

/** Brings everything up; call under withLock. State is saved after each step so a failed setup can still be torn down. */
export async function setupUnlocked(options: SetupOptions = {}): Promise<Harness> {
	const started = performance.now();
	await assertCanRun();
	const dir = join(stateRoot(), 'run');
	mkdirSync(join(dir, 'docker-config'), {recursive: true});
	mkdirSync(join(dir, 'images'), {recursive: true});
	writeFileSync(join(dir, 'docker-config', 'config.json'), '{}\n');
	await step('packages', async () => ensurePackages());
	const baseline = snapshotBinfmt();
	const mountedByUs = await step('binfmt mount', mountBinfmt);
	const state: HarnessState = {
		version: 2,
		dir,
		managed: options.managed ?? false,
		socketPath: engineSocket(join(dir, 'engine')),
		binfmt: {mountedByUs, baseline: {...snapshotBinfmt(), mounted: baseline.mounted}},
		cmd: options.cmd ?? [],
		setupRefs: [],
		tags: [],
	};
	saveState(state);
	try {
		// Always our own engine: one that already runs on the machine is never used, stopped or changed.
		state.bridge = await step('bridge', async () => createBridge());
		saveState(state);
		const bridge = state.bridge.name;
		state.engine = await step('engine', async () => launchEngine(join(dir, 'engine'), bridge));
		saveState(state);
		const cli = cliOf(state);
		state.registry = await step('registry', async () => launchRegistry(join(dir, 'registry')));
		saveState(state);
		state.images = await step('images', async () => buildImages(cli, {dir: join(dir, 'images'), ...(options.cmd ? {cmd: options.cmd} : {})}));
		state.setupRefs.push(...Object.values(state.images).map(image => image.ref));
		saveState(state);
		const harness = new Harness(state);
		state.multiPlatformRef = await step('push multi-platform tag', async () => harness.pushMultiPlatform());
		saveState(state);
		trimCache();
		log(`setup done in ${Math.round(performance.now() - started)} ms: engine ${state.socketPath}, bridge ${state.bridge.name} ${state.bridge.cidr}, registry ${state.registry.host}`);
		return harness;
	} catch (error) {
		log('setup failed; tearing down what it started');
		await teardownState(state).catch((cleanup: unknown) => log(`teardown after failed setup: ${String(cleanup)}`));
		dropState();
		throw error;
	}
}

export async function setup(options: SetupOptions = {}): Promise<Harness> {
	return withLock(async () => setupUnlocked(options));
}

/**
 * Makes a reused setup fit for the next test file: engine and registry answer, per-arch
 * images present, no containers or re-tags left by earlier files, binfmt as found.
 */
export async function reviveUnlocked(state: HarnessState): Promise<Harness> {
	const harness = new Harness(state);
	await step('revive engine', async () => harness.startEngine());
	await step('revive registry', async () => harness.startRegistry());
	await step('reset', async () => {
		await harness.removeContainers();
		await harness.removeVolumes();
		await undoTags(state);
		const keep = new Set(state.setupRefs);
		const extra = (await imageRefs(cliOf(state))).filter(ref => !keep.has(ref));
		if (extra.length > 0) await docker(cliOf(state), ['rmi', '--force', ...extra], {allowFailure: true});
		await harness.removeDanglingImages();
		for (const key of Object.keys(state.images ?? {}) as ImageArch[]) await harness.ensureLocalImage(key);
		await harness.restoreBaselineBinfmt();
	});
	return harness;
}

async function undoTags(state: HarnessState): Promise<void> {
	const cli = cliOf(state);
	for (const tag of [...state.tags].reverse()) {
		if (tag.previousId !== undefined && (await imageId(cli, tag.previousId)) !== undefined) await docker(cli, ['tag', tag.previousId, tag.ref], {allowFailure: true});
		else await docker(cli, ['rmi', tag.ref], {allowFailure: true});
	}
	state.tags = [];
	saveState(state);
}

/** Stops what setup started and puts back what it changed. Each part goes on even if another fails. */
export async function teardownState(state: HarnessState): Promise<void> {
	const problems: unknown[] = [];
	const attempt = async (name: string, work: () => Promise<void>): Promise<void> => {
		await step(name, work).catch((error: unknown) => {
			problems.push(error);
			log(`${name}: ${error instanceof Error ? error.message : String(error)}`);
		});
	};
	// Containers, images, volumes and networks all live in our engine's data root, removed below.
	if (state.engine !== undefined && (await pingEngine(state.socketPath))) {
		await attempt('remove containers', async () => new Harness(state).removeContainers());
	}
	if (state.registry !== undefined) {
		const registry = state.registry;
		await attempt('stop registry', async () => haltRegistry(registry));
	}
	if (state.engine !== undefined) {
		const engine = state.engine;
		await attempt('stop engine', async () => haltEngine(engine, true));
	}
	if (state.bridge !== undefined) {
		const bridge = state.bridge;
		await attempt('delete bridge', async () => deleteBridge(bridge.name));
	}
	await attempt('restore binfmt', async () => restoreBinfmt(state.binfmt.baseline, {unmountIfUnmounted: state.binfmt.mountedByUs}));
	await attempt('remove work folder', async () => rmSync(state.dir, {recursive: true, force: true}));
	if (problems.length > 0) throw new AggregateError(problems, 'e2e teardown left something behind');
}

/** Tears down whatever the state file records (a no-op without one). */
export async function teardown(): Promise<void> {
	await withLock(async () => {
		const state = readState();
		if (state === undefined) {
			log('teardown: nothing to tear down');
			return;
		}
		try {
			await teardownState(state);
		} finally {
			dropState();
		}
	});
	rmSync(stateRoot(), {recursive: true, force: true});
}
