import type {Fact, Source} from '../facts/fact.js';
import type {Facts, HostFacts} from '../facts/types.js';
import {engineProduct, runsInVm, type EngineProduct} from './engine-product.js';
import {engineWords, type EngineWord} from './engine-words.js';
import {releaseWords} from './kernel-release.js';
import {normalizeGoArch} from './platform.js';

/** A value derived from facts, with the facts it rests on. */
export interface Derived<T> {
	readonly value: T;
	readonly sources: readonly Source[];
}

export type DockerdBasis = 'engine-version' | 'engine-info' | 'engine-message' | 'vm' | 'userland' | 'kernel' | 'cpu';

/** Facts that disagree about the machine: which ones, which decides, and why. */
export interface Conflict {
	readonly what: string;
	readonly decides: string;
	readonly sources: readonly Source[];
}

/**
 * What the facts say about the machine, reduced to the few things the verdict needs.
 * Each member is absent when the facts cannot tell.
 */
export interface HostProfile {
	/** The kernel's architecture in Docker's names: arm64, arm, amd64, 386, ppc64le, s390x, riscv64, loong64, … */
	readonly kernelArch?: Derived<string>;
	/** The userland's (and so a distro-packaged dockerd's) architecture and word size. */
	readonly userland?: Derived<{readonly arch: string; readonly bits: 32 | 64}>;
	/** The ARM ISA level containerd reads for the variant: 6, 7 or 8. */
	readonly armLevel?: Derived<number>;
	/** True when the CPU is known to be an ARMv6 part (Pi 1, Zero, Zero W), whatever cpuinfo's "CPU architecture" says. */
	readonly armv6Cpu?: Derived<boolean>;
	/** An arm64 CPU known to lack 32-bit (AArch32) execution: Apple M-series, Neoverse V1/N2/V2, Cortex-X2+ … */
	readonly aarch64Only?: Derived<boolean>;
	/** dockerd's own architecture: what Docker pulls by default. */
	readonly dockerdArch?: Derived<string> & {readonly basis: DockerdBasis};
	readonly product?: EngineProduct;
	/** The engine runs in a VM of its own (Docker Desktop, Colima, OrbStack, Rancher Desktop, WSL2 backend). */
	readonly engineInVm: boolean;
	readonly windowsContainers?: Derived<boolean>;
	/** The Mac's real CPU is Apple Silicon (even when this process runs under Rosetta). */
	readonly appleSilicon?: Derived<boolean>;
	/** A Raspberry Pi (board model, revision, SoC, or a Pi kernel build). */
	readonly raspberryPi?: Derived<boolean>;
	/** The userland was read only from the docker client's OS/Arch, or the kernel only from a name that guesses. */
	readonly weak?: Derived<boolean>;
	/** Facts that disagree; each lowers the confidence. */
	readonly conflicts: readonly Conflict[];
}

const src = (...facts: (Fact<unknown> | undefined)[]): Source[] => facts.filter((f): f is Fact<unknown> => f !== undefined).map(f => f.source);

/** uname -m (or a machine hint) → Docker's arch and, for 32-bit ARM, the ISA level it names. */
export function unameArch(machine: string): {arch: string; level?: number} | undefined {
	const m = machine.trim().toLowerCase();
	const arm = /^armv(\d)/.exec(m);
	if (arm) {
		const level = Number(arm[1]);
		// armv8l is a 32-bit personality on a 64-bit kernel (e.g. `linux32 uname -m`), armv8b likewise.
		return {arch: 'arm', level};
	}
	if (m === 'arm') return {arch: 'arm'};
	if (m === 'ppc64') return {arch: 'ppc64'};
	if (m === 'mips' || m.startsWith('mips')) return {arch: m};
	const arch = normalizeGoArch(m);
	if (!arch) return undefined;
	return arch === 'arm64' ? {arch, level: 8} : {arch};
}

