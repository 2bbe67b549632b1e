import {join} from 'node:path';
import {restoreBinfmt, type BinfmtSnapshot} from './binfmt.js';
import {docker, imageId, type CliOptions, type CliTarget} from './docker-cli.js';
import {haltEngine, launchEngine} from './engine.js';
import {PROJECT_ROOT} from './doctor-process.js';
import {engineJson, httpOk, pingEngine} from './engine-http.js';
import type {ExecResult} from './exec.js';
import {PLATFORMS, platformOf, type ImageArch} from './platforms.js';
import {waitUntil} from './processes.js';
import {freePort, haltRegistry, launchRegistry, registryAlive} from './registry.js';
import {saveState, type HarnessState, type LocalImage} from './state.js';

/** Every container the harness creates carries it, so teardown finds them all. */
export const CONTAINER_LABEL = 'chatmock-doctor-e2e=1';

export interface RunContainerOptions {
	/** Replaces the image's CMD. */
	readonly cmd?: readonly string[];
	/** --platform for create (the engine answers 404 when no local image matches it). */
	readonly platform?: string;
	readonly name?: string;
	readonly env?: Readonly<Record<string, string>>;
	/** Start and return at once; the container is removed at the next reset or teardown. */
	readonly detach?: boolean;
	/**
	 * Container ports to publish on 127.0.0.1 (through the harness's own bridge); each gets a
	 * free host port, returned in RunResult.ports. Pair with `detach` for a server.
	 */
	readonly publish?: readonly number[];
	/** Keep a finished container (default: removed after its logs are read). */
	readonly keep?: boolean;
	readonly timeoutMs?: number;
}

export interface RunResult {
	/** Undefined when `docker create` failed (see stderr). */
	readonly id?: string;
	/** The container's exit code; undefined for a detached container or a failed create. */
	readonly exitCode?: number;
	/** What the attached CLI printed: the container's stdout, and its stderr plus CLI warnings. */
	readonly stdout: string;
	readonly stderr: string;
	/** `docker logs` (stdout and stderr together), e.g. "exec /bin/sh: exec format error". */
	readonly logs: string;
	/** The engine's create warnings, e.g. the platform mismatch one. */
	readonly warnings: readonly string[];
	/** Container port → host port on 127.0.0.1, for `publish`. */
	readonly ports: Readonly<Record<number, number>>;
}

export interface PushOptions {
	/** Repository under the local registry (default thebtf/chatmock). */
	readonly repo?: string;
	readonly tag?: string;
	/** Which platforms the tag lists (default all five). */
	readonly platforms?: readonly string[];
}

/** A handle on the running engine, registry and images; state changes are written back for teardown. */
export class Harness {
	constructor(private readonly state: HarnessState) {}

	get socketPath(): string {
		return this.state.socketPath;
	}

	/** For DOCKER_HOST, e.g. when spawning the doctor: the harness's private engine, never the machine's. */
	get dockerHost(): string {
		return `unix://${this.state.socketPath}`;
	}

	/** The Linux bridge of the engine's default network and its gateway address (e.g. 172.31.254.1). */
	get bridge(): {readonly name: string; readonly gateway: string} {
		const bridge = this.state.bridge;
		if (bridge === undefined) throw new Error('setup did not create the bridge');
		return {name: bridge.name, gateway: bridge.cidr.split('/')[0] ?? ''};
	}

	/** A TCP port free on 127.0.0.1 right now, e.g. for `-p 127.0.0.1:<port>:8000` or a local sshd. */
	async freePort(): Promise<number> {
		return freePort();
	}

	/** Host port (on 127.0.0.1) a container's port is published on, or undefined. */
	async publishedPort(container: string, port: number): Promise<number | undefined> {
		const answer = await this.docker(['port', container, `${port}/tcp`], {allowFailure: true});
		const match = /:(\d+)\s*$/m.exec(answer.stdout);
		return match?.[1] === undefined ? undefined : Number(match[1]);
	}

	/** Waits until a URL answers 2xx (e.g. http://127.0.0.1:<published>/health). */
	async waitForHttp(url: string, timeoutMs = 30_000): Promise<void> {
		await waitUntil(`GET ${url}`, async () => httpOk(url, 1000), timeoutMs, 200);
	}

	/** 127.0.0.1:<port> */
	get registryHost(): string {
		return this.registry().host;
	}

	/** <registry>/thebtf/chatmock:latest with all five platforms. */
	get multiPlatformRef(): string {
		if (this.state.multiPlatformRef === undefined) throw new Error('setup did not push the multi-platform tag');
		return this.state.multiPlatformRef;
	}

	get images(): Readonly<Record<ImageArch, LocalImage>> {
		if (this.state.images === undefined) throw new Error('setup did not build the images');
		return this.state.images;
	}

	get managed(): boolean {
		return this.state.managed;
	}

