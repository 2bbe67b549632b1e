import type {Fact} from '../fact.js';
import type {Host} from '../seam/host.js';
import type {HostFacts, OsKind} from '../types.js';

/** What every part of the host probe may use: the host and the kernel facts read first. */
export interface ProbeContext {
	readonly host: Host;
	readonly signal?: AbortSignal;
	readonly kernel: Pick<HostFacts, 'kernelMachine' | 'kernelRelease' | 'kernelName' | 'procVersion'>;
	readonly osKind?: Fact<OsKind>;
}

/** A part of HostFacts a probe fills in. */
export type HostFactsPart = {-readonly [K in keyof HostFacts]?: HostFacts[K]};
