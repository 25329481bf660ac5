#!/usr/bin/env bash
# Runs every test of PatchDb: installs what is missing, generates the tiny test ONNX models, builds, runs
# PatchDb.Tests (which start their own Postgres, Redis, services and browser) and prints the totals.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

"$root/eng/install.sh"

if [ -f "$root/eng/make-test-models.py" ]; then
    /usr/bin/python3 "$root/eng/make-test-models.py" --out "$root/.patchdb/models"
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# ONNX Runtime records telemetry under $HOME/.cache unless this is set before the process starts: in-process tests
# load it into the test host itself.
export ORT_DISABLE_TELEMETRY=1
results="$root/artifacts/test-results"
rm -rf "$results"
dotnet build PatchDb.sln -c Debug -warnaserror -nologo -clp:ErrorsOnly

status=0
dotnet test PatchDb.sln --no-build -c Debug --results-directory "$results" \
    --logger "trx;LogFileName=tests.trx" --logger "console;verbosity=normal" "$@" || status=$?

# One plain totals line, read from the TRX report(s).
/usr/bin/python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
totals = {"passed": 0, "failed": 0, "skipped": 0}
for path in glob.glob(f"{sys.argv[1]}/**/*.trx", recursive=True):
    c = ET.parse(path).getroot().find(".//{*}Counters")
    totals["passed"] += int(c.get("passed", 0))
    totals["failed"] += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    totals["skipped"] += int(c.get("notExecuted", 0))
print(f"{totals['passed']} passed, {totals['failed']} failed, {totals['skipped']} skipped")
PY
exit $status
