#!/usr/bin/env bash
# Builds the base images of images.env from Debian bookworm packages with mmdebstrap, for a machine
# that cannot pull from a container registry (deploy/local-images/README.md):
#   JRE_IMAGE              openjdk-17-jre-headless, curl, passwd (useradd) — the services' and the
#                          Kafka and S3 stand-ins' base, in place of eclipse-temurin
#   NODE_IMAGE             nodejs, npm, ca-certificates — the trainer's MNIST stage, in place of node
#   PROMETHEUS_BASE_IMAGE  prometheus, wget — under the Prometheus stand-in
# An image that exists is kept (--force rebuilds). Downloaded packages are kept in
# ${DIGITGAN_CACHE_DIR:-~/.cache/digitgan}/debs for the next build. Needs root, mmdebstrap and podman.
# Debian's default mirrors are used; DIGITGAN_DEBIAN_MIRROR (an mmdebstrap MIRROR: a URL, a sources
# line or a sources file) replaces them.
#
# Usage: deploy/local-images/build-base-images.sh [--force]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=images.env source-path=SCRIPTDIR
source "${here}/images.env"
force=false
[[ "${1:-}" == --force ]] && force=true

log() { printf 'build-base-images: %s\n' "$*" >&2; }
die() { printf 'build-base-images: ERROR: %s\n' "$*" >&2; exit 1; }
for tool in mmdebstrap podman; do
  command -v "${tool}" >/dev/null || die "${tool} is required (apt-get install ${tool})"
done

debs="${DIGITGAN_CACHE_DIR:-${HOME:-/root}/.cache/digitgan}/debs"
mkdir -p "${debs}"
work="$(mktemp -d "${TMPDIR:-/tmp}/digitgan-base.XXXXXX")"
trap 'rm -rf "${work}"' EXIT

# base <image> <packages, comma-separated> [customize hook]
base() {
  local image="$1" packages="$2" extra_hook=() started
  if [[ "${force}" == false ]] && podman image exists "${image}"; then
    log "${image}: exists"
    return
  fi
  [[ -z "${3:-}" ]] || extra_hook=(--customize-hook="$3")
  started=${SECONDS}
  log "${image}: mmdebstrap bookworm + ${packages} ..."
  # --variant=essential: Debian's Essential set plus the packages and their dependencies, no apt.
  # Documentation, man pages and translations are left out (the man1 directory must exist all the
  # same: update-alternatives links java's man page there). The .deb cache is copied in and out.
  # The hooks' "$1" is mmdebstrap's (the root directory), hence single quotes.
  # shellcheck disable=SC2016
  mmdebstrap --variant=essential --include="${packages}" \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/info/*' \
    --setup-hook='mkdir -p "$1/usr/share/man/man1"' \
    --setup-hook="mkdir -p \"\$1/var/cache/apt/archives\" && cp -a '${debs}/.' \"\$1/var/cache/apt/archives/\"" \
    --customize-hook="find \"\$1/var/cache/apt/archives\" -maxdepth 1 -name '*.deb' -exec cp -an {} '${debs}/' ';'" \
    --customize-hook='rm -f "$1"/var/cache/apt/archives/*.deb' "${extra_hook[@]}" \
    bookworm "${work}/rootfs.tar" ${DIGITGAN_DEBIAN_MIRROR:+"${DIGITGAN_DEBIAN_MIRROR}"} \
    >"${work}/mmdebstrap.log" 2>&1 || { tail -n 40 "${work}/mmdebstrap.log" >&2; die "mmdebstrap failed for ${image}"; }
  podman import --quiet --change 'CMD ["/bin/bash"]' "${work}/rootfs.tar" "${image}" >/dev/null
  rm -f "${work}/rootfs.tar"
  log "${image}: built in $((SECONDS - started)) s, $(podman image inspect --format '{{.Size}}' "${image}" \
    | awk '{printf "%.0f MB", $1 / 1e6}')"
}

base "${JRE_IMAGE}" openjdk-17-jre-headless,curl,passwd
base "${NODE_IMAGE}" nodejs,npm,ca-certificates
# The package's JavaScript dependencies (218 MB) serve only its old console templates; the web UI is
# inside the binary, and docker-compose.yml's command names no consoles.
# shellcheck disable=SC2016
base "${PROMETHEUS_BASE_IMAGE}" prometheus,wget 'rm -rf "$1/usr/share/javascript"'

