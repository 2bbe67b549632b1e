import type {EngineError, EngineResult} from './engine-api.js';
import {fail, type EngineResponse} from './transport.js';

/** Small readers of the engine's JSON: every field is checked, nothing is trusted to be there. */

export function decode<T>(response: EngineResponse, path: string, map: (body: unknown) => T | undefined): EngineResult<T> {
	if (response.status < 200 || response.status >= 300) return fail(httpError(response, path));
	const value = map(parseJson(response.body));
	return value === undefined ? fail({code: 'protocol', message: `unexpected answer from ${path}`}) : {ok: true, value};
}

export function httpError(response: EngineResponse, path: string): EngineError {
	const body = parseJson(response.body);
	const message = oneLine(stringOf(asRecord(body)?.['message']) ?? (response.body.toString('utf8').trim() || `HTTP ${response.status} from ${path}`));
	const status = response.status;
	if (status === 404) return {code: 'not-found', message, status};
	if (status === 409) return {code: 'conflict', message, status};
	if (status === 401 || status === 403) return {code: 'unauthorized', message, status};
	return {code: 'http', message, status};
}

/** Image names keep their slashes and colons in the path, as the CLI sends them. */
export function encodeName(name: string): string {
	return name
		.split('/')
		.map(part => encodeURIComponent(part).replace(/%3A/gi, ':').replace(/%40/g, '@'))
		.join('/');
}

export function parseJson(body: Buffer): unknown {
	try {
		return JSON.parse(body.toString('utf8'));
	} catch {
		return undefined;
	}
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function stringOf(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

export function stringsOf(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function isDefined<T>(value: T | undefined): value is T {
	return value !== undefined;
}

export function oneLine(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

export function compactObject<T extends object>(value: T): T {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
