import {fact} from '../fact.js';
import {type FactsBuilder, pasteAt} from './facts-builder.js';
import type {PasteLine} from './paste-lines.js';

/**
 * `podman info` as YAML: keys nest by indentation. host.arch is podman's GOARCH (the engine's),
 * host.os its GOOS, host.kernel the VM's or machine's kernel.
 */
export class PodmanYamlReader {
	private stack: {indent: number; key: string}[] = [];
	private distribution: {name?: string; version?: string; line?: PasteLine} = {};

	constructor(private readonly facts: FactsBuilder) {}

	reset(): void {
		this.flush();
		this.stack = [];
	}

	flush(): void {
		const {name, version, line} = this.distribution;
		if (name && line) this.facts.setEngine('operatingSystem', fact(version ? `${name} ${version}` : name, pasteAt(line.no, line.text)));
		this.distribution = {};
	}

	read(line: PasteLine): boolean {
		const match = /^(\s*)([\w.-]+):\s*(.*)$/.exec(line.text);
		if (!match) return line.text.trim() === '' || /^\s*-\s/.test(line.text);
		const indent = match[1]!.replace(/\t/g, '  ').length;
		while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.indent >= indent) this.stack.pop();
		const key = match[2]!;
		const value = match[3]!.trim().replace(/^(['"])(.*)\1$/, '$2');
		const path = [...this.stack.map(entry => entry.key), key].join('.');
		if (value === '') {
			this.stack.push({indent, key});
			if (path === 'host') this.facts.setEngine('productHint', fact('podman', pasteAt(line.no, line.text)));
			return true;
		}
		const cite = pasteAt(line.no, line.text);
		switch (path) {
			case 'host.arch':
				this.facts.setEngine('productHint', fact('podman', cite));
				this.facts.setEngine('versionArch', fact(value, cite));
				break;
			case 'host.os':
				this.facts.setEngine('versionOs', fact(value, cite));
				break;
			case 'host.kernel':
				this.facts.setEngine('kernelVersion', fact(value, cite));
				break;
			case 'host.hostname':
				this.facts.setEngine('name', fact(value, cite));
				break;
			case 'host.distribution.distribution':
				this.distribution.name = value;
				this.distribution.line = line;
				break;
			case 'host.distribution.version':
				this.distribution.version = value;
				break;
			case 'host.security.rootless':
				if (value === 'true') this.facts.setEngine('securityOptions', fact(['name=rootless'], cite));
				break;
			case 'version.Version':
				this.facts.setEngine('serverVersion', fact(value, cite));
				break;
			case 'version.APIVersion':
				this.facts.setEngine('apiVersion', fact(value, cite));
				break;
			case 'version.OsArch': {
				// The server's GOOS/GOARCH; host.arch, read first, says the same.
				const [os, arch] = value.split('/');
				if (os === 'linux' && arch) {
					this.facts.setEngine('versionOs', fact(os, cite));
					this.facts.setEngine('versionArch', fact(arch, cite));
				}
				break;
			}
			// `podman info` on a Mac without a machine prints only the client: "OS: darwin/arm64"; podman 5+ nests it as Client.OsArch.
			case 'Client.OsArch':
			case 'OS':
				this.facts.setEngine('clientOsArch', fact(value, cite));
				break;
			default:
				break;
		}
		return true;
	}
}

/** `colima status` / `colima version`: "colima is running using …", "arch: aarch64", "server: v28.3.3". */
export function readColima(line: PasteLine, facts: FactsBuilder): boolean {
	const text = line.text.trim();
	const cite = pasteAt(line.no, line.text);
	if (/^colima is running\b/.test(text) || /^colima version\s/.test(text)) {
		facts.setEngine('productHint', fact('colima', cite));
		return true;
	}
	const pair = /^([\w ]+):\s*(.+)$/.exec(text);
	if (!pair) return text === '';
	const value = pair[2]!.trim();
	// The VM's uname machine is the daemon host's, what /info Architecture says.
	if (pair[1] === 'arch') facts.setEngine('infoArchitecture', fact(value, cite));
	if (pair[1] === 'server') facts.setEngine('serverVersion', fact(value.replace(/^v/, ''), cite));
	return true;
}

/** `wsl -l -v`: the default distro (marked `*`) and its WSL version. */
export function readWslRow(line: PasteLine, facts: FactsBuilder): boolean {
	const text = line.text;
	if (/^\s*NAME\s+STATE\s+VERSION\s*$/.test(text)) return true;
	const row = /^\s*(\*)?\s*(\S+)\s+(Running|Stopped|Installing|Uninstalling|Converting)\s+([12])\s*$/.exec(text);
	if (!row) return false;
	if (row[1]) {
		const cite = pasteAt(line.no, line.text);
		facts.setHost('wslDistro', fact(row[2]!, cite));
		facts.setHost('wsl', fact(row[4] === '1' ? 'wsl1' : 'wsl2', cite));
	}
	return true;
}
