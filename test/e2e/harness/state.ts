import {existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import type {BinfmtSnapshot} from './binfmt.js';
import type {OwnedBridge} from './bridge.js';
import type {OwnedEngine} from './engine.js';
import type {ImageArch} from './platforms.js';
import type {OwnedRegistry} from './registry.js';

export interface LocalImage {
	/** Local tag of the per-arch image, e.g. chatmock-e2e/chatmock:arm64. */
	readonly ref: string;
	readonly id: string;
	readonly platform: string;
	/** Its `docker load` archive, to load it again if a test removed it. */
	readonly archive: string;
}

export interface AddedTag {
	readonly ref: string;
	/** The image this ref named before we re-tagged it (it gets it back). */
	readonly previousId?: string;
}

/**
 * Everything the harness started or changed, on disk: setup, each e2e test file and the
 * final teardown are separate processes.
 */
export interface HarnessState {
	readonly version: 2;
	/** Our work folder; removed at teardown. */
	readonly dir: string;
	/** Brought up by scripts/test.mjs: only its final teardown takes it down. */
	readonly managed: boolean;
	/** Our engine's private socket (never another engine's). */
	readonly socketPath: string;
	/** Set once it runs; setup never uses an engine it did not start. */
	engine?: OwnedEngine;
	/** The engine's own Linux bridge, deleted at teardown. */
	bridge?: OwnedBridge;
	/** Set as setup goes; a partial state still lets teardown clean up after a failed setup. */
	registry?: OwnedRegistry;
	readonly binfmt: {readonly mountedByUs: boolean; readonly baseline: BinfmtSnapshot};
	readonly cmd: readonly string[];
	images?: Record<ImageArch, LocalImage>;
	multiPlatformRef?: string;
	/** Refs setup itself created; kept between test files. */
	setupRefs: string[];
	/** Refs re-tagged later by tests through loadImage: undone before each file and at teardown. */
	tags: AddedTag[];
}

export function stateRoot(): string {
	return process.env.CHATMOCK_DOCTOR_E2E_STATE ?? join(tmpdir(), 'chatmock-doctor-e2e');
}

const stateFile = (): string => join(stateRoot(), 'state.json');

export function readState(): HarnessState | undefined {
	try {
		const state = JSON.parse(readFileSync(stateFile(), 'utf8')) as {version?: number};
		// A state from an older harness (which could borrow the machine's engine) is not acted on.
		return state.version === 2 ? (state as HarnessState) : undefined;
	} catch {
		return undefined;
	}
}

export function saveState(state: HarnessState): void {
	mkdirSync(stateRoot(), {recursive: true});
	const temporary = `${stateFile()}.${process.pid}`;
	writeFileSync(temporary, `${JSON.stringify(state, null, '\t')}\n`);
	renameSync(temporary, stateFile());
}

export function dropState(): void {
	rmSync(stateFile(), {force: true});
}

function pidAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** One process at a time sets up, reuses or tears down (mkdir is atomic; a dead holder's lock is taken over). */
export async function withLock<T>(work: () => Promise<T>, timeoutMs = 20 * 60_000): Promise<T> {
	const lock = join(stateRoot(), 'lock');
	mkdirSync(stateRoot(), {recursive: true});
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			mkdirSync(lock);
			writeFileSync(join(lock, 'pid'), String(process.pid));
			break;
		} catch {
			let holder = Number.NaN;
			try {
				holder = Number(readFileSync(join(lock, 'pid'), 'utf8'));
			} catch {
				// being created or removed right now
			}
			if (Number.isInteger(holder) && !pidAlive(holder)) rmSync(lock, {recursive: true, force: true});
			else if (Date.now() > deadline) throw new Error(`e2e harness lock ${lock} held by pid ${holder} for too long`);
			else await sleep(200);
		}
	}
	try {
		return await work();
	} finally {
		rmSync(lock, {recursive: true, force: true});
	}
}

export function stateExists(): boolean {
	return existsSync(stateFile());
}
