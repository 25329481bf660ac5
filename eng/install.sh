#!/usr/bin/env bash
# Installs what PatchDb needs on Debian 12, idempotently: the Debian packages below. Everything else (libvips,
# ONNX Runtime, OpenCV) comes inside NuGet packages with the build.
set -euo pipefail

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

log() { printf '[install] %s\n' "$*"; }

# --- Debian packages -------------------------------------------------------------------------------------------
# postgresql, redis-server: the Api's database and the Embedder's cache (run locally by the AppHost and the tests).
# chromium: the browser tests of the web app. python3-onnx, python3-numpy: eng/make-test-models.py writes the tiny
# test ONNX models. ca-certificates: HTTPS (NuGet, the CLIP download). libgtk-3-0: OpenCV's native library in
# OpenCvSharp4.official.runtime.linux-x64 links GTK 3 (the Embedder's local features; a container image needs it too),
# and libdrm2 and libatomic1 directly (readelf NEEDED), which a minimal machine may lack.
packages=(postgresql redis-server chromium python3-onnx python3-numpy ca-certificates libgtk-3-0 libdrm2 libatomic1)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null 2>&1; then
    echo "The .NET 10 SDK is required (https://dot.net); install it and re-run." >&2
    exit 1
fi

log "ready: $(dotnet --version) SDK; Debian packages: ${packages[*]}"
