import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {FixStep} from '../../../source/fix/fix-flow.js';
import {healthAsked} from '../../../source/presentation/interactive/fix-view-state.js';

const proof = (lines: readonly string[]): FixStep => ({key: 'prove:chatmock', kind: 'prove', status: 'done', title: 'chatmock serves on linux/amd64', lines});

test("the headline's healthy rests on /health having been asked, read from the container's proof", () => {
	assert.equal(healthAsked({steps: [proof(['up 3 s without a restart', 'healthcheck: healthy', 'GET http://127.0.0.1:8000/health answered 200'])]}, 'chatmock'), true);
	assert.equal(healthAsked({steps: [proof(['up 3 s without a restart', 'healthcheck: healthy', 'no published port to ask /health on'])]}, 'chatmock'), false);
	assert.equal(healthAsked({steps: [proof(['up 3 s', 'the image has no healthcheck', '/health was not checked: the engine is on another machine'])]}, 'chatmock'), false);
	assert.equal(healthAsked({steps: [proof(['/health was not checked: x'])]}, 'other'), true, "another container's proof says nothing of this one");
});
