"""``python -m bot eval --nlu``: how well the bot understands messages written by people
who never saw its code. Each labelled line is asked in a fresh chat; the report gives
route accuracy, field accuracy, right-number rate, false refusals and false acceptances,
per language, per split, and the worst cells of the route confusion matrix."""

from __future__ import annotations

import asyncio
import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bot.engine.history import ChatState
from bot.nlu.intent import CALCULATORS

# gold field names from the evaluation spec → the calculators' own field names that may hold them
ALIASES: dict[str, tuple[str, ...]] = {
    "purchase_usd": ("capex_usd", "gpu_price_usd", "_purchase"),
    "rent_usd_per_hour": ("rent_usd_per_hour", "price_usd_per_gpu_hour", "_rent_total"),
    "running_usd_per_month": ("opex_usd_per_month",),
    "opex_usd_per_year": ("opex_usd_per_year", "_opex_year"),
    "opex_usd_per_month": ("opex_usd_per_month",),
    "years": ("years", "depreciation_years"),
    "hours": ("hours", "_hours_from_years"),
    "capex_usd": ("capex_usd", "gpu_price_usd", "_purchase"),
    "cost_usd": ("cost_usd",),
    "other_capex_usd": ("other_capex_usd", "network_capex_usd", "cooling_capex_usd"),
}
REL_TOL = 0.01


@dataclass
class Tally:
    n: int = 0
    route_ok: int = 0
    fields_total: int = 0
    fields_ok: int = 0
    numbers_total: int = 0
    numbers_ok: int = 0
    in_scope: int = 0
    false_refusals: int = 0
    off_topic: int = 0
    false_acceptances: int = 0
    failures: list = field(default_factory=list)

    def row(self) -> dict:
        def pct(a: int, b: int) -> str:
            return f"{100 * a / b:.1f}%" if b else "—"
        return {"n": self.n, "route": pct(self.route_ok, self.n), "fields": pct(self.fields_ok, self.fields_total),
                "number": pct(self.numbers_ok, self.numbers_total),
                "false refusal": pct(self.false_refusals, self.in_scope),
                "false acceptance": pct(self.false_acceptances, self.off_topic)}


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def predicted_label(reading) -> str:
    if reading.route in ("calculation", "both") and reading.tool:
        return reading.tool
    return {"out_of_scope": "off_topic", "empty": "off_topic", "help": "smalltalk", "sources": "knowledge"}.get(
        reading.route, reading.route)


def _close(a: float, b: float) -> bool:
    return math.isclose(float(a), float(b), rel_tol=REL_TOL, abs_tol=1e-9)


def _derived(inputs: dict) -> dict:
    out = dict(inputs)
    gpus = inputs.get("gpus", 1) or 1
    if "gpu_price_usd" in inputs:
        out["_purchase"] = inputs["gpu_price_usd"] * gpus
    if "price_usd_per_gpu_hour" in inputs:
        out["_rent_total"] = inputs["price_usd_per_gpu_hour"] * gpus
    if "opex_usd_per_month" in inputs:
        out["_opex_year"] = inputs["opex_usd_per_month"] * 12
    if "years" in inputs:
        out["_hours_from_years"] = inputs["years"] * 8760
    return out


def field_matches(gold_field: str, gold_value, inputs: dict) -> bool:
    got = _derived(inputs)
    for name in ALIASES.get(gold_field, (gold_field,)):
        if name not in got:
            continue
        if isinstance(gold_value, str):
            if gold_value.lower().replace(" ", "") in str(got[name]).lower().replace(" ", "") or \
                    str(got[name]).lower() in gold_value.lower():
                return True
        elif _close(got[name], gold_value):
            return True
    return False


async def evaluate(engine, rows: list[dict]) -> tuple[dict[str, Tally], Counter]:
    tallies: dict[str, Tally] = defaultdict(Tally)
    confusion: Counter = Counter()
    for i, row in enumerate(rows):
        gold = row["route"]
        _, reading = await engine.understand(row["text"], ChatState())
        pred = predicted_label(reading)
        answer = await engine.answer(f"nlu-eval-{row['id']}-{i}", row["text"])
        await engine.reset(f"nlu-eval-{row['id']}-{i}")
        if answer.route == "out_of_scope":
            pred = "off_topic"
        call = answer.tool_calls[0] if answer.tool_calls else None
        for key in ("all", row["lang"]):
            t = tallies[key]
            t.n += 1
            ok = pred == gold
            t.route_ok += ok
            if gold in CALCULATORS:
                for f, v in row.get("fields", {}).items():
                    t.fields_total += 1
                    t.fields_ok += bool(call and call.name == gold and field_matches(f, v, call.inputs))
                if row.get("answer"):
                    t.numbers_total += 1
                    good = bool(call and any(_close(v, row["answer"]["value"]) for v in call.outputs.values()))
                    t.numbers_ok += good
                    if not good and key == "all":
                        t.failures.append((row["id"], "number", row["text"], gold, pred))
            if gold == "off_topic":
                t.off_topic += 1
                t.false_acceptances += pred != "off_topic"
            else:
                t.in_scope += 1
                t.false_refusals += pred == "off_topic"
            if not ok and key == "all":
                t.failures.append((row["id"], "route", row["text"], gold, pred))
        if pred != gold:
            confusion[(gold, pred)] += 1
    return tallies, confusion


def render(name: str, tallies: dict[str, Tally], confusion: Counter, show_failures: int = 0) -> str:
    cols = ["n", "route", "fields", "number", "false refusal", "false acceptance"]
    lines = [f"## {name}", "| lang | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
    for key in ("all", "en", "ar"):
        if key in tallies:
            r = tallies[key].row()
            lines.append(f"| {key} | " + " | ".join(str(r[c]) for c in cols) + " |")
    worst = confusion.most_common(6)
    if worst:
        lines.append("worst confusions (gold → predicted): " + "; ".join(f"{g} → {p} ×{n}" for (g, p), n in worst))
    for f in tallies["all"].failures[:show_failures]:
        lines.append(f"  ✗ {f[0]} [{f[1]}] gold={f[3]} pred={f[4]}: {f[2][:110]}")
    return "\n".join(lines)


def run(engine, paths: list[Path], show_failures: int = 0) -> str:
    out = []
    for path in paths:
        tallies, confusion = asyncio.run(evaluate(engine, load(path)))
        out.append(render(path.stem, tallies, confusion, show_failures))
    return "\n\n".join(out)
