import type {Source} from '../facts/fact.js';
import type {Facts, Signal} from '../facts/types.js';
import {canonicalPlatform} from './platform.js';

/** A platform the engine named itself, in a warning, an error or through a tool that asked it. */
export interface EngineWord {
	/** Canonical: linux/arm/v6, linux/arm64, linux/amd64 … (a bare linux/arm keeps no variant). */
	readonly platform: string;
	readonly arch: string;
	/** The ARM level the engine named (5–8), when it named one. */
	readonly level?: number;
	readonly source: Source;
	readonly signal: Signal['kind'];
}

function word(text: string | undefined, signal: Signal): EngineWord | undefined {
	if (!text || !text.startsWith('linux/')) return undefined;
	const parts = text.toLowerCase().split('/');
	const platform = parts.length === 2 && parts[1] === 'arm' ? 'linux/arm' : canonicalPlatform(text);
	const arch = platform?.split('/')[1];
	if (!platform || !arch) return undefined;
	const level = arch === 'arm' ? Number(/^v([5-8])$/.exec(parts[2] ?? '')?.[1] ?? Number.NaN) : undefined;
	return {platform, arch, ...(level !== undefined && !Number.isNaN(level) ? {level} : {}), source: signal.source, signal: signal.kind};
}

/**
 * Every platform the engine named in the paste or log, strongest first: dockerd's "detected host
 * platform" warning (and Podman's "expected platform"), then a tool that reports the engine's
 * platform (hello-world, Home Assistant, `file dockerd`, tonistiigi/binfmt, buildx), then an
 * emulator that only runs on one (Rosetta), then a manifest error — unless the
 * platform it names is one a command asked for with --platform, which says nothing of the engine.
 */
export function engineWords(facts: Facts): EngineWord[] {
	const requested = new Set(facts.signals.filter(s => s.kind === 'platform-requested').map(s => canonicalPlatform(s.platform ?? '')));
	const words: EngineWord[] = [];
	const push = (w: EngineWord | undefined) => {
		if (w) words.push(w);
	};
	for (const s of facts.signals) if (s.kind === 'platform-mismatch-warning') push(word(s.hostPlatform, s));
	for (const s of facts.signals) if (s.kind === 'engine-platform') push(word(s.hostPlatform, s));
	// Rosetta for Linux runs only in a 64-bit ARM VM: its error names that engine.
	for (const s of facts.signals) if (s.kind === 'emulator-failed') push(word(s.hostPlatform, s));
	for (const s of facts.signals) {
		if (s.kind !== 'no-matching-manifest' || !s.platform || requested.has(canonicalPlatform(s.platform))) continue;
		push(word(s.platform, s));
	}
	return words;
}
