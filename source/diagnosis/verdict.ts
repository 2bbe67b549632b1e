import type {Source} from '../facts/fact.js';
import type {Facts, HostFacts} from '../facts/types.js';
import {PRODUCT_LABELS} from './engine-product.js';
import type {HostProfile} from './host-profile.js';
import {CHATMOCK_PLATFORMS} from './platform.js';
import type {Confidence, Verdict} from './types.js';

const DOCKER_ARCH_WORDS: Readonly<Record<string, string>> = {
	amd64: '64-bit x86 (amd64)',
	'386': '32-bit x86 (386)',
	arm64: '64-bit ARM (arm64)',
	arm: '32-bit ARM (armhf)',
};

/** What Docker pulls with no --platform: dockerd's arch plus, on 32-bit ARM, the variant cpuinfo names. */
export function dockerDefault(profile: HostProfile): string | null {
	const arch = profile.dockerdArch?.value;
	if (!arch) return null;
	if (arch === 'arm') return `linux/arm/v${armVariantLevel(profile)}`;
	return `linux/${arch}`;
}

function armVariantLevel(profile: HostProfile): number {
	if (profile.armv6Cpu?.value) return 6;
	return profile.armLevel?.value ?? (profile.kernelArch?.value === 'arm64' ? 8 : 7);
}

/** Platforms this engine runs without emulation, best first. */
export function nativePlatforms(profile: HostProfile): string[] {
	const arch = profile.dockerdArch?.value;
	const kernel = profile.kernelArch?.value;
	switch (arch) {
		case undefined:
			return [];
		case 'amd64':
			return ['linux/amd64', 'linux/386'];
		case '386':
			// A 32-bit dockerd's seccomp profile only knows 32-bit syscalls, even on a 64-bit kernel.
			return ['linux/386'];
		case 'arm':
			// ARMv5 (armv5tel, Marvell Kirkwood/Feroceon NAS) runs neither arm/v6 nor arm/v7 code.
			if (armv5(profile)) return ['linux/arm/v5'];
			return profile.armv6Cpu?.value ? ['linux/arm/v6'] : ['linux/arm/v7', 'linux/arm/v6'];
		case 'arm64':
			if (kernel === 'arm') return ['linux/arm/v7', 'linux/arm/v6'];
			return profile.aarch64Only?.value ? ['linux/arm64'] : ['linux/arm64', 'linux/arm/v7', 'linux/arm/v6'];
		default:
			return [`linux/${arch}`];
	}
}

function armv5(profile: HostProfile): boolean {
	const level = profile.armLevel?.value;
	return level !== undefined && level <= 5 && !profile.armv6Cpu?.value;
}

export function decideVerdict(facts: Facts, profile: HostProfile): Verdict {
	const machine = machineLabel(facts, profile);
	if (profile.windowsContainers?.value) {
		return {
			platform: null,
			reason: 'The Docker engine is in Windows-containers mode, so it cannot run Linux images such as ChatMock until it is switched to Linux containers.',
			nativePlatforms: [],
			dockerDefault: `windows/${profile.dockerdArch?.value ?? 'amd64'}`,
			confidence: 'high',
			machine,
			basis: profile.windowsContainers.sources,
		};
	}
	const native = nativePlatforms(profile);
	const byDefault = dockerDefault(profile);
	const platform = native.find(p => (CHATMOCK_PLATFORMS as readonly string[]).includes(p)) ?? null;
	const basis = dedupe([...(profile.dockerdArch?.sources ?? []), ...(profile.armLevel?.sources ?? []), ...(profile.armv6Cpu?.sources ?? [])]);
	if (!profile.dockerdArch) {
		return {
			platform: null,
			reason: 'The facts at hand do not say which CPU architecture this machine or its Docker engine has.',
			nativePlatforms: [],
			dockerDefault: null,
			confidence: 'low',
			machine,
			basis,
		};
	}
	return {
		platform,
		reason: reasonFor(profile, platform, byDefault),
		nativePlatforms: native,
		dockerDefault: byDefault,
		confidence: confidenceOf(facts, profile),
		machine,
		basis,
	};
}

function reasonFor(profile: HostProfile, platform: string | null, byDefault: string | null): string {
	const arch = profile.dockerdArch!.value;
	const kernel = profile.kernelArch?.value;
	if (!platform && arch === 'arm' && armv5(profile)) {
		return `This machine has an ARMv5 CPU (armv5tel/armv5tejl, e.g. a Marvell Kirkwood NAS), and ChatMock's images are published only for ${CHATMOCK_PLATFORMS.join(', ')}; arm/v6 and arm/v7 code does not run on ARMv5.`;
	}
	if (!platform) {
		return `This is a ${arch} machine, and ChatMock's images are published only for ${CHATMOCK_PLATFORMS.join(', ')}; none of them runs natively here.`;
	}
	if (arch === 'arm' && profile.armv6Cpu?.value) {
		return 'This machine has an ARMv6 CPU (Raspberry Pi 1/Zero class), which runs only linux/arm/v6 images; arm/v7 and arm64 images crash or fail to start.';
	}
	if (arch === 'arm' && kernel === 'arm64') {
		return `Docker here is a 32-bit ARM build on a 64-bit kernel, so it runs ${platform} images natively; it asks registries for ${byDefault ?? 'linux/arm/v8'}, which nobody publishes, and arm64 images fail under it.`;
	}
	if (arch === '386' && kernel === 'amd64') {
		return 'Docker here is a 32-bit x86 build on a 64-bit kernel, so it runs linux/386 images natively.';
	}
	const basis = profile.dockerdArch!.basis;
	const subject =
		profile.engineInVm && profile.product && profile.product !== 'docker'
			? `${PRODUCT_LABELS[profile.product]}'s Linux VM`
			: basis === 'engine-version' || basis === 'engine-info' || basis === 'engine-message'
				? 'The Docker engine'
				: basis === 'vm'
					? "Docker's Linux VM on this machine"
					: 'This machine';
	return `${subject} runs ${DOCKER_ARCH_WORDS[arch] ?? arch}, so ${platform} images run natively${profile.appleSilicon?.value && arch === 'arm64' ? ' on this Apple Silicon Mac' : ''}.`;
}

