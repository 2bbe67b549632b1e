import {exec} from './exec.js';
import {log} from './log.js';

/**
 * The private engine's own Linux bridge, so `-p` publishing works (through docker-proxy, with
 * no iptables) without touching docker0 or any network another engine uses. The name is ours
 * alone: a link of that name can only be a leftover of a harness run that was killed.
 */
export const BRIDGE_NAME = 'cmdoc-e2e0';

export interface OwnedBridge {
	readonly name: string;
	/** The bridge's own address with prefix, e.g. 172.31.243.1/24: dockerd takes it as the gateway. */
	readonly cidr: string;
}

/** Third octets tried in 172.31.x.0/24, from the top down: Docker's own pools start at 172.17 and grow upwards. */
const CANDIDATE_OCTETS = Array.from({length: 24}, (_, index) => 254 - index);

async function ip(args: readonly string[], allowFailure = false): Promise<string> {
	return (await exec('ip', args, {timeoutMs: 10_000, allowFailure})).stdout;
}

export async function linkExists(name: string): Promise<boolean> {
	return (await exec('ip', ['link', 'show', 'dev', name], {timeoutMs: 10_000, allowFailure: true})).code === 0;
}

/** 172.31.x.0/24 networks in use on this machine: any route or address inside them rules that x out. */
async function usedOctets(): Promise<Set<number>> {
	const text = `${await ip(['-4', 'route', 'show', 'table', 'all'], true)}\n${await ip(['-4', '-o', 'addr', 'show'], true)}`;
	const used = new Set<number>();
	for (const match of text.matchAll(/\b172\.(\d+)\.(\d+)\.\d+(?:\/(\d+))?/g)) {
		const second = Number(match[1]);
		const third = Number(match[2]);
		const prefix = Number(match[3] ?? 32);
		if (prefix < 16) return new Set(CANDIDATE_OCTETS);
		if (second !== 31) continue;
		if (prefix < 24) {
			// A wider route (e.g. 172.31.0.0/16) covers every candidate.
			const size = 2 ** (24 - prefix);
			const start = third - (third % size);
			for (let octet = start; octet < start + size; octet++) used.add(octet);
		} else {
			used.add(third);
		}
	}
	return used;
}

export async function deleteBridge(name: string): Promise<void> {
	if (!(await linkExists(name))) return;
	await ip(['link', 'set', name, 'down'], true);
	await ip(['link', 'delete', name, 'type', 'bridge']);
	log(`bridge ${name} deleted`);
}

/** Creates the bridge on a free 172.31.x.0/24 (a leftover of ours is deleted first). */
export async function createBridge(name: string = BRIDGE_NAME): Promise<OwnedBridge> {
	if (await linkExists(name)) {
		log(`bridge ${name} left by an interrupted run: deleting it`);
		await deleteBridge(name);
	}
	const used = await usedOctets();
	const octet = CANDIDATE_OCTETS.find(candidate => !used.has(candidate));
	if (octet === undefined) throw new Error('no free 172.31.x.0/24 network for the harness bridge');
	const cidr = `172.31.${octet}.1/24`;
	await ip(['link', 'add', name, 'type', 'bridge']);
	try {
		await ip(['addr', 'add', cidr, 'dev', name]);
		await ip(['link', 'set', name, 'up']);
	} catch (error) {
		await deleteBridge(name).catch(() => undefined);
		throw error;
	}
	return {name, cidr};
}
