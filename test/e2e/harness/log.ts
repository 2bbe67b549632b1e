/** One line per harness step on stderr, with its duration: setup time is the first thing to look at when CI is slow. */
export function log(message: string): void {
	process.stderr.write(`[e2e-harness] ${message}\n`);
}

export async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
	const started = performance.now();
	try {
		const result = await work();
		log(`${name}: ${Math.round(performance.now() - started)} ms`);
		return result;
	} catch (error) {
		log(`${name}: FAILED after ${Math.round(performance.now() - started)} ms`);
		throw error;
	}
}
