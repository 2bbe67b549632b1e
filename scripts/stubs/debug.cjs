// docker-modem's tracing (DEBUG=modem) is off: it would print request options, and loading
// debug costs start-up time for nothing the doctor reports.
'use strict';
module.exports = function createDebug() {
	function log() {}
	log.enabled = false;
	return log;
};
