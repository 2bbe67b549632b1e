import {createRequire} from 'node:module';

/**
 * Node's own modules that take milliseconds to load (a Pi Zero pays several times more), loaded
 * on first use: a plain Linux run spawns nothing, hashes nothing and speaks no TLS.
 */
const load = createRequire(import.meta.url);

export const childProcess = (): typeof import('node:child_process') => load('child_process');
export const crypto = (): typeof import('node:crypto') => load('crypto');
export const https = (): typeof import('node:https') => load('https');
