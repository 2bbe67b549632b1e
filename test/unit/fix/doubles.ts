// Test doubles for the fix flows: a fake engine with a small image/container store, and
// builders of findings and diagnoses. No real engine, no disk.
import type {ContainerSummary, EngineApi, EngineError, EngineResult, ImageInspect, PullOptions, PullProgress, VerifyRunResult} from '../../../source/facts/engine/engine-api.js';
import type {Diagnosis, Finding, FixAction, Severity, Verdict} from '../../../source/diagnosis/types.js';
import type {Facts} from '../../../source/facts/types.js';
import type {ComposeFs} from '../../../source/fix/compose.js';
import type {ContainerOps, ContainerSpec, TrialRun} from '../../../source/facts/engine/container-ops.js';
import {fakeContainers, type FakeContainers} from './recreate/fake-containers.js';

const ok = <T>(value: T): EngineResult<T> => ({ok: true, value});
const fail = <T>(code: EngineError['code'], message: string): EngineResult<T> => ({ok: false, error: {code, message}});

export interface FakeImage {
	id: string;
	tags: string[];
	architecture: string;
	variant?: string;
}

export interface FakeEngineOptions {
	images?: FakeImage[];
	containers?: ContainerSummary[];
	/** Events the pull sends before it finishes. */
	pullEvents?: PullProgress[];
	/** The pull's result when it gets to the end. */
	pullResult?: 'ok' | {code: EngineError['code']; message: string};
	/** When true the pull waits for its signal after sending its events. */
	pullHangs?: boolean;
	verify?: VerifyRunResult | {code: EngineError['code']; message: string};
	/** What the trial run of a pulled image shows (default: it stays up). */
	trial?: TrialRun | {code: EngineError['code']; message: string};
	newImageId?: string;
	/** Containers the recreate stage finds (inspect form); their summaries are listed too. */
	specs?: ContainerSpec[];
	containerBehaviour?: Parameters<typeof fakeContainers>[1];
}

export interface FakeEngine extends EngineApi, ContainerOps {
	readonly calls: string[];
	readonly containerEngine: FakeContainers;
	readonly store: {images: FakeImage[]; containers: ContainerSummary[]};
	/** Resolves when the pull has sent all its events (for tests that cancel it). */
	readonly pullStarted: Promise<void>;
}

