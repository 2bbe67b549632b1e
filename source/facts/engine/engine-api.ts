/**
 * The Engine API as the probes, the fixer and snapshot/replay see it. Every call has its own
 * deadline and honours an AbortSignal; no method throws: each returns a typed result.
 * The live implementation is `connectDocker` (docker-connector.ts); tests and replays bring their own.
 */

export type EngineErrorCode =
	/** ENOENT / ECONNREFUSED / host not found: nothing answers at the endpoint. */
	| 'unreachable'
	/** EACCES / EPERM on the socket. */
	| 'eacces'
	/** The call's deadline (or a pull's stall deadline) passed. */
	| 'timeout'
	/** The caller's AbortSignal fired. */
	| 'aborted'
	/** HTTP 404: no such image / container / manifest. */
	| 'not-found'
	/** HTTP 409: e.g. an image used by a container. */
	| 'conflict'
	/** HTTP 401/403 from the registry behind /distribution or a pull. */
	| 'unauthorized'
	/** Any other HTTP status. */
	| 'http'
	/** The endpoint cannot be used (malformed host, ssh support missing). */
	| 'bad-endpoint'
	/** A pull stream carried {error} or ended without its final `Status:` line; garbled answers. */
	| 'protocol'
	| 'error';

/**
 * What happened, in the words a finding needs: nothing at the address, a refusal, no connection in
 * time, a connection but no answer in time, TLS, an HTTP error (with dockerd's message), or an
 * answer that is not a Docker engine's at all (an HTML page, JSON that does not parse or nests absurdly).
 */
export type EngineFailureCause = 'missing' | 'refused' | 'unresolved' | 'connect-timeout' | 'answer-timeout' | 'tls' | 'http' | 'not-an-engine';

export interface EngineError {
	readonly code: EngineErrorCode;
	readonly cause?: EngineFailureCause;
	/** The engine's own message when it gave one (already one line, not sanitized for screens). */
	readonly message: string;
	readonly status?: number;
	/** Node's errno code (ECONNREFUSED, EACCES, …) when the failure came from the socket. */
	readonly errno?: string;
}

export type EngineResult<T> = {readonly ok: true; readonly value: T} | {readonly ok: false; readonly error: EngineError};

export interface CallOptions {
	/** Deadline of this call in ms; default: the connector's timeoutMs (3000). */
	readonly timeoutMs?: number;
	readonly signal?: AbortSignal;
}

export interface PingResult {
	/** Api-Version header: the engine's newest API version. */
	readonly apiVersion?: string;
	/** Ostype header: linux | windows. */
	readonly osType?: string;
	/** Libpod-Api-Version header: present on Podman. */
	readonly libpodApiVersion?: string;
	readonly experimental?: boolean;
	readonly builderVersion?: string;
}

/** A row of GET /images/json (no architecture there: inspect for it). */
export interface ImageSummary {
	readonly id: string;
	readonly repoTags: readonly string[];
	readonly repoDigests: readonly string[];
	readonly created?: number;
	readonly size?: number;
}

/** The parts of GET /images/{name}/json the doctor uses. */
export interface ImageInspect {
	readonly id: string;
	readonly repoTags: readonly string[];
	readonly repoDigests: readonly string[];
	readonly os: string;
	readonly architecture: string;
	readonly variant?: string;
	readonly created?: string;
}

/** A row of GET /containers/json. */
export interface ContainerSummary {
	readonly id: string;
	/** Without the leading slash. */
	readonly names: readonly string[];
	readonly image: string;
	readonly imageId?: string;
	readonly state: string;
	readonly status?: string;
}

/** The parts of GET /containers/{id}/json the doctor uses. Config.Env is never kept (privacy). */
export interface ContainerInspect {
	readonly id: string;
	/** Without the leading slash. */
	readonly name: string;
	/** Config.Image: the reference it was created from. */
	readonly image: string;
	/** Image: the image ID. */
	readonly imageId?: string;
	readonly platform?: string;
	readonly state: {
		readonly status: string;
		readonly running: boolean;
		readonly restarting: boolean;
		readonly oomKilled: boolean;
		readonly exitCode?: number;
		readonly error?: string;
		readonly startedAt?: string;
		readonly finishedAt?: string;
		readonly health?: string;
	};
	readonly restartCount?: number;
	/** NetworkSettings.Ports: "8000/tcp" → host bindings ("0.0.0.0:8000"); null entries = exposed, not published. */
	readonly ports: Readonly<Record<string, readonly string[]>>;
}

export interface DistributionPlatform {
	readonly os: string;
	readonly architecture: string;
	readonly variant?: string;
}

/** GET /distribution/{name}/json */
export interface DistributionInfo {
	readonly digest?: string;
	readonly mediaType?: string;
	/** As the registry lists them, attestation entries (unknown/unknown) included. */
	readonly platforms: readonly DistributionPlatform[];
}

/** One event of a pull's JSON stream. */
export interface PullProgress {
	readonly id?: string;
	readonly status: string;
	readonly current?: number;
	readonly total?: number;
}

export interface PullOptions {
	readonly onProgress?: (event: PullProgress) => void;
	readonly signal?: AbortSignal;
	/** Fail with 'timeout' when no event arrives for this long (default 60 s); a pull has no total deadline. */
	readonly stallMs?: number;
}