function kernelArch(host: HostFacts, facts: Facts): Derived<string> | undefined {
	if (host.kernelMachine) {
		const parsed = unameArch(host.kernelMachine.value);
		if (parsed) {
			// armv8l from uname means a 32-bit process on a 64-bit kernel (uname answers per personality).
			if (parsed.arch === 'arm' && parsed.level === 8) return {value: 'arm64', sources: src(host.kernelMachine)};
			return {value: parsed.arch, sources: src(host.kernelMachine)};
		}
	}
	const release = kernelReleaseFact(host, facts);
	const said = release ? releaseWords(release.value) : undefined;
	if (release && said?.arch && !said.guess) return {value: said.arch, sources: src(release)};
	const fromCpu = kernelArchFromCpuinfo(host);
	if (fromCpu) return fromCpu;
	if (release && said?.arch) return {value: said.arch, sources: src(release)};
	// A local engine on the same kernel knows its machine (info Architecture = uname of the daemon host).
	const engine = facts.engine;
	if (engine?.infoArchitecture && !runsInVm(engineProduct(engine), engine)) {
		const parsed = unameArch(engine.infoArchitecture.value);
		if (parsed) return {value: parsed.arch === 'arm' && parsed.level === 8 ? 'arm64' : parsed.arch, sources: src(engine.infoArchitecture)};
	}
	// An engine asking for linux/arm/v8 is a 32-bit engine on a 64-bit ARM kernel.
	const v8 = engineWords(facts).find(w => w.arch === 'arm' && w.level === 8);
	if (v8) return {value: 'arm64', sources: [v8.source]};
	// "Unsupported system page size": a 4K-page build under a 16K or 64K kernel, which only 64-bit ARM (and POWER) kernels use.
	const pages = facts.signals.find(s => s.kind === 'page-size');
	if (pages || (host.pageSize && host.pageSize.value >= 16_384)) return {value: 'arm64', sources: pages ? [pages.source] : src(host.pageSize)};
	return undefined;
}

/** uname -r, else the kernel a local (not VM) engine reports, which is this machine's. */
function kernelReleaseFact(host: HostFacts, facts: Facts): Fact<string> | undefined {
	if (host.kernelRelease) return host.kernelRelease;
	const engine = facts.engine;
	if (engine?.kernelVersion && !runsInVm(engineProduct(engine), engine)) return engine.kernelVersion;
	return undefined;
}

/** Without uname, /proc/cpuinfo still says what the kernel is: its field names and feature names differ per kernel arch. */
function kernelArchFromCpuinfo(host: HostFacts): Derived<string> | undefined {
	const hint = host.machineHint;
	if (hint) {
		const parsed = unameArch(hint.value);
		if (parsed) return {value: parsed.arch, sources: src(hint)};
	}
	const cpuArch = host.cpuArchitecture?.value.trim().toLowerCase();
	const flags = host.cpuFlags?.value ?? [];
	if (cpuArch !== undefined) {
		if (cpuArch === 'aarch64') return {value: 'arm64', sources: src(host.cpuArchitecture)};
		// An arm64 kernel names its features fp/asimd; a 32-bit kernel (or a 32-bit reader) says vfp/neon.
		if (arm64FeatureNames(host)) return {value: 'arm64', sources: src(host.cpuArchitecture, host.cpuFlags)};
		if (/\(v8l\)/i.test(host.cpuArmModelName?.value ?? '')) return {value: 'arm64', sources: src(host.cpuArmModelName)};
		if (/^[5-7]/.test(cpuArch)) return {value: 'arm', sources: src(host.cpuArchitecture)};
		if (cpuArch === '8') return {value: 'arm64', sources: src(host.cpuArchitecture)};
	}
	if (flags.length > 0 && flags.includes('fpu') && (flags.includes('sse') || flags.includes('cx8'))) {
		// The flags say what the CPU can do, not what the kernel is: 'lm' without a hint means a 64-bit CPU, likely a 64-bit kernel.
		return {value: flags.includes('lm') ? 'amd64' : '386', sources: src(host.cpuFlags)};
	}
	return undefined;
}

