"""Prometheus metrics of this process (``/metrics``), with the maintained client library.

Each replica exposes its own; Prometheus scrapes every replica and sums. Names follow the
Prometheus conventions (``_total`` counters, base units: seconds).
"""

from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest

REGISTRY = CollectorRegistry(auto_describe=True)

ANSWERS = Counter("bot_answers_total", "Replies to user messages, by route (knowledge, calculation, …)",
                  ["route"], registry=REGISTRY)
LATENCY = Histogram("bot_answer_latency_seconds", "From a message's arrival to its reply being sent",
                    buckets=(0.05, 0.1, 0.2, 0.4, 0.8, 1.5, 3, 6, 12, 30), registry=REGISTRY)
DELIVERY_RETRIES = Counter("bot_delivery_retries_total",
                           "Telegram calls retried because Telegram provably did not take them, by cause",
                           ["reason"], registry=REGISTRY)
REINDEX_RUNS = Counter("bot_reindex_runs_total", "Re-index runs, by outcome (swapped, unchanged, busy, failed)",
                       ["outcome"], registry=REGISTRY)
WEBHOOK_UPDATES = Counter("bot_webhook_updates_total", "Webhook requests, by outcome (accepted, forbidden, bad)",
                          ["outcome"], registry=REGISTRY)


def exposition() -> tuple[bytes, str]:
    """The text format body and its content type."""
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
