# chatmock-doctor in a container, for machines without Node.js 20.
#
#   docker run --rm -v /var/run/docker.sock:/var/run/docker.sock -v /:/host:ro \
#     --group-add "$(stat -c %g /var/run/docker.sock)" IMAGE [--json|--report|--fix …]
#
# /host (the machine's / read-only) is where the doctor reads the host facts: inside the
# container, /proc and /etc describe the container, not the machine. --group-add gives the
# non-root user the socket's group (root:docker 660) without running as root.
#
# Platforms: linux/amd64, linux/arm64, linux/arm/v7 and linux/arm/v6 (the default base,
# node:20-alpine, is published for all four; Debian-based node images have no arm/v6).
ARG BASE_IMAGE=node:20-alpine
# The build stage's image (default: the same), e.g. a base with npm when the runtime base has none.
ARG BUILD_IMAGE=${BASE_IMAGE}

# The bundle is plain JavaScript: build it once on the builder's own platform, not under
# emulation for every target. BuildKit sets BUILDPLATFORM; the classic builder does not (and
# rejects an empty --platform), so it falls back to amd64: on another machine pass
# --build-arg BUILDPLATFORM=linux/arm64 (or linux/arm/v7) to the classic builder.
ARG BUILDPLATFORM
FROM --platform=${BUILDPLATFORM:-linux/amd64} ${BUILD_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
# No install scripts: nothing the bundle needs compiles anything (esbuild ships per-platform packages).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts ./scripts
COPY source ./source
COPY collect.sh ./
RUN node scripts/build.mjs

FROM ${BASE_IMAGE}
ENV NODE_ENV=production
COPY --from=build /src/dist /opt/chatmock-doctor/dist
COPY --from=build /src/package.json /opt/chatmock-doctor/package.json
# With the host's / mounted at /host its facts are read there (the CLI checks /host/proc); without it, the container's own.
ENV CHATMOCK_DOCTOR_ROOT=/host
# Each `docker run --rm` starts afresh: a compile cache would be written at every exit and never read.
ENV NODE_DISABLE_COMPILE_CACHE=1
# 1000 is the "node" user of the official node images; any uid works, it needs no home.
USER 1000:1000
ENTRYPOINT ["node", "/opt/chatmock-doctor/dist/bin.cjs"]