export function fakeEngine(options: FakeEngineOptions = {}): FakeEngine {
	const store = {images: [...(options.images ?? [])].map(image => ({...image, tags: [...image.tags]})), containers: [...(options.containers ?? [])]};
	const calls: string[] = [];
	let started: () => void = () => {};
	const pullStarted = new Promise<void>(resolve => {
		started = resolve;
	});
	const find = (nameOrId: string) => store.images.find(image => image.id === nameOrId || image.id.replace('sha256:', '').startsWith(nameOrId.replace('sha256:', '')) || image.tags.includes(nameOrId));
	const inspect = (image: FakeImage): ImageInspect => ({
		id: image.id,
		repoTags: image.tags,
		repoDigests: [],
		os: 'linux',
		architecture: image.architecture,
		...(image.variant ? {variant: image.variant} : {}),
	});
	const containerEngine = fakeContainers(options.specs ?? [], options.containerBehaviour ?? {});
	const engine: FakeEngine = {
		...containerEngine,
		containerEngine,
		endpoint: 'unix:///fake.sock',
		apiVersion: '1.41',
		calls,
		store,
		pullStarted,
		async ping() {
			return ok({});
		},
		async version() {
			return ok({});
		},
		async info() {
			return ok({});
		},
		async listImages() {
			return ok(store.images.map(image => ({id: image.id, repoTags: image.tags, repoDigests: []})));
		},
		async inspectImage(nameOrId) {
			calls.push(`inspectImage ${nameOrId}`);
			const image = find(nameOrId);
			return image ? ok(inspect(image)) : fail('not-found', `No such image: ${nameOrId}`);
		},
		async listContainers(filters, all, callOptions) {
			calls.push('listContainers');
			if (options.specs) return containerEngine.listContainers(filters, all, callOptions);
			return ok(store.containers);
		},
		async inspectImageConfig(nameOrId) {
			calls.push(`inspectImageConfig ${nameOrId}`);
			const image = find(nameOrId);
			if (!image) return fail('not-found', `No such image: ${nameOrId}`);
			return ok({
				id: image.id,
				os: 'linux',
				architecture: image.architecture,
				...(image.variant ? {variant: image.variant} : {}),
				env: [],
				labels: {},
				volumes: [],
				exposedPorts: [],
				repoTags: image.tags,
			});
		},
		async trialRun(ref) {
			calls.push(`trialRun ${ref}`);
			const trial = options.trial ?? {running: true, warnings: [], output: []};
			if ('code' in trial) return fail(trial.code, trial.message);
			return ok(trial);
		},
		async inspectContainer(id) {
			return fail('not-found', `No such container: ${id}`);
		},
		async containerLogs() {
			return ok([]);
		},
		async distribution() {
			return ok({platforms: []});
		},
		async pull(ref: string, platform: string, pullOptions: PullOptions = {}) {
			calls.push(`pull ${ref} ${platform}`);
			for (const event of options.pullEvents ?? []) {
				if (pullOptions.signal?.aborted) break;
				pullOptions.onProgress?.(event);
				await Promise.resolve();
			}
			started();
			if (options.pullHangs) {
				await new Promise<void>(resolve => {
					if (pullOptions.signal?.aborted) resolve();
					pullOptions.signal?.addEventListener('abort', () => resolve(), {once: true});
				});
			}
			if (pullOptions.signal?.aborted) return fail('aborted', 'aborted');
			const result = options.pullResult ?? 'ok';
			if (result !== 'ok') return fail(result.code, result.message);
			// The classic store moves the tag to the new image; the old one keeps its ID.
			for (const image of store.images) image.tags = image.tags.filter(tag => tag !== ref);
			const [arch, variant] = platform.split('/').slice(1);
			store.images.push({id: options.newImageId ?? 'sha256:new000000000000', tags: [ref], architecture: arch ?? 'amd64', ...(variant ? {variant} : {})});
			return ok({status: `Status: Downloaded newer image for ${ref}`});
		},
		async verifyRun(ref) {
			calls.push(`verifyRun ${ref}`);
			const verify = options.verify ?? {machine: 'aarch64', exitCode: 0, warnings: [], output: ['aarch64']};
			if ('code' in verify) return fail(verify.code, verify.message);
			return ok(verify);
		},
		async removeImage(nameOrId) {
			calls.push(`removeImage ${nameOrId}`);
			const image = find(nameOrId);
			if (!image) return fail('not-found', `No such image: ${nameOrId}`);
			// By a tag while other tags name it: an untag, as the engine does.
			if (image.tags.includes(nameOrId) && image.tags.length > 1) {
				image.tags = image.tags.filter(tag => tag !== nameOrId);
				return ok([{untagged: nameOrId}]);
			}
			store.images = store.images.filter(other => other !== image);
			return ok([{deleted: image.id}]);
		},
		async tagImage(source, repo, tag) {
			calls.push(`tagImage ${source} ${repo}:${tag}`);
			const image = find(source);
			if (!image) return fail('not-found', `No such image: ${source}`);
			const name = `${repo}:${tag}`;
			for (const other of store.images) other.tags = other.tags.filter(existing => existing !== name);
			image.tags.push(name);
			return ok(undefined);
		},
	};
	return engine;
}

export function finding(id: Finding['id'], severity: Severity = 'error', actions?: FixAction[], extra: Partial<Finding> = {}): Finding {
	return {
		id,
		severity,
		title: `title of ${id}`,
		why: `why of ${id}`,
		evidence: [{text: 'kernel machine: aarch64', source: {kind: 'uname', ref: 'machine'}}],
		fix: {
			summary: `fix of ${id}`,
			commands: [`docker pull --platform linux/arm64 ghcr.io/thebtf/chatmock:latest`],
			...(actions ? {actions} : {}),
		},
		...extra,
	};
}

export function verdict(extra: Partial<Verdict> = {}): Verdict {
	return {
		platform: 'linux/arm64',
		reason: 'The engine runs arm64 natively.',
		nativePlatforms: ['linux/arm64', 'linux/arm/v7', 'linux/arm/v6'],
		dockerDefault: 'linux/arm64',
		confidence: 'high',
		machine: 'Raspberry Pi 4 Model B, 64-bit Raspberry Pi OS',
		basis: [],
		...extra,
	};
}

export function diagnosis(findings: Finding[], verdictExtra: Partial<Verdict> = {}): Diagnosis {
	return {verdict: verdict(verdictExtra), findings};
}

export const emptyFacts: Facts = {origin: 'live', host: {}, signals: []};

export const PULL_ACTION: FixAction = {kind: 'pull-platform', ref: 'ghcr.io/thebtf/chatmock:latest', platform: 'linux/arm64'};
export const REMOVE_ACTION: FixAction = {kind: 'remove-image', ref: 'ghcr.io/thebtf/chatmock:latest', imageId: 'sha256:old000000000000'};
export const OLD_IMAGE: FakeImage = {id: 'sha256:old000000000000', tags: ['ghcr.io/thebtf/chatmock:latest'], architecture: 'amd64'};

export function memoryFs(files: Record<string, string>): ComposeFs & {files: Record<string, string>} {
	return {
		files,
		async readText(path) {
			return files[path];
		},
		async writeText(path, text) {
			files[path] = text;
		},
		async exists(path) {
			return path in files;
		},
	};
}
