import type {Source} from '../facts/fact.js';
import type {Signal, SignalKind} from '../facts/types.js';

/**
 * Lines that name a known failure. Shared by the container probe (logs) and anyone scanning
 * engine messages; each kind is reported once per text, at its first line.
 */
interface Rule {
	readonly kind: SignalKind;
	readonly pattern: RegExp;
	readonly platforms?: (match: RegExpExecArray) => Pick<Signal, 'platform' | 'imagePlatform' | 'hostPlatform'>;
}

const RULES: readonly Rule[] = [
	// runc ≥ 1.1: "exec /app/start.sh: exec format error"; older: "standard_init_linux.go:228: exec user process caused: exec format error".
	{kind: 'exec-format-error', pattern: /exec format error/i},
	// "exec /entrypoint.sh: no such file or directory": a CRLF shebang (or a foreign binary without binfmt's F flag).
	{kind: 'crlf-entrypoint', pattern: /exec \S+: no such file or directory/i},
	{kind: 'page-size', pattern: /Unsupported system page size/i},
	{kind: 'illegal-instruction', pattern: /Illegal instruction/i},
	{kind: 'no-matching-manifest', pattern: /no matching manifest for (\S+?) in the manifest list/i, platforms: m => ({platform: m[1]!})},
	{
		kind: 'platform-mismatch-warning',
		pattern: /requested image's platform \(([^)]+)\) does not match the detected host platform \(([^)]+)\)/i,
		platforms: m => ({imagePlatform: m[1]!, hostPlatform: m[2]!}),
	},
	{kind: 'wsl-integration-stub', pattern: /could not be found in this WSL/i},
	{kind: 'permission-denied', pattern: /permission denied while trying to connect to the docker (?:daemon socket|API)/i},
	{kind: 'daemon-unreachable', pattern: /Cannot connect to the Docker daemon at/i},
];

/** `sourceAt(line, text)` cites a 1-based line. Lines should already be neutralized. */
export function scanLines(lines: readonly string[], sourceAt: (line: number, text: string) => Source): Signal[] {
	const signals: Signal[] = [];
	const seen = new Set<SignalKind>();
	lines.forEach((line, index) => {
		for (const rule of RULES) {
			if (seen.has(rule.kind)) continue;
			const match = rule.pattern.exec(line);
			if (!match) continue;
			seen.add(rule.kind);
			signals.push({kind: rule.kind, source: sourceAt(index + 1, line), ...rule.platforms?.(match)});
		}
	});
	return signals;
}

/** 132 = 128 + SIGILL, 139 = 128 + SIGSEGV: what an arm/v7 build does on an ARMv6 CPU. */
export function exitCodeSignal(exitCode: number | undefined, source: Source): Signal | undefined {
	if (exitCode === 132) return {kind: 'illegal-instruction', source};
	if (exitCode === 139) return {kind: 'segfault', source};
	return undefined;
}
