#!/usr/bin/env bash
# Starts a Docker engine for this machine's kind: no bridge, no firewall changes, every container on the host's
# network (loopback only). Installs Debian's docker.io and debootstrap when missing. Prints the DOCKER_HOST to use.
#   deploy/local/docker-engine.sh start   -> prints unix:///... once the engine answers
#   deploy/local/docker-engine.sh stop
set -euo pipefail
STATE="${DOCKER_ENGINE_DIR:-/var/lib/broker-docker}"
SOCKET="$STATE/docker.sock"
PIDFILE="$STATE/dockerd.pid"
DOCKER=/usr/bin/docker

case "${1:-start}" in
  start)
    if [ ! -x /usr/sbin/dockerd ] || [ ! -x /usr/sbin/debootstrap ]; then
      echo "installing docker.io and debootstrap from Debian" >&2
      apt-get install -y -qq --no-install-recommends docker.io debootstrap >&2 \
        || { apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends docker.io debootstrap >&2; }
    fi
    mkdir -p "$STATE/data" "$STATE/exec"
    if ! DOCKER_HOST="unix://$SOCKET" "$DOCKER" version >/dev/null 2>&1; then
      nohup /usr/sbin/dockerd --bridge=none --iptables=false --ip6tables=false --ip-masq=false \
        --data-root="$STATE/data" --exec-root="$STATE/exec" --pidfile="$PIDFILE" -H "unix://$SOCKET" \
        >"$STATE/dockerd.log" 2>&1 &
      for _ in $(seq 1 60); do
        DOCKER_HOST="unix://$SOCKET" "$DOCKER" version >/dev/null 2>&1 && break
        sleep 0.5
      done
      DOCKER_HOST="unix://$SOCKET" "$DOCKER" version >/dev/null || { tail -20 "$STATE/dockerd.log" >&2; exit 1; }
    fi
    echo "unix://$SOCKET"
    ;;
  stop)
    if [ -f "$PIDFILE" ]; then
      kill "$(cat "$PIDFILE")" 2>/dev/null || true
      for _ in $(seq 1 40); do [ -f "$PIDFILE" ] || break; sleep 0.25; done
    fi
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
