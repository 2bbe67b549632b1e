import type {Node, Pair} from 'yaml';
import {effectivePair, isMergePair, isScalarNode, ownPair, parseCompose, resolveMap, scalarText, servicesMap} from '../chatmock/compose-project.js';

/**
 * Pins `platform:` in one service of one compose file. The YAML parser finds where the service
 * is and where its image takes effect; the edit itself is one line spliced into the text, so
 * comments, quoting, blank lines and anchors stay byte for byte as the user wrote them. The result
 * is parsed again and refused unless the only thing that changed is that service's platform.
 */
export type PinResult = {readonly kind: 'pinned'; readonly text: string; readonly before?: string} | {readonly kind: 'already'} | {readonly kind: 'unsupported'; readonly reason: string};

export function pinPlatform(text: string, service: string, platform: string): PinResult {
	const doc = parseCompose(text);
	if (doc.errors.length > 0) return {kind: 'unsupported', reason: `not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}`};
	const services = servicesMap(doc);
	const servicePair = services?.items.find(pair => scalarText(pair.key) === service);
	if (!servicePair) return {kind: 'unsupported', reason: `no service "${service}" in this file`};
	const value = servicePair.value as Node | null;
	const map = resolveMap(value, doc);
	if (!map || map !== value) return {kind: 'unsupported', reason: `service "${service}" is an alias or empty; add "platform: ${platform}" to it by hand`};
	if (map.items.length === 0) return {kind: 'unsupported', reason: `service "${service}" is empty`};

	const own = ownPair(map, 'platform');
	let updated: string;
	let before: string | undefined;
	if (own) {
		const node = own.value as Node | null;
		const range = node?.range;
		if (!isScalarNode(node) || !range) return {kind: 'unsupported', reason: `the platform of "${service}" is not a plain value`};
		if (String(node.value) === platform) return {kind: 'already'};
		before = String(node.value);
		updated = text.slice(0, range[0]) + platform + text.slice(range[1]);
	} else {
		const inherited = effectivePair(map, 'platform', doc);
		before = inherited ? scalarText(inherited.value) : undefined;
		if (before === platform) return {kind: 'already'};
		// Beside what names the image: its own image line, else the extends: it inherits one through.
		const anchor = ownPair(map, 'image') ?? ownPair(map, 'extends') ?? [...map.items].reverse().find(isMergePair) ?? map.items[map.items.length - 1]!;
		const spliced = map.flow ? insertFlow(text, anchor, platform) : insertBlock(text, anchor, platform);
		if (spliced === undefined) return {kind: 'unsupported', reason: `could not find where "${service}" ends`};
		updated = spliced;
	}
	const problem = onlyPlatformChanged(text, updated, service, platform);
	if (problem !== undefined) return {kind: 'unsupported', reason: problem};
	return {kind: 'pinned', text: updated, ...(before === undefined ? {} : {before})};
}

/** A new line after the line where `anchor`'s value ends, indented like its key. */
function insertBlock(text: string, anchor: Pair, platform: string): string | undefined {
	const keyStart = (anchor.key as Node | null)?.range?.[0];
	const valueEnd = (anchor.value as Node | null)?.range?.[1] ?? (anchor.key as Node | null)?.range?.[1];
	if (keyStart === undefined || valueEnd === undefined) return undefined;
	const indent = keyStart - (text.lastIndexOf('\n', keyStart - 1) + 1);
	const eol = text.includes('\r\n') ? '\r\n' : '\n';
	const line = `${' '.repeat(indent)}platform: ${platform}`;
	// A block scalar's range already ends past its newline; anything else ends on its own line.
	const at = text[valueEnd - 1] === '\n' ? valueEnd : text.indexOf('\n', valueEnd);
	if (at < 0) return `${text}${eol}${line}`;
	const cut = text[valueEnd - 1] === '\n' ? at : at + 1;
	return `${text.slice(0, cut)}${line}${eol}${text.slice(cut)}`;
}

/** `, platform: X` right after `anchor`'s value in a `{…}` map. */
function insertFlow(text: string, anchor: Pair, platform: string): string | undefined {
	const end = (anchor.value as Node | null)?.range?.[1];
	if (end === undefined) return undefined;
	return `${text.slice(0, end)}, platform: ${platform}${text.slice(end)}`;
}

/** Undefined when `after` is `before` with only `services.<service>.platform` set to `platform`. */
function onlyPlatformChanged(before: string, after: string, service: string, platform: string): string | undefined {
	const parsed = parseCompose(after);
	if (parsed.errors.length > 0) return `the edit would break the file (${parsed.errors[0]!.message.split('\n')[0]})`;
	const expected = parseCompose(before).toJS({maxAliasCount: -1}) as {services?: Record<string, Record<string, unknown>>};
	const target = expected.services?.[service];
	if (!target || typeof target !== 'object') return `service "${service}" not found after the edit`;
	target['platform'] = platform;
	return canonical(expected) === canonical(parsed.toJS({maxAliasCount: -1})) ? undefined : 'the edit would change more than the platform; nothing written';
}

function canonical(value: unknown): string {
	return JSON.stringify(value, (_key, inner: unknown) =>
		inner && typeof inner === 'object' && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : inner,
	);
}
