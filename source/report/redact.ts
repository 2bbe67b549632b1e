import {isIPv4} from 'node:net';
import {isPersonalName, isSecretName, isUserName} from './redact-names.js';

/**
 * Redaction of what a report or a snapshot says about a person: host and user names, home
 * paths, addresses, credentials. The same value always gets the same placeholder within one
 * redactor (`<host-1>`, `<user-1>`, `<ip-1>`, `<mac-1>`, `<secret-1>`; the user's home is `~`),
 * so a redacted report still reads consistently and a redacted snapshot still replays.
 */
export interface RedactionContext {
	readonly hostname?: string;
	readonly username?: string;
	readonly home?: string;
	/** Any other literal strings to hide (a token the user named, a registry password). */
	readonly extraSecrets?: readonly string[];
}

export interface Redactor {
	redactText(text: string): string;
	/** Deep: strings, arrays, objects (keys too, and values by what their key names). */
	redactValue<T>(value: T): T;
	/** The literal names and secrets of the context, for checks on bytes that cannot be rewritten. */
	readonly literals: readonly string[];
}

type Kind = 'host' | 'user' | 'ip' | 'mac' | 'secret';

const PLACEHOLDER = /^(?:<(?:host|user|ip|mac|secret)-\d+>|(?:host|ip)-\d+\.invalid)$/;
/** `<host-1>` as a host name: `host-1.invalid` (RFC 6761 keeps .invalid for names that resolve nowhere). */
const urlForm = (placeholder: string) => placeholder.replace(/^<(\w+)-(\d+)>$/, '$1-$2.invalid');
const NAME_CHAR = 'A-Za-z0-9_\\-';

const PEM = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;
const URL_AUTHORITY = /\b([a-z][a-z0-9+.-]*):\/\/([^\s/?#"'<>`]*)/gi;
const BEARER = /\b(Bearer|Basic)(\s+)([A-Za-z0-9._~+/=-]{8,})/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
// Well-known token shapes: GitHub, GitLab, Docker Hub, OpenAI-style, Slack, AWS access keys.
const KNOWN_TOKEN =
	/\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{20,}|dckr_pat_[A-Za-z0-9_-]{16,}|sk-[A-Za-z0-9_-]{20,}|xox[abprs]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16})\b/g;