export interface PullOutcome {
	/** The final `Status: …` line ("Status: Downloaded newer image for …" / "Status: Image is up to date for …"). */
	readonly status: string;
	readonly digest?: string;
}

export interface VerifyRunOptions extends CallOptions {
	/** os/arch[/variant]: ask the engine for that platform of the image (API ≥ 1.41). */
	readonly platform?: string;
	/** Replaces the image's entrypoint; default ['uname', '-m']. */
	readonly command?: readonly string[];
}

export interface VerifyRunResult {
	/** First line of the output, trimmed, when the command exited 0 (uname -m: aarch64, armv7l, x86_64). */
	readonly machine?: string;
	readonly exitCode: number;
	/** The create call's Warnings[] (the platform-mismatch warning lives here; dockerode drops it). */
	readonly warnings: readonly string[];
	/** stdout and stderr lines, demultiplexed, in order. */
	readonly output: readonly string[];
}

export interface RemovedImage {
	readonly untagged?: string;
	readonly deleted?: string;
}

export interface EngineApi {
	/** The endpoint URL this client talks to (unix:///var/run/docker.sock, tcp://…). */
	readonly endpoint: string;
	/** The API version the client is pinned to after negotiation ('1.41'); undefined before the first ping/version. */
	readonly apiVersion: string | undefined;

	/** GET /_ping; negotiates the API version from its Api-Version header. */
	ping(options?: CallOptions): Promise<EngineResult<PingResult>>;
	/** GET /version, raw JSON; negotiates the API version when ping did not. */
	version(options?: CallOptions): Promise<EngineResult<Readonly<Record<string, unknown>>>>;
	/** GET /info, raw JSON. */
	info(options?: CallOptions): Promise<EngineResult<Readonly<Record<string, unknown>>>>;

	/** GET /images/json with `reference` filters, matched in the engine (an empty list returns nothing). */
	listImages(referenceFilters: readonly string[], options?: CallOptions): Promise<EngineResult<readonly ImageSummary[]>>;
	inspectImage(nameOrId: string, options?: CallOptions): Promise<EngineResult<ImageInspect>>;
	/** GET /containers/json with engine-side filters (ancestor, name, …). */
	listContainers(filters: Readonly<Record<string, readonly string[]>>, all: boolean, options?: CallOptions): Promise<EngineResult<readonly ContainerSummary[]>>;
	inspectContainer(id: string, options?: CallOptions): Promise<EngineResult<ContainerInspect>>;
	/** The last `tail` lines of stdout+stderr, demultiplexed, raw (the caller sanitizes). */
	containerLogs(id: string, tail: number, options?: CallOptions): Promise<EngineResult<readonly string[]>>;
	/** GET /distribution/{name}/json (API ≥ 1.30): the registry's manifest list, without pulling. */
	distribution(ref: string, options?: CallOptions): Promise<EngineResult<DistributionInfo>>;

	/** POST /images/create for one tag and platform; scans every event for errors and requires the final Status line. */
	pull(ref: string, platform: string, options?: PullOptions): Promise<EngineResult<PullOutcome>>;
	/** Throwaway run: create (entrypoint overridden, no network) + start + wait + logs + remove. */
	verifyRun(ref: string, options?: VerifyRunOptions): Promise<EngineResult<VerifyRunResult>>;
	/** DELETE /images/{id}: never forced, never touches volumes; untagged parents are pruned. */
	removeImage(nameOrId: string, options?: CallOptions & {readonly noprune?: boolean}): Promise<EngineResult<readonly RemovedImage[]>>;
	/** POST /images/{source}/tag */
	tagImage(source: string, repo: string, tag: string, options?: CallOptions): Promise<EngineResult<void>>;
}

/** TLS material for a tcp:// endpoint: passed to the client only, never put in facts. */
export interface EndpointTls {
	readonly ca?: Buffer;
	readonly cert?: Buffer;
	readonly key?: Buffer;
	/** DOCKER_TLS_VERIFY=1 / a context without SkipTLSVerify: check the server's certificate. */
	readonly verify: boolean;
}

/** Where the engine is, as resolved the way the docker CLI does (endpoint.ts). */
export interface ResolvedEndpoint {
	/** unix:///var/run/docker.sock, tcp://host:2376, ssh://user@host, npipe:////./pipe/docker_engine */
	readonly host: string;
	readonly reason: string;
	readonly context?: string;
	/** Present for tcp:// with TLS (DOCKER_TLS_VERIFY / DOCKER_CERT_PATH / a context's tls folder). */
	readonly tls?: EndpointTls;
}

export interface ConnectOptions {
	/** Default deadline of each call, ms. */
	readonly timeoutMs: number;
	/** Aborts every call of this client. */
	readonly signal?: AbortSignal;
}

/** Makes a client for an endpoint; fails (never throws) on an endpoint it cannot use. */
export type EngineConnector = (endpoint: ResolvedEndpoint, options: ConnectOptions) => EngineResult<EngineApi>;

export const DEFAULT_ENGINE_TIMEOUT_MS = 3000;
