#!/usr/bin/env bash
# Runs `npm audit` on the runtime dependencies. Where the advisory service answers, high or critical
# advisories fail CI; where it does not (this workplace's registry mirror refuses the audit endpoint),
# that is said plainly and CI goes on. The last result is kept in docs/npm-audit.txt.
set -uo pipefail
cd "$(dirname "$0")/.."
out=$(npm audit --omit=dev --audit-level=high 2>&1)
status=$?
if echo "$out" | grep -q "audit endpoint returned an error"; then
  echo "npm audit: the advisory service did not answer; nothing checked (see docs/npm-audit.txt for the last result)"
  exit 0
fi
echo "$out"
exit $status
