// An inspect of a container made with
//   docker run -d --name chatmock -p 8000:8000 -v chatmock-data:/data --restart unless-stopped \
//     -e API_KEY=s3cret -e LOG_LEVEL=debug ghcr.io/thebtf/chatmock:latest
// in the shape dockerd 20.10 answers, trimmed to what the fix reads.
import type {ContainerSpec, ImageConfig} from '../../../../source/facts/engine/container-ops.js';
import {toContainerSpec, toImageConfig} from '../../../../source/facts/engine/container-mappers.js';

export const OLD_ID = '3f2a1b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70';

export const imageInspect = {
	Id: 'sha256:0ld',
	Os: 'linux',
	Architecture: 'arm64',
	RepoTags: ['ghcr.io/thebtf/chatmock:latest'],
	Config: {
		Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'PORT=8000'],
		Entrypoint: ['/entrypoint.sh'],
		Cmd: ['serve'],
		WorkingDir: '/app',
		ExposedPorts: {'8000/tcp': {}},
		Volumes: {'/data': {}, '/cache': {}},
		Labels: {'org.opencontainers.image.source': 'https://github.com/thebtf/chatmock'},
		Healthcheck: {Test: ['CMD-SHELL', 'wget -qO- http://127.0.0.1:8000/health'], Interval: 5e9},
	},
};

export function containerInspect(overrides: {Config?: Record<string, unknown>; HostConfig?: Record<string, unknown>; Mounts?: unknown[]; NetworkSettings?: unknown} = {}) {
	return {
		Id: OLD_ID,
		Name: '/chatmock',
		Image: 'sha256:0ld',
		Platform: 'linux',
		RestartCount: 0,
		State: {Status: 'exited', Running: false, Restarting: false, ExitCode: 1, Error: ''},
		Config: {
			Hostname: OLD_ID.slice(0, 12),
			Image: 'ghcr.io/thebtf/chatmock:latest',
			// docker run copies the image's config into the container's; the -e values come first in Env.
			...structuredClone(imageInspect.Config),
			Env: ['API_KEY=s3cret', 'LOG_LEVEL=debug', ...imageInspect.Config.Env],
			Tty: false,
			OpenStdin: false,
			...overrides.Config,
		},
		HostConfig: {
			Binds: ['chatmock-data:/data'],
			NetworkMode: 'default',
			PortBindings: {'8000/tcp': [{HostIp: '', HostPort: '8000'}]},
			RestartPolicy: {Name: 'unless-stopped', MaximumRetryCount: 0},
			AutoRemove: false,
			LogConfig: {Type: 'json-file', Config: {}},
			Devices: [],
			ContainerIDFile: '',
			...overrides.HostConfig,
		},
		Mounts: overrides.Mounts ?? [
			{Type: 'volume', Name: 'chatmock-data', Source: '/var/lib/docker/volumes/chatmock-data/_data', Destination: '/data', RW: true},
			{Type: 'volume', Name: 'a1b2c3anon', Source: '/var/lib/docker/volumes/a1b2c3anon/_data', Destination: '/cache', RW: true},
		],
		NetworkSettings: overrides.NetworkSettings ?? {
			Ports: {},
			Networks: {bridge: {Aliases: null, Links: null, IPAMConfig: null}},
		},
	};
}

export function oldSpec(overrides?: Parameters<typeof containerInspect>[0]): ContainerSpec {
	return toContainerSpec(containerInspect(overrides))!;
}

export function oldImage(): ImageConfig {
	return toImageConfig(imageInspect)!;
}
