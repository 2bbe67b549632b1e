/** One KEY=value line of a .env file, with where it was. */
export interface DotEnvEntry {
	readonly value: string;
	readonly line: number;
	readonly excerpt: string;
}

/** A .env file as Compose reads it: `export` prefixes, quotes and trailing comments allowed; later lines win. */
export function parseDotEnv(text: string): ReadonlyMap<string, DotEnvEntry> {
	const entries = new Map<string, DotEnvEntry>();
	text.split(/\r?\n/).forEach((raw, index) => {
		const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(raw);
		if (!match) return;
		entries.set(match[1]!, {value: unquote(match[2]!), line: index + 1, excerpt: raw.trim()});
	});
	return entries;
}

function unquote(text: string): string {
	const trimmed = text.trim();
	const quoted = /^(['"])(.*)\1/.exec(trimmed);
	if (quoted) return quoted[2]!;
	return trimmed.replace(/\s+#.*$/, '').trim();
}
