import {request} from 'node:http';

export interface HttpAnswer {
	readonly status: number;
	readonly body: string;
}

/** One request to the Engine API over its unix socket, with a deadline. */
export async function engineRequest(socketPath: string, method: string, path: string, timeoutMs = 10_000): Promise<HttpAnswer> {
	return new Promise<HttpAnswer>((resolve, reject) => {
		const req = request({socketPath, method, path, headers: {host: 'docker'}, timeout: timeoutMs}, res => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () => resolve({status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8')}));
			res.on('error', reject);
		});
		req.on('timeout', () => req.destroy(new Error(`${method} ${path} on ${socketPath}: timed out after ${timeoutMs} ms`)));
		req.on('error', reject);
		req.end();
	});
}

export async function engineJson<T>(socketPath: string, path: string, timeoutMs = 30_000): Promise<T> {
	const answer = await engineRequest(socketPath, 'GET', path, timeoutMs);
	if (answer.status !== 200) throw new Error(`GET ${path}: HTTP ${answer.status} ${answer.body.trim()}`);
	return JSON.parse(answer.body) as T;
}

export async function pingEngine(socketPath: string, timeoutMs = 2000): Promise<boolean> {
	try {
		const answer = await engineRequest(socketPath, 'GET', '/_ping', timeoutMs);
		return answer.status === 200 && answer.body === 'OK';
	} catch {
		return false;
	}
}

/** GET on a plain-HTTP URL (the local registry), false on any failure. */
export async function httpOk(url: string, timeoutMs = 2000): Promise<boolean> {
	try {
		const res = await fetch(url, {signal: AbortSignal.timeout(timeoutMs)});
		await res.arrayBuffer();
		return res.ok;
	} catch {
		return false;
	}
}

/** GET on a plain-HTTP URL (a container's /health): its status code, undefined when nothing answered within 5 s. */
export function httpStatus(url: string): Promise<number | undefined> {
	return new Promise(done => {
		const req = request(url, {agent: false, timeout: 5000}, response => {
			response.resume();
			done(response.statusCode);
		});
		req.on('timeout', () => req.destroy());
		req.on('error', () => done(undefined));
		req.end();
	});
}
