# One image for every PlanPulse component; docker-compose.yml runs each in its own container
# with its own command (`planpulse campaigns`, `… reporting`, `… notifications`, `… dashboard`).
# Build from the repository root: docker build -t planpulse:local .
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PLANPULSE_DATA_DIR=/data

# The repository's packages only: no .venv, var/ or .git in the image.
WORKDIR /src
COPY pyproject.toml ./
COPY shared ./shared
COPY services ./services
COPY dashboard ./dashboard
COPY planpulse_cli ./planpulse_cli
RUN pip install . \
    && rm -rf /src \
    && useradd --system --home-dir /data --shell /usr/sbin/nologin planpulse \
    && mkdir -p /data \
    && chown planpulse /data

USER planpulse
WORKDIR /data
EXPOSE 8501
# docker-compose.yml gives each component its command; alone, the image lists them
CMD ["planpulse", "--help"]
