import {pullParameters} from '../../chatmock/reference.js';
import type {EngineResult, PullOptions, PullOutcome} from './engine-api.js';
import {asRecord, compactObject, httpError, oneLine, stringOf} from './engine-json.js';
import {fail, type Transport} from './transport.js';

const DEFAULT_STALL_MS = 60_000;

/**
 * POST /images/create for one tag and platform, read as the JSON stream it is: every event is
 * scanned for {error} (a 200 stream can still fail) and the final `Status:` line is required.
 */
export async function pull(transport: Transport, ref: string, platform: string, options: PullOptions, platformSupported: boolean): Promise<EngineResult<PullOutcome>> {
	const params = pullParameters(ref);
	if (!params) return fail({code: 'error', message: `not an image reference: ${ref}`});
	if (!platformSupported) return fail({code: 'http', message: `this engine's API (${transport.apiVersion ?? 'unknown'}) cannot pull a chosen platform`});
	let buffer = '';
	let status: string | undefined;
	let digest: string | undefined;
	let streamError: string | undefined;
	const onLine = (line: string) => {
		if (line.trim() === '') return;
		let event: Record<string, unknown> | undefined;
		try {
			event = asRecord(JSON.parse(line));
		} catch {
			return;
		}
		if (!event) return;
		// An {error} can come at any point of a 200 stream; followProgress would still report success.
		const error = stringOf(event['error']) ?? stringOf(asRecord(event['errorDetail'])?.['message']);
		if (error !== undefined && streamError === undefined) streamError = error;
		const text = stringOf(event['status']);
		if (text === undefined) return;
		if (text.startsWith('Status:')) status = text;
		const digestMatch = /^Digest:\s*(\S+)/.exec(text);
		if (digestMatch) digest = digestMatch[1];
		const detail = asRecord(event['progressDetail']);
		options.onProgress?.(
			compactObject({
				id: stringOf(event['id']),
				status: text,
				current: typeof detail?.['current'] === 'number' ? detail['current'] : undefined,
				total: typeof detail?.['total'] === 'number' ? detail['total'] : undefined,
			}),
		);
	};
	const response = await transport.send(
		{method: 'POST', path: '/images/create', query: {fromImage: params.fromImage, tag: params.tag, platform}},
		{
			stallMs: options.stallMs ?? DEFAULT_STALL_MS,
			...(options.signal ? {signal: options.signal} : {}),
			onData(chunk) {
				buffer += chunk.toString('utf8');
				let newline = buffer.indexOf('\n');
				while (newline !== -1) {
					onLine(buffer.slice(0, newline));
					buffer = buffer.slice(newline + 1);
					newline = buffer.indexOf('\n');
				}
			},
		},
	);
	if (!response.ok) return response;
	if (response.value.status !== 200) {
		return fail(httpError({...response.value, body: Buffer.from(buffer)}, '/images/create'));
	}
	onLine(buffer);
	if (streamError !== undefined) return fail({code: 'error', message: oneLine(streamError)});
	if (status === undefined) return fail({code: 'protocol', message: 'the pull ended without its final Status line'});
	return {ok: true, value: compactObject({status, digest})};
}
