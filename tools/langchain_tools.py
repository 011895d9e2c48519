"""The calculators as LangChain ``StructuredTool``s for the optional LLM mode.

Only this module imports LangChain; the calculators stay plain Python."""

from __future__ import annotations

from langchain_core.tools import StructuredTool

from tools.errors import ToolInputError
from tools.registry import TOOLS, run


def _make(name: str) -> StructuredTool:
    spec = TOOLS[name]

    def call(**kwargs) -> str:
        try:
            return run(name, kwargs).render("en")
        except ToolInputError as exc:
            return f"ERROR: {exc.message_en} / {exc.message_ar}"

    return StructuredTool.from_function(
        func=call, name=name, description=f"{spec.description_en} / {spec.description_ar}",
        args_schema=spec.input_model,
    )


def langchain_tools() -> list[StructuredTool]:
    return [_make(name) for name in TOOLS]
