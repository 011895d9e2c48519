"""From a message to a decision: which route, which calculator, which inputs.

The learned intent scores say what kind of message it is; the quantities it states and
the conversation so far decide the rest:

* a calculator needs numbers: a calculator-like question with none is answered from the
  articles (it asks for background), unless it switches topic in a running calculation;
* a short follow-up whose quantities all fit the previous calculator stays with it
  ("and for 64 GPUs?", "what if the price drops to $2?");
* a fact question that contains numbers stays a knowledge question; when a calculator is
  a close second and runs on what the message states, both are answered;
* off-topic is refused only when the classifier is confident enough (threshold
  calibrated on the development split, see ``calibration.json``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from bot.nlu import slots
from bot.nlu.intent import CALCULATORS, IntentScores, load_calibration
from tools.registry import missing_fields

CALC_ROUTES = ("calculation", "both", "clarify", "invalid")


@dataclass(frozen=True)
class Context:
    last_tool: str | None = None
    last_route: str | None = None
    pending_field: str | None = None
    last_params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Reading:
    route: str  # calculation | knowledge | both | smalltalk | out_of_scope
    tool: str | None = None
    params: dict = field(default_factory=dict)
    reason: str = ""
    quantities: tuple = ()
    confidence: float = 1.0  # the classifier's probability for the label this reading rests on


def _calibration() -> dict:
    cal = {"off_topic_min_p": 0.5, "both_min_p": 0.3, "switch_min_p": 0.5}
    cal.update(load_calibration())
    return cal


CAL = _calibration()


def _calculator_that_fits(scores: IntentScores, top: str, params: dict, quantities: tuple) -> str:
    """The likeliest calculator, unless a plausible runner-up (p ≥ 0.05) suits the stated
    quantities better: one that takes them all and can run beats one
    that cannot; "a calculator needs its inputs" read both ways."""
    fitting = []
    for tool in (lab for lab, p in scores.ranked if lab in CALCULATORS and (lab == top or p >= ALT_MIN_P)):
        filled = slots.fill(tool, params, quantities)
        if slots.fits(tool, params, quantities, filled):
            if not missing_fields(tool, filled):
                return tool
            fitting.append(tool)
    return fitting[0] if fitting else top


ALT_MIN_P = 0.05


def read(scores: IntentScores, params: dict, ctx: Context, *, followup_cue: bool = False,
         wants_explanation: bool = False, words: int = 10, quantities=()) -> Reading:
    reading = _read(scores, params, ctx, followup_cue, wants_explanation, words, tuple(quantities))
    label = {"out_of_scope": "off_topic", "calculation": reading.tool, "both": reading.tool}.get(reading.route,
                                                                                              reading.route)
    return replace(reading, quantities=tuple(quantities), confidence=scores.p(label) if label else 1.0)


def _read(scores: IntentScores, params: dict, ctx: Context, followup_cue: bool, wants_explanation: bool,
          words: int, quantities: tuple) -> Reading:
    stated = slots.stated_fields(params)
    top = scores.top
    best_calc, best_calc_p = scores.best_calculator()

    # an answer to the question we just asked ("700", "$2.25")
    if ctx.pending_field and "_bare" in params and ctx.last_tool:
        return Reading("calculation", ctx.last_tool, params, "answers the pending question")

    in_calc = ctx.last_tool is not None and ctx.last_route in CALC_ROUTES
    short = followup_cue or words <= 8
    if in_calc and stated and short:
        other = best_calc if best_calc != ctx.last_tool else None
        other_runs = other is not None and not missing_fields(
            other, slots.fill(other, {**ctx.last_params, **params}, quantities))
        if slots.fits(ctx.last_tool, params, quantities) and not (other_runs and best_calc_p >= 0.9):
            return Reading("calculation", ctx.last_tool, params, "follow-up on the same calculator")
        if other is not None and (other_runs or best_calc_p >= CAL["switch_min_p"] or followup_cue):
            return Reading("calculation", other, params, "follow-up switching calculator")
    if in_calc and not stated and followup_cue and best_calc != ctx.last_tool and (
            top == best_calc or (best_calc_p >= CAL["both_min_p"] and not missing_fields(
                best_calc, slots.fill(best_calc, dict(ctx.last_params), quantities)))):
        # "and with liquid cooling?" after an electricity bill: the other calculator on the same values
        return Reading("calculation", best_calc, params, "topic switch reusing the previous values")

    if not in_calc and stated and followup_cue and words <= 8 and top not in CALCULATORS:
        # "and for 16 GPUs?" with nothing before it: ask which calculation rather than guess
        return Reading("calculation", None, params, "a follow-up with no calculation to follow")
    in_knowledge = ctx.last_route in ("knowledge", "both")
    if in_knowledge and followup_cue and words <= 10 and top in ("smalltalk", "off_topic") and not stated:
        return Reading("knowledge", None, params, "follow-up on the previous question")
    if top == "off_topic":
        if scores.top_p >= CAL["off_topic_min_p"]:
            return Reading("out_of_scope", reason=f"off-topic p={scores.top_p:.2f}")
        top = scores.ranked[1][0]  # not confident: the next reading
    if top == "smalltalk":
        if stated:  # numbers with units but no recognisable question: ask which calculation
            return Reading("calculation", None, params, "quantities without a calculator")
        return Reading("smalltalk")
    if top in CALCULATORS:
        numbers = [q for q in quantities if q.dimension != "plain" or q.rate]
        if stated or numbers or len(quantities) >= 2:  # unplaced numbers ("30000 to buy or 2.5 an hour") count too
            route = "both" if wants_explanation else "calculation"
            tool = _calculator_that_fits(scores, top, params, quantities)
            return Reading(route, tool, params, "calculator with stated inputs")
        return Reading("knowledge", top, params, "calculator question without numbers: background from the articles")
    # knowledge
    if stated and best_calc_p >= CAL["both_min_p"] and \
            not missing_fields(best_calc, slots.fill(best_calc, params, quantities)):
        return Reading("both", best_calc, params, "fact question with a runnable calculation")
    return Reading("knowledge", None, params, "knowledge")
