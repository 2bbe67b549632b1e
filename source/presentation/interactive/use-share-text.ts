import {useEffect, useMemo, useState} from 'react';
import type {Report} from '../report-model.js';
import {messageOf} from './copy-outcome.js';

/**
 * The final text to share for a report: the Markdown, redacted with this machine's names. Given
 * by the caller, who knows the machine; it may take a moment (building the redactor reads the host).
 */
export type ShareText = (report: Report) => string | Promise<string>;

export type Shared = {readonly kind: 'preparing'} | {readonly kind: 'ready'; readonly text: string; readonly isRedacted: boolean} | {readonly kind: 'failed'; readonly message: string};

type Pending = {readonly promise: Promise<string>; readonly isRedacted: boolean};

/**
 * The text for the preview. Without `shareText` it is the plain Markdown, marked as not redacted.
 * When `shareText` fails the preview says so and shows nothing: never the unredacted text instead.
 */
export function useShareText(report: Report, shareText: ShareText | undefined): Shared {
	const first = useMemo((): Shared | Pending => {
		if (!shareText) return {promise: import('../render/markdown.js').then(({renderMarkdown}) => renderMarkdown(report)), isRedacted: false};
		try {
			const text = shareText(report);
			return typeof text === 'string' ? {kind: 'ready', text, isRedacted: true} : {promise: Promise.resolve(text), isRedacted: true};
		} catch (error) {
			return {kind: 'failed', message: messageOf(error)};
		}
	}, [report, shareText]);
	const [settled, setSettled] = useState<{readonly from: Pending; readonly shared: Shared}>();
	useEffect(() => {
		if (!('promise' in first)) return;
		let isLive = true;
		first.promise.then(
			text => {
				if (!isLive) return;
				const shared: Shared = typeof text === 'string' ? {kind: 'ready', text, isRedacted: first.isRedacted} : {kind: 'failed', message: 'no text was given'};
				setSettled({from: first, shared});
			},
			(error: unknown) => {
				if (isLive) setSettled({from: first, shared: {kind: 'failed', message: messageOf(error)}});
			},
		);
		return () => {
			isLive = false;
		};
	}, [first]);
	if (!('promise' in first)) return first;
	return settled?.from === first ? settled.shared : {kind: 'preparing'};
}
