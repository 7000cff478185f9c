#!/usr/bin/env bash
# Asks the target environment to run an image: a POST of the image reference to the environment's
# deployment webhook (DEPLOY_WEBHOOK_URL, authenticated by DEPLOY_TOKEN; both are secrets of the
# GitHub environment). Whatever runs the service (Kubernetes, a VM with Compose) answers it by
# pulling that exact tag and rolling over when the new instances are ready (/health/ready).
#   scripts/deploy.sh IMAGE_REF
set -euo pipefail
image=${1:?usage: $0 IMAGE_REF}
: "${DEPLOY_WEBHOOK_URL:?DEPLOY_WEBHOOK_URL is not set (a secret of the GitHub environment)}"
: "${DEPLOY_TOKEN:?DEPLOY_TOKEN is not set (a secret of the GitHub environment)}"
curl -fsS --max-time 300 -X POST "$DEPLOY_WEBHOOK_URL" \
  -H "Authorization: Bearer $DEPLOY_TOKEN" -H 'Content-Type: application/json' \
  -d "{\"image\": \"$image\"}"
echo "deployment of $image requested"
