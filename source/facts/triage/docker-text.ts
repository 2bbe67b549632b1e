import {fact} from '../fact.js';
import {type FactsBuilder, pasteAt} from './facts-builder.js';
import type {PasteLine} from './paste-lines.js';

/** Keys only `docker info` prints: seeing one means the lines around are the engine's, not lscpu's. */
export const DOCKER_INFO_KEY =
	/^\s*(?:Server Version|Storage Driver|Logging Driver|Cgroup Driver|Cgroup Version|Docker Root Dir|OSType|Default Runtime|Live Restore Enabled|Containers|Insecure Registries|Registry Mirrors|Total Memory|Init Binary|containerd version|runc version|Security Options|Swarm|Debug Mode(?: \((?:client|server)\))?|Product License|Experimental|Runtimes|Plugins):/;
/** Keys only `docker version` (and podman's docker-like version) prints. */
export const DOCKER_VERSION_KEY = /^\s*(?:OS\/Arch(?: \((?:client|server)\))?|Go [vV]ersion|Git [cC]ommit|API [vV]ersion):/;
/** `Client:` / `Server:` headers, with a product after them or not. */
export const DOCKER_SECTION = /^(Client|Server):\s*(.*)$/;

/** `docker info` keys only its Server part has: a paste cut between Client and them still names the engine. */
const SERVER_ONLY_KEY =
	/^(?:Server Version|Storage Driver|Kernel Version|Operating System|OSType|Architecture|Containers|Images|Total Memory|CPUs|Docker Root Dir|Logging Driver|Cgroup Driver|Cgroup Version)$/;

const COMPONENT = /^(Engine|containerd|runc|docker-init|Podman Engine|Conmon|OCI Runtime(?: \(\w+\))?|crun|Kubernetes)$/i;

/**
 * Reads `docker info` and `docker version` text, old (flat) and new (Client:/Server:) layouts.
 * `Architecture:` here is the engine host's uname machine, never the local lscpu's; `OS/Arch`
 * under Server is dockerd's own GOOS/GOARCH, which the default platform follows.
 */
export class DockerTextReader {
	private side: 'client' | 'server' | undefined;
	private component: string | undefined;
	private podmanClient = false;
	private security: {indent: number; items: string[]; line: PasteLine} | undefined;
	private components: {names: string[]; line: PasteLine} | undefined;

	constructor(private readonly facts: FactsBuilder) {}

	/** Called when a new output starts; flushes what spans lines. */
	reset(): void {
		this.flush();
		this.side = undefined;
		this.component = undefined;
		this.podmanClient = false;
	}

	flush(): void {
		if (this.security && this.security.items.length > 0) {
			this.facts.setEngine('securityOptions', fact(this.security.items, pasteAt(this.security.line.no, this.security.line.text)));
		}
		this.security = undefined;
		if (this.components && this.components.names.length > 0) {
			this.facts.setEngine('components', fact(this.components.names, pasteAt(this.components.line.no, this.components.line.text)));
		}
		this.components = undefined;
	}