/** An arm64 kernel names features fp/asimd to 64-bit readers; 32-bit readers see vfp/neon. */
function arm64FeatureNames(host: HostFacts): boolean {
	const flags = host.cpuFlags?.value ?? [];
	return flags.includes('asimd') || flags.includes('fp');
}

/**
 * Raspbian is Raspberry Pi OS's 32-bit (armhf) edition: the 64-bit one calls itself Debian
 * (os-release ID=debian, docker info "Debian GNU/Linux"), so the name alone says 32-bit.
 */
function raspbianUserland(host: HostFacts, facts: Facts): HostProfile['userland'] {
	const release = host.osRelease;
	if (release && (release.value.id === 'raspbian' || /^raspbian/i.test(release.value.prettyName ?? ''))) {
		return {value: {arch: 'arm', bits: 32}, sources: src(release)};
	}
	const system = facts.engine?.operatingSystem;
	if (system && /^raspbian/i.test(system.value) && !runsInVm(engineProduct(facts.engine), facts.engine)) {
		return {value: {arch: 'arm', bits: 32}, sources: src(system)};
	}
	return undefined;
}

function userland(host: HostFacts, kernel: string | undefined, facts: Facts): HostProfile['userland'] {
	if (host.dpkgArch) {
		const arch = normalizeGoArch(host.dpkgArch.value);
		if (arch) return {value: {arch, bits: is32(arch) ? 32 : 64}, sources: src(host.dpkgArch)};
	}
	if (host.userlandElf) {
		const {bits, machine} = host.userlandElf.value;
		const arch = elfArch(machine, bits);
		if (arch) return {value: {arch, bits}, sources: src(host.userlandElf)};
	}
	if (host.longBit && kernel) {
		const bits = host.longBit.value;
		const arch = bits === 32 ? thirtyTwoBitOf(kernel) : kernel;
		if (arch) return {value: {arch, bits}, sources: src(host.longBit)};
	}
	// A 32-bit process reading cpuinfo on an arm64 kernel sees "ARMv8 … (v8l)" and 32-bit feature names
	// (some vendor kernels print v8l to 64-bit readers too, but then with arm64 names: fp, asimd).
	if (kernel === 'arm64' && /\(v8l\)/i.test(host.cpuArmModelName?.value ?? '') && !arm64FeatureNames(host)) {
		return {value: {arch: 'arm', bits: 32}, sources: src(host.cpuArmModelName)};
	}
	return raspbianUserland(host, facts) ?? clientUserland(facts) ?? mentionedUserland(host, kernel);
}

/** "I'm getting the armhf architecture" next to an aarch64 kernel: a hint of a 32-bit userland, weak like all prose. */
function mentionedUserland(host: HostFacts, kernel: string | undefined): HostProfile['userland'] {
	const word = host.mentionedMachine?.value;
	if (kernel !== 'arm64' || !word || !/^(?:armhf|armv7l?)$/.test(word)) return undefined;
	return {value: {arch: 'arm', bits: 32}, sources: src(host.mentionedMachine)};
}

/** A Linux docker CLI is the userland's package, like dockerd: evidence of both, weaker than the engine's own word. */
function clientUserland(facts: Facts): HostProfile['userland'] {
	const client = facts.engine?.clientOsArch;
	const [os, goArch] = client?.value.split('/') ?? [];
	if (!client || os !== 'linux' || !goArch) return undefined;
	const arch = normalizeGoArch(goArch);
	return arch ? {value: {arch, bits: is32(arch) ? 32 : 64}, sources: src(client)} : undefined;
}

function elfArch(machine: string, bits: 32 | 64): string | undefined {
	switch (machine) {
		case 'arm':
			return 'arm';
		case 'aarch64':
			return 'arm64';
		case 'x86-64':
			return bits === 64 ? 'amd64' : 'amd64p32';
		case 'i386':
			return '386';
		case 'ppc64':
			return 'ppc64le';
		case 's390':
			return 's390x';
		case 'riscv':
			return bits === 64 ? 'riscv64' : 'riscv32';
		case 'loongarch':
			return 'loong64';
		default:
			return undefined;
	}
}

