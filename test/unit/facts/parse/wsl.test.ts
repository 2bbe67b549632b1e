import assert from 'node:assert/strict';
import {test} from 'node:test';
import {wslFromKernel} from '../../../../source/facts/parse/wsl.js';

const cases = [
	['4.4.0-19041-Microsoft', 'wsl1'],
	['Linux version 4.4.0-22621-Microsoft (Microsoft@Microsoft.com) (gcc version 5.4.0 (GCC) ) #2215-Microsoft', 'wsl1'],
	['4.19.128-microsoft-standard', 'wsl2'],
	['5.15.153.1-microsoft-standard-WSL2', 'wsl2'],
	['6.6.36.3-MICROSOFT-STANDARD-WSL2+', 'wsl2'],
	['6.1.0-18-amd64', undefined],
	['5.15.0-1057-azure', undefined],
	['6.10.14-linuxkit', undefined],
	['', undefined],
] as const;

for (const [kernel, expect] of cases) {
	test(`wslFromKernel: ${kernel || '(empty)'} → ${expect}`, () => assert.equal(wslFromKernel(kernel), expect));
}
