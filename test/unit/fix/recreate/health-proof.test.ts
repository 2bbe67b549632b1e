import assert from 'node:assert/strict';
import {test} from 'node:test';
import {healthProofLine, servingHeadline, type ServingContainer} from '../../../../source/fix/recreate/health-proof.js';

const ANSWERED: ServingContainer = {name: 'chatmock', health: {asked: true, how: 'GET http://127.0.0.1:8000/health', status: 200}};
const NOT_ASKED: ServingContainer = {name: 'chatmock', health: {asked: false, why: 'no port is published; the engine client cannot run a command in the container'}};

test('healthy only when /health answered; the name when asked for', () => {
	assert.equal(servingHeadline(ANSWERED, {named: true}), 'ChatMock is running natively (healthy): chatmock');
	assert.equal(servingHeadline(ANSWERED, {named: false}), 'ChatMock is running natively (healthy)');
	assert.equal(servingHeadline({name: 'c', health: {asked: true, how: 'GET x inside the container (wget)', status: 'ok'}}, {named: false}), 'ChatMock is running natively (healthy)');
});

test('/health not asked: up, and why, never healthy', () => {
	const named = servingHeadline(NOT_ASKED, {named: true});
	assert.equal(named, 'ChatMock is running natively (up; its /health was not asked: no port is published; the engine client cannot run a command in the container): chatmock');
	assert.doesNotMatch(named, /healthy/);
	assert.equal(
		servingHeadline(NOT_ASKED, {named: false}),
		'ChatMock is running natively (up; its /health was not asked: no port is published; the engine client cannot run a command in the container)',
	);
});

test("the proof's own line says how /health answered, or that it was not checked", () => {
	assert.equal(healthProofLine(ANSWERED.health), 'GET http://127.0.0.1:8000/health answered 200');
	assert.equal(healthProofLine(NOT_ASKED.health), '/health was not checked: no port is published; the engine client cannot run a command in the container');
});
