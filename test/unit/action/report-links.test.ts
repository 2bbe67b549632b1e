import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {readIssueEvent} from '../../../source/action/issue-event.js';
import {LINK_LIMITS, mayFollow, reportLinks} from '../../../source/action/report-links.js';

describe('links to reports in an issue body', () => {
	const server = 'https://github.com';

	test('attachments with a text name and gists, in body order, once each', () => {
		const body = [
			'My report: https://github.com/user-attachments/files/17245/chatmock-report.md.',
			'Older upload https://github.com/thebtf/chatmock/files/9876/uname.txt and again https://github.com/user-attachments/files/17245/chatmock-report.md',
			'(see https://gist.github.com/alice/0123456789abcdef0123)',
		].join('\n');
		assert.deepEqual(reportLinks(body, server), [
			'https://github.com/user-attachments/files/17245/chatmock-report.md',
			'https://github.com/thebtf/chatmock/files/9876/uname.txt',
			'https://gist.githubusercontent.com/alice/0123456789abcdef0123/raw',
		]);
	});

	test('screenshots, archives, other hosts and GitHub pages are not fetched', () => {
		const body = [
			'https://github.com/user-attachments/assets/5d1c-screenshot.png',
			'https://github.com/user-attachments/files/1/logs.zip',
			'https://example.org/files/1/report.md',
			'http://169.254.169.254/latest/meta-data/report.txt',
			'https://github.com/thebtf/chatmock/issues/12',
		].join(' ');
		assert.deepEqual(reportLinks(body, server), []);
	});

	test(`at most ${LINK_LIMITS.count} links`, () => {
		const body = Array.from({length: 10}, (_, i) => `https://github.com/user-attachments/files/${i}/r.txt`).join('\n');
		assert.equal(reportLinks(body, server).length, LINK_LIMITS.count);
	});

	test('redirects only to the server and GitHub content hosts', () => {
		assert.equal(mayFollow(new URL('https://objects.githubusercontent.com/github-production-repository-file/1'), server), true);
		assert.equal(mayFollow(new URL('https://github.com/x'), server), true);
		assert.equal(mayFollow(new URL('http://objects.githubusercontent.com/x'), server), false);
		assert.equal(mayFollow(new URL('https://evil-githubusercontent.com/x'), server), false);
		assert.equal(mayFollow(new URL('http://127.0.0.1:8080/x'), server), false);
	});
});

describe('the issue event', () => {
	test('an opened issue gives owner, repo, number and body', () => {
		assert.deepEqual(readIssueEvent({action: 'opened', issue: {number: 3, body: 'uname -m'}, repository: {full_name: 'thebtf/chatmock'}}, undefined), {
			owner: 'thebtf',
			repo: 'chatmock',
			number: 3,
			body: 'uname -m',
			action: 'opened',
		});
	});

	test('a null body is an empty one; the repository may come from the environment', () => {
		assert.equal(readIssueEvent({issue: {number: 3, body: null}}, 'a/b')?.body, '');
		assert.equal(readIssueEvent({issue: {number: 3, body: null}}, 'a/b')?.owner, 'a');
	});

	test('pull requests, odd numbers and names that would bend an API path are refused', () => {
		assert.equal(readIssueEvent({issue: {number: 3, pull_request: {}}}, 'a/b'), undefined);
		assert.equal(readIssueEvent({issue: {number: -1}}, 'a/b'), undefined);
		assert.equal(readIssueEvent({issue: {number: 3}}, '../x/b'), undefined);
		assert.equal(readIssueEvent({issue: {number: 3}}, 'a/b/c'), undefined);
		assert.equal(readIssueEvent('nope', 'a/b'), undefined);
	});
});
