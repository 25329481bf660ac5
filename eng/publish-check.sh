#!/usr/bin/env bash
# Publishes the Api, the Web and the Embedder as they go into their containers (`dotnet publish -c Release -r linux-x64`),
# starts each from its publish folder with the environment the Aspire manifest gives it in Azure (connection strings
# pointing at a Postgres and a Redis started here, service URLs, a generated JWT key, Production), and checks that each
# answers /health with 200 and that an upload through the published Api is analysed by the published Embedder.
# Usage: eng/publish-check.sh [--keep] [--published DIR]
#   --keep           leaves the temporary folder (publish output, the services' logs) behind
#   --published DIR  skips publishing and starts the services from DIR/{Api,Web,Embedder} (a kept folder's publish/)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d /tmp/patchdb-publish-check.XXXXXX)"
keep=false; published=""
while [ $# -gt 0 ]; do
    case "$1" in
        --keep) keep=true ;;
        --published) published="$(cd "$2" && pwd)"; shift ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done
pids=()
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

cleanup() {
    # Only the processes this script started, by their id.
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    if $keep; then echo "left in $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

fail() { echo "publish-check: FAILED: $*" >&2; for f in "$work"/*.log; do echo "--- $f" >&2; tail -n 40 "$f" >&2; done; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() { # url, name, pid: until it answers 200, the process dies, or 90 s pass
    for _ in $(seq 1 180); do
        [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" = "200" ] && { echo "  $2 answers $1"; return 0; }
        kill -0 "$3" 2>/dev/null || fail "$2 exited before answering $1"
        sleep 0.5
    done
    fail "$2 did not answer $1 with 200"
}

# 1. Publish, as the containers are built (framework-dependent on the stock ASP.NET image, linux-x64), from a copy of
#    the files git knows (like a container build context), so the checkout's obj/ and bin/ stay as they are.
if [ -z "$published" ]; then
    mkdir -p "$work/src"
    (cd "$root" && git ls-files -z --cached --others --exclude-standard \
        | tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -xf - -C "$work/src")
    for project in Api Web Embedder; do
        echo "publishing PatchDb.$project"
        dotnet publish "$work/src/PatchDb.$project/PatchDb.$project.csproj" -c Release -r linux-x64 --self-contained false \
            -o "$work/publish/$project" -nologo -clp:ErrorsOnly >"$work/publish-$project.log" 2>&1 \
            || fail "dotnet publish PatchDb.$project"
    done
    published="$work/publish"
fi

# 2. Postgres and Redis, as the managed services would be. Postgres refuses root: run it as an unprivileged user.
pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
pg_port="$(free_port)"; redis_port="$(free_port)"
mkdir -p "$work/pg"
chmod 711 "$work" # the Postgres user must reach its data folder inside
as_pg=()
if [ "$(id -u)" = 0 ]; then
    pg_user=postgres; id -u "$pg_user" >/dev/null 2>&1 || pg_user=nobody
    chown "$pg_user" "$work/pg"
    as_pg=(setpriv --reuid="$(id -u "$pg_user")" --regid="$(id -g "$pg_user")" --clear-groups --)
fi
"${as_pg[@]}" "$pg_bin/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 --no-sync >"$work/initdb.log" 2>&1 || fail initdb
"${as_pg[@]}" "$pg_bin/postgres" -D "$work/pg" -p "$pg_port" -k "$work/pg" -c listen_addresses=127.0.0.1 -c fsync=off >"$work/postgres.log" 2>&1 &
pids+=($!)
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no >"$work/redis.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do "$pg_bin/pg_isready" -q -U postgres -h 127.0.0.1 -p "$pg_port" && break; sleep 0.5; done
psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -c "CREATE DATABASE patchdb" >/dev/null || fail "create database"

# 3. The services, from their publish folders, with the manifest's environment (as azd gives it in Azure, where
#    Postgres/Redis are the operator's connection strings and the signing key a secret parameter).
embedder_port="$(free_port)"; api_port="$(free_port)"; web_port="$(free_port)"
mkdir -p "$work/home" "$work/blobs"
# As in the images: a non-root user (the ASP.NET images' "app", uid 1654) whose app folder is read-only; only HOME and
# the folders the environment names are writable.
as_app=()
if [ "$(id -u)" = 0 ]; then
    chown 1654:1654 "$work/home" "$work/blobs"
    as_app=(setpriv --reuid=1654 --regid=1654 --clear-groups --)
fi
common=(HOME="$work/home" ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_FORWARDEDHEADERS_ENABLED=true
    OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EXCEPTION_LOG_ATTRIBUTES=true OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EVENT_LOG_ATTRIBUTES=true
    OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY=in_memory ConnectionStrings__cache="127.0.0.1:$redis_port")
start() { # name, port, env...
    local name="$1" port="$2"; shift 2
    (cd "$published/$name" && exec env -i PATH="$PATH" ${DOTNET_ROOT:+DOTNET_ROOT="$DOTNET_ROOT"} "${common[@]}" ASPNETCORE_URLS="http://127.0.0.1:$port" "$@" \
        "${as_app[@]}" "./PatchDb.$name") >"$work/$name.log" 2>&1 &
    pids+=($!)
}
start Embedder "$embedder_port" ORT_DISABLE_TELEMETRY=1
# Storage__RootPath (the blob folder, and the staging folder of uploads with every provider) must be writable: the
# default, .patchdb/ under the read-only app folder, stops the Api at start.
start Api "$api_port" ConnectionStrings__patchdb="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=patchdb" \
    services__embedder__http__0="http://127.0.0.1:$embedder_port" Jwt__SigningKey="$(openssl rand -base64 48)" \
    Storage__RootPath="$work/blobs"
start Web "$web_port" services__api__http__0="http://127.0.0.1:$api_port"
wait_for "http://127.0.0.1:$embedder_port/health" embedder "${pids[2]}"
wait_for "http://127.0.0.1:$api_port/health" api "${pids[3]}"
wait_for "http://127.0.0.1:$web_port/health" web "${pids[4]}"
wait_for "http://127.0.0.1:$web_port/signin" "web (sign-in page)" "${pids[4]}"
wait_for "http://127.0.0.1:$web_port/_framework/blazor.web.js" "web (Blazor script)" "${pids[4]}"

# 4. One real upload: the published Api stores it and the published Embedder (libvips, OpenCV, model) analyses it.
api="http://127.0.0.1:$api_port"
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
user_id="$(curl -sf -H 'Content-Type: application/json' -d '{"username":"publishcheck","password":"publish-check-pw"}' "$api/user" | json '["id"]')" \
    || fail "create user"
token="$(curl -sf -H 'Content-Type: application/json' -d '{"username":"publishcheck","password":"publish-check-pw"}' "$api/login" | json '["access_token"]')" \
    || fail "login"
photo="${PATCHDB_SHARED_DIR:-$root/../shared}/bench/patches/gallery/nasa-sts-001_0.jpg"
status="$(curl -sf -H "Authorization: Bearer $token" -F "image=@$photo;type=image/jpeg" "$api/$user_id/upload" | json '["status"]')" \
    || fail "upload"
[ "$status" = "analyzed" ] || fail "upload answered status '$status', not 'analyzed'"
echo "  upload through the published Api: $status"

# ONNX Runtime's telemetry uploader writes here on first use unless ORT_DISABLE_TELEMETRY=1 reached it.
[ ! -e "$work/home/.cache/Microsoft/DeveloperTools/.onnxruntime" ] || fail "ONNX Runtime wrote telemetry files"
echo "publish-check: OK (Api, Web and Embedder publish, start from their publish folders, answer /health, and analyse an upload)"
