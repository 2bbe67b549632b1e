/** The newest Engine API version this client speaks; the client pins min(this, engine's). */
export const CLIENT_API_VERSION = '1.45';
/** GET /distribution needs 1.30; below it the doctor cannot read published platforms. */
export const MIN_API_VERSION = '1.30';
/** POST /images/create?platform= */
export const PULL_PLATFORM_API_VERSION = '1.32';
/** POST /containers/create?platform= */
export const CREATE_PLATFORM_API_VERSION = '1.41';

/** Compares dotted versions numerically ('1.9' < '1.41'); garbage sorts first. */
export function compareApiVersions(a: string, b: string): number {
	const pa = a.split('.').map(n => Number.parseInt(n, 10));
	const pb = b.split('.').map(n => Number.parseInt(n, 10));
	for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
		const x = Number.isFinite(pa[i]) ? pa[i]! : -1;
		const y = Number.isFinite(pb[i]) ? pb[i]! : -1;
		if (x !== y) return x < y ? -1 : 1;
	}
	return 0;
}

export function isApiVersion(value: string | undefined): value is string {
	return value !== undefined && /^\d+\.\d+$/.test(value);
}

/** Never above the engine's: an engine answers 400 to a newer client version. */
export function negotiateApiVersion(engineVersion: string | undefined): string | undefined {
	if (!isApiVersion(engineVersion)) return undefined;
	return compareApiVersions(engineVersion, CLIENT_API_VERSION) < 0 ? engineVersion : CLIENT_API_VERSION;
}
