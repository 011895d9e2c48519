"""Command line: ``python -m bot {setup,run,index,ask,eval}``.

argparse (standard library) is enough for five subcommands and keeps the dependency
list short; each subcommand has ``--help``.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import time

from pydantic import ValidationError

from bot import wiring
from bot.config import Settings


def _settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        lines = [f"  {'.'.join(str(p) for p in e['loc']).upper()}: {e['msg']}" for e in exc.errors()]
        sys.exit("Invalid configuration:\n" + "\n".join(lines))


def _log(settings: Settings, *, quiet: bool = False) -> None:
    """JSON lines on stderr; ``quiet`` (a terminal chat, one answer) keeps only warnings and errors."""
    from bot.logging_setup import configure

    token = settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else ""
    level = settings.log_level
    if quiet and logging.getLevelName(level) < logging.WARNING:
        level = "WARNING"
    configure(level, (token,))


def _unreachable(exc: Exception) -> int:
    """One line instead of a traceback when a store the engine needs is down."""
    from bot.kb.store import StoreUnavailable

    what = "the Chroma server (CHROMA_URL)" if isinstance(exc, StoreUnavailable) else "Redis (REDIS_URL)"
    print(f"Cannot reach {what}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}", file=sys.stderr)
    return 3


def cmd_setup(args: argparse.Namespace) -> int:
    settings = _settings()
    wiring.offline_environment()
    path = wiring.model_path(settings)
    print(f"embedding model ready: {path}")
    from bot.nlu.intent import load_or_train

    started = time.perf_counter()
    load_or_train(wiring.embeddings(settings), settings.model_dir.parent)
    print(f"intent classifier ready ({time.perf_counter() - started:.1f} s)")
    return 0


def cmd_index(args: argparse.Namespace) -> int:
    settings = _settings()
    _log(settings)
    from bot.kb.indexer import ReindexBusy

    try:
        report = wiring.Knowledge.build(settings).reindex(full=args.full, progress=not args.quiet)
    except ReindexBusy:
        print("A re-index is already running; try again when it finishes.", file=sys.stderr)
        return 2
    print(report.render("en"))
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from bot.engine.history import HistoryUnavailable
    from bot.kb.store import StoreUnavailable

    settings = _settings()
    _log(settings, quiet=True)
    try:
        engine = wiring.build_engine(settings)
        answer = asyncio.run(engine.answer(args.chat, " ".join(args.question)))
    except (StoreUnavailable, HistoryUnavailable) as exc:
        return _unreachable(exc)
    print(answer.to_json() if args.json else answer.text)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    settings = _settings()
    _log(settings)
    engine = wiring.build_engine(settings)
    if args.nlu:
        from pathlib import Path

        from bot.nlu.evaluation import run

        files = args.nlu_file or ["tests/data/nlu/dev.jsonl", "tests/data/nlu/heldout.jsonl"]
        print(run(engine, [Path(f) for f in files], show_failures=args.show_failures))
        return 0
    from bot.kb.evaluation import evaluate, load_questions, render_table

    questions = load_questions(args.file)
    results = evaluate(engine.retriever, questions, k=args.k)
    print(render_table(results))
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from bot.engine.history import HistoryUnavailable
    from bot.kb.store import StoreUnavailable

    settings = _settings()
    _log(settings, quiet=not settings.telegram_bot_token)  # log lines would land between a chat's prompts
    try:
        knowledge = wiring.Knowledge.build(settings)
        engine = wiring.build_engine(settings, knowledge)
        if settings.telegram_bot_token:
            from bot.telegram_bot.app import run_bot

            run_bot(settings, engine, knowledge.reindex)
        else:
            from bot.terminal import chat_loop

            asyncio.run(chat_loop(engine, forget_every_s=settings.forget_every_s))
    except (StoreUnavailable, HistoryUnavailable) as exc:
        return _unreachable(exc)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="compute-bot", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("setup", help="build the offline embedding model (idempotent)")
    p.set_defaults(fn=cmd_setup)
    p = sub.add_parser("run", help="start the Telegram bot (TELEGRAM_BOT_TOKEN set) or a terminal chat")
    p.set_defaults(fn=cmd_run)
    p = sub.add_parser("index", help="incrementally re-index KNOWLEDGE_DIR and print what changed")
    p.add_argument("--full", action="store_true", help="rebuild from scratch, re-embedding every file")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(fn=cmd_index)
    p = sub.add_parser("ask", help="answer one question and print it")
    p.add_argument("question", nargs="+")
    p.add_argument("--json", action="store_true", help="print the whole Answer as JSON")
    p.add_argument("--chat", default="cli", help="chat id whose history to use (for scripted follow-ups)")
    p.set_defaults(fn=cmd_ask)
    p = sub.add_parser("eval", help="retrieval evaluation (Recall@1/@5, MRR) or, with --nlu, understanding")
    p.add_argument("--file", default="tests/data/retrieval_dev.jsonl")
    p.add_argument("--k", type=int, default=5)
    p.add_argument("--nlu", action="store_true",
                   help="understanding: route, fields, right number, false refusals/acceptances per split")
    p.add_argument("--nlu-file", action="append", help="labelled JSONL (default: the dev and held-out splits)")
    p.add_argument("--show-failures", type=int, default=0, help="list this many failures per split")
    p.set_defaults(fn=cmd_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.fn(args)
