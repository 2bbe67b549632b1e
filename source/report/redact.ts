import {isIPv4} from 'node:net';
import {isHostName, isPersonalName, isProxyName, isPublicRegistry, isSecretName, isUserName} from './redact-names.js';
import {KNOWN_TOKEN} from './redact-tokens.js';

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
	/** Other machines' names seen in the facts: the engine's own (/info Name), a remote endpoint's host. */
	readonly otherHostnames?: readonly string[];
}

export interface Redactor {
	redactText(text: string): string;
	/** Deep: strings, arrays, objects (keys too, and values by what their key names). */
	redactValue<T>(value: T): T;
	/** The literal names and secrets of the context, for checks on bytes that cannot be rewritten. */
	readonly literals: readonly string[];
}

type Kind = 'host' | 'user' | 'ip' | 'mac' | 'secret' | 'email';

const PLACEHOLDER = /^(?:<(?:host|user|ip|mac|secret|email)-\d+>|(?:host|ip)-\d+\.invalid)$/;
/** `<host-1>` as a host name: `host-1.invalid` (RFC 6761 keeps .invalid for names that resolve nowhere). */
const urlForm = (placeholder: string) => placeholder.replace(/^<(\w+)-(\d+)>$/, '$1-$2.invalid');
const NAME_CHAR = 'A-Za-z0-9_\\-';

