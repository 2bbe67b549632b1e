// docker-modem requires ssh2 when it loads, but the doctor never uses docker-modem's ssh path:
// ssh:// endpoints go through the system ssh (source/facts/engine/ssh-dial.ts). Bundling ssh2
// would add ~330 KB and a native build; this fails loudly if that path is ever reached.
'use strict';
class Client {
	constructor() {
		throw new Error('ssh2 is not bundled with chatmock-doctor: ssh:// endpoints use the ssh command (OpenSSH client).');
	}
}
module.exports = {Client};
