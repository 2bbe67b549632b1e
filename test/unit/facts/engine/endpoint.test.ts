import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {contextDigest, resolveEndpoint} from '../../../../source/facts/engine/endpoint.js';
import {createMemoryHost} from '../../../../source/facts/seam/memory-host.js';

const HOME = '/home/pi';
const sha = (name: string) => createHash('sha256').update(name).digest('hex');
const meta = (name: string, host: string, skipTls = false) => ({
	[`${HOME}/.docker/contexts/meta/${sha(name)}/meta.json`]: JSON.stringify({Name: name, Metadata: {}, Endpoints: {docker: {Host: host, SkipTLSVerify: skipTls}}}),
});

describe('endpoint resolution (docker CLI order)', () => {
	const contexts = {
		...meta('colima', `unix://${HOME}/.colima/default/docker.sock`),
		...meta('remote', 'tcp://10.0.0.5:2376'),
		...meta('ssh-box', 'ssh://pi@raspberrypi.local'),
		[`${HOME}/.docker/contexts/tls/${sha('remote')}/docker/ca.pem`]: 'CA',
		[`${HOME}/.docker/contexts/tls/${sha('remote')}/docker/cert.pem`]: 'CERT',
		[`${HOME}/.docker/contexts/tls/${sha('remote')}/docker/key.pem`]: 'KEY',
	};
	const table: Array<{
		name: string;
		env?: Record<string, string>;
		files?: Record<string, string>;
		flags?: {dockerHost?: string; dockerContext?: string};
		host: string;
		reason: string;
		context?: string;
		failure?: string;
	}> = [
		{name: 'platform default', host: 'unix:///var/run/docker.sock', reason: 'default'},
		{name: 'DOCKER_HOST', env: {DOCKER_HOST: 'unix:///run/user/1000/docker.sock'}, host: 'unix:///run/user/1000/docker.sock', reason: 'DOCKER_HOST'},
		{name: 'bare host:port is tcp', env: {DOCKER_HOST: '10.0.0.2:2375'}, host: 'tcp://10.0.0.2:2375', reason: 'DOCKER_HOST'},
		{name: '--host beats DOCKER_HOST', env: {DOCKER_HOST: 'tcp://a:1'}, flags: {dockerHost: 'unix:///x.sock'}, host: 'unix:///x.sock', reason: 'flag --host'},
		{
			name: 'DOCKER_HOST beats DOCKER_CONTEXT and currentContext',
			env: {DOCKER_HOST: 'tcp://a:2375', DOCKER_CONTEXT: 'colima'},
			files: {...contexts, [`${HOME}/.docker/config.json`]: '{"currentContext":"colima"}'},
			host: 'tcp://a:2375',
			reason: 'DOCKER_HOST',
		},
		{
			name: '--context beats DOCKER_HOST',
			env: {DOCKER_HOST: 'tcp://a:2375'},
			files: contexts,
			flags: {dockerContext: 'colima'},
			host: `unix://${HOME}/.colima/default/docker.sock`,
			reason: 'context colima (flag --context)',
			context: 'colima',
		},
		{
			name: 'DOCKER_CONTEXT beats currentContext',
			env: {DOCKER_CONTEXT: 'colima'},
			files: {...contexts, [`${HOME}/.docker/config.json`]: '{"currentContext":"remote"}'},
			host: `unix://${HOME}/.colima/default/docker.sock`,
			reason: 'context colima (DOCKER_CONTEXT)',
			context: 'colima',
		},
		{
			name: 'currentContext from config.json',
			files: {...contexts, [`${HOME}/.docker/config.json`]: '{"auths":{},"currentContext":"ssh-box"}'},
			host: 'ssh://pi@raspberrypi.local',
			reason: 'context ssh-box (config.json currentContext)',
			context: 'ssh-box',
		},
		{
			name: 'DOCKER_CONFIG moves the config folder',
			env: {DOCKER_CONFIG: '/etc/dockercfg'},
			files: {
				'/etc/dockercfg/config.json': '{"currentContext":"rd"}',
				[`/etc/dockercfg/contexts/meta/${sha('rd')}/meta.json`]: JSON.stringify({Name: 'rd', Endpoints: {docker: {Host: `unix://${HOME}/.rd/docker.sock`}}}),
			},
			host: `unix://${HOME}/.rd/docker.sock`,
			reason: 'context rd (config.json currentContext)',
			context: 'rd',
		},
		{
			name: 'context default is the default endpoint',
			env: {DOCKER_CONTEXT: 'default'},
			host: 'unix:///var/run/docker.sock',
			reason: 'context default (DOCKER_CONTEXT)',
			context: 'default',
		},
		{name: 'unknown context fails', env: {DOCKER_CONTEXT: 'nope'}, host: 'context nope', reason: 'context nope (DOCKER_CONTEXT)', context: 'nope', failure: 'docker.bad-endpoint'},
		{name: 'malformed DOCKER_HOST fails', env: {DOCKER_HOST: 'fd://3'}, host: 'fd://3', reason: 'DOCKER_HOST', failure: 'docker.bad-endpoint'},
		{
			name: '--host and --context conflict',
			flags: {dockerHost: 'tcp://a:1', dockerContext: 'colima'},
			files: contexts,
			host: 'tcp://a:1',
			reason: 'flag --host and --context',
			failure: 'docker.bad-endpoint',
		},
	];
	for (const row of table) {
		it(row.name, async () => {
			const host = createMemoryHost({home: HOME, env: row.env ?? {}, files: row.files ?? {}});
			const result = await resolveEndpoint(host, row.flags ?? {});
			assert.equal(result.facts.host, row.host);
			assert.equal(result.facts.reason, row.reason);
			assert.equal(result.facts.context, row.context);
			assert.equal(result.ok ? undefined : result.failure.code, row.failure);
		});
	}

	it('uses the sha256 of the name as the context folder', () => {
		assert.equal(contextDigest('colima'), sha('colima'));
	});

	it('passes a context TLS material to the client only', async () => {
		const host = createMemoryHost({home: HOME, env: {DOCKER_CONTEXT: 'remote'}, files: contexts});
		const result = await resolveEndpoint(host);
		assert.ok(result.ok);
		assert.equal(result.endpoint.tls?.verify, true);
		assert.equal(result.endpoint.tls?.key?.toString(), 'KEY');
		assert.equal(JSON.stringify(result.facts).includes('KEY'), false);
		assert.equal(JSON.stringify(result.facts).includes('CERT'), false);
	});

	it('reads DOCKER_TLS_VERIFY and DOCKER_CERT_PATH for a tcp DOCKER_HOST', async () => {
		const host = createMemoryHost({
			home: HOME,
			env: {DOCKER_HOST: 'tcp://10.0.0.9', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs'},
			files: {'/certs/ca.pem': 'CA', '/certs/cert.pem': 'CERT', '/certs/key.pem': 'KEY'},
		});
		const result = await resolveEndpoint(host);
		assert.ok(result.ok);
		assert.equal(result.endpoint.tls?.verify, true);
		assert.equal(result.endpoint.tls?.ca?.toString(), 'CA');
		const plain = await resolveEndpoint(createMemoryHost({home: HOME, env: {DOCKER_HOST: 'tcp://10.0.0.9:2375'}}));
		assert.ok(plain.ok);
		assert.equal(plain.endpoint.tls, undefined);
	});

	it('offers existing well-known sockets as alternatives, never the chosen one', async () => {
		const host = createMemoryHost({
			home: HOME,
			env: {XDG_RUNTIME_DIR: '/run/user/1000'},
			files: {
				'/var/run/docker.sock': '',
				[`${HOME}/.colima/default/docker.sock`]: '',
				[`${HOME}/.orbstack/run/docker.sock`]: '',
				'/run/user/1000/podman/podman.sock': '',
			},
		});
		const result = await resolveEndpoint(host);
		assert.deepEqual(
			result.facts.alternatives.map(a => a.product),
			['Colima', 'OrbStack', 'Podman'],
		);
		assert.ok(result.facts.alternatives.every(a => a.host !== 'unix:///var/run/docker.sock'));
	});

	it('uses the Windows pipe by default on Windows', async () => {
		const host = createMemoryHost({home: 'C:/Users/x', node: {arch: 'x64', platform: 'win32', version: 'v20.0.0'}});
		const result = await resolveEndpoint(host);
		assert.equal(result.facts.host, 'npipe:////./pipe/docker_engine');
	});
});
