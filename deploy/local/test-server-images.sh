#!/usr/bin/env bash
# Images of the servers the tests need, built from Debian's packages on local/debian:bookworm (base-images.sh), for
# Testcontainers on a machine that cannot pull the official ones. Both run on the host's network: the port comes
# from the container's environment.
#   local/postgres:15   PGPORT (default 5432), trust for loopback connections, logs to stderr
#   local/nats:2.9      NATS_PORT (default 4222), JetStream in the container's /tmp
# Skips an image that exists. Needs DOCKER_HOST.
set -euo pipefail
DOCKER=/usr/bin/docker
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

if ! "$DOCKER" image inspect local/postgres:15 >/dev/null 2>&1; then
  echo "making local/postgres:15 (Debian's postgresql-15)" >&2
  mkdir -p "$WORK/postgres"
  cat >"$WORK/postgres/Dockerfile" <<'DOCKERFILE'
FROM local/debian:bookworm
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends postgresql-15 >/dev/null \
 && rm -rf /var/lib/apt/lists/* \
 && printf 'local all all trust\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n' >/etc/postgresql/15/main/pg_hba.conf
USER postgres
ENV PGPORT=5432
CMD ["sh", "-c", "exec /usr/lib/postgresql/15/bin/postgres -D /var/lib/postgresql/15/main -c config_file=/etc/postgresql/15/main/postgresql.conf -c listen_addresses=127.0.0.1 -c port=$PGPORT -c unix_socket_directories=/tmp -c fsync=off -c max_connections=200"]
DOCKERFILE
  "$DOCKER" build --network host -q -t local/postgres:15 "$WORK/postgres" >/dev/null
fi

if ! "$DOCKER" image inspect local/nats:2.9 >/dev/null 2>&1; then
  echo "making local/nats:2.9 (Debian's nats-server)" >&2
  mkdir -p "$WORK/nats"
  cat >"$WORK/nats/Dockerfile" <<'DOCKERFILE'
FROM local/debian:bookworm
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends nats-server >/dev/null && rm -rf /var/lib/apt/lists/*
ENV NATS_PORT=4222
CMD ["sh", "-c", "exec nats-server -a 127.0.0.1 -p $NATS_PORT -js -sd /tmp/jetstream"]
DOCKERFILE
  "$DOCKER" build --network host -q -t local/nats:2.9 "$WORK/nats" >/dev/null
fi
echo "local/postgres:15 and local/nats:2.9 ready" >&2
