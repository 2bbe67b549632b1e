import type {Fact, Source} from './fact.js';

/** The ELF header of a userland binary (/bin/sh): what the userland was built for. */
export interface ElfInfo {
	readonly bits: 32 | 64;
	/** e_machine as a name: 'arm', 'aarch64', 'x86-64', 'i386', 'ppc64', 'riscv', 's390', 'loongarch', 'mips', or 'unknown:0xNN'. */
	readonly machine: string;
	readonly littleEndian: boolean;
}

export interface OsRelease {
	readonly id?: string;
	readonly idLike?: string;
	readonly versionId?: string;
	readonly versionCodename?: string;
	readonly prettyName?: string;
}

/** A decoded Raspberry Pi revision code (new-style codes only carry these fields). */
export interface PiRevision {
	readonly code: string;
	/** 'BCM2835' | 'BCM2836' | 'BCM2837' | 'BCM2711' | 'BCM2712' | undefined for old-style codes that imply BCM2835. */
	readonly processor: string;
	/** e.g. 'Zero W', '3B', '4B', '5'. */
	readonly type?: string;
	readonly memoryMb?: number;
	readonly newStyle: boolean;
}

export type WslKind = 'none' | 'wsl1' | 'wsl2';
export type OsKind = 'linux' | 'darwin' | 'windows';

/** Facts about the machine the doctor looks at. Each one optional: absent = unknown. */
export interface HostFacts {
	/** uname -m: aarch64, armv7l, armv6l, x86_64, i686, ppc64le, arm64 (macOS), … */
	readonly kernelMachine?: Fact<string>;
	/** uname -r */
	readonly kernelRelease?: Fact<string>;
	/** uname -s: Linux, Darwin, Windows_NT */
	readonly kernelName?: Fact<string>;
	/** /proc/version */
	readonly procVersion?: Fact<string>;

	/** ELF header of /bin/sh (or another userland binary). */
	readonly userlandElf?: Fact<ElfInfo>;
	/** dpkg --print-architecture: armhf, armel, arm64, amd64, i386, … */
	readonly dpkgArch?: Fact<string>;
	/** LONG_BIT: the ELF class of /bin/sh, else getconf LONG_BIT (or a pasted one). */
	readonly longBit?: Fact<32 | 64>;
	/** Node's process.arch: what this Node binary was built for (x64 under Rosetta on an M1). */
	readonly nodeArch?: Fact<string>;
	/** Node's process.platform */
	readonly nodePlatform?: Fact<string>;
	/** macOS sysctl.proc_translated: true when this process runs under Rosetta. */
	readonly rosettaTranslated?: Fact<boolean>;
	/** macOS hw.optional.arm64: true on Apple Silicon, even under Rosetta. */
	readonly arm64Capable?: Fact<boolean>;

	/** Human CPU model: x86 "model name", lscpu "Model name", macOS brand string, ARM part name. */
	readonly cpuModel?: Fact<string>;
	/** ARM /proc/cpuinfo "CPU architecture" of the first core: "6TEJ", "7", "8", "AArch64". */
	readonly cpuArchitecture?: Fact<string>;
	/** ARM /proc/cpuinfo "model name"/"Processor" of the first core: "ARMv6-compatible processor rev 7 (v6l)". */
	readonly cpuArmModelName?: Fact<string>;
	/** /proc/cpuinfo "Hardware" (BCM2835 on every Pi, so it only says "a Pi"). */
	readonly cpuHardware?: Fact<string>;
	/** x86 "flags" / ARM "Features" of the first core. */
	readonly cpuFlags?: Fact<readonly string[]>;
	/** ARM "CPU implementer" and "CPU part" of the first core, as written (0x41, 0xd08). */
	readonly cpuImplementer?: Fact<string>;
	readonly cpuPart?: Fact<string>;
	readonly cpuCount?: Fact<number>;
	/** The kernel architecture as /proc/cpuinfo's shape implies it (s390x, ppc64le, riscv64, loongarch64, i686 from a 32-bit x86 kernel's fdiv_bug lines, x86_64). */
	readonly machineHint?: Fact<string>;
	/** Memory page size in bytes (AT_PAGESZ in /proc/self/auxv, else getconf PAGESIZE; 16384 on a Pi 5 with kernel_2712). */
	readonly pageSize?: Fact<number>;