export function is32(arch: string): boolean {
	return arch === 'arm' || arch === '386' || arch === 'riscv32' || arch === 'amd64p32' || arch === 'mips' || arch === 'mipsle';
}

function thirtyTwoBitOf(kernel: string): string | undefined {
	if (kernel === 'arm64' || kernel === 'arm') return 'arm';
	if (kernel === 'amd64' || kernel === '386') return '386';
	return undefined;
}

const ARMV6_MODEL = /armv6|\(v6l\)|arm11|arm1176/i;

/** The engine's /info Architecture is the uname of its machine; for a local engine that is this machine. */
function localEngineMachine(facts: Facts): Fact<string> | undefined {
	const engine = facts.engine;
	if (!engine?.infoArchitecture || runsInVm(engineProduct(engine), engine)) return undefined;
	return engine.infoArchitecture;
}

function armLevel(host: HostFacts, facts: Facts): Derived<number> | undefined {
	const cpuArch = host.cpuArchitecture?.value.trim();
	if (cpuArch) {
		// Raspberry Pi 1/Zero kernels say "CPU architecture: 7" for their ARMv6 core; the model name tells the truth.
		if (ARMV6_MODEL.test(host.cpuArmModelName?.value ?? '')) return {value: 6, sources: src(host.cpuArchitecture, host.cpuArmModelName)};
		if (/^aarch64$/i.test(cpuArch)) return {value: 8, sources: src(host.cpuArchitecture)};
		const n = Number.parseInt(cpuArch, 10);
		if (n >= 5 && n <= 9) return {value: Math.min(n, 8), sources: src(host.cpuArchitecture)};
	}
	const said = engineWords(facts).find(w => w.level !== undefined);
	if (said) return {value: said.level!, sources: [said.source]};
	const machine = host.kernelMachine ?? localEngineMachine(facts);
	if (machine) {
		const parsed = unameArch(machine.value);
		if (parsed?.level) return {value: parsed.level, sources: src(machine)};
	}
	const release = kernelReleaseFact(host, facts);
	const words = release ? releaseWords(release.value) : undefined;
	if (release && words?.level) return {value: words.level, sources: src(release)};
	// A 64-bit ARM kernel build runs on an ARMv8 CPU.
	if (release && words?.arch === 'arm64' && !words.guess) return {value: 8, sources: src(release)};
	const mentioned = host.mentionedMachine ? unameArch(host.mentionedMachine.value) : undefined;
	if (mentioned?.level && mentioned.arch === 'arm') return {value: mentioned.level, sources: src(host.mentionedMachine)};
	return undefined;
}

