// docker-modem uses readable-stream only for HttpDuplex (attach/hijack, never called by the
// doctor); Node's own stream has the same API and costs nothing to load.
'use strict';
module.exports = require('node:stream');
