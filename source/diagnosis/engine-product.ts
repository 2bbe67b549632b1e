import type {EngineFacts} from '../facts/types.js';

export type EngineProduct = 'docker-desktop' | 'colima' | 'orbstack' | 'rancher-desktop' | 'podman' | 'docker';

/** Which product the engine is, from what it says of itself (signals per ddev's provider detection). */
export function engineProduct(engine: EngineFacts | null | undefined): EngineProduct | undefined {
	if (!engine) return undefined;
	const os = engine.operatingSystem?.value.toLowerCase() ?? '';
	const name = engine.name?.value.toLowerCase() ?? '';
	const platform = engine.platformName?.value.toLowerCase() ?? '';
	const kernel = engine.kernelVersion?.value.toLowerCase() ?? '';
	const context = engine.context?.value.toLowerCase() ?? '';
	const components = engine.components?.value.map(c => c.toLowerCase()) ?? [];
	const hint = engine.productHint?.value;
	if (hint && hint in PRODUCT_LABELS) return hint as EngineProduct;
	if (engine.libpodApi?.value || components.some(c => c.includes('podman'))) return 'podman';
	// Docker for Mac/Windows before the "Desktop" name ran a "-moby" kernel (Alpine-based VM).
	if (os.startsWith('docker desktop') || name.includes('docker-desktop') || platform.startsWith('docker desktop') || kernel.endsWith('-moby')) return 'docker-desktop';
	if (os.startsWith('orbstack') || name.includes('orbstack') || kernel.includes('orbstack') || context === 'orbstack') return 'orbstack';
	if (os.startsWith('rancher desktop') || name.includes('rancher-desktop') || context === 'rancher-desktop') return 'rancher-desktop';
	if (name.startsWith('colima') || context.startsWith('colima')) return 'colima';
	if (Object.keys(engine).length === 0) return undefined;
	return 'docker';
}

export function isRootless(engine: EngineFacts | null | undefined): boolean {
	return engine?.securityOptions?.value.some(o => o.includes('name=rootless')) ?? false;
}

/** Products whose engine runs in a Linux VM of their own, whatever the host's userland is. */
export function runsInVm(product: EngineProduct | undefined, engine: EngineFacts | null | undefined): boolean {
	if (product && product !== 'docker' && product !== 'podman') return true;
	const kernel = engine?.kernelVersion?.value.toLowerCase() ?? '';
	return kernel.includes('linuxkit') || kernel.includes('microsoft-standard') || kernel.endsWith('-moby');
}

export const PRODUCT_LABELS: Readonly<Record<EngineProduct, string>> = {
	'docker-desktop': 'Docker Desktop',
	colima: 'Colima',
	orbstack: 'OrbStack',
	'rancher-desktop': 'Rancher Desktop',
	podman: 'Podman',
	docker: 'Docker Engine',
};
