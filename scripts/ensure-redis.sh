#!/usr/bin/env bash
# Install Debian's redis-server for the Redis-backed history tests if it is missing.
# Never fails the build: without it those tests are skipped with a reason.
set -u
command -v redis-server >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  (apt-get install -y -qq redis-server >/dev/null 2>&1 \
    || (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq redis-server >/dev/null 2>&1)) \
    && systemctl disable --now redis-server >/dev/null 2>&1
fi
command -v redis-server >/dev/null 2>&1 || echo "note: redis-server not available; Redis tests will be skipped" >&2
exit 0