function armv6Cpu(host: HostFacts, facts: Facts): Derived<boolean> | undefined {
	if (host.piRevision) {
		const processor = host.piRevision.value.processor;
		if (processor) return {value: processor === 'BCM2835', sources: src(host.piRevision)};
	}
	if (host.cpuArmModelName && ARMV6_MODEL.test(host.cpuArmModelName.value)) return {value: true, sources: src(host.cpuArmModelName)};
	if (host.cpuModel && ARMV6_MODEL.test(host.cpuModel.value)) return {value: true, sources: src(host.cpuModel)};
	const machine = host.kernelMachine ?? localEngineMachine(facts);
	if (machine && /^armv6/i.test(machine.value)) return {value: true, sources: src(machine)};
	const said = engineWords(facts).find(w => w.level !== undefined);
	if (said) return {value: said.level === 6, sources: [said.source]};
	if (host.cpuArchitecture) return undefined;
	// An illegal instruction (exit 132) or a crash (139) from an image asked for as linux/arm/v7 is what an ARMv6 CPU does.
	// Not when an emulator failed: the exit code 132 or 139 it leaves is the emulator's (an ARMv6 CPU runs arm/v7 code itself).
	const emulated = facts.signals.some(s => s.kind === 'emulator-failed');
	const crash = emulated ? undefined : facts.signals.find(s => s.kind === 'illegal-instruction' || s.kind === 'segfault');
	const v7 = facts.signals.find(s => (s.kind === 'platform-requested' && s.platform === 'linux/arm/v7') || s.imagePlatform === 'linux/arm/v7');
	if (crash && v7 && !host.kernelMachine) return {value: true, sources: [crash.source, v7.source]};
	// A board named in prose, when no output names the CPU.
	if (!host.kernelMachine && host.mentionedMachine && /^armv6/i.test(host.mentionedMachine.value)) return {value: true, sources: src(host.mentionedMachine)};
	if (!host.kernelMachine && host.mentionedBoard && /zero(?!\s*2)|\bpi\s*1\b|^raspberry pi (?:model )?[ab]\+?$/i.test(host.mentionedBoard.value)) {
		return {value: true, sources: src(host.mentionedBoard)};
	}
	if (host.boardModel && /raspberry pi (model [ab]|zero(?! 2)|compute module(?! [2-9])|[ab]\+?\b)/i.test(host.boardModel.value)) {
		return {value: true, sources: src(host.boardModel)};
	}
	return undefined;
}

// CPU parts (implementer 0x41 Arm) that cannot run 32-bit code: Cortex-X2/X3/X4/A715/A720/A725, Neoverse N2/V1/V2/V3.
const AARCH64_ONLY_ARM_PARTS = new Set(['0xd48', '0xd4e', '0xd82', '0xd4d', '0xd81', '0xd87', '0xd49', '0xd40', '0xd4f', '0xd84', '0xd8e']);

function aarch64Only(host: HostFacts, appleSilicon: boolean): Derived<boolean> | undefined {
	if (appleSilicon) return {value: true, sources: []};
	const implementer = host.cpuImplementer?.value.toLowerCase();
	const part = host.cpuPart?.value.toLowerCase();
	if (implementer === '0x61') return {value: true, sources: src(host.cpuImplementer)}; // Apple
	if (implementer === '0xc0') return {value: true, sources: src(host.cpuImplementer)}; // Ampere (AmpereOne)
	if (implementer === '0x41' && part && AARCH64_ONLY_ARM_PARTS.has(part)) return {value: true, sources: src(host.cpuPart)};
	if (/apple m\d/i.test(host.cpuModel?.value ?? '')) return {value: true, sources: src(host.cpuModel)};
	return undefined;
}

function appleSilicon(host: HostFacts, facts: Facts): Derived<boolean> | undefined {
	if (host.arm64Capable) return {value: host.arm64Capable.value, sources: src(host.arm64Capable)};
	if (host.rosettaTranslated?.value) return {value: true, sources: src(host.rosettaTranslated)};
	if (host.cpuModel && /^apple m\d/i.test(host.cpuModel.value)) return {value: true, sources: src(host.cpuModel)};
	// Rosetta for Linux exists only on Apple Silicon.
	const rosetta = facts.signals.find(s => s.kind === 'emulator-failed' && s.emulator === 'rosetta');
	if (rosetta) return {value: true, sources: [rosetta.source]};
	const darwin = host.osKind?.value === 'darwin' || /darwin/i.test(host.kernelName?.value ?? '') || /^darwin\//.test(facts.engine?.clientOsArch?.value ?? '');
	if (darwin && host.kernelMachine?.value === 'arm64') return {value: true, sources: src(host.kernelMachine)};
	if (facts.engine?.clientOsArch?.value === 'darwin/arm64') return {value: true, sources: src(facts.engine.clientOsArch)};
	return undefined;
}

