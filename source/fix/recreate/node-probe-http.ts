import {request} from 'node:http';
import type {ProbeHttp} from './prove.js';

/** Node's HTTP client for the /health probe: one GET, its own deadline, never throws. */
export const nodeProbeHttp: ProbeHttp = (url, {timeoutMs, signal}) =>
	new Promise(resolve => {
		let settled = false;
		const done = (status: number | undefined) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			resolve(status);
		};
		const req = request(url, {method: 'GET', agent: false, ...(signal ? {signal} : {})}, response => {
			response.resume();
			done(response.statusCode);
		});
		const timer = setTimeout(() => {
			req.destroy();
			done(undefined);
		}, timeoutMs);
		req.on('error', () => done(undefined));
		req.end();
	});