	/** binfmt_misc as found before setup (after mounting it). */
	get baselineBinfmt(): BinfmtSnapshot {
		return this.state.binfmt.baseline;
	}

	/** Own docker CLI config folder (DOCKER_CONFIG) for anything a test runs itself. */
	get dockerConfigDir(): string {
		return join(this.state.dir, 'docker-config');
	}

	get cli(): CliTarget {
		return {socketPath: this.state.socketPath, configDir: this.dockerConfigDir};
	}

	/** Environment for a child (the doctor): our engine, our CLI config, no context. */
	childEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
		const env: NodeJS.ProcessEnv = {...process.env, DOCKER_HOST: this.dockerHost, DOCKER_CONFIG: this.dockerConfigDir, ...extra};
		delete env.DOCKER_CONTEXT;
		return env;
	}

	/**
	 * Environment for the doctor run from its sources (runDoctor): childEnv, tsx pointed at the
	 * project's tsconfig.json (it looks in the working folder, a temporary one), and without
	 * NODE_TEST_CONTEXT, which belongs to this test run and not to the doctor's.
	 */
	doctorEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
		const env = this.childEnv({TSX_TSCONFIG_PATH: join(PROJECT_ROOT, 'tsconfig.json'), ...extra});
		delete env.NODE_TEST_CONTEXT;
		return env;
	}

	async docker(args: readonly string[], options?: CliOptions): Promise<ExecResult> {
		return docker(this.cli, args, options);
	}

	async engineJson<T>(path: string): Promise<T> {
		return engineJson<T>(this.state.socketPath, path);
	}

	async ping(): Promise<boolean> {
		return pingEngine(this.state.socketPath);
	}

	/** For the "daemon stopped" scenario: stops the harness's own engine (the only one it ever runs). */
	async stopEngine(): Promise<void> {
		await haltEngine(this.engine());
	}

	/** Starts our dockerd again with the same folders and bridge, so images survive. No-op when it answers. */
	async startEngine(): Promise<void> {
		if (await this.ping()) return;
		const engine = this.engine();
		this.state.engine = await launchEngine(engine.dir, engine.bridge, engine.createdPaths, engine.storage);
		saveState(this.state);
	}

	async restartEngine(): Promise<void> {
		await this.stopEngine();
		await this.startEngine();
	}

	async stopRegistry(): Promise<void> {
		await haltRegistry(this.registry());
	}

	/** Same port and storage as before, so pushed references stay valid. */
	async startRegistry(): Promise<void> {
		const registry = this.registry();
		if (await registryAlive(registry)) return;
		this.state.registry = await launchRegistry(registry.dir, registry.port);
		saveState(this.state);
	}

	/**
	 * Pushes the per-arch images as <registry>/<repo>:<tag>-<key> and a manifest list
	 * <registry>/<repo>:<tag> naming them. Returns that reference.
	 */
	async pushMultiPlatform(options: PushOptions = {}): Promise<string> {
		const base = `${this.registryHost}/${options.repo ?? 'thebtf/chatmock'}`;
		const ref = `${base}:${options.tag ?? 'latest'}`;
		const platforms = (options.platforms ?? PLATFORMS.map(p => p.key)).map(arch => platformOf(arch));
		const parts = platforms.map(platform => ({platform, ref: `${ref}-${platform.key}`}));
		await Promise.all(
			parts.map(async part => {
				await this.ensureLocalImage(part.platform.key);
				await this.docker(['tag', this.images[part.platform.key].ref, part.ref]);
				this.rememberSetupRef(part.ref);
				await this.docker(['push', part.ref], {timeoutMs: 120_000});
			}),
		);
		// Explicit annotations: the CLI does not always carry the variant over from the config.
		await this.docker(['manifest', 'create', '--insecure', '--amend', ref, ...parts.map(part => part.ref)]);
		for (const part of parts) {
			const {architecture, variant} = part.platform;
			await this.docker(['manifest', 'annotate', '--os', 'linux', '--arch', architecture, ...(variant ? ['--variant', variant] : []), ref, part.ref]);
		}
		await this.docker(['manifest', 'push', '--insecure', '--purge', ref], {timeoutMs: 120_000});
		saveState(this.state);
		return ref;
	}

	/**
	 * Puts one per-arch image into the engine under `ref` (e.g. ghcr.io/thebtf/chatmock:latest
	 * as arm64, so the doctor finds a wrong-arch ChatMock). Undone before the next test file.
	 */
	async loadImage(arch: string, ref: string): Promise<string> {
		const platform = platformOf(arch);
		const id = await this.ensureLocalImage(platform.key);
		const previousId = await imageId(this.cli, ref);
		if (!this.state.tags.some(tag => tag.ref === ref)) this.state.tags.push({ref, ...(previousId === undefined || previousId === id ? {} : {previousId})});
		saveState(this.state);
		await this.docker(['tag', this.images[platform.key].ref, ref]);
		return id;
	}

	async runContainer(ref: string, options: RunContainerOptions = {}): Promise<RunResult> {
		const create = [
			'create',
			'--label',
			CONTAINER_LABEL,
			...(options.name === undefined ? [] : ['--name', options.name]),
			...(options.platform === undefined ? [] : ['--platform', options.platform]),
			...(options.publish ?? []).flatMap(port => ['--publish', `127.0.0.1::${port}`]),
			...Object.entries(options.env ?? {}).flatMap(([key, value]) => ['--env', `${key}=${value}`]),
			ref,
			...(options.cmd ?? []),
		];
		const created = await this.docker(create, {allowFailure: true, timeoutMs: 60_000});
		const warnings = created.stderr
			.split('\n')
			.filter(line => line.startsWith('WARNING:'))
			.map(line => line.replace(/^WARNING:\s*/, ''));
		const id = created.code === 0 ? created.stdout.trim().split('\n').at(-1) : undefined;
		if (id === undefined) return {stdout: created.stdout, stderr: created.stderr, logs: '', warnings, ports: {}};
		if (options.detach) {
			const started = await this.docker(['start', id], {allowFailure: true});
			const ports: Record<number, number> = {};
			for (const port of options.publish ?? []) {
				const hostPort = await this.publishedPort(id, port);
				if (hostPort !== undefined) ports[port] = hostPort;
			}
			return {id, stdout: started.stdout, stderr: created.stderr + started.stderr, logs: '', warnings, ports};
		}
		const timeoutMs = options.timeoutMs ?? 60_000;
		const attached = await this.docker(['start', '--attach', id], {allowFailure: true, timeoutMs}).catch(async (error: unknown) => {
			await this.docker(['rm', '--force', '--volumes', id], {allowFailure: true});
			throw error;
		});
		const logs = await this.docker(['logs', id], {allowFailure: true});
		const state = await this.docker(['inspect', '--format', '{{.State.ExitCode}}', id], {allowFailure: true});
		// --volumes: the stand-in declares VOLUME /data, so every container gets an anonymous volume.
		if (!options.keep) await this.docker(['rm', '--force', '--volumes', id], {allowFailure: true});
		return {
			id,
			exitCode: state.code === 0 ? Number(state.stdout.trim()) : attached.code,
			stdout: attached.stdout,
			stderr: created.stderr + attached.stderr,
			logs: logs.stdout + logs.stderr,
			warnings,
			ports: {},
		};
	}

	/** Removes every container the harness created. */
	async removeContainers(): Promise<void> {
		const listed = await this.docker(['ps', '--all', '--quiet', '--filter', `label=${CONTAINER_LABEL}`], {allowFailure: true});
		const ids = listed.stdout.split('\n').filter(line => line.trim() !== '');
		if (ids.length > 0) await this.docker(['rm', '--force', '--volumes', ...ids], {allowFailure: true});
	}

	/** Removes every volume no container uses (the engine is the harness's own: all of them are test leftovers). */
	async removeVolumes(): Promise<void> {
		const listed = await this.docker(['volume', 'ls', '--quiet', '--filter', 'dangling=true'], {allowFailure: true});
		const names = listed.stdout.split('\n').filter(line => line.trim() !== '');
		if (names.length > 0) await this.docker(['volume', 'rm', ...names], {allowFailure: true});
	}

	/** Removes untagged images (e.g. the build stage of a multi-stage `docker build`), unless a container uses them. */
	async removeDanglingImages(): Promise<void> {
		const listed = await this.docker(['image', 'ls', '--quiet', '--filter', 'dangling=true'], {allowFailure: true});
		const ids = [...new Set(listed.stdout.split('\n').filter(line => line.trim() !== ''))];
		if (ids.length > 0) await this.docker(['rmi', ...ids], {allowFailure: true});
	}

	/** Back to binfmt_misc as found before setup (binfmt_misc itself stays mounted). */
	async restoreBaselineBinfmt(): Promise<void> {
		await restoreBinfmt(this.state.binfmt.baseline);
	}

	/** The per-arch image, loaded again from its archive if a test removed it. Returns its ID. */
	async ensureLocalImage(key: ImageArch): Promise<string> {
		const image = this.images[key];
		const id = await imageId(this.cli, image.ref);
		if (id !== undefined) return id;
		await this.docker(['load', '--input', image.archive], {timeoutMs: 120_000});
		return (await imageId(this.cli, image.ref)) ?? image.id;
	}

	private rememberSetupRef(ref: string): void {
		if (!this.state.setupRefs.includes(ref)) this.state.setupRefs.push(ref);
	}

	private engine(): NonNullable<HarnessState['engine']> {
		if (this.state.engine === undefined) throw new Error('setup did not start the engine');
		return this.state.engine;
	}

	private registry(): NonNullable<HarnessState['registry']> {
		if (this.state.registry === undefined) throw new Error('setup did not start the registry');
		return this.state.registry;
	}
}
