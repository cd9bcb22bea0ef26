#!/usr/bin/env bash
# Starts the machine's PostgreSQL cluster if it is installed but down. The tests also work without one:
# they fall back to an embedded PostgreSQL (test/support/globalSetup.ts).
set -u
if command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "ensure-postgres: PostgreSQL answers on 127.0.0.1:5432"
  exit 0
fi
if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  echo "ensure-postgres: starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && exit 0; sleep 1; done
fi
echo "ensure-postgres: no PostgreSQL on 127.0.0.1:5432; the tests will use an embedded one"
