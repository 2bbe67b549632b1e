import type {Fact, Source} from '../facts/fact.js';
import type {Facts, HostFacts} from '../facts/types.js';
import {engineProduct, runsInVm, type EngineProduct} from './engine-product.js';
import {normalizeGoArch} from './platform.js';

/** A value derived from facts, with the facts it rests on. */
export interface Derived<T> {
	readonly value: T;
	readonly sources: readonly Source[];
}

export type DockerdBasis = 'engine-version' | 'engine-info' | 'engine-message' | 'vm' | 'userland' | 'kernel' | 'cpu';

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
	if (host.kernelRelease) {
		const r = host.kernelRelease.value;
		if (/(aarch64|arm64)/i.test(r)) return {value: 'arm64', sources: src(host.kernelRelease)};
		if (/x86_64|\.amd64|-amd64/i.test(r)) return {value: 'amd64', sources: src(host.kernelRelease)};
	}
	const fromCpu = kernelArchFromCpuinfo(host);
	if (fromCpu) return fromCpu;
	// A local engine on the same kernel knows its machine (info Architecture = uname of the daemon host).
	const engine = facts.engine;
	if (engine?.infoArchitecture && !runsInVm(engineProduct(engine), engine)) {
		const parsed = unameArch(engine.infoArchitecture.value);
		if (parsed) return {value: parsed.arch === 'arm' && parsed.level === 8 ? 'arm64' : parsed.arch, sources: src(engine.infoArchitecture)};
	}
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
	return raspbianUserland(host, facts);
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
	const machine = host.kernelMachine ?? localEngineMachine(facts);
	if (machine) {
		const parsed = unameArch(machine.value);
		if (parsed?.level) return {value: parsed.level, sources: src(machine)};
	}
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
	const said = facts.signals.find(s => s.kind === 'platform-mismatch-warning' && s.hostPlatform) ?? facts.signals.find(s => s.kind === 'no-matching-manifest' && s.platform);
	const named = said && (said.hostPlatform ?? said.platform)?.split('/')[1];
	const namedArch = named ? normalizeGoArch(named) : undefined;
	if (said && namedArch && (said.hostPlatform ?? said.platform)?.startsWith('linux/')) return {value: namedArch, sources: [said.source], basis: 'engine-message'};
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
	if (isMac || isWindows) {
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
	return undefined;
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
	};
}
