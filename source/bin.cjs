#!/usr/bin/env node
// The bin: CommonJS and ES5 so that any Node, even one that cannot parse the bundles, prints one
// line instead of a SyntaxError. The bundles are read only after the check. The core runs on
// Node 12 (the oldest Node a supported Ubuntu or Raspberry Pi OS installs); the screens need 20
// and the core says so itself (source/compat/newer-node.ts).
'use strict';
var major = Number(process.versions.node.split('.')[0]);
if (major < 12) {
	process.stderr.write('chatmock-doctor needs Node.js 12 or newer, and this is Node.js ' + process.versions.node + '. Install a current Node.js (https://nodejs.org/) and run it again.\n');
	process.exitCode = 2;
} else {
	// Each bundle's content hash, so that a compile cache never outlives its code (the build fills it in).
	var BUILDS = {};
	try {
		var start = withCompileCache();
		if (start) start(__dirname, 'cli.cjs', BUILDS, {env: process.env, platform: process.platform, uid: process.getuid ? process.getuid() : undefined, home: homeFolder()});
		else require('./cli.cjs');
	} catch (e) {
		process.stderr.write('chatmock-doctor: cannot load its own code (' + ((e && e.message) || e) + '); reinstall it.\n');
		process.exitCode = 2;
	}
}

/** The compile cache is a speed-up only: without it (a trimmed copy, an odd Node) the doctor still runs. */
function withCompileCache() {
	try {
		return require('./compile-cache.cjs').startBundle;
	} catch (e) {
		return undefined;
	}
}

function homeFolder() {
	try {
		return require('os').homedir();
	} catch (e) {
		return undefined; // no HOME and no passwd entry (a bare container)
	}
}
