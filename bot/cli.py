"""Command line: ``python -m bot {setup,run,index,ask,chart,eval,healthcheck}``.

argparse (standard library) is enough for six subcommands and keeps the dependency
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

    secrets = tuple(s.get_secret_value() for s in (settings.telegram_bot_token, settings.webhook_secret,
                                                   settings.llm_api_key) if s is not None)
    level = settings.log_level
    if quiet and logging.getLevelName(level) < logging.WARNING:
        level = "WARNING"
    configure(level, secrets)


def _unreachable(exc: Exception) -> int:
    """One line instead of a traceback when a store the engine needs is down."""
    from bot.kb.store import StoreUnavailable

    what = exc.what if isinstance(exc, StoreUnavailable) else "Redis (REDIS_URL)"
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
    from bot.nlu.subject import load_or_train as load_subject

    load_subject(settings.model_dir.parent)
    print(f"intent classifier and subject model ready ({time.perf_counter() - started:.1f} s)")
    return 0


def cmd_index(args: argparse.Namespace) -> int:
    """Waits up to ``--wait`` seconds for a re-index running elsewhere (another replica, the bot),
    then runs; still busy after that is reported, not an error (exit 0)."""
    from bot.kb.indexer import ReindexBusy
    from bot.kb.store import StoreUnavailable

    settings = _settings()
    _log(settings)
    try:
        knowledge = wiring.Knowledge.build(settings)
        report = knowledge.reindex(full=args.full, progress=not args.quiet, wait_s=args.wait)
    except ReindexBusy as exc:
        holder = f" by {exc.holder}" if exc.holder else ""
        print(f"A re-index is still running{holder} after waiting {args.wait:.0f} s; it will bring the index up "
              "to date. Nothing was started.")
        return 0
    except StoreUnavailable as exc:
        return _unreachable(exc)
    print(report.render("en"))
    return 0


def cmd_healthcheck(args: argparse.Namespace) -> int:
    """Exit 0 when this machine's bot answers ``/healthz`` (a container HEALTHCHECK)."""
    import httpx

    settings = _settings()
    if settings.webhook_url:
        listen, port = settings.webhook_listen, settings.webhook_port
    else:
        listen, port = settings.ops_listen, settings.ops_port
    host = "127.0.0.1" if listen in ("0.0.0.0", "::", "") else listen
    path = "/readyz" if args.ready else "/healthz"
    try:
        ok = httpx.get(f"http://{host}:{port}{path}", timeout=args.timeout).status_code == 200
    except httpx.HTTPError as exc:
        print(f"{path}: {type(exc).__name__}", file=sys.stderr)
        return 1
    print(f"{path}: {'ok' if ok else 'not ok'}")
    return 0 if ok else 1


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


def _eval_answers(settings: Settings, args: argparse.Namespace) -> int:
    from pathlib import Path

    from bot.engine import answer_evaluation as ae

    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"real corpus not found: {corpus} (pass --corpus)", file=sys.stderr)
        return 2
    data = settings.data_dir / "eval-answers"
    knowledge = ae.prepare_knowledge(settings.knowledge_dir, corpus, data / "knowledge")
    eval_settings = settings.model_copy(update={"knowledge_dir": knowledge, "data_dir": data,
                                                "redis_url": "", "chroma_url": ""})
    models = data / "models"
    if not models.exists():  # the same model and intent classifier as the configured data folder
        data.mkdir(parents=True, exist_ok=True)
        models.symlink_to(settings.model_dir.parent.resolve(), target_is_directory=True)
    started = time.perf_counter()
    engine = wiring.build_engine(eval_settings)
    print(f"index ready in {time.perf_counter() - started:.1f} s ({engine.retriever.size()} chunks)")
    questions = [q for name in args.answers_file or ae.REAL_CORPUS_SETS
                 for q in ae.load_real_corpus_questions(Path(name))]
    questions += ae.load_own_questions(Path(args.file))
    if args.split != "all":
        questions = [q for q in questions if q.split == args.split or q.corpus == "ours"]
    stats, misses = asyncio.run(ae.evaluate(engine, questions))
    print(ae.render(stats, misses, args.show_failures))
    return 0


