#!/usr/bin/env bash
# Runs the whole PatchDb system locally: installs what is missing, then starts the Aspire AppHost (Postgres, Redis,
# Embedder, Api, Web and the Aspire dashboard; ports from PatchDb.AppHost/Properties/launchSettings.json).
# Ctrl+C stops everything. Extra arguments go to the AppHost (e.g. --PatchDb:Backing=local).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/eng/install.sh"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
exec dotnet run --project "$root/PatchDb.AppHost" -c Release -- "$@"
