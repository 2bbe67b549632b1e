import type {Source} from '../facts/fact.js';
import type {HostProfile} from './host-profile.js';

/** An OCI platform in Docker's notation: linux/amd64, linux/arm64, linux/arm/v7, linux/arm/v6, linux/386. */
export type PlatformString = string;

export type Confidence = 'high' | 'medium' | 'low';

export interface Verdict {
	/** The ChatMock image platform to use here, or null when none runs (unsupported CPU, Windows containers). */
	readonly platform: PlatformString | null;
	/** One sentence a person understands. */
	readonly reason: string;
	/** Platforms this engine and CPU run without emulation, best first. */
	readonly nativePlatforms: readonly PlatformString[];
	/** What Docker picks when no --platform is given (may be one nobody publishes, e.g. linux/arm/v8). */
	readonly dockerDefault: PlatformString | null;
	readonly confidence: Confidence;
	/** A short label of the machine: "Raspberry Pi 4 Model B, 32-bit Raspbian on a 64-bit kernel". */
	readonly machine: string;
	/** The facts the verdict rests on. */
	readonly basis: readonly Source[];
}

export type Severity = 'error' | 'warning' | 'info';

export const FINDING_IDS = [
	'userland-32bit-on-64bit-kernel',
	'unsupported-architecture',
	'windows-containers-mode',
	'wsl1',
	'wsl-integration-disabled',
	'arm-variant-mismatch',
	'page-size-16k',
	'node-under-rosetta',
	'exec-format-error',
	'emulated-image',
	'foreign-image',
	'platform-not-published',
	'docker-unreachable',
	'docker-permission-denied',
	'docker-timeout',
	'docker-api-too-old',
	'no-chatmock-image',
	'crlf-entrypoint',
	'binfmt-missing-fix-flag',
	'unknown-architecture',
	'doctor-emulated',
	'platform-evidence-conflict',
	'pi-userland-unknown',
	'architecture-guessed',
	'root-engine-mixed',
	'failure-unexplained',
	'check-incomplete',
	'docker-config-invalid',
	'host-probed-on-engine',
	'host-probe-failed',
] as const;

export type FindingId = (typeof FINDING_IDS)[number];

export interface Evidence {
	/** What the evidence says, e.g. "kernel machine: aarch64". */
	readonly text: string;
	readonly source?: Source;
}

/** An action the doctor itself can carry out through the engine (interactive fixer and --fix). */
export type FixAction =
	| {readonly kind: 'pull-platform'; readonly ref: string; readonly platform: PlatformString}
	| {readonly kind: 'remove-image'; readonly ref: string; readonly imageId: string}
	| {readonly kind: 'compose-platform'; readonly platform: PlatformString};

export interface Fix {
	/** One line: what to do. */
	readonly summary: string;
	/** The exact commands, in order; may be empty when the fix is a setting to change. */
	readonly commands: readonly string[];
	/** Numbered steps for fixes the doctor cannot do itself. */
	readonly steps?: readonly string[];
	readonly actions?: readonly FixAction[];
}

export interface Finding {
	readonly id: FindingId;
	readonly severity: Severity;
	/** One line, plain words. */
	readonly title: string;
	/** Why it happens, in a sentence or two. */
	readonly why: string;
	readonly evidence: readonly Evidence[];
	readonly fix: Fix;
	/** The image or container this finding is about, when there is one. */
	readonly subject?: string;
	/** The local image it is about: a re-check still knows it after its tag moved to a new image. */
	readonly imageId?: string;
}

export interface Diagnosis {
	readonly verdict: Verdict;
	readonly findings: readonly Finding[];
	/** What the facts say about the machine, as the verdict and rules read it: the report reuses it. */
	readonly profile?: HostProfile;
}
