import {useStdout} from 'ink';
import {useEffect, useState} from 'react';
import {usableRows} from './terminal.js';

/** The terminal's height, following resizes. */
export function useRows(): number {
	const {stdout} = useStdout();
	const [rows, setRows] = useState(() => usableRows(stdout.rows));
	useEffect(() => {
		const onResize = () => setRows(usableRows(stdout.rows));
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return rows;
}