function dockerdArch(host: HostFacts, facts: Facts, kernel: Derived<string> | undefined, user: HostProfile['userland'], inVm: boolean, mac: Derived<boolean> | undefined): HostProfile['dockerdArch'] {
	const engine = facts.engine;
	if (engine?.versionArch) {
		const arch = normalizeGoArch(engine.versionArch.value);
		if (arch) return {value: arch, sources: src(engine.versionArch), basis: 'engine-version'};
	}
	// dockerd's own words name its default platform: "detected host platform (linux/arm64/v8)", "no matching manifest for linux/arm/v8".
	const said = engineWords(facts)[0];
	if (said) return {value: said.arch, sources: [said.source], basis: 'engine-message'};
	if (engine?.infoArchitecture) {
		const parsed = unameArch(engine.infoArchitecture.value);
		if (parsed) {
			let arch = parsed.arch === 'arm' && parsed.level === 8 ? 'arm64' : parsed.arch;
			// /info names the kernel; a local 32-bit userland means a 32-bit dockerd on it.
			if (!inVm && user && user.value.bits === 32 && thirtyTwoBitOf(arch) === user.value.arch) arch = user.value.arch;
			return {value: arch, sources: [...src(engine.infoArchitecture), ...(arch === parsed.arch ? [] : (user?.sources ?? []))], basis: 'engine-info'};
		}
	}
	const os = host.osKind?.value;
	const isMac = os === 'darwin' || /darwin/i.test(host.kernelName?.value ?? '');
	const isWindows = os === 'windows' || /windows/i.test(host.kernelName?.value ?? '');
	// An Apple Silicon chip named (an issue form's "Apple chip: M1") is a Mac's, or Linux on one: arm64 either way.
	if (isMac || isWindows || mac?.value) {
		// Desktop engines run a VM of the CPU's own architecture, whatever the doctor's process is.
		if (mac?.value) return {value: 'arm64', sources: mac.sources, basis: 'vm'};
		if (kernel) return {value: kernel.value === '386' ? 'amd64' : kernel.value, sources: kernel.sources, basis: 'vm'};
		if (host.nodeArch) {
			const arch = normalizeGoArch(host.nodeArch.value);
			if (arch) return {value: arch === '386' ? 'amd64' : arch, sources: src(host.nodeArch), basis: 'vm'};
		}
		return undefined;
	}
	if (host.wsl?.value === 'wsl2' || host.wsl?.value === 'wsl1') {
		if (kernel) return {value: kernel.value, sources: kernel.sources, basis: 'vm'};
	}
	if (user) return {value: user.value.arch, sources: user.sources, basis: 'userland'};
	if (kernel) return {value: kernel.value, sources: kernel.sources, basis: 'kernel'};
	// Only a crash tells of the CPU: an ARMv6 part (see armv6Cpu).
	const v6 = armv6Cpu(host, facts);
	if (v6?.value && !host.cpuArchitecture) return {value: 'arm', sources: v6.sources, basis: 'cpu'};
	// Last, an architecture a person named in prose ("This NAS has armv7l.").
	const mentioned = host.mentionedMachine ? unameArch(host.mentionedMachine.value) : undefined;
	const named = mentioned && (mentioned.arch === 'arm' && mentioned.level === 8 ? 'arm64' : mentioned.arch);
	// Nobody registers an emulator for the machine's own architecture (it would run every native program): a word naming an emulated one is about a target.
	if (named && !emulatorRegistered(facts, named)) return {value: named, sources: src(host.mentionedMachine), basis: 'cpu'};
	return undefined;
}

function emulatorRegistered(facts: Facts, arch: string): boolean {
	return facts.emulation?.kind === 'binfmt' && facts.emulation.handlers.some(h => h.enabled && h.arch === arch);
}

