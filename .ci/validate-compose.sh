#!/usr/bin/env bash
# Validates docker-compose.yml without running a container (CI has no Docker engine): Debian's docker-compose v1
# parses the file against the Compose schema, resolves anchors and variables and checks depends_on. v1 is the
# stricter reader here (it rejects a top-level `name:`, for one), so a file it accepts works with both.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v docker-compose >/dev/null; then
	echo "Installing Debian's docker-compose (v1) ..."
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
fi

docker-compose config -q
echo "docker-compose.yml is valid: $(docker-compose config --services | tr '\n' ' ')"
docker-compose -f docker-compose.yml -f docker-compose.cluster.yml config -q
echo "with docker-compose.cluster.yml: $(docker-compose -f docker-compose.yml -f docker-compose.cluster.yml config --services | tr '\n' ' ')"
docker-compose -f docker-compose.yml -f docker-compose.connect.yml config -q
echo "with docker-compose.connect.yml: $(docker-compose -f docker-compose.yml -f docker-compose.connect.yml config --services | tr '\n' ' ')"
