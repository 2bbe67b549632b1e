/**
 * Compose's variable interpolation: `$$`, `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}` (defaults may hold variables).
 * Undefined when a variable is unset and has no default: Compose would put an empty string there
 * and warn, which for an image name is never what the user meant, so the value is unknown.
 */
export function interpolate(text: string, lookup: (name: string) => string | undefined): string | undefined {
	let out = '';
	let i = 0;
	while (i < text.length) {
		const c = text[i]!;
		if (c !== '$') {
			out += c;
			i++;
			continue;
		}
		const next = text[i + 1];
		if (next === '$') {
			out += '$';
			i += 2;
			continue;
		}
		if (next === '{') {
			const close = matchingBrace(text, i + 1);
			if (close < 0) return undefined;
			const resolved = braced(text.slice(i + 2, close), lookup);
			if (resolved === undefined) return undefined;
			out += resolved;
			i = close + 1;
			continue;
		}
		const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1))?.[0];
		if (name === undefined) {
			out += '$';
			i++;
			continue;
		}
		const value = lookup(name);
		if (value === undefined) return undefined;
		out += value;
		i += 1 + name.length;
	}
	return out;
}

function matchingBrace(text: string, open: number): number {
	let depth = 0;
	for (let i = open; i < text.length; i++) {
		if (text[i] === '{') depth++;
		else if (text[i] === '}' && --depth === 0) return i;
	}
	return -1;
}

function braced(body: string, lookup: (name: string) => string | undefined): string | undefined {
	const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?+])([\s\S]*))?$/.exec(body);
	if (!match) return undefined;
	const [, name, colon, operator, rest = ''] = match;
	const value = lookup(name!);
	const set = colon === ':' ? value !== undefined && value !== '' : value !== undefined;
	if (operator === undefined) return value;
	if (operator === '-') return set ? value : interpolate(rest, lookup);
	if (operator === '+') return set ? interpolate(rest, lookup) : '';
	return set ? value : undefined;
}
