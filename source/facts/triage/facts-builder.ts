import type {Fact, Source} from '../fact.js';
import type {ContainerFact, EngineFacts, Facts, HostFacts, ImageFact, Signal} from '../types.js';
import type {SourceAt} from '../parse/source-at.js';
import {pasteSourceAt} from '../parse/source-at.js';

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
		const key = [signal.kind, signal.platform, signal.imagePlatform, signal.hostPlatform].join('|');
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

	setChosenImage(ref: string, source: Source): void {
		this.chosenImage ??= {value: ref, source};
	}

	build(): Facts {
		const hasEngine = Object.keys(this.engine).length > 0;
		return {
			origin: 'triage',
			host: {...this.host} as HostFacts,
			...(hasEngine ? {engine: {...this.engine} as EngineFacts} : {}),
			...(this.images.length > 0 ? {images: [...this.images]} : {}),
			...(this.containers.length > 0 ? {containers: [...this.containers]} : {}),
			...(this.chosenImage ? {chosenImage: this.chosenImage} : {}),
			signals: [...this.signals],
		};
	}
}
