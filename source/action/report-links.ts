/**
 * Links in an issue body to a report attached as text (`npx chatmock-doctor --report` saved to a
 * file, the collector's output): issue attachments and gists. Only GitHub's own hosts are ever
 * fetched, so a body cannot make the Action request an address of its choosing.
 */

/** How many linked reports are read, at most, and how much of each. */
export const LINK_LIMITS = {count: 3, bytes: 1024 * 1024, timeoutMs: 10_000, redirects: 3} as const;

const TEXT_FILE = /\.(?:txt|md|log|json|out)$/i;
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>()"'`\]]+/g;

/** The URLs worth fetching, raw form, in body order, without repeats. */
export function reportLinks(body: string, serverUrl: string): string[] {
	const server = safeUrl(serverUrl);
	if (server === undefined) return [];
	const out: string[] = [];
	for (const match of body.matchAll(URL_IN_TEXT)) {
		const url = safeUrl(match[0].replace(/[.,;:!?]+$/, ''));
		if (url === undefined) continue;
		const raw = rawForm(url, server);
		if (raw !== undefined && !out.includes(raw)) out.push(raw);
		if (out.length === LINK_LIMITS.count) break;
	}
	return out;
}

function rawForm(url: URL, server: URL): string | undefined {
	const parts = url.pathname.split('/').filter(Boolean);
	if (url.origin === server.origin) {
		// /user-attachments/files/<id>/<name> and the older /<owner>/<repo>/files/<id>/<name>
		const attachment = (parts[0] === 'user-attachments' && parts[1] === 'files' && parts.length === 4) || (parts[2] === 'files' && parts.length === 5);
		return attachment && TEXT_FILE.test(parts[parts.length - 1]!) ? url.href : undefined;
	}
	if (server.hostname !== 'github.com') return undefined;
	if (url.protocol !== 'https:') return undefined;
	// https://gist.github.com/<user>/<id> → its raw text (the first file).
	if (url.hostname === 'gist.github.com' && parts.length === 2 && /^[0-9a-f]{20,40}$/.test(parts[1]!)) {
		return `https://gist.githubusercontent.com/${parts[0]}/${parts[1]}/raw`;
	}
	if (url.hostname === 'gist.githubusercontent.com' && parts.includes('raw')) return url.href;
	return undefined;
}

/** Hosts a fetch may be redirected to: the server itself and GitHub's content hosts (attachments live there). */
export function mayFollow(url: URL, serverUrl: string): boolean {
	const server = safeUrl(serverUrl);
	if (server === undefined) return false;
	if (url.origin === server.origin) return true;
	return url.protocol === 'https:' && server.hostname === 'github.com' && (url.hostname === 'githubusercontent.com' || url.hostname.endsWith('.githubusercontent.com'));
}

function safeUrl(text: string): URL | undefined {
	try {
		const url = new URL(text);
		return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
	} catch {
		return undefined;
	}
}