	readonly osKind?: Fact<OsKind>;
	readonly osRelease?: Fact<OsRelease>;
	/** macOS product version (sw_vers) or Windows build, when known. */
	readonly osVersion?: Fact<string>;
	/** /proc/device-tree/model: "Raspberry Pi 4 Model B Rev 1.4" */
	readonly boardModel?: Fact<string>;
	/** cpuinfo "Revision" of a Raspberry Pi, decoded. */
	readonly piRevision?: Fact<PiRevision>;

	readonly wsl?: Fact<WslKind>;
	readonly wslDistro?: Fact<string>;
	/** An architecture a person named in prose ("This NAS has armv7l.", "a Marvell Kirkwood"): weak, read only when nothing else says. */
	readonly mentionedMachine?: Fact<string>;
	/** A board a person named in prose ("Raspberry Pi Zero W"): weak, like mentionedMachine. */
	readonly mentionedBoard?: Fact<string>;
	/** The container runtime the doctor itself runs in ('docker', 'podman', 'lxc', 'container'), or false. */
	readonly inContainer?: Fact<string | false>;
}

/** What the Docker (or Podman) engine says of itself, from /version and /info or pasted `docker info`/`docker version`. */
export interface EngineFacts {
	/** /info OSType (dockerd's GOOS): linux | windows */
	readonly osType?: Fact<string>;
	/** /info Architecture: the uname machine of the daemon host (aarch64, x86_64). */
	readonly infoArchitecture?: Fact<string>;
	/** /version Arch: dockerd's GOARCH (arm64, arm, amd64, 386). The default platform follows this. */
	readonly versionArch?: Fact<string>;
	/** /version Os: dockerd's GOOS */
	readonly versionOs?: Fact<string>;
	/** /info OperatingSystem: "Docker Desktop", "Ubuntu 22.04.5 LTS", "OrbStack", … */
	readonly operatingSystem?: Fact<string>;
	readonly kernelVersion?: Fact<string>;
	/** /info Name (hostname of the engine's machine: docker-desktop, colima, orbstack, …) */
	readonly name?: Fact<string>;
	readonly serverVersion?: Fact<string>;
	readonly apiVersion?: Fact<string>;
	readonly minApiVersion?: Fact<string>;
	/** /version Platform.Name: "Docker Desktop 4.19.0 (106363)", "Docker Engine - Community" */
	readonly platformName?: Fact<string>;
	/** /version Components[].Name: "Engine", "containerd", "Podman Engine", … */
	readonly components?: Fact<readonly string[]>;
	readonly securityOptions?: Fact<readonly string[]>;
	readonly driver?: Fact<string>;
	/** The docker client's OS/Arch from `docker version` (darwin/arm64), when pasted. */
	readonly clientOsArch?: Fact<string>;
	/** The docker CLI context named in a paste (`Context: colima`). */
	readonly context?: Fact<string>;
	/** Podman's `host.arch` etc. set this to 'podman' directly. */
	readonly productHint?: Fact<string>;
	/** /_ping carried a Libpod-Api-Version header (Podman). */
	readonly libpodApi?: Fact<boolean>;
}

/** How the doctor reached (or failed to reach) the engine. */
export interface EndpointFacts {
	/** unix:///var/run/docker.sock, tcp://…, ssh://…, npipe://… */
	readonly host: string;
	/** Why this endpoint: 'flag --host', 'DOCKER_HOST', 'context colima (DOCKER_CONTEXT)', 'default', … */
	readonly reason: string;
	readonly context?: string;
	/** Well-known sockets that exist, offered as hints when the chosen one is dead. */
	readonly alternatives: readonly {readonly host: string; readonly product: string}[];
}

