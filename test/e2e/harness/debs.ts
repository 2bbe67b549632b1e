import {copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {cacheDir, touchCached} from './cache.js';
import {exec} from './exec.js';
import {log, step} from './log.js';

// The foreign .debs are the slow part of a cold run: they are kept in the e2e cache (cache.ts).

function cachedDeb(debArch: string): string | undefined {
	const dir = join(cacheDir(), 'debs', debArch);
	const name = existsSync(dir) ? readdirSync(dir).find(file => file.startsWith('busybox-static_') && file.endsWith('.deb')) : undefined;
	return name === undefined ? undefined : join(dir, name);
}

/**
 * The machine's Debian sources only (from its downloaded index targets): third-party
 * sources rarely carry foreign architectures and may be unreachable from CI.
 * Empty when unknown, and then the machine's own source config is used.
 */
async function debianSources(): Promise<string[]> {
	const result = await exec('apt-get', ['indextargets', '--format', '$(SITE) $(RELEASE) $(COMPONENT) $(ORIGIN)', 'Created-By: Packages'], {
		timeoutMs: 30_000,
		allowFailure: true,
	});
	const lines = result.stdout
		.split('\n')
		.map(line => line.trim().split(' '))
		.filter(fields => fields.length === 4 && fields[3] === 'Debian')
		.map(fields => `deb ${fields[0]} ${fields[1]} ${fields[2]}`);
	return [...new Set(lines)];
}

/**
 * Downloads busybox-static for foreign architectures without touching the machine's apt
 * state: own lists and cache folders, one `update` for all missing architectures.
 */
async function downloadDebs(debArchs: readonly string[]): Promise<void> {
	const work = mkdtempSync(join(tmpdir(), 'chatmock-doctor-apt-'));
	try {
		mkdirSync(join(work, 'lists', 'partial'), {recursive: true});
		mkdirSync(join(work, 'cache', 'archives', 'partial'), {recursive: true});
		mkdirSync(join(work, 'out'));
		mkdirSync(join(work, 'sources.list.d'));
		const sources = await debianSources();
		if (sources.length > 0) writeFileSync(join(work, 'sources.list'), `${sources.join('\n')}\n`);
		const [first = 'amd64'] = debArchs;
		const options = [
			`-oAPT::Architecture=${first}`,
			...debArchs.map(arch => `-oAPT::Architectures::=${arch}`),
			`-oDir::State::Lists=${join(work, 'lists')}`,
			`-oDir::Cache=${join(work, 'cache')}`,
			// Root-owned temp folders: the _apt sandbox user could not write them.
			'-oAPT::Sandbox::User=root',
			'-oAcquire::Languages=none',
			'-oAcquire::PDiffs=false',
			'-oAcquire::Retries=2',
			'-oAcquire::http::Timeout=30',
			'-oAcquire::https::Timeout=30',
			'-oDebug::NoLocking=1',
			...(sources.length > 0 ? [`-oDir::Etc::SourceList=${join(work, 'sources.list')}`, `-oDir::Etc::SourceParts=${join(work, 'sources.list.d')}`] : []),
		];
		const env = {...process.env, DEBIAN_FRONTEND: 'noninteractive'};
		// Exit 0 even when a third-party source fails; the download below is what must succeed.
		await step('apt-get update (foreign archs)', async () => exec('apt-get', ['-q', ...options, 'update'], {timeoutMs: 5 * 60_000, env, allowFailure: true}));
		await step('apt-get download busybox-static', async () =>
			exec('apt-get', ['-q', ...options, 'download', ...debArchs.map(arch => `busybox-static:${arch}`)], {
				timeoutMs: 5 * 60_000,
				env,
				cwd: join(work, 'out'),
			}),
		);
		for (const file of readdirSync(join(work, 'out'))) {
			const arch = /_([a-z0-9]+)\.deb$/.exec(file)?.[1];
			if (arch === undefined) continue;
			const dir = join(cacheDir(), 'debs', arch);
			mkdirSync(dir, {recursive: true});
			copyFileSync(join(work, 'out', file), join(dir, file));
		}
	} finally {
		rmSync(work, {recursive: true, force: true});
	}
}

/** Path of a static busybox for each Debian architecture, from the cache or freshly downloaded. */
export async function busyboxBinaries(debArchs: readonly string[]): Promise<Map<string, string>> {
	const missing = debArchs.filter(arch => cachedDeb(arch) === undefined);
	if (missing.length > 0) {
		log(`downloading busybox-static for ${missing.join(' ')}`);
		await downloadDebs(missing);
	}
	const binaries = new Map<string, string>();
	for (const arch of debArchs) {
		const deb = cachedDeb(arch);
		if (deb === undefined) throw new Error(`busybox-static:${arch} could not be downloaded`);
		touchCached(deb);
		const root = join(cacheDir(), 'root', arch);
		const binary = join(root, 'bin', 'busybox');
		if (!existsSync(binary)) {
			rmSync(root, {recursive: true, force: true});
			mkdirSync(root, {recursive: true});
			await exec('dpkg', ['-x', deb, root], {timeoutMs: 60_000});
			if (!existsSync(binary)) throw new Error(`${deb} has no /bin/busybox`);
		}
		touchCached(binary);
		binaries.set(arch, binary);
	}
	return binaries;
}