def cmd_chart(args: argparse.Namespace) -> int:
    """Answer the question, then draw the calculation's chart to ``--out``; exit 2 when there is none."""
    from pathlib import Path

    from bot.charts import NotChartable, render_chart

    settings = _settings()
    _log(settings)
    engine = wiring.build_engine(settings)
    answer = asyncio.run(engine.answer(args.chat, " ".join(args.question)))
    if not answer.tool_calls or answer.route not in ("calculation", "both"):
        print(f"Not chartable: the answer is not a calculation (route: {answer.route}).\n\n{answer.text}",
              file=sys.stderr)
        return 2
    call = answer.tool_calls[-1]
    try:
        image = render_chart(call.name, call.inputs, answer.lang)
    except NotChartable as exc:
        print(f"Not chartable: {exc}", file=sys.stderr)
        return 2
    Path(args.out).write_bytes(image.png)
    print(f"{args.out}: {image.width}×{image.height} px — {image.caption}")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    settings = _settings()
    _log(settings)
    if args.answers:
        return _eval_answers(settings, args)
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
    logging.getLogger("bot").info("configuration", extra={"config": settings.summary()})
    try:
        knowledge = wiring.Knowledge.build(settings)
        engine = wiring.build_engine(settings, knowledge)
        if settings.telegram_bot_token:
            from bot.telegram_bot.app import run_bot

            run_bot(settings, engine, knowledge.reindex, knowledge.add_upload)
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
    p.add_argument("--wait", type=float, default=600.0,
                   help="seconds to wait for a re-index already running elsewhere (default 600)")
    p.set_defaults(fn=cmd_index)
    p = sub.add_parser("healthcheck", help="exit 0 when the running bot on this machine answers /healthz")
    p.add_argument("--ready", action="store_true", help="ask /readyz instead (index, stores, Bot API)")
    p.add_argument("--timeout", type=float, default=5.0)
    p.set_defaults(fn=cmd_healthcheck)
    p = sub.add_parser("ask", help="answer one question and print it")
    p.add_argument("question", nargs="+")
    p.add_argument("--json", action="store_true", help="print the whole Answer as JSON")
    p.add_argument("--chat", default="cli", help="chat id whose history to use (for scripted follow-ups)")
    p.set_defaults(fn=cmd_ask)
    p = sub.add_parser("chart", help="answer one calculation question and write its chart as a PNG")
    p.add_argument("question", nargs="+")
    p.add_argument("--out", required=True, help="PNG file to write")
    p.add_argument("--chat", default="cli", help="chat id whose history to use (for scripted follow-ups)")
    p.set_defaults(fn=cmd_chart)
    p = sub.add_parser("eval", help="retrieval evaluation (Recall@1/@5, MRR) or, with --nlu, understanding")
    p.add_argument("--file", default="tests/data/retrieval_dev.jsonl")
    p.add_argument("--k", type=int, default=5)
    p.add_argument("--nlu", action="store_true",
                   help="understanding: route, fields, right number, false refusals/acceptances per split")
    p.add_argument("--nlu-file", action="append", help="labelled JSONL (default: the dev and held-out splits)")
    p.add_argument("--show-failures", type=int, default=0, help="list this many failures per split")
    p.add_argument("--answers", action="store_true",
                   help="answer level: reply states the gold fact and cites it, per corpus, split and language")
    p.add_argument("--answers-file", action="append",
                   help="real-corpus questions (default: tests/data/answers/real_corpus.jsonl, _v2 and _v3)")
    p.add_argument("--corpus", default="../shared/real-corpus", help="folder of the real third-party documents")
    p.add_argument("--split", choices=("dev", "heldout", "heldout2", "heldout3", "all"), default="all",
                   help="heldout2, heldout3: the second and third blind parts (real_corpus_v2.jsonl, _v3.jsonl), "
                        "each frozen before it was first run")
    p.set_defaults(fn=cmd_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.fn(args)
