"""The real Application, handlers and HTTP stack against the emulated Bot API."""

from __future__ import annotations

import pytest

from tests.telegram_bot.conftest import ADMIN

pytestmark = pytest.mark.slow



async def replies_to(emu, chat_id, action, n_expected=1):
    """Run ``action`` (an emulator coroutine) and return the bot's new replies in that chat."""
    before = len(emu.replies(chat_id))
    await action
    await emu.wait_for(lambda e: len(e.replies(chat_id)) >= before + n_expected)
    return emu.replies(chat_id)[before:]


async def ask(emu, chat_id, text, n_expected=1, **kw):
    return await replies_to(emu, chat_id, emu.user_message(chat_id, text, **kw), n_expected)


async def test_commands_registered_in_both_languages(bot):
    emu, _ = bot
    assert {c["command"] for c in emu.commands[""]} >= {"start", "help", "reset", "sources", "lang", "reindex"}
    assert any("للمشرفين" in c["description"] for c in emu.commands["ar"])


async def test_english_knowledge_question(bot):
    emu, _ = bot
    [reply] = await ask(emu, 101, "What share of compute cost is electricity?")
    assert reply["parse_mode"] == "HTML"
    assert "10%" in reply["plain"]
    assert "Sources:" in reply["plain"]
    assert "Sources / المصادر" in str(reply["reply_markup"])
    assert any(a["chat_id"] == 101 and a["action"] == "typing" for a in emu.actions)
    # the Sources button expands the cited passages
    message_id = int(reply["reply_markup"]["inline_keyboard"][0][0]["callback_data"].split(":")[1])
    new = await replies_to(emu, 101, emu.press_button(101, reply["message_id"], f"src:{message_id}"))
    assert "[1]" in new[-1]["plain"]


async def test_arabic_knowledge_question(bot):
    emu, _ = bot
    [reply] = await ask(emu, 102, "لماذا يعتمد GB200 على الكابلات النحاسية؟", lang="ar")
    assert "نحاس" in reply["plain"]
    assert "المصادر" in reply["plain"]


async def test_calculation_with_two_followups_and_reset(bot):
    emu, _ = bot
    [r1] = await ask(emu, 103, "How much does it cost to rent 8 H100 GPUs for 24 hours at $2.50 per GPU-hour?")
    assert "$480.00" in r1["plain"]
    [r2] = await ask(emu, 103, "and for 64 GPUs?")
    assert "$3,840.00" in r2["plain"]
    [r3] = await ask(emu, 103, "what if the price drops to $2?")
    assert "$3,072.00" in r3["plain"]
    [r4] = await ask(emu, 103, "/reset")
    assert "forgot" in r4["plain"]
    [r5] = await ask(emu, 103, "and for 16 GPUs?")
    assert "What should I calculate" in r5["plain"]


async def test_reindex_admin_only(bot):
    emu, _ = bot
    [refusal] = await ask(emu, 104, "/reindex")
    assert "Only admins" in refusal["plain"]
    started, report = await ask(emu, ADMIN, "/reindex", n_expected=2)
    assert "Re-indexing" in started["plain"]
    assert "added: 3" in report["plain"]
    assert "Re-index finished" in report["plain"]
    [stats] = await ask(emu, ADMIN, "/stats")
    assert "index chunks:" in stats["plain"]
    [no_stats] = await ask(emu, 104, "/stats")
    assert "Only admins" in no_stats["plain"]


async def test_group_needs_mention_or_reply(bot):
    emu, _ = bot
    group = -5001
    await emu.user_message(group, "What is CoWoS?", user_id=77, chat_type="group")
    [r] = await ask(emu, group, "What is CoWoS?", user_id=77, chat_type="group", mention=True)
    assert "CoWoS" in r["plain"]
    assert r["reply_to"] is not None
    [r2] = await ask(emu, group, "and what about copper cables?", user_id=78, chat_type="group",
                     reply_to_message_id=r["message_id"])
    assert "copper" in r2["plain"].lower()
    assert len(emu.replies(group)) == 2  # the unaddressed message got no answer


