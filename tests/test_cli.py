"""The command line as a user runs it: `python -m bot …` in a subprocess."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys

import pytest

from tests.botapi_emulator import BotApiEmulator
from tests.conftest import KNOWLEDGE, ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def indexed(tmp_path_factory, model_dir):
    """One DATA_DIR indexed by the CLI itself, shared by the tests below."""
    base = tmp_path_factory.mktemp("cli")
    out = subprocess.run([sys.executable, "-m", "bot", "index", "--quiet"], capture_output=True, text=True, cwd=ROOT,
                         env=_env(base, model_dir), check=True)
    return base, out.stdout


def _env(tmp_path, model_dir, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    env.update(DATA_DIR=str(tmp_path / "data"), KNOWLEDGE_DIR=str(KNOWLEDGE), EMBEDDING_MODEL=str(model_dir),
               HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", LOG_LEVEL="WARNING")
    env.update(extra)
    return env


def test_help_of_every_subcommand():
    for sub in ("setup", "run", "index", "ask", "chart", "eval", "healthcheck"):
        out = subprocess.run([sys.executable, "-m", "bot", sub, "--help"], capture_output=True, text=True,
                             cwd=ROOT, check=True)
        assert "usage:" in out.stdout


def test_healthcheck_fails_when_no_bot_listens(tmp_path, model_dir):
    from tests.servers import free_port

    out = subprocess.run([sys.executable, "-m", "bot", "healthcheck", "--timeout", "2"], capture_output=True,
                         text=True, cwd=ROOT, env=_env(tmp_path, model_dir, OPS_PORT=str(free_port())))
    assert (out.returncode, "Traceback" in out.stderr) == (1, False)


def test_healthcheck_passes_against_a_live_healthz(tmp_path, model_dir):
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    class Healthz(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200 if self.path == "/healthz" else 404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Healthz)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        out = subprocess.run([sys.executable, "-m", "bot", "healthcheck"], capture_output=True, text=True, cwd=ROOT,
                             env=_env(tmp_path, model_dir, OPS_PORT=str(server.server_port)))
    finally:
        server.shutdown()
    assert out.returncode == 0


def test_bad_configuration_is_a_clear_message(tmp_path, model_dir):
    out = subprocess.run([sys.executable, "-m", "bot", "ask", "hi"], capture_output=True, text=True, cwd=ROOT,
                         env=_env(tmp_path, model_dir, ADMIN_USER_IDS="alice"))
    assert out.returncode != 0
    assert "ADMIN_USER_IDS" in out.stderr
    assert "Traceback" not in out.stderr


def test_run_without_token_is_a_terminal_chat(indexed, model_dir):
    tmp_path = indexed[0]
    out = subprocess.run([sys.executable, "-m", "bot", "run"], input="rent 8 H100 for 24 hours at $2.50 per GPU-hour\n"
                         "and for 64 GPUs?\n", capture_output=True, text=True, cwd=ROOT, timeout=300,
                         env=_env(tmp_path, model_dir))
    assert out.returncode == 0, out.stderr
    assert "TELEGRAM_BOT_TOKEN" in out.stdout  # the one-line note on how to connect Telegram
    assert "$480.00" in out.stdout
    assert "$3,840.00" in out.stdout


def test_ask_json_and_scripted_followups(indexed, model_dir):
    env = _env(indexed[0], model_dir)
    first = subprocess.run([sys.executable, "-m", "bot", "ask", "--json", "--chat", "s1",
                            "rent 8 H100 for 24 hours at $2.50 per GPU-hour"], capture_output=True, text=True,
                           cwd=ROOT, env=env, check=True)
    data = json.loads(first.stdout)
    assert data["route"] == "calculation"
    assert data["tool_calls"][0]["outputs"]["cost_usd"] == 480
    second = subprocess.run([sys.executable, "-m", "bot", "ask", "--chat", "s1", "and for 64 GPUs?"],
                            capture_output=True, text=True, cwd=ROOT, env=env, check=True)
    assert "$3,840.00" in second.stdout


def test_chart_writes_the_calculations_png(indexed, model_dir, tmp_path):
    target = tmp_path / "rent.png"
    out = subprocess.run([sys.executable, "-m", "bot", "chart", "--out", str(target), "--chat", "c1",
                          "rent 8 H100 for 24 hours at $2.50 per GPU-hour"], capture_output=True, text=True,
                         cwd=ROOT, env=_env(indexed[0], model_dir))
    assert out.returncode == 0, out.stderr
    assert target.read_bytes().startswith(b"\x89PNG")
    assert "1200×750 px" in out.stdout and "$480" in out.stdout


def test_chart_of_a_question_without_a_chart_exits_non_zero(indexed, model_dir, tmp_path):
    target = tmp_path / "none.png"
    out = subprocess.run([sys.executable, "-m", "bot", "chart", "--out", str(target), "--chat", "c2",
                          "What share of compute cost is electricity?"], capture_output=True, text=True,
                         cwd=ROOT, env=_env(indexed[0], model_dir))
    assert out.returncode == 2
    assert "Not chartable" in out.stderr and "Traceback" not in out.stderr
    assert not target.exists()


def test_index_reports_changes(indexed, model_dir):
    assert "added: 26" in indexed[1]
    out = subprocess.run([sys.executable, "-m", "bot", "index", "--quiet"], capture_output=True, text=True, cwd=ROOT,
                         env=_env(indexed[0], model_dir), check=True)
    assert "added: 0" in out.stdout
    assert "unchanged: 26" in out.stdout


async def test_run_with_token_polls_the_configured_bot_api_and_survives_kill(indexed, model_dir):
    """`python -m bot run` with a token polls the configured Bot API; after `kill -9` and
    a restart, history survives and no update is answered twice."""
    emu = BotApiEmulator()
    await emu.start()
    env = _env(indexed[0], model_dir, TELEGRAM_BOT_TOKEN=emu.token, TELEGRAM_BASE_URL=emu.base_url)

    async def start():
        return await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "run", cwd=ROOT, env=env,
                                                    stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)

    proc = await start()
    try:
        await emu.user_message(8001, "rent 8 H100 for 24 hours at $2.50 per GPU-hour")
        await emu.wait_for(lambda e: len(e.replies(8001)) == 1, timeout=180)
        # the next poll confirms the update; kill only once it has been asked for
        polls = emu.calls.count("getUpdates")
        await emu.wait_for(lambda e: e.calls.count("getUpdates") > polls, timeout=30)
        proc.kill()
        _, err = await proc.communicate()
        polls = emu.calls.count("getUpdates")
        proc = await start()
        # a re-delivered first update would come in the restarted bot's first poll
        await emu.wait_for(lambda e: e.calls.count("getUpdates") > polls, timeout=180)
        await emu.user_message(8001, "and for 64 GPUs?")
        await emu.wait_for(lambda e: len(e.replies(8001)) >= 2, timeout=180)
    finally:
        proc.terminate()
        _, err2 = await proc.communicate()
        await emu.stop()
    replies = emu.replies(8001)
    assert len(replies) == 2, [r["plain"][:60] for r in replies]
    assert "$480.00" in replies[0]["plain"]
    assert "$3,840.00" in replies[1]["plain"]
    assert "getUpdates" in emu.calls
    assert emu.commands
    assert emu.token.split(":")[1] not in (err + err2).decode()


def test_reindex_killed_half_way_leaves_the_previous_index(tmp_path, model_dir, embeddings):
    import shutil
    import signal

    from bot.kb.retriever import HybridRetriever
    from bot.kb.store import KnowledgeStore

    knowledge = tmp_path / "k"
    (knowledge / "en").mkdir(parents=True)
    for name in ("interconnect-networking.md", "cowos-packaging.md"):
        shutil.copy(KNOWLEDGE / "en" / name, knowledge / "en" / name)
    env = _env(tmp_path, model_dir, KNOWLEDGE_DIR=str(knowledge))
    subprocess.run([sys.executable, "-m", "bot", "index", "--quiet"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    for i in range(4):
        (knowledge / "en" / f"bulk{i}.md").write_text("\n\n".join(f"Bulk note {i}-{j} on rack power budgets."
                                                                   for j in range(40)))
    proc = subprocess.Popen([sys.executable, "-m", "bot", "index"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen = b""
    while b"embedding:" not in seen or b"| 1/" not in seen:  # killed once the first batch is stored
        chunk = proc.stderr.read1(4096)
        assert chunk, seen[-500:]
        seen += chunk
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    store = KnowledgeStore.from_settings(tmp_path / "data")
    active = store.active_name()
    assert len(store.generations()) == 2  # the complete old one and the half-written one
    assert store.collection(active).get(where={"path": "en/bulk0.md"})["ids"] == []
    retriever = HybridRetriever(store, embeddings)
    assert retriever.search("copper NVLink cables", k=1)[0].article_id == "interconnect-networking"
    done = subprocess.run([sys.executable, "-m", "bot", "index", "--quiet"], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True)
    assert "added: 4" in done.stdout
    assert "unchanged: 2" in done.stdout
    store = KnowledgeStore.from_settings(tmp_path / "data")
    assert store.active_name() != active
    assert len(store.generations()) == 2  # new + previous; the stale one dropped


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("down", ["CHROMA_URL", "REDIS_URL"])
def test_ask_with_a_store_down_is_one_clear_line(indexed, model_dir, down):
    scheme = "http" if down == "CHROMA_URL" else "redis"
    env = _env(indexed[0], model_dir, **{down: f"{scheme}://127.0.0.1:{_free_port()}"})
    out = subprocess.run([sys.executable, "-m", "bot", "ask", "rent 8 H100 for 24 hours at $2/hour"],
                         capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert out.returncode != 0
    assert "Traceback" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr[-2000:]
    assert ("Chroma" if down == "CHROMA_URL" else "Redis") in lines[0]
    assert out.stdout == ""


def test_terminal_chat_logs_nothing_below_warning(indexed, model_dir):
    """The first knowledge question loads the index, which logs at INFO: not into the chat."""
    out = subprocess.run([sys.executable, "-m", "bot", "run"], input="Why do GB200 racks use copper cables?\n",
                         capture_output=True, text=True, cwd=ROOT, timeout=300,
                         env=_env(indexed[0], model_dir, LOG_LEVEL="INFO"))
    assert out.returncode == 0, out.stderr
    assert "[1]" in out.stdout
    assert '"level"' not in out.stdout
    assert '"level": "INFO"' not in out.stderr