// The body is bounded (a 4096-bit RSA key is ~3 KB): an unbounded lazy scan per BEGIN is quadratic on hostile text.
const PEM = /-----BEGIN ([A-Z0-9 ]{1,64})-----[\s\S]{0,16384}?-----END \1-----/g;
/** A private key whose END is not in this string (a log splits it into lines): the rest is the key. */
const PEM_OPEN = /-----BEGIN ([A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?)-----[\s\S]*$/;
const PEM_END = /-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/;
const URL_AUTHORITY = /\b([a-z][a-z0-9+.-]*):\/\/([^\s/?#"'<>`]*)/gi;
const BEARER = /\b(Bearer|Basic|Token|Digest)(\s+)([A-Za-z0-9._~+/=-]{8,})/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
/** `Cookie: a=1; b=2` and `Set-Cookie: sid=…; Path=/`: every value is a session. */
const COOKIE = /\b((?:Set-)?Cookie:[ \t]*)([^\n]*)/gi;
/** `docker login -u alice -p s3cret`, `curl -u user:pass`, `mysql --password=x`: options that carry credentials. */
const CREDENTIAL_OPTION = /(?<=^|\s)(-p|-u|--password|--username|--user|--pass)(=|[ \t]+)(?=[^\s-])("[^"\n]*"|'[^'\n]*'|\S+)/g;
/** A port mapping (`-p 8000:8000`, `-p 127.0.0.1:8000:8000/tcp`) or a path (`mkdir -p /x`): not a password. */
const NOT_A_PASSWORD = /^(?:[\d.:[\]]+(?:\/(?:tcp|udp|sctp))?|[/~.$].*|\d+)$/;
/** `password hunter2`, `passphrase is x`: a password named in prose (key=value forms are handled with the others). */
const PASSWORD_WORD = /\b(pass(?:word|phrase)?|passwd|pwd)([ \t]+(?:is[ \t]+)?)(?![=:])("[^"\n]+"|'[^'\n]+'|[^\s"';,]{4,})/gi;
const NOT_PASSWORD_WORDS =
	/^(?:for|is|was|and|the|of|to|from|required|incorrect|invalid|wrong|please|prompt|authentication|auth|file|changed|expired|manager|stdin|reset|policy|field|not|set|<secret-\d+>)$/i;
// Not the user@host of a URL (ssh://pi@pi4.local): that is an endpoint, redacted as one.
const EMAIL = /(?<![\w.+/-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])/g;
/** A shell prompt or an ssh target: `alice@alice-laptop:~$`, `pi@raspberrypi`, `ssh bob@nas`. */
const PROMPT = /(?<![\w.+/-])([a-z_][a-z0-9_.-]{0,31})@([A-Za-z0-9][A-Za-z0-9-]{0,62})(?![\w.@-]*\.[A-Za-z]{2,})(?=[:\s$#~>\])]|$)/g;
/** `uname -a`: the second field is the host name. */
const UNAME_A = /\b(Linux|Darwin|FreeBSD|SunOS)[ \t]+([A-Za-z0-9][A-Za-z0-9._-]*)([ \t]+\d+\.\d+)/g;
/** The resolver names the host it could not find: `getaddrinfo ENOTFOUND alice-nas.lan`. */
const RESOLVER = /\b(ENOTFOUND|EAI_AGAIN|EAI_NONAME|ENODATA)([ \t]+)([A-Za-z0-9][A-Za-z0-9.-]*)/g;
/** A bare AWS secret access key: 40 base64 characters of mixed case and digits, standing alone. */
// Lookaheads bounded to the 40 characters: unbounded, a long base64 run would cost quadratic time.
const AWS_SECRET = /(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+]{0,39}[a-z])(?=[A-Za-z0-9/+]{0,39}[A-Z])(?=[A-Za-z0-9/+]{0,39}\d)[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
/** A line that is nothing but a long run of base64: a key's body line, a credential blob. */
// Not a bare hex run (a container or image ID alone on a line): a key's body has letters past F.
const BASE64_LINE = /^([ \t]*)((?=[A-Za-z0-9+/]*[G-Zg-z+/])[A-Za-z0-9+/]{60,}={0,2})([ \t]*)$/gm;
// NAME=value, NAME: value, "name": "value", name = 'value'
// An object or list after the separator (`"tokens": {`) is not a value; `tcp://` is a scheme, not `tcp: //`.
const KEY_VALUE = /(?<![/\w.-])(["']?)([A-Za-z_][A-Za-z0-9_.-]*)\1([ \t]*(?:=|:(?!\/\/))[ \t]*)(?:"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)'|([^\s"',;}\]{[][^\s"',;}\]]*))/g;
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
	const hostnames = [...new Set([context.hostname, ...(context.otherHostnames ?? [])].flatMap(hostnameForms))]
		.filter(isPersonalName)
		.filter(name => !isIPv4(name) && !isIPv6(name))
		.sort((a, b) => b.length - a.length);
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
		else if (/^(tcp|ssh)$/i.test(scheme) && !isIPv4(bare) && !isIPv6(bare) && isPersonalName(bare) && !PLACEHOLDER.test(bare)) hostPort = urlForm(placeholder('host', bare)) + rest;
		if (userinfo === undefined && hostPort === authority) return match;
		return `${scheme}://${userinfo === undefined ? '' : `${userinfo}@`}${hostPort}`;
	}

	/** `-p s3cret`, `-u alice`, `-u user:pass`, `--password=x`: the value hidden, port mappings and paths kept. */
	function credentialOption(match: string, option: string, separator: string, raw: string): string {
		const quote = /^["']/.test(raw) ? raw[0]! : '';
		const value = quote ? raw.slice(1, -1) : raw;
		if (value === '' || PLACEHOLDER.test(value)) return match;
		const wrap = (v: string) => `${option}${separator}${quote}${v}${quote}`;
		if (option === '-u' || option === '--username' || option === '--user') {
			const colon = value.indexOf(':');
			if (colon > 0) return wrap(`${user(value.slice(0, colon))}:${secret(value.slice(colon + 1))}`);
			return /^\d+$/.test(value) ? match : wrap(user(value));
		}
		return option === '-p' && NOT_A_PASSWORD.test(value) ? match : wrap(secret(value));
	}

	/** A proxy URL or a NoProxy list: every host name in it is internal (http:// hosts are otherwise kept as public). */
	function proxyValue(value: string): string {
		const hostOf = (name: string) =>
			isIPv4(name) || isIPv6(name) || PLACEHOLDER.test(name) || !isPersonalName(name) || /^\*?\.?local(host)?$/i.test(name) ? name : urlForm(placeholder('host', name));
		return redactText(value)
			.replace(/(:\/\/(?:[^@\s/]*@)?)([A-Za-z0-9][A-Za-z0-9.-]*)/g, (_m, before: string, name: string) => before + hostOf(name))
			.replace(/(^|,)([*.]*[A-Za-z][A-Za-z0-9.-]*)(?=,|$)/g, (_m, before: string, name: string) => before + hostOf(name.replace(/^[*.]+/, '')));
	}

	/** A registry's name (a key of `auths` or `credHelpers`): a private mirror's host, an ECR account ID. */
	function registryKey(key: string): string {
		return isPublicRegistry(key) ? key : placeholder('host', key);
	}

	/** `NAME=value`, `"name": "value"`…; a value may hold assignments of its own (`"Env": "TOKEN=…"`), up to a few levels. */
	function redactAssignments(text: string, depth: number): string {
		return text.replace(KEY_VALUE, (match, quote: string, key: string, separator: string, dq?: string, sq?: string, bare?: string) => {
			const value = dq ?? sq ?? bare ?? '';
			const wrap = (v: string) => (dq !== undefined ? `"${v}"` : sq !== undefined ? `'${v}'` : v);
			if (value === '' || PLACEHOLDER.test(value) || /^(null|true|false|bearer|basic|token)$/i.test(value)) return match;
			if (isSecretName(key)) return `${quote}${key}${quote}${separator}${wrap(secret(value))}`;
			if (isUserName(key)) return `${quote}${key}${quote}${separator}${wrap(user(value))}`;
			if (isProxyName(key)) {
				const proxy = proxyValue(value);
				return proxy === value ? match : `${quote}${key}${quote}${separator}${wrap(proxy)}`;
			}
			if (isHostName(key) && isPersonalName(value) && !isIPv4(value)) return `${quote}${key}${quote}${separator}${wrap(placeholder('host', value))}`;
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
		if (out.includes('-----BEGIN ')) {
			if (out.includes('-----END ')) out = out.replace(PEM, (_m, label: string) => `-----BEGIN ${label}-----\n${placeholder('secret', _m)}\n-----END ${label}-----`);
			if (!PEM_END.test(out)) out = out.replace(PEM_OPEN, (m, label: string) => `-----BEGIN ${label}-----\n${placeholder('secret', m)}`);
		}
		if (out.length >= 60) out = out.replace(BASE64_LINE, (_m, before: string, blob: string, after: string) => `${before}${secret(blob)}${after}`);
		for (const literal of extraSecrets) if (out.includes(literal)) out = out.split(literal).join(placeholder('secret', literal));
		if (out.includes('://')) out = out.replace(URL_AUTHORITY, redactUrl);
		if (/bearer|basic|token|digest/i.test(out)) out = out.replace(BEARER, (_m, word: string, space: string, token: string) => `${word}${space}${secret(token)}`);
		if (/cookie/i.test(out))
			out = out.replace(
				COOKIE,
				(_m, head: string, body: string) => head + body.replace(/=([^;\s]+)/g, (m, value: string) => (/^(?:\/|\d|true|false|lax|strict|none)/i.test(value) ? m : `=${secret(value)}`)),
			);
		if (out.includes(' -') || out.startsWith('-')) out = out.replace(CREDENTIAL_OPTION, credentialOption);
		if (/pass|pwd/i.test(out))
			out = out.replace(PASSWORD_WORD, (m, word: string, space: string, value: string) => (NOT_PASSWORD_WORDS.test(value) || PLACEHOLDER.test(value) ? m : `${word}${space}${secret(value)}`));
		if (out.includes('eyJ')) out = out.replace(JWT, m => secret(m));
		if (out.length >= 15) out = out.replace(KNOWN_TOKEN, m => secret(m));
		if (out.length >= 40) out = out.replace(AWS_SECRET, m => secret(m));
		// An ECR registry's host starts with the AWS account ID.
		if (out.includes('.dkr.ecr.')) out = out.replace(/(?<!\d)\d{12}(?=\.dkr\.ecr\.)/g, m => secret(m));
		const colon = out.includes(':');
		if (colon || out.includes('=')) out = redactAssignments(out, 0);
		if (out.includes('@')) {
			out = out.replace(EMAIL, m => placeholder('email', m));
			out = out.replace(PROMPT, (m, name: string, machine: string) => (/^sha\d+$/i.test(machine) ? m : `${user(name)}@${isPersonalName(machine) ? placeholder('host', machine) : machine}`));
		}
		if (/linux|darwin|bsd|sunos/i.test(out))
			out = out.replace(UNAME_A, (m, kernel: string, machine: string, rest: string) =>
				isPersonalName(machine) && !PLACEHOLDER.test(machine) && !/^(?:version|kernel|release)$/i.test(machine) ? `${kernel} ${placeholder('host', machine)}${rest}` : m,
			);
		if (/E(?:NOTFOUND|AI_|NODATA)/.test(out))
			out = out.replace(RESOLVER, (m, code: string, space: string, name: string) =>
				isIPv4(name) || !isPersonalName(name) || PLACEHOLDER.test(name) ? m : `${code}${space}${placeholder('host', name)}`,
			);
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

	/** Set for the one object whose keys are registry names (`auths`, `credHelpers`). */
	let registryKeys = false;

	/** `allSecret`: inside a Docker config's `auths`, every string is a credential. */
	function redactAny(value: unknown, allSecret: boolean): unknown {
		if (typeof value === 'string') return allSecret ? secret(value) : redactText(value);
		if (Array.isArray(value)) return redactList(value, allSecret);
		if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return value;
		const out: Record<string, unknown> = {};
		const registries = registryKeys;
		registryKeys = false;
		for (const [key, item] of Object.entries(value)) {
			const newKey = registries ? registryKey(key) : redactText(key);
			if (key === 'credHelpers' || key === 'credsStore') {
				registryKeys = key === 'credHelpers';
				out[newKey] = redactAny(item, false);
				registryKeys = false;
			} else if (key === 'auths' || allSecret) {
				registryKeys = key === 'auths';
				out[newKey] = redactAny(item, true);
				registryKeys = false;
			} else if (isProxyName(key) && typeof item === 'string') out[newKey] = proxyValue(item);
			else if (isSecretName(key) && item !== null && item !== undefined && typeof item !== 'boolean') out[newKey] = secretOf(item);
			else if (isUserName(key) && typeof item === 'string') out[newKey] = user(item);
			else if (isHostName(key) && typeof item === 'string' && isPersonalName(item)) out[newKey] = placeholder('host', item);
			else out[newKey] = redactAny(item, false);
		}
		return out;
	}

	/**
	 * A list of lines (a log tail, a paste) may split a private key across items: from a BEGIN line
	 * without its END, every item up to the END is the key.
	 */
	function redactList(items: readonly unknown[], allSecret: boolean): unknown[] {
		let inKey = false;
		return items.map(item => {
			if (typeof item !== 'string') return redactAny(item, allSecret);
			if (inKey) {
				if (PEM_END.test(item)) {
					inKey = false;
					return item.replace(/^[\s\S]*?(-----END )/, '$1');
				}
				return secret(item);
			}
			if (PEM_OPEN.test(item) && !PEM_END.test(item)) inKey = true;
			return redactAny(item, allSecret);
		});
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
	return (
		[...forms]
			.sort((a, b) => b.length - a.length)
			// Not a user name that merely equals the home's last part (ssh://root@host with HOME=/root).
			.map(form => new RegExp(`${escapeRegExp(form)}(?![${NAME_CHAR}.@])`, windows ? 'gi' : 'g'))
	);
}
