"""The calculators as LangChain ``StructuredTool``s for the optional LLM mode.

Only this module imports LangChain; the calculators stay plain Python."""

from __future__ import annotations

from langchain_core.tools import StructuredTool
from pydantic import ValidationError

from tools.errors import ToolInputError, from_validation
from tools.registry import TOOLS, run


def _error(exc: ToolInputError) -> str:
    return f"ERROR: {exc.message_en} / {exc.message_ar}"


def _invalid(exc: ValidationError) -> str:
    """LangChain checks the arguments against the schema (and its Field ranges) before the call."""
    error = exc.errors()[0]
    return _error(from_validation(str(error["loc"][0]), error))


def _make(name: str) -> StructuredTool:
    spec = TOOLS[name]

    def call(**kwargs) -> str:
        try:
            return run(name, kwargs).render("en")
        except ToolInputError as exc:
            return _error(exc)

    return StructuredTool.from_function(
        func=call, name=name, description=f"{spec.description_en} / {spec.description_ar}",
        args_schema=spec.input_model, handle_validation_error=_invalid,
    )


def langchain_tools() -> list[StructuredTool]:
    return [_make(name) for name in TOOLS]
