import {fact} from '../fact.js';
import {exitCodeKind, failureSignals, WINDOWS_PIPE} from '../parse/failure-lines.js';
import {type FactsBuilder, pasteAt} from './facts-builder.js';
import type {PasteLine} from './paste-lines.js';

/**
 * Error and warning lines seen anywhere in a paste, whatever block they sit in: a log line
 * is evidence even when it is quoted in prose. The failure kinds come from the rules the live
 * log scan uses; a paste adds messages wrapped over two lines, exit lines and Windows' hints.
 */
export function readSignals(line: PasteLine, facts: FactsBuilder, previous?: PasteLine): void {
	const text = line.text;
	const source = () => pasteAt(line.no, text);

	for (const signal of failureSignals(text, rule => spanning(rule.pattern, rule.word, line, previous))) facts.addSignal({...signal, source: source()});
	// A compose or `docker ps` exit line: the code is the crash, as a live container's exit code is.
	const exit = exitCodeKind(exitCode(text));
	if (exit) facts.addSignal({kind: exit, source: source()});
	// Only Docker Desktop's issue templates (for-mac, for-win) ask for "Docker Desktop Version:".
	if (/^\W*Docker Desktop Version\s*:/i.test(text)) facts.setEngine('productHint', fact('docker-desktop', source()));
	// Only Windows' docker CLI talks to its engine through a named pipe.
	if (WINDOWS_PIPE.test(text)) facts.setHost('osKind', fact('windows', source()));

	readExitLine(line, facts);
	readChosenImage(line, facts);
}

/**
 * The pattern on this line, or across the previous one and this one when a terminal or an issue
 * form wrapped it (at a space, or in the middle of a word): only a match that ends on this line
 * counts, so a message on one line is read once.
 */
function spanning(pattern: RegExp, word: string, line: PasteLine, previous: PasteLine | undefined): RegExpExecArray | undefined {
	const here = line.text.includes(word);
	const own = here ? pattern.exec(line.text) : null;
	if (own) return own;
	// A wrapped message holds its key word on one of its two lines, whole or cut (`does not ma` / `tch the`).
	if (!previous || !/platform|manifest/.test(previous.text) || pattern.test(previous.text)) return undefined;
	const head = previous.text.replace(/\s+$/, '');
	const tail = line.text.trim();
	for (const joined of [`${head} ${tail}`, `${head}${tail}`]) {
		const match = pattern.exec(joined);
		if (match && match.index < head.length && match.index + match[0].length > head.length + 1) return match;
	}
	return undefined;
}

/** `chatmock-1 exited with code 132` (compose), `Exited (139) 2 minutes ago` (docker ps). */
function exitCode(text: string): number | undefined {
	const match = /exited with code (\d{1,3})\b|Exited \((\d{1,3})\)/i.exec(text);
	const code = match?.[1] ?? match?.[2];
	return code === undefined ? undefined : Number(code);
}

function readExitLine(line: PasteLine, facts: FactsBuilder): void {
	const compose = /^\s*(?:\S+\s+\|\s+)?([\w.-]+)\s+exited with code (\d{1,3})\b/.exec(line.text);
	if (!compose) return;
	facts.addContainer({
		id: '',
		name: compose[1]!,
		image: '',
		state: 'exited',
		exitCode: Number(compose[2]),
		logTail: [],
		source: pasteAt(line.no, line.text),
	});
}

const IMAGE_REF = /^(?:[\w.-]+(?::\d+)?\/)*[\w.-]*chatmock[\w.-]*(?::[\w.-]+)?(?:@sha256:[0-9a-f]{64})?$/i;

/** The ChatMock image a user runs: compose `image:`, `CHATMOCK_IMAGE=`, `docker pull|run … <ref>`. */
function readChosenImage(line: PasteLine, facts: FactsBuilder): void {
	const text = line.text;
	if (!/chatmock/i.test(text)) return;
	const cite = () => pasteAt(line.no, text);
	const fallback = /\$\{CHATMOCK_IMAGE:-([^}\s]+)\}/.exec(text);
	if (fallback && IMAGE_REF.test(fallback[1]!)) return facts.setChosenImage(fallback[1]!, cite());
	const env = /\bCHATMOCK_IMAGE\s*[=:]\s*["']?([^\s"'$]+)/.exec(text);
	if (env && IMAGE_REF.test(env[1]!)) return facts.setChosenImage(env[1]!, cite());
	const compose = /^\s*-?\s*image:\s*["']?([^\s"']+)/.exec(text);
	if (compose && IMAGE_REF.test(compose[1]!)) return facts.setChosenImage(compose[1]!, cite());
	const cli = /\b(?:docker|podman)\s+(?:image\s+)?(?:pull|run|create)\s+(.*)$/.exec(text);
	if (!cli) return;
	const tokens = cli[1]!.split(/\s+/);
	for (const [index, token] of tokens.entries()) {
		const previous = tokens[index - 1] ?? '';
		// `--name chatmock` names the container; the image is another token.
		if (/^--?(?:name|hostname|network|volume|v|e|env|label|l|p|publish|w|workdir|mount|platform)$/.test(previous)) continue;
		const ref = token.replace(/^["']|["']$/g, '');
		if (!ref.startsWith('-') && IMAGE_REF.test(ref)) return facts.setChosenImage(ref, cite());
	}
}