export type EngineFailureCode = 'docker.unreachable' | 'docker.eacces' | 'docker.timeout' | 'docker.api-too-old' | 'docker.wsl-integration-disabled' | 'docker.bad-endpoint' | 'docker.error';

export interface EngineFailure {
	readonly code: EngineFailureCode;
	/** What happened at the endpoint, when known (refused, timed out before or after accept, TLS, HTTP, not an engine). */
	readonly cause?: import('./engine/engine-api.js').EngineFailureCause;
	readonly message: string;
	readonly endpoint?: string;
	readonly source: Source;
}

export interface BinfmtHandler {
	/** Entry name: qemu-aarch64, qemu-arm, rosetta, WSLInterop, … */
	readonly name: string;
	readonly enabled: boolean;
	readonly interpreter?: string;
	readonly flags: string;
	/** The architecture it runs, normalised for Docker: arm64, arm, amd64, 386, ppc64le, … ; undefined if not an emulator. */
	readonly arch?: string;
	/** Only its name was seen (a pasted listing of binfmt_misc): registered, its state and flags unknown. */
	readonly nameOnly?: boolean;
	readonly source: Source;
}

export interface EmulationFacts {
	/** 'binfmt' = read from binfmt_misc on a local Linux engine; 'docker-desktop' = built in; 'unknown' = remote, not readable. */
	readonly kind: 'binfmt' | 'docker-desktop' | 'unknown';
	readonly handlers: readonly BinfmtHandler[];
	/** Docker Desktop's "Use Rosetta for x86_64/amd64 emulation" when known. */
	readonly rosetta?: boolean;
	/** Some handlers were seen, not necessarily all (a paste): a handler missing here is not evidence that none is registered. */
	readonly partial?: boolean;
	readonly note?: string;
}

export interface ImageFact {
	readonly ref: string;
	readonly id: string;
	readonly os: string;
	readonly architecture: string;
	readonly variant?: string;
	readonly source: Source;
}

export interface ContainerFact {
	readonly id: string;
	readonly name: string;
	readonly image: string;
	readonly imageId?: string;
	readonly state: string;
	readonly exitCode?: number;
	readonly restartCount?: number;
	readonly health?: string;
	/** Host ports that map container port 8000. */
	readonly port8000?: readonly string[];
	/** The last lines of its logs (already stripped of control sequences by the probe). */
	readonly logTail: readonly string[];
	readonly source: Source;
	/** How it was made (compose labels or `docker run`), when the engine could be asked in full. */
	readonly origin?: ContainerOrigin;
}

/** How a container was made, so a finding can say how to make it again. */
export type ContainerOrigin =
	| {
			readonly kind: 'compose';
			readonly project: string;
			readonly service: string;
			readonly workingDir?: string;
			readonly configFiles: readonly string[];
			/** The compose command line this machine has, when one answered. */
			readonly cli?: 'docker compose' | 'docker-compose';
	  }
	| {
			readonly kind: 'run';
			/** An equivalent `docker run -d --name … IMAGE` without --platform and without env; absent when it cannot be rebuilt (--rm). */
			readonly command?: string;
			/** How many env variables the container set beyond its image's: their names and values are never kept (reports are shared). */
			readonly ownEnv?: number;
	  };

export interface PublishedFacts {
	readonly ref: string;
	readonly platforms: readonly string[];
	readonly source: 'registry' | 'built-in';
	/** Why the registry was not used, when source is built-in. */
	readonly fallbackReason?: string;
}

