"""Chart rendering time, warm: each chart kind in English and Arabic rendered to PNG
``--runs`` times after one untimed render (fonts and the layout engine loaded).

Target: ≤ 300 ms per chart warm, on the project's 2-core machine. Results go to
benchmarks/results/chart_render.json.

    python benchmarks/chart_render.py [--runs 10]
"""

from __future__ import annotations

import argparse
import importlib
import time

from _common import summary, write

from tests.charts.cases import CASES

TARGET_MS = 300.0


def measure(render_chart, tool: str, params: dict, lang: str, runs: int) -> list[float]:
    render_chart(tool, params, lang)  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        render_chart(tool, params, lang)
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    started = time.perf_counter()
    render_chart = importlib.import_module("bot.charts").render_chart  # matplotlib and its font cache
    import_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    render_chart(*CASES["rental"], "en")
    cold_ms = (time.perf_counter() - started) * 1000
    results: dict[str, dict | float] = {"import_ms": round(import_ms, 1), "first_render_ms": round(cold_ms, 1)}
    print(f"import bot.charts: {import_ms:.0f} ms; first render after it: {cold_ms:.0f} ms")
    print(f"{'chart':<20} {'lang':<4} {'p50 ms':>8} {'p95 ms':>8}")
    worst = 0.0
    for case, (tool, params) in CASES.items():
        for lang in ("en", "ar"):
            stats = summary(measure(render_chart, tool, params, lang, args.runs))
            results[f"{case}/{lang}"] = stats
            worst = max(worst, stats["p50_ms"])
            print(f"{case:<20} {lang:<4} {stats['p50_ms']:>8.1f} {stats['p95_ms']:>8.1f}")
    verdict = "within" if worst <= TARGET_MS else "OVER"
    print(f"slowest median {worst:.1f} ms: {verdict} the {TARGET_MS:.0f} ms target")
    results["slowest_p50_ms"] = worst
    write("chart_render", results)


if __name__ == "__main__":
    main()
