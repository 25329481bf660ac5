#!/usr/bin/env bash
# Installs what PatchDb needs on Debian 12, idempotently: Debian packages, then ONNX Runtime's native library
# (from the onnxruntime-node npm package, cached between runs) into .patchdb/native/.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ort_version="1.30.0"
native_dir="${PATCHDB_NATIVE_DIR:-$root/.patchdb/native}"
cache_dir="${PATCHDB_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/patchdb}"

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

log() { printf '[install] %s\n' "$*"; }

# --- Debian packages -------------------------------------------------------------------------------------------
# g++ and OpenCV's headers: the Embedder's build compiles its local-feature shim (PatchDb.Embedder/Native) against them.
packages=(postgresql redis-server libvips42 chromium python3-onnx python3-numpy ca-certificates
    g++ libopencv-features2d-dev libopencv-calib3d-dev)
# npm (to fetch onnxruntime-node) only when no npm is on PATH already, e.g. one that came with Node.js.
command -v npm >/dev/null 2>&1 || packages+=(npm)
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

# --- ONNX Runtime native library ------------------------------------------------------------------------------
case "$(uname -m)" in
    x86_64) ort_arch="x64" ;;
    aarch64) ort_arch="arm64" ;;
    *) echo "No ONNX Runtime build for $(uname -m) in onnxruntime-node." >&2; exit 1 ;;
esac
lib="$native_dir/libonnxruntime.so.1"
if [ ! -s "$lib" ]; then
    mkdir -p "$native_dir" "$cache_dir"
    tarball="$cache_dir/onnxruntime-node-$ort_version.tgz"
    if [ ! -s "$tarball" ]; then
        log "fetching onnxruntime-node@$ort_version from the npm registry"
        tmp="$(mktemp -d)"
        (cd "$tmp" && npm pack --silent "onnxruntime-node@$ort_version" >/dev/null)
        mv "$tmp/onnxruntime-node-$ort_version.tgz" "$tarball"
        rm -rf "$tmp"
    fi
    log "extracting libonnxruntime.so.1 ($ort_arch) into $native_dir"
    tar -xzf "$tarball" -O "package/bin/napi-v6/linux/$ort_arch/libonnxruntime.so.1" > "$lib.partial"
    mv "$lib.partial" "$lib"
fi

log "ready: $(dotnet --version) SDK, libvips $(dpkg-query -W -f='${Version}' libvips42), ONNX Runtime $ort_version at $lib"
