import {join} from 'node:path';

/** The file access compose fixes need; injected so tests and dry runs never touch a disk. */
export interface ComposeFs {
	readText(path: string): Promise<string | undefined>;
	writeText(path: string, text: string): Promise<void>;
	exists(path: string): Promise<boolean>;
}

/** The names Compose looks for, in its own order of preference. */
export const COMPOSE_FILE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'] as const;

export interface DiffLine {
	readonly kind: ' ' | '-' | '+';
	readonly text: string;
}

export interface ComposeChange {
	readonly service: string;
	readonly image: string;
	/** The platform line there was before, if any. */
	readonly before?: string;
	readonly after: string;
}

export interface ComposeEdit {
	readonly path: string;
	readonly original: string;
	readonly updated: string;
	readonly changes: readonly ComposeChange[];
	readonly diff: readonly DiffLine[];
}

export type ComposePlan =
	| {readonly kind: 'edit'; readonly edit: ComposeEdit}
	/** Every ChatMock service already names this platform. */
	| {readonly kind: 'already'; readonly path: string}
	/** No compose file here, or none that runs a ChatMock image. */
	| {readonly kind: 'none'; readonly path?: string};

const CHATMOCK_IMAGE = /chatmock/i;

/** Finds the compose file in `cwd` and works out the `platform:` lines it needs. Reads only. */
export async function planComposeEdit(fs: ComposeFs, cwd: string, platform: string): Promise<ComposePlan> {
	for (const name of COMPOSE_FILE_NAMES) {
		const path = join(cwd, name);
		const text = await fs.readText(path);
		if (text === undefined) continue;
		const edit = editComposeText(text, platform);
		if (!edit) return {kind: 'none', path};
		if (edit.changes.length === 0) return {kind: 'already', path};
		return {kind: 'edit', edit: {path, original: text, ...edit}};
	}
	return {kind: 'none'};
}

/**
 * Adds or corrects `platform:` in every service whose image is a ChatMock image. Line based, so
 * comments, quoting and order stay as the user wrote them. Undefined when no service runs ChatMock.
 */
export function editComposeText(text: string, platform: string): Omit<ComposeEdit, 'path' | 'original'> | undefined {
	const eol = text.includes('\r\n') ? '\r\n' : '\n';
	const lines = text.split(/\r?\n/);
	const out = [...lines];
	const changes: ComposeChange[] = [];
	const diff: DiffLine[] = [];
	let found = false;
	// Insertions shift later lines: walk bottom-up so earlier indexes stay valid.
	const images = lines.map((line, index) => ({index, match: /^(\s+)image:\s*(["']?)(.+?)\2\s*(?:#.*)?$/.exec(line)})).filter(entry => entry.match && CHATMOCK_IMAGE.test(entry.match[3] ?? ''));
	const pieces: {index: number; diff: DiffLine[]}[] = [];
	for (const {index, match} of images.reverse()) {
		if (!match) continue;
		found = true;
		const indent = match[1] ?? '';
		const image = match[3] ?? '';
		const block = serviceBlock(lines, index, indent.length);
		const serviceLine = lines[block.start - 1] ?? '';
		const service = serviceLine.trim().replace(/:\s*(#.*)?$/, '');
		const wanted = `${indent}platform: ${platform}`;
		const existing = findKey(lines, block, indent.length, 'platform');
		const context: DiffLine[] = [
			{kind: ' ', text: serviceLine},
			{kind: ' ', text: lines[index] ?? ''},
		];
		if (existing !== undefined) {
			const current = lines[existing] ?? '';
			const value = current
				.replace(/^\s*platform:\s*/, '')
				.replace(/\s*#.*$/, '')
				.replace(/^(["'])(.*)\1$/, '$2');
			if (value === platform) continue;
			out[existing] = wanted;
			changes.push({service, image, before: current.trim(), after: wanted.trim()});
			pieces.push({index, diff: [...context, {kind: '-', text: current}, {kind: '+', text: wanted}]});
		} else {
			out.splice(index + 1, 0, wanted);
			changes.push({service, image, after: wanted.trim()});
			pieces.push({index, diff: [...context, {kind: '+', text: wanted}]});
		}
	}
	if (!found) return undefined;
	for (const piece of pieces.sort((a, b) => a.index - b.index)) diff.push(...piece.diff);
	return {updated: out.join(eol), changes: changes.reverse(), diff};
}

/** The lines of the service that holds line `index`: from after its key line to before the next line indented less than `indent`. */
function serviceBlock(lines: readonly string[], index: number, indent: number): {start: number; end: number} {
	let start = index;
	while (start > 0 && !isShallower(lines[start - 1] ?? '', indent)) start--;
	let end = index + 1;
	while (end < lines.length && !isShallower(lines[end] ?? '', indent)) end++;
	return {start, end};
}

function isShallower(line: string, indent: number): boolean {
	if (line.trim() === '' || line.trim().startsWith('#')) return false;
	return line.length - line.trimStart().length < indent;
}

function findKey(lines: readonly string[], block: {start: number; end: number}, indent: number, key: string): number | undefined {
	for (let i = block.start; i < block.end; i++) {
		const line = lines[i] ?? '';
		if (line.length - line.trimStart().length === indent && line.trimStart().startsWith(`${key}:`)) return i;
	}
	return undefined;
}

/** Writes the edit after saving the original as `<file>.bak` (or .bak.1, .bak.2 … when one exists). Refuses when the file changed since it was read. */
export async function applyComposeEdit(fs: ComposeFs, edit: ComposeEdit): Promise<{readonly ok: true; readonly backup: string} | {readonly ok: false; readonly message: string}> {
	try {
		const now = await fs.readText(edit.path);
		if (now !== edit.original) return {ok: false, message: `${edit.path} changed since it was read; nothing written`};
		let backup = `${edit.path}.bak`;
		for (let n = 1; (await fs.exists(backup)) && n < 100; n++) backup = `${edit.path}.bak.${n}`;
		await fs.writeText(backup, edit.original);
		await fs.writeText(edit.path, edit.updated);
		return {ok: true, backup};
	} catch (error) {
		return {ok: false, message: error instanceof Error ? error.message : String(error)};
	}
}
