import assert from 'node:assert/strict';
import {chmodSync, rmSync, writeFileSync} from 'node:fs';
import {get} from 'node:http';
import {join} from 'node:path';
import {after, test} from 'node:test';
import {createSshAgent, sshErrno} from '../../../../source/facts/engine/ssh-dial.js';
import {tempDir} from '../../../helpers/temp-dir.js';

const dir = tempDir('cmd-ssh-dial-');
after(() => rmSync(dir, {recursive: true, force: true}));

/** A stand-in for ssh that fails the way OpenSSH does when nothing listens: words on stderr, exit 255. */
function failingSsh(words: string): string {
	const path = join(dir, `ssh-${Math.random().toString(36).slice(2)}`);
	writeFileSync(path, `#!/bin/sh\necho ${JSON.stringify(words)} >&2\nexit 255\n`);
	chmodSync(path, 0o755);
	return path;
}

function ping(command: string): Promise<Error & {code?: string}> {
	return new Promise((resolve, reject) => {
		const request = get({host: 'pi4.local', path: '/_ping', agent: createSshAgent({hostname: 'pi4.local'}, command)}, () => reject(new Error('answered')));
		request.on('error', resolve);
	});
}

test('ssh that never connected fails with what ssh said, as the socket error it means, not as a hang-up', async () => {
	const refused = await ping(failingSsh('ssh: connect to host pi4.local port 22: Connection refused'));
	assert.equal(refused.code, 'ECONNREFUSED');
	assert.match(refused.message, /Connection refused/);
	const unknown = await ping(failingSsh('ssh: Could not resolve hostname pi4.local: Name or service not known'));
	assert.equal(unknown.code, 'ENOTFOUND');
	const denied = await ping(failingSsh('pi@pi4.local: Permission denied (publickey).'));
	assert.equal(denied.code, undefined, 'an ssh login refusal is not a socket permission problem');
	assert.match(denied.message, /Permission denied \(publickey\)/);
});

test('sshErrno reads the usual OpenSSH failures', () => {
	assert.deepEqual(sshErrno('ssh: connect to host 10.0.0.9 port 22: No route to host'), {code: 'EHOSTUNREACH'});
	assert.deepEqual(sshErrno('ssh: connect to host 10.0.0.9 port 22: Connection timed out'), {code: 'ETIMEDOUT'});
	assert.deepEqual(sshErrno('kex_exchange_identification: read: Connection reset by peer'), {});
});
