import type {CallOptions, EngineApi, EngineResult} from './engine-api.js';

/**
 * The container lifecycle the fixer needs to recreate a container: raw enough to carry every
 * setting across, and nothing that destroys: remove is never forced and never takes volumes.
 * A separate interface from EngineApi, so recorded/replayed engines (which cannot fix) need not
 * fake it; `hasContainerOps` tells whether a client can.
 */

/** The parts of an image's config a new container inherits (to tell the user's settings from the image's). */
export interface ImageConfig {
	readonly id: string;
	readonly os: string;
	readonly architecture: string;
	readonly variant?: string;
	readonly entrypoint?: readonly string[];
	readonly cmd?: readonly string[];
	readonly env: readonly string[];
	readonly labels: Readonly<Record<string, string>>;
	/** VOLUME paths. */
	readonly volumes: readonly string[];
	readonly exposedPorts: readonly string[];
	readonly user?: string;
	readonly workingDir?: string;
	readonly healthcheck?: unknown;
	readonly stopSignal?: string;
	readonly repoTags: readonly string[];
}

export interface MountPoint {
	readonly type: string;
	/** Volume name (named or anonymous); absent for binds. */
	readonly name?: string;
	readonly source: string;
	readonly destination: string;
	readonly rw: boolean;
}

/**
 * A container as it was made: Config/HostConfig/Networks kept raw (Env included: it is copied to
 * the new container, never shown or stored).
 */
export interface ContainerSpec {
	readonly id: string;
	readonly name: string;
	readonly image: string;
	readonly imageId: string;
	readonly platform?: string;
	readonly config: Readonly<Record<string, unknown>>;
	readonly hostConfig: Readonly<Record<string, unknown>>;
	readonly networks: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
	readonly mounts: readonly MountPoint[];
	readonly labels: Readonly<Record<string, string>>;
	readonly state: {
		readonly status: string;
		readonly running: boolean;
		readonly restarting: boolean;
		readonly exitCode?: number;
		readonly error?: string;
		readonly health?: string;
		readonly startedAt?: string;
	};
	readonly restartCount: number;
	/** "8000/tcp" → ["0.0.0.0:8080"]: live bindings, or the configured ones of a stopped container. */
	readonly ports: Readonly<Record<string, readonly string[]>>;
}

export interface CreateOptions extends CallOptions {
	readonly name?: string;
	readonly platform?: string;
}

/** A short run of an image as it is (its own entrypoint and command), to see whether it starts. */
export interface TrialRunOptions extends CallOptions {
	readonly platform?: string;
	/** How long it must stay up to count as started (default 3 s). */
	readonly windowMs?: number;
	/** Overrides the entrypoint (tests, diagnostics); default: the image's own. */
	readonly command?: readonly string[];
}

export interface TrialRun {
	/** Exit code when it exited inside the window. */
	readonly exitCode?: number;
	/** Still running when the window closed (then stopped). */
	readonly running: boolean;
	/** The engine's State.Error or the start call's error (exec format error lives here on some runtimes). */
	readonly error?: string;
	readonly warnings: readonly string[];
	/** stdout and stderr lines, raw. */
	readonly output: readonly string[];
}

/** A command run inside a running container (docker exec), its output read whole. */
export interface ExecResult {
	/** undefined when the engine no longer knows the exec (some engines drop one that failed to start). */
	readonly exitCode?: number;
	/** stdout and stderr lines, raw; a command that could not start carries the runtime's reason here. */
	readonly output: readonly string[];
}

export interface ContainerOps {
	inspectImageConfig(nameOrId: string, options?: CallOptions): Promise<EngineResult<ImageConfig>>;
	inspectContainerSpec(idOrName: string, options?: CallOptions): Promise<EngineResult<ContainerSpec>>;
	createContainer(body: Readonly<Record<string, unknown>>, options?: CreateOptions): Promise<EngineResult<{readonly id: string; readonly warnings: readonly string[]}>>;
	startContainer(id: string, options?: CallOptions): Promise<EngineResult<void>>;
	/** Stops with the engine's grace period (`t` seconds) before SIGKILL; 304 (already stopped) is success. */
	stopContainer(id: string, options?: CallOptions & {readonly graceS?: number}): Promise<EngineResult<void>>;
	renameContainer(id: string, name: string, options?: CallOptions): Promise<EngineResult<void>>;
	/** DELETE without force and without v: a running container or its volumes are never taken. */
	removeContainer(id: string, options?: CallOptions): Promise<EngineResult<void>>;
	/** Blocks until the container exits (or the deadline: code 'timeout'). */
	waitContainer(id: string, options?: CallOptions): Promise<EngineResult<{readonly exitCode: number}>>;
	connectNetwork(network: string, containerId: string, endpointConfig: Readonly<Record<string, unknown>>, options?: CallOptions): Promise<EngineResult<void>>;
	trialRun(ref: string, options?: TrialRunOptions): Promise<EngineResult<TrialRun>>;
	/** Runs a command inside a running container (no tty, no stdin) and waits for it to end. */
	execInContainer(id: string, command: readonly string[], options?: CallOptions): Promise<EngineResult<ExecResult>>;
}

export type FixCapableEngine = EngineApi & ContainerOps;

export function hasContainerOps(engine: EngineApi): engine is FixCapableEngine {
	const candidate = engine as Partial<ContainerOps>;
	return typeof candidate.trialRun === 'function' && typeof candidate.createContainer === 'function';
}