export type SignalKind =
	| 'exec-format-error' // "exec /app/start.sh: exec format error"
	| 'no-matching-manifest' // "no matching manifest for linux/arm/v8 in the manifest list entries"
	| 'platform-mismatch-warning' // "The requested image's platform (linux/amd64) does not match the detected host platform (linux/arm64/v8)"
	| 'wsl-integration-stub' // "The command 'docker' could not be found in this WSL 2 distro."
	| 'illegal-instruction' // "Illegal instruction", exit 132
	| 'segfault' // exit 139
	| 'page-size' // "<jemalloc>: Unsupported system page size"
	| 'crlf-entrypoint' // "exec /entrypoint.sh: no such file or directory"
	| 'permission-denied' // "permission denied while trying to connect to the Docker daemon socket"
	| 'daemon-unreachable' // "Cannot connect to the Docker daemon at … Is the docker daemon running?"
	| 'binfmt-no-fix-flag' // a foreign image fails "no such file or directory" because of a missing F flag
	| 'engine-platform' // a tool names the engine's platform: hello-world "(arm32v7)", Home Assistant "arch: armv7", `file dockerd`
	| 'platform-requested' // "--platform linux/arm/v7", "platform: linux/arm/v7": what a manifest error then names is the request, not the engine
	| 'emulator-failed'; // "qemu: uncaught target signal 11", "rosetta error: failed to open elf …": a foreign image ran emulated and died

/** A line of evidence seen in a paste or a container's log. */
export interface Signal {
	readonly kind: SignalKind;
	readonly source: Source;
	/** Platforms named by the line: the manifest platform asked for, or the image and host platforms of the warning. */
	readonly platform?: string;
	readonly imagePlatform?: string;
	readonly hostPlatform?: string;
	/** The emulator an emulator-failed line names: 'qemu' or 'rosetta'. */
	readonly emulator?: string;
}

export type FactsOrigin = 'live' | 'root' | 'triage' | 'snapshot';

/** Everything one run of the doctor knows. Undefined members are unknown; null engine = looked, found none. */
export interface Facts {
	readonly origin: FactsOrigin;
	readonly host: HostFacts;
	/** Engine facts when reached or pasted; null when the doctor tried and failed (see engineFailure); undefined when not looked. */
	readonly engine?: EngineFacts | null;
	readonly endpoint?: EndpointFacts;
	readonly engineFailure?: EngineFailure;
	readonly emulation?: EmulationFacts;
	/** ChatMock images present in the engine; undefined when not looked. */
	readonly images?: readonly ImageFact[];
	readonly containers?: readonly ContainerFact[];
	readonly published?: PublishedFacts;
	/** The ChatMock image reference the user runs (CHATMOCK_IMAGE, --image, compose), when known. */
	readonly chosenImage?: Fact<string>;
	readonly signals: readonly Signal[];
	/** How the host facts of a remote engine were read on its machine (--probe-host); absent when not tried. */
	readonly hostProbe?: HostProbeFacts;
	/** What could not be checked (a call timed out, a list was cut, a config did not parse): the result is partial. */
	readonly incomplete?: readonly IncompleteCheck[];
}

/** One part of the check that did not complete, and why: shown as a finding so a partial result says so. */
export interface IncompleteCheck {
	/** images, containers, published, engine; `docker-config` for a config.json that does not parse. */
	readonly part: 'engine' | 'images' | 'containers' | 'published' | 'docker-config';
	readonly message: string;
	readonly source: Source;
}

/**
 * The remote host probe: a throwaway container on a remote engine that read its machine's files
 * through a read-only mount. Said in every report, whether it read, read in part, or failed.
 */
export interface HostProbeFacts {
	/** read: every file; partial: the output was cut; failed: no host facts came from it. */
	readonly status: 'read' | 'partial' | 'failed';
	/** The image that ran, when one was chosen. */
	readonly image?: string;
	/** Why that image: 'named with --probe-image', 'a ChatMock image', 'busybox already there', 'pulled'. */
	readonly imageReason?: string;
	/** The engine's platform it ran as (os/arch). */
	readonly platform?: string;
	readonly durationMs: number;
	/** How many of the machine's files it read. */
	readonly files?: number;
	/** Why it failed or is partial. */
	readonly message?: string;
	/** The container's id when it could not be removed (never forced): the user is told to remove it. */
	readonly leftBehind?: string;
	/** What the probe did to the engine's images, in words ("pulled busybox:latest for linux/arm64 …; removed after"). */
	readonly engineChanges?: string;
	/** An image it pulled and could not remove (never forced): the user is told to remove it. */
	readonly imageLeftBehind?: string;
}