	/** False when the line is not docker output at all (prose), which ends the block. */
	read(line: PasteLine): boolean {
		const text = line.text;
		if (text.trim() === '') return true;
		const indent = /^\s*/.exec(text)![0].replace(/\t/g, '  ').length;
		const cite = pasteAt(line.no, text);

		if (this.security) {
			if (indent > this.security.indent) {
				const item = text.trim();
				const profile = /^Profile:\s*(.+)$/i.exec(item);
				if (profile && this.security.items.length > 0) {
					const last = this.security.items.length - 1;
					this.security.items[last] = `${this.security.items[last]},profile=${profile[1]!.trim()}`;
				} else if (!/:\s/.test(item)) {
					this.security.items.push(item.includes('=') ? item : `name=${item}`);
				}
				return true;
			}
			this.flush();
		}

		const section = DOCKER_SECTION.exec(text);
		if (section) {
			this.side = section[1] === 'Client' ? 'client' : 'server';
			this.component = this.side === 'server' ? 'engine' : undefined;
			const product = section[2]!.trim();
			if (/podman/i.test(product)) {
				this.facts.setEngine('productHint', fact('podman', cite));
				if (this.side === 'client') this.podmanClient = true;
			} else if (this.side === 'server' && product !== '') {
				this.facts.setEngine('platformName', fact(product, cite));
			}
			return true;
		}

		const pair = /^\s*([A-Za-z][\w ./()-]{0,40}?):\s*(.*)$/.exec(text);
		if (!pair) return indent > 0 || /^WARNING\b/.test(text);
		const key = pair[1]!;
		const value = pair[2]!.trim();
		if (this.side === 'client' && !this.podmanClient && SERVER_ONLY_KEY.test(key)) {
			this.side = 'server';
			this.component = 'engine';
		}

		if (value === '' && indent > 0 && this.side === 'server' && COMPONENT.test(key)) {
			this.component = key.toLowerCase() === 'engine' || /podman/i.test(key) ? 'engine' : key;
			this.components ??= {names: [], line};
			this.components.names.push(key);
			if (/podman/i.test(key)) this.facts.setEngine('productHint', fact('podman', cite));
			return true;
		}
		if (key === 'Security Options' && value === '') {
			this.security = {indent, items: [], line};
			return true;
		}
		if (value === '') return true;

		// Podman without a remote server prints only "Client: Podman Engine": that client is the engine.
		const engineSide = this.side !== 'client' || this.podmanClient;
		const isEngine = engineSide && (this.component === undefined || this.component === 'engine');
		switch (key) {
			case 'Server Version':
				this.facts.setEngine('serverVersion', fact(value, cite));
				break;
			case 'Version':
				if (isEngine) this.facts.setEngine('serverVersion', fact(value, cite));
				break;
			case 'API version':
			case 'API Version': {
				if (!isEngine) break;
				const api = /^(\S+)(?:\s*\(minimum version ([^)\s]+)\))?/.exec(value);
				if (api) this.facts.setEngine('apiVersion', fact(api[1]!, cite));
				if (api?.[2]) this.facts.setEngine('minApiVersion', fact(api[2], cite));
				break;
			}
			case 'OS/Arch': {
				const [os, arch] = value.split('/');
				// A darwin/windows "engine" in a podman client line is the Mac/PC client, not the engine.
				if (isEngine && os && arch && /^(?:linux|windows)$/.test(os) && !(this.side === 'client' && os === 'windows')) {
					this.facts.setEngine('versionOs', fact(os, cite));
					this.facts.setEngine('versionArch', fact(arch, cite));
				} else if (!engineSide || this.podmanClient) {
					this.facts.setEngine('clientOsArch', fact(value, cite));
				}
				break;
			}
			// Docker 1.6 and older: one flat list, each key naming its side.
			case 'OS/Arch (server)': {
				const [os, arch] = value.split('/');
				if (os && arch) {
					this.facts.setEngine('versionOs', fact(os, cite));
					this.facts.setEngine('versionArch', fact(arch, cite));
				}
				break;
			}
			case 'OS/Arch (client)':
				this.facts.setEngine('clientOsArch', fact(value, cite));
				break;
			case 'Server version':
				this.facts.setEngine('serverVersion', fact(value, cite));
				break;
			case 'Context':
				this.facts.setEngine('context', fact(value, cite));
				break;
			case 'Kernel Version':
				if (engineSide) this.facts.setEngine('kernelVersion', fact(value, cite));
				break;
			case 'Operating System':
				if (engineSide) this.facts.setEngine('operatingSystem', fact(value, cite));
				break;
			case 'OSType':
				this.facts.setEngine('osType', fact(value, cite));
				break;
			case 'Architecture':
				if (engineSide) this.facts.setEngine('infoArchitecture', fact(value, cite));
				break;
			case 'Name':
				if (engineSide && indent <= 1) this.facts.setEngine('name', fact(value, cite));
				break;
			case 'Storage Driver':
				this.facts.setEngine('driver', fact(value, cite));
				break;
			default:
				break;
		}
		return true;
	}
}