export function hostProfile(facts: Facts): HostProfile {
	const {host} = facts;
	const product = engineProduct(facts.engine);
	const inVm = runsInVm(product, facts.engine);
	let kernel = kernelArch(host, facts);
	const mac = appleSilicon(host, facts);
	// Under Rosetta, uname says x86_64; the CPU is arm64.
	if (mac?.value && kernel?.value === 'amd64') kernel = {value: 'arm64', sources: [...kernel.sources, ...mac.sources]};
	const user = userland(host, kernel?.value, facts);
	const dockerd = dockerdArch(host, facts, kernel, user, inVm, mac);
	const pi = raspberryPi(host, facts);
	const release = kernelReleaseFact(host, facts);
	// Weak only when the verdict rests on it: the engine's own word outranks both.
	const clientOnly =
		dockerd?.basis === 'userland' &&
		user !== undefined &&
		((facts.engine?.clientOsArch !== undefined && user.sources.includes(facts.engine.clientOsArch.source)) ||
			(host.mentionedMachine !== undefined && user.sources.includes(host.mentionedMachine.source)));
	const guessed = dockerd?.basis === 'kernel' && release !== undefined && kernel?.sources.includes(release.source) === true && releaseWords(release.value).guess === true;
	// /info OSType, or /version Os when only `docker version` was pasted.
	const windows = facts.engine?.osType ?? facts.engine?.versionOs;
	return {
		kernelArch: kernel,
		// A local 32-bit dockerd is a 32-bit userland's package, when nothing else tells the userland.
		userland:
			user ??
			(dockerd && !inVm && is32(dockerd.value) && (dockerd.basis === 'engine-version' || dockerd.basis === 'engine-message')
				? {value: {arch: dockerd.value, bits: 32}, sources: dockerd.sources}
				: undefined),
		armLevel: armLevel(host, facts),
		armv6Cpu: armv6Cpu(host, facts),
		aarch64Only: aarch64Only(host, mac?.value ?? false),
		dockerdArch: dockerd,
		product,
		engineInVm: inVm,
		windowsContainers: windows ? {value: windows.value.toLowerCase() === 'windows', sources: [windows.source]} : undefined,
		appleSilicon: mac,
		raspberryPi: pi,
		weak: clientOnly || guessed ? {value: true, sources: clientOnly ? user!.sources : src(release)} : undefined,
		conflicts: conflicts(facts, kernel, user, dockerd, inVm, mac),
	};
}

/** A Raspberry Pi, from the board, its revision code, its SoC, its OS's name or its kernel build. */
function raspberryPi(host: HostFacts, facts: Facts): Derived<boolean> | undefined {
	if (host.boardModel) return /raspberry pi/i.test(host.boardModel.value) ? {value: true, sources: src(host.boardModel)} : undefined;
	if (host.piRevision) return {value: true, sources: src(host.piRevision)};
	if (host.cpuHardware && /^BCM2(?:835|836|837|711|712)\b/.test(host.cpuHardware.value)) return {value: true, sources: src(host.cpuHardware)};
	const release = kernelReleaseFact(host, facts);
	if (release && releaseWords(release.value).pi) return {value: true, sources: src(release)};
	const os = host.osRelease;
	if (os && /raspbian|raspberry pi os/i.test(`${os.value.id ?? ''} ${os.value.prettyName ?? ''}`)) return {value: true, sources: src(os)};
	if (host.mentionedBoard) return {value: true, sources: src(host.mentionedBoard)};
	return undefined;
}

/** Docker's arch family: 32- and 64-bit builds of one instruction set are one family. */
function family(arch: string): string {
	if (arch === 'arm' || arch === 'arm64') return 'ARM';
	if (arch === 'amd64' || arch === '386') return 'x86';
	return arch;
}