async def test_sticker_and_edited_message(bot):
    emu, _ = bot
    new = await replies_to(emu, 105, emu.user_message(105, sticker=True))
    assert "text messages" in new[-1]["plain"]
    [edited] = await ask(emu, 105, "edited question", edited=True)
    assert "new messages only" in edited["plain"]


async def test_long_and_hostile_input(bot):
    emu, _ = bot
    [long_reply] = await ask(emu, 106, "GPU " * 1000)
    assert long_reply["plain"]
    [hostile] = await ask(emu, 106, "<script>alert(1)</script> & <b>unclosed What does an H100 cost to rent?")
    assert hostile["plain"]
    assert not emu.rejected


async def test_lang_command_forces_arabic(bot):
    emu, _ = bot
    [ok] = await ask(emu, 107, "/lang ar")
    assert "بالعربية" in ok["plain"]
    [reply] = await ask(emu, 107, "What share of compute cost is electricity?")
    assert "المصادر" in reply["plain"]


async def test_start_buttons_ask_examples(bot):
    emu, _ = bot
    [welcome] = await ask(emu, 108, "/start")
    assert "مرحبًا" in welcome["plain"]
    assert "Hello" in welcome["plain"]
    new = await replies_to(emu, 108, emu.press_button(108, welcome["message_id"], "ex:0"))
    assert "$480.00" in new[-1]["plain"]


async def test_help_and_sources_follow_the_telegram_language(bot):
    emu, _ = bot
    [help_ar] = await ask(emu, 109, "/help", lang="ar")
    assert "/reset" in help_ar["plain"]
    assert "أجيب" in help_ar["plain"]
    [sources] = await ask(emu, 109, "/sources", lang="en")
    assert "Indexed articles:" in sources["plain"]
    assert "[ar]" in sources["plain"]
    assert "[en]" in sources["plain"]


async def test_admin_document_becomes_an_article(bot, knowledge_copy):
    emu, _ = bot
    article = (b"---\nid: spot-market\ntitle: Spot market note\nlang: en\n---\n"
               b"Spot H100 capacity was scarce in December according to our broker.")
    new = await replies_to(emu, ADMIN, emu.user_document(ADMIN, "../Spot market!.md", article), n_expected=2)
    assert "+ uploads/Spot-market.md" in new[-1]["plain"]
    saved = knowledge_copy / "uploads" / "Spot-market.md"
    assert saved.read_bytes() == article
    # non-admins and wrong types are refused
    new = await replies_to(emu, 110, emu.user_document(110, "note.md", b"hello"))
    assert "text messages" in new[-1]["plain"]
    new = await replies_to(emu, ADMIN, emu.user_document(ADMIN, "slides.pptx", b"PK\x03\x04",
                                                         mime_type="application/vnd.ms-powerpoint"))
    assert ".md" in new[-1]["plain"]


async def test_hostile_corpus_through_telegram(bot):
    """Every hostile message gets exactly one reply Telegram accepts, and the bot keeps serving."""
    import json

    from tests.conftest import ROOT

    emu, _ = bot
    cases = json.loads((ROOT / "tests" / "data" / "hostile_inputs.json").read_text())
    for n, case in enumerate(cases, start=1):
        chat = 20_000 + n
        await emu.user_message(chat, case["text"])
    await emu.wait_for(lambda e: all(e.replies(20_000 + n) for n in range(1, len(cases) + 1)), 120)
    for n, case in enumerate(cases, start=1):
        replies = emu.replies(20_000 + n)
        assert len(replies) == 1, (case["name"], replies)
        assert replies[0]["plain"].strip()
        assert "Traceback" not in replies[0]["plain"]
    assert not emu.rejected
    [ok] = await ask(emu, 20_999, "rent 8 H100 for 24 hours at $2.50 per GPU-hour")
    assert "$480.00" in ok["plain"]