/** A Raspberry Pi reporting a 64-bit kernel, with nothing said of the system on it. */
export function piSystemUnknown(facts: Facts, profile: HostProfile): boolean {
	return profile.dockerdArch?.value === 'arm64' && profile.raspberryPi?.value === true && !profile.userland && !facts.engine?.operatingSystem && !facts.host.osRelease;
}

/** The ARM level or an ARMv6 part, from output rather than from words a person wrote. */
function armCpuKnown(facts: Facts, profile: HostProfile): boolean {
	const prose = new Set([facts.host.mentionedMachine?.source, facts.host.mentionedBoard?.source].filter(Boolean));
	const fromOutput = (derived: {readonly sources: readonly unknown[]} | undefined) => derived !== undefined && derived.sources.some(source => !prose.has(source as never));
	return fromOutput(profile.armLevel) || fromOutput(profile.armv6Cpu);
}

function confidenceOf(facts: Facts, profile: HostProfile): Confidence {
	// Facts that disagree, a docker client's word alone, or a kernel name that only guesses: never sure.
	if (profile.conflicts.length > 0 || profile.weak?.value) return 'low';
	// 32-bit ARM with no word on the CPU: Raspbian's armhf also runs on ARMv6 (Pi 1/Zero), where arm/v7 images crash.
	if (profile.dockerdArch?.value === 'arm' && !armCpuKnown(facts, profile)) return 'low';
	const basis = profile.dockerdArch?.basis;
	if (basis === 'engine-version') return 'high';
	// /info Architecture is the kernel's machine, not dockerd's build: on a Pi, a 32-bit Docker reports aarch64 too,
	// and only the system's name (Raspbian = 32-bit) or the userland tells them apart.
	if (basis === 'engine-info') return piSystemUnknown(facts, profile) ? 'low' : 'high';
	if (basis === 'engine-message') return 'medium';
	if (basis === 'userland') return profile.kernelArch ? 'high' : 'medium';
	if (basis === 'vm') return profile.kernelArch || profile.appleSilicon ? 'high' : 'medium';
	if (basis === 'kernel') {
		// A 64-bit ARM kernel may still carry a 32-bit userland: unknown userland lowers the confidence.
		const arch = profile.kernelArch?.value;
		// Raspberry Pi OS boots its 64-bit kernel under the 32-bit system too (Pi 4/5, since 2023).
		if (arch === 'arm64' && profile.raspberryPi?.value) return 'low';
		if (arch === 'arm64' || arch === 'amd64') return facts.host.kernelMachine ? 'medium' : 'low';
		return facts.host.kernelMachine ? 'high' : 'medium';
	}
	return 'low';
}

/** "Raspberry Pi 4 Model B, Raspbian GNU/Linux 11 (bullseye), 32-bit userland on a 64-bit kernel" */
export function machineLabel(facts: Facts, profile: HostProfile): string {
	const {host} = facts;
	const parts: string[] = [];
	const board = host.boardModel?.value.replace(/\s+Rev\s+[\d.]+\s*$/i, '').trim();
	if (board) parts.push(board);
	else if (profile.product && profile.product !== 'docker' && profile.engineInVm) {
		parts.push(PRODUCT_LABELS[profile.product] + (profile.appleSilicon?.value ? ' on Apple Silicon' : ''));
	} else if (profile.appleSilicon?.value) parts.push('Apple Silicon Mac');
	else if (host.cpuModel) parts.push(host.cpuModel.value);
	const os = osName(host) ?? (profile.engineInVm ? undefined : facts.engine?.operatingSystem?.value);
	if (os) parts.push(os);
	const user = profile.userland?.value;
	const kernel = profile.kernelArch?.value;
	if (user && kernel && user.bits === 32 && (kernel === 'arm64' || kernel === 'amd64')) parts.push('32-bit userland on a 64-bit kernel');
	else if (parts.length === 0 && kernel) parts.push(`${kernel} machine`);
	if (host.wsl?.value === 'wsl1') parts.push('WSL 1');
	if (host.wsl?.value === 'wsl2') parts.push('WSL 2');
	return parts.length > 0 ? parts.join(', ') : 'unknown machine';
}

export function osName(host: HostFacts): string | undefined {
	const release = host.osRelease?.value;
	if (release?.prettyName) return release.prettyName;
	if (release?.id) return [release.id, release.versionId].filter(Boolean).join(' ');
	if (host.osKind?.value === 'darwin') return host.osVersion ? `macOS ${host.osVersion.value}` : 'macOS';
	if (host.osKind?.value === 'windows') return host.osVersion ? `Windows ${host.osVersion.value}` : 'Windows';
	return undefined;
}

function dedupe(sources: Source[]): Source[] {
	const seen = new Set<string>();
	return sources.filter(s => {
		const key = `${s.kind}:${s.ref}:${s.line ?? ''}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}