function conflicts(
	facts: Facts,
	kernel: Derived<string> | undefined,
	user: HostProfile['userland'],
	dockerd: HostProfile['dockerdArch'],
	inVm: boolean,
	mac: Derived<boolean> | undefined,
): Conflict[] {
	const {host} = facts;
	const found: Conflict[] = [];
	// The machine's own files and commands, leaving out what the engine said of its machine.
	const hostKernel = kernelArch(host, {...facts, engine: undefined, signals: []});
	const engineSaid = dockerd && (dockerd.basis === 'engine-version' || dockerd.basis === 'engine-info' || dockerd.basis === 'engine-message');
	const desktop = inVm || mac !== undefined || host.osKind?.value === 'darwin' || host.osKind?.value === 'windows';
	// A doctor running emulated in a container sees the emulator's uname: that is its own finding (doctor-emulated).
	const emulatedDoctor = Boolean(host.inContainer?.value) && host.nodeArch !== undefined && normalizeGoArch(host.nodeArch.value) !== dockerd?.value;
	if (engineSaid && hostKernel && !desktop && !emulatedDoctor && family(hostKernel.value) !== family(dockerd.value)) {
		found.push({
			what: `The Docker engine says ${dockerd.value}, but this machine's own facts say a ${hostKernel.value} CPU.`,
			decides:
				facts.origin === 'root'
					? 'The engine decides, because images run where the engine runs; but the folder given with --root may be another machine than the one whose engine answered.'
					: 'The engine decides, because images run where the engine runs; but the paste may hold two machines, or the engine may be a remote one (DOCKER_HOST, a context).',
			sources: [...dockerd.sources, ...hostKernel.sources],
		});
	}
	const words = engineWords(facts);
	const versionArch = facts.engine?.versionArch ? normalizeGoArch(facts.engine.versionArch.value) : undefined;
	const other = words.find(w => w.arch !== (versionArch ?? words[0]!.arch) && !(w.arch === 'arm' && versionArch === undefined && words[0]!.arch === 'arm'));
	if (other) {
		const first = versionArch && facts.engine?.versionArch ? {platform: `linux/${versionArch}`, source: facts.engine.versionArch.source} : words[0]!;
		found.push({
			what: `The engine is named twice with different platforms: ${first.platform} and ${other.platform}.`,
			decides: `The first, ${first.platform}, is used: ${versionArch ? "it is the engine's own version report" : 'it comes first in the paste'}; the other may be another machine.`,
			sources: [first.source, other.source],
		});
	}
	const emulated = emulatedPlatform(facts);
	if (emulated && dockerd && emulated.arch === dockerd.value) {
		found.push({
			what: `An emulator ran a ${emulated.platform} program here, so the engine is not ${dockerd.value}; yet other facts say it is.`,
			decides: `Nobody emulates the engine's own platform: the ${dockerd.value} facts are likely about another machine, or a person's words.`,
			sources: [...emulated.sources, ...dockerd.sources],
		});
	}
	// A 64-bit userland cannot run on a 32-bit kernel.
	if (user && user.value.bits === 64 && kernel && is32(kernel.value) && family(kernel.value) === family(user.value.arch)) {
		found.push({
			what: `The userland is 64-bit (${user.value.arch}) but the kernel is 32-bit (${kernel.value}); a 64-bit system cannot run on a 32-bit kernel.`,
			decides: engineSaid ? "The engine's own word decides." : 'The userland decides, because Docker is its package; one of the two outputs is likely from another machine.',
			sources: [...user.sources, ...kernel.sources],
		});
	}
	return found;
}

/**
 * The platform a failed emulator ran: the one its line names (qemu-x86_64, Rosetta), else the one
 * --platform or `FROM --platform` asked for, when the paste asked for one only.
 */
export function emulatedPlatform(facts: Facts): {platform: string; arch: string; sources: Source[]} | undefined {
	const failed = facts.signals.find(s => s.kind === 'emulator-failed');
	if (!failed) return undefined;
	const requested = facts.signals.filter(s => s.kind === 'platform-requested');
	const platforms = [...new Set(requested.map(s => s.platform))];
	const platform = failed.imagePlatform ?? (platforms.length === 1 ? platforms[0] : undefined);
	const arch = platform?.split('/')[1];
	if (!platform || !arch) return undefined;
	const asked = failed.imagePlatform ? [] : requested.map(s => s.source);
	return {platform, arch, sources: [failed.source, ...asked]};
}

export type {EngineWord};
