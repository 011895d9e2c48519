# Minimal image: the same commands as the README (make setup, python -m bot index, python -m bot run).
FROM python:3.11-slim

# TORCH_INDEX: CPU-only torch wheels; the default PyPI torch pulls several GB of CUDA libraries.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    ANONYMIZED_TELEMETRY=False \
    DATA_DIR=/app/data \
    KNOWLEDGE_DIR=/app/knowledge \
    TORCH_INDEX=https://download.pytorch.org/whl/cpu

RUN apt-get update \
    && apt-get install -y --no-install-recommends make \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 10001 app

WORKDIR /app
COPY pyproject.toml Makefile README.md ./
COPY bot bot
COPY tools tools
RUN make setup PYTHON=python3.11
COPY knowledge knowledge
RUN .venv/bin/python -m bot index --quiet && chown -R app:app /app/data

USER app
ENV PATH=/app/.venv/bin:$PATH
CMD ["python", "-m", "bot", "run"]
