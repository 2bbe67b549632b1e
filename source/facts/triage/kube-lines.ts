import {type FactsBuilder, pasteAt} from './facts-builder.js';
import type {PasteLine} from './paste-lines.js';

/**
 * A Kubernetes node's `kubernetes.io/arch` label (`kubectl describe node`, `kubectl get nodes
 * --show-labels`): the kubelet sets it to its own GOARCH, the platform that node's runtime pulls
 * (arm on a 32-bit k3s over a 64-bit Pi kernel). Read only where it labels a node: a pod's
 * `Node-Selectors:` (or any selector) names the platform a pod wants, not one a node has.
 */
const ARCH_LABEL = /(?:^|[\s,])(?:beta\.)?kubernetes\.io\/arch=([a-z0-9]+)(?=[\s,]|$)/;

export class KubeLabelReader {
	/** Inside `Labels:` of `kubectl describe node`, whose further labels are indented lines of their own. */
	private inLabels = false;

	constructor(private readonly facts: FactsBuilder) {}

	read(line: PasteLine): void {
		const text = line.text;
		const opens = /^\s*Labels:\s/.test(text);
		if (!opens && this.inLabels && !/^\s+[\w./-]+=\S*\s*$/.test(text)) this.inLabels = false;
		if (opens) this.inLabels = true;
		const arch = ARCH_LABEL.exec(text)?.[1];
		if (arch === undefined || /selector/i.test(text)) return;
		// --show-labels prints a node's labels comma-joined on its row; elsewhere only a node's Labels block counts.
		if (!this.inLabels && !/kubernetes\.io\/hostname=|kubernetes\.io\/os=/.test(text)) return;
		// The kubelet writes its GOARCH (amd64, arm64, arm, 386, riscv64): already a platform's architecture.
		this.facts.addSignal({kind: 'engine-platform', source: pasteAt(line.no, text), hostPlatform: `linux/${arch}`});
	}
}
