import {useCallback, useEffect, useRef, useState} from 'react';
import {messageOf, type CopyState, type CopyText} from './copy-outcome.js';

/** Runs one copy at a time and keeps what happened; nothing is set after the screen is gone. */
export function useCopy(copy: CopyText | undefined): {readonly state: CopyState; start(text: string): void} {
	const [state, setState] = useState<CopyState>({kind: 'idle'});
	const busy = useRef(false);
	const mounted = useRef(true);
	useEffect(() => {
		mounted.current = true;
		return () => {
			mounted.current = false;
		};
	}, []);
	const start = useCallback(
		(text: string) => {
			if (!copy || busy.current) return;
			busy.current = true;
			setState({kind: 'copying'});
			const settle = (next: CopyState) => {
				busy.current = false;
				if (mounted.current) setState(next);
			};
			let pending: ReturnType<CopyText>;
			try {
				pending = copy(text);
			} catch (error) {
				settle({kind: 'failed', message: messageOf(error)});
				return;
			}
			Promise.resolve(pending).then(
				result => settle({kind: 'done', result}),
				(error: unknown) => settle({kind: 'failed', message: messageOf(error)}),
			);
		},
		[copy],
	);
	return {state, start};
}
