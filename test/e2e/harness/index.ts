// The e2e harness: its own real Docker engine (private socket, data root and bridge), its
// own local registry with a five-platform ChatMock stand-in, and QEMU binfmt handlers,
// brought up on a Debian machine as root. It never uses or changes an engine already running.
export {harness, releaseHarness, skipE2E} from './global.js';
export {setup, teardown, type SetupOptions} from './lifecycle.js';
export {Harness, CONTAINER_LABEL, type PushOptions, type RunContainerOptions, type RunResult} from './harness.js';
export {BINFMT_DIR, binfmtEqual, mountBinfmt, qemuName, registerQemu, restoreBinfmt, snapshotBinfmt, unregister, type BinfmtEntry, type BinfmtSnapshot} from './binfmt.js';
export {BRIDGE_NAME, type OwnedBridge} from './bridge.js';
export {cacheDir, cachePath, trimCache, touchCached} from './cache.js';
export {engineSocket} from './engine.js';
export {freePort} from './registry.js';
export {waitUntil} from './processes.js';
export {engineJson, engineRequest, httpStatus, pingEngine} from './engine-http.js';
export {ensurePackages, preflightProblem, REQUIRED_PACKAGES} from './packages.js';
export {PLATFORMS, platformOf, type ImageArch, type ImagePlatform} from './platforms.js';
export {DEFAULT_CMD} from './docker-archive.js';
export {buildImages, LOCAL_REPO} from './images.js';
