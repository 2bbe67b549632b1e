// Replaces Ink's devtools.js (React devtools over a WebSocket), which Ink imports only when
// DEV=true. Some shells export DEV=true for unrelated reasons: the doctor must still run, so
// this does nothing instead of throwing.
export {};
