// Stands in for React devtools, which Ink imports only when DEV=true.
export default {
	initialize() {},
	connectToDevTools() {
		throw new Error('React devtools are not part of chatmock-doctor.');
	},
};
