#!/usr/bin/env bash
# Makes Alfred's AppCDS archive (Class Data Sharing, JEP 350 "Dynamic CDS Archives", JDK 13+): a training run of
# `serve` on a throw-away H2 database and a random port, with the options of alfred.jvmoptions, until GET /health
# answers 200 (and GET /prometheus once), then SIGTERM; the JVM writes the classes it loaded to the archive as it
# exits. Started with -XX:SharedArchiveFile=<archive>, Alfred then maps those classes instead of loading, parsing
# and verifying them from the jar: about a second less CPU at start-up (README, Performance).
#
# usage: cds-archive.sh <jar> <archive> [java]
# The archive is only valid for the same java binary and the same jar file (path, size and modification time): the
# JVM checks both and silently runs without it on a mismatch, so make it where the jar will run from.
# Exits non-zero (and leaves no archive) when the training run does not become healthy within 120 s.
set -euo pipefail
jar="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
archive="$2"
java="${3:-java}"
options="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/alfred.jvmoptions"
work="$(mktemp -d "${TMPDIR:-/tmp}/alfred-cds.XXXXXX")"
trap 'rm -rf "$work"' EXIT
tmp="$work/alfred.jsa"

env -i PATH="$PATH" HOME="$work" ALFRED_HOME="$work" PORT=-1 \
  SLACK_BOT_TOKEN=xoxb-cds-training SLACK_SIGNING_SECRET=cds-training SLACK_API_URL=http://127.0.0.1:9/api/ \
  OPENAI_BASE_URL=http://127.0.0.1:9/v1 OPENAI_API_KEY=sk-cds-training ALFRED_LOG_FORMAT=text \
  "$java" "@$options" -XX:ArchiveClassesAtExit="$tmp" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -jar "$jar" serve >"$work/log" 2>&1 &
pid=$!

port=""
healthy=0
for _ in $(seq 1 1200); do
  if ! kill -0 "$pid" 2>/dev/null; then break; fi
  if [ -z "$port" ]; then
    port="$(grep -o 'Server Running: http://[^:]*:[0-9]*' "$work/log" | grep -o '[0-9]*$' || true)"
  fi
  if [ -n "$port" ] && ! command -v curl >/dev/null 2>&1; then
    # Without curl: Micronaut logs the port once the server is up; the classes /health needs are loaded by then.
    healthy=1
    break
  fi
  if [ -n "$port" ] && curl -fs -o /dev/null "http://127.0.0.1:$port/health"; then
    curl -s -o /dev/null "http://127.0.0.1:$port/prometheus" || true
    healthy=1
    break
  fi
  sleep 0.1
done
if [ "$healthy" != 1 ]; then
  kill -9 "$pid" 2>/dev/null || true
  echo "cds-archive: the training run did not become healthy; no archive made. Its log:" >&2
  cat "$work/log" >&2
  exit 1
fi
kill -TERM "$pid"
wait "$pid" || true
if [ ! -s "$tmp" ]; then
  echo "cds-archive: the JVM wrote no archive" >&2
  exit 1
fi
mkdir -p "$(dirname "$archive")"
mv -f "$tmp" "$archive"