// NAME=value, NAME: value, "name": "value", name = 'value'
const KEY_VALUE = /(["']?)([A-Za-z_][A-Za-z0-9_.-]*)\1([ \t]*[=:][ \t]*)(?:"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)'|([^\s"',;}\]]+))/g;
const UNIX_HOME = /(\/(?:home|Users)\/)([^/\s"'<>:;,`]+)/g;
const WINDOWS_HOME = /\b([A-Za-z]:(\\\\|\\|\/)Users\2)([^\\/\s"'<>:;,`]+)/gi;
// Docker's engine ID (/info ID): twelve groups of four, a stable identifier of one installation.
const ENGINE_ID = /\b[A-Z0-9]{4}(?::[A-Z0-9]{4}){11}\b/g;
const MAC = /(?<![\w:-])[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}(?![\w:-])/g;
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
// Not after a letter, digit or dot, and not followed by another ".digit": 5.10.63 or 1.2.3.4.5 are versions.
const IPV4 = new RegExp(`(?<![\\w.])(?:${OCTET}\\.){3}${OCTET}(?![\\w]|\\.\\d)`, 'g');
const IPV6_CANDIDATE = /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f]{0,4})(?:%[\w.]+)?(?![\w:])/g;
const NOT_PERSONAL_HOMES = new Set(['shared', 'public', 'default', 'all users', 'default user']);

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `name` as a whole word (not part of a longer host or user name), case-insensitive. */
function wordPattern(name: string): RegExp {
	return new RegExp(`(?<![${NAME_CHAR}.])${escapeRegExp(name)}(?![${NAME_CHAR}]|\\.[${NAME_CHAR}])`, 'gi');
}

/** The URL parser's IPv6 rules (node:net's isIPv6 compiles a regular expression costing ~10 ms on first use). */
function isIPv6(address: string): boolean {
	return address.includes(':') && URL.canParse(`http://[${address}]/`);
}

function keptIpv4(ip: string): boolean {
	return ip.startsWith('127.') || ip === '0.0.0.0' || ip === '255.255.255.255';
}

export function createRedactor(context: RedactionContext): Redactor {
	const tables = new Map<Kind, Map<string, string>>();
	const placeholder = (kind: Kind, value: string): string => {
		let table = tables.get(kind);
		if (!table) tables.set(kind, (table = new Map()));
		const key = kind === 'secret' ? value : value.toLowerCase();
		let name = table.get(key);
		if (!name) table.set(key, (name = `<${kind}-${table.size + 1}>`));
		return name;
	};
	const user = (name: string) => (isPersonalName(name) ? placeholder('user', name) : name);
	const secret = (value: string) => (value === '' || PLACEHOLDER.test(value) ? value : placeholder('secret', value));

	const extraSecrets = [...(context.extraSecrets ?? [])].filter(s => s.length >= 4).sort((a, b) => b.length - a.length);
	const hostnames = hostnameForms(context.hostname).filter(isPersonalName);
	const hostPatterns = hostnames.map(name => [name, wordPattern(name), name.toLowerCase()] as const);
	const username = isPersonalName(context.username) ? context.username : undefined;
	const userPattern = username === undefined ? undefined : wordPattern(username);
	const homes = homeForms(context.home);

	function redactUrl(match: string, scheme: string, authority: string): string {
		const at = authority.lastIndexOf('@');
		let userinfo = at === -1 ? undefined : authority.slice(0, at);
		let hostPort = at === -1 ? authority : authority.slice(at + 1);
		if (userinfo !== undefined && !PLACEHOLDER.test(userinfo)) {
			const colon = userinfo.indexOf(':');
			userinfo = colon === -1 ? user(userinfo) : `${user(userinfo.slice(0, colon))}:${secret(userinfo.slice(colon + 1))}`;
		}
		const [, host = '', rest = ''] = /^(\[[^\]]*\]|[^:]*)(.*)$/.exec(hostPort) ?? [];
		const bare = host.replace(/^\[(.*)\]$/, '$1');
		// Placeholders in a URL must stay valid host names, or a replayed snapshot's endpoint would not parse.
		if ((isIPv4(bare) && !keptIpv4(bare)) || (isIPv6(bare) && bare !== '::' && bare !== '::1')) hostPort = urlForm(placeholder('ip', bare)) + rest;
		// A remote engine's host name is an internal name; a registry's (https://ghcr.io) is public.
		else if (/^(tcp|ssh)$/i.test(scheme) && isPersonalName(bare) && !PLACEHOLDER.test(bare)) hostPort = urlForm(placeholder('host', bare)) + rest;
		if (userinfo === undefined && hostPort === authority) return match;
		return `${scheme}://${userinfo === undefined ? '' : `${userinfo}@`}${hostPort}`;
	}

	/** `NAME=value`, `"name": "value"`…; a value may hold assignments of its own (`"Env": "TOKEN=…"`), up to a few levels. */
	function redactAssignments(text: string, depth: number): string {
		return text.replace(KEY_VALUE, (match, quote: string, key: string, separator: string, dq?: string, sq?: string, bare?: string) => {
			const value = dq ?? sq ?? bare ?? '';
			const wrap = (v: string) => (dq !== undefined ? `"${v}"` : sq !== undefined ? `'${v}'` : v);
			if (value === '' || PLACEHOLDER.test(value) || /^(null|true|false|bearer|basic|token)$/i.test(value)) return match;
			if (isSecretName(key)) return `${quote}${key}${quote}${separator}${wrap(secret(value))}`;
			if (isUserName(key)) return `${quote}${key}${quote}${separator}${wrap(user(value))}`;
			if (depth >= 3 || !/[=:]/.test(value)) return match;
			const inner = redactAssignments(value, depth + 1);
			return inner === value ? match : `${quote}${key}${quote}${separator}${wrap(inner)}`;
		});
	}

	// A report repeats the same keys and values many times: each distinct string is redacted once.
	// Safe because placeholders are stable: the same input always gives the same output.
	const done = new Map<string, string>();
	function redactText(text: string): string {
		if (text === '') return text;
		let out = done.get(text);
		if (out === undefined) done.set(text, (out = redactFresh(text)));
		return out;
	}

	/** Each pass runs only when the characters it needs are there: most strings in a report need none. */
	function redactFresh(text: string): string {
		let out = text;
		if (out.includes('-----BEGIN ')) out = out.replace(PEM, (_m, label: string) => `-----BEGIN ${label}-----\n${placeholder('secret', _m)}\n-----END ${label}-----`);
		for (const literal of extraSecrets) if (out.includes(literal)) out = out.split(literal).join(placeholder('secret', literal));
		if (out.includes('://')) out = out.replace(URL_AUTHORITY, redactUrl);
		if (/bearer|basic/i.test(out)) out = out.replace(BEARER, (_m, word: string, space: string, token: string) => `${word}${space}${secret(token)}`);
		if (out.includes('eyJ')) out = out.replace(JWT, m => secret(m));
		if (out.length >= 15) out = out.replace(KNOWN_TOKEN, m => secret(m));
		const colon = out.includes(':');
		if (colon || out.includes('=')) out = redactAssignments(out, 0);
		for (const home of homes) out = out.replace(home, '~');
		if (out.includes('/home/') || out.includes('/Users/')) {
			out = out.replace(UNIX_HOME, (m, prefix: string, name: string) => (NOT_PERSONAL_HOMES.has(name.toLowerCase()) ? m : prefix + user(name)));
		}
		if (/users/i.test(out)) {
			out = out.replace(WINDOWS_HOME, (m, prefix: string, _sep: string, name: string) => (NOT_PERSONAL_HOMES.has(name.toLowerCase()) ? m : prefix + user(name)));
		}
		const lower = hostPatterns.length > 0 || userPattern ? out.toLowerCase() : '';
		for (const [name, pattern, lowerName] of hostPatterns) if (lower.includes(lowerName)) out = out.replace(pattern, () => placeholder('host', name));
		if (username && userPattern && lower.includes(username.toLowerCase())) out = out.replace(userPattern, () => placeholder('user', username));
		if (colon) out = out.replace(ENGINE_ID, m => secret(m));
		if (colon || out.includes('-')) out = out.replace(MAC, m => placeholder('mac', m));
		if (out.includes('.')) out = out.replace(IPV4, m => (keptIpv4(m) ? m : placeholder('ip', m)));
		if (colon) {
			out = out.replace(IPV6_CANDIDATE, m => {
				const address = m.replace(/%.*$/, '');
				if (!isIPv6(address) || address === '::' || address === '::1') return m;
				return placeholder('ip', m);
			});
		}
		return out;
	}

	function redactValue<T>(value: T): T {
		return redactAny(value, false) as T;
	}

	/** `allSecret`: inside a Docker config's `auths`, every string is a credential. */
	function redactAny(value: unknown, allSecret: boolean): unknown {
		if (typeof value === 'string') return allSecret ? secret(value) : redactText(value);
		if (Array.isArray(value)) return value.map(item => redactAny(item, allSecret));
		if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return value;
		const out: Record<string, unknown> = {};
		for (const [key, item] of Object.entries(value)) {
			const newKey = redactText(key);
			if (key === 'auths' || allSecret) out[newKey] = redactAny(item, true);
			else if (isSecretName(key) && item !== null && item !== undefined && typeof item !== 'boolean') out[newKey] = secretOf(item);
			else if (isUserName(key) && typeof item === 'string') out[newKey] = user(item);
			else out[newKey] = redactAny(item, false);
		}
		return out;
	}

	function secretOf(value: unknown): unknown {
		if (typeof value === 'string') return secret(value);
		if (typeof value === 'number') return secret(String(value));
		return redactAny(value, true);
	}

	const literals = [...extraSecrets, ...hostnames, ...(username ? [username] : []), ...(context.home && context.home.length >= 4 ? [context.home] : [])];
	return {redactText, redactValue, literals};
}

/** The full host name and its first label (alice-mbp.local → alice-mbp). */
function hostnameForms(hostname: string | undefined): string[] {
	if (!hostname) return [];
	const short = hostname.split('.')[0] ?? '';
	return [...new Set([hostname, short])].filter(Boolean).sort((a, b) => b.length - a.length);
}

/** The home path as written on its OS and JSON-escaped, as a pattern that stops at a name boundary. */
function homeForms(home: string | undefined): RegExp[] {
	if (!home || home === '/' || home.length < 4) return [];
	const trimmed = home.replace(/[\\/]+$/, '');
	const forms = new Set([trimmed, trimmed.replaceAll('\\', '\\\\'), trimmed.replaceAll('\\', '/')]);
	const windows = /^[A-Za-z]:/.test(trimmed);
	return [...forms].sort((a, b) => b.length - a.length).map(form => new RegExp(`${escapeRegExp(form)}(?![${NAME_CHAR}.])`, windows ? 'gi' : 'g'));
}
