import type {Fact, Source} from '../fact.js';
import type {BinfmtHandler, ContainerFact, EngineFacts, Facts, HostFacts, ImageFact, Signal} from '../types.js';
import type {SourceAt} from '../parse/source-at.js';
import {pasteSourceAt} from '../parse/source-at.js';
import {signalKey} from '../parse/failure-lines.js';

type Mutable<T> = {-readonly [K in keyof T]?: T[K]};

/** Cites one pasted line (1-based in the whole paste). */
export const pasteAt: SourceAt = pasteSourceAt(1);

/**
 * Collects what a paste says. The first value of each fact wins: when a paste holds two machines'
 * outputs (two `uname -m`), the first is kept and the rest is ignored, never merged.
 */
export class FactsBuilder {
	private readonly host: Mutable<HostFacts> = {};
	private readonly engine: Mutable<EngineFacts> = {};
	private readonly signals: Signal[] = [];
	private readonly signalKeys = new Set<string>();
	private readonly images: ImageFact[] = [];
	private readonly containers: ContainerFact[] = [];
	private chosenImage: Fact<string> | undefined;
	private readonly binfmt: BinfmtHandler[] = [];
	/** The paste says the engine holds no ChatMock image (the doctor's collector or checklist). */
	private noImages = false;

	setHost<K extends keyof HostFacts>(key: K, value: HostFacts[K] | undefined): void {
		if (value !== undefined && this.host[key] === undefined) this.host[key] = value;
	}

	hasHost(key: keyof HostFacts): boolean {
		return this.host[key] !== undefined;
	}

	getHost<K extends keyof HostFacts>(key: K): HostFacts[K] | undefined {
		return this.host[key];
	}

	setEngine<K extends keyof EngineFacts>(key: K, value: EngineFacts[K] | undefined): void {
		if (value !== undefined && this.engine[key] === undefined) this.engine[key] = value;
	}

	/** Merges a whole EngineFacts (from JSON), each member first-wins. */
	mergeEngine(facts: EngineFacts): void {
		for (const key of Object.keys(facts) as (keyof EngineFacts)[]) this.setEngine(key, facts[key] as never);
	}

	/** The same line pasted twice (or a log repeating itself) gives one signal. */
	addSignal(signal: Signal): void {
		const key = signalKey(signal);
		if (this.signalKeys.has(key)) return;
		this.signalKeys.add(key);
		this.signals.push(signal);
	}

	addImage(image: ImageFact): void {
		if (!this.images.some(known => known.id === image.id && known.ref === image.ref)) this.images.push(image);
	}

	addContainer(container: ContainerFact): void {
		const same = (known: ContainerFact) => (container.id !== '' && known.id === container.id) || (container.name !== '' && known.name === container.name);
		if (!this.containers.some(same)) this.containers.push(container);
	}

	/** A handler shown twice (a listing, then its file) is kept once, as the fuller view. */
	addBinfmtHandler(handler: BinfmtHandler): void {
		const at = this.binfmt.findIndex(known => known.name === handler.name);
		if (at === -1) this.binfmt.push(handler);
		else if (this.binfmt[at]!.nameOnly && !handler.nameOnly) this.binfmt[at] = handler;
	}

	/** Images were looked for and none is ChatMock's: an empty list, not an unknown one. */
	setNoImages(): void {
		this.noImages = true;
	}

	setChosenImage(ref: string, source: Source): void {
		this.chosenImage ??= {value: ref, source};
	}

	build(): Facts {
		const hasEngine = Object.keys(this.engine).length > 0;
		return {
			origin: 'triage',
			host: {...this.host} as HostFacts,
			...(hasEngine ? {engine: {...this.engine} as EngineFacts} : {}),
			...(this.images.length > 0 ? {images: [...this.images]} : this.noImages ? {images: []} : {}),
			// A paste shows the handlers someone chose to show: others may be registered too.
			...(this.binfmt.length > 0
				? {emulation: {kind: 'binfmt' as const, handlers: [...this.binfmt], partial: true, note: 'binfmt_misc handlers seen in the paste; others may be registered too'}}
				: {}),
			...(this.containers.length > 0 ? {containers: [...this.containers]} : {}),
			...(this.chosenImage ? {chosenImage: this.chosenImage} : {}),
			signals: [...this.signals],
		};
	}
}
