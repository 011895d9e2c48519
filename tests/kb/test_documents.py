import os

from bot.kb.cleaning import strip_page_furniture
from bot.kb.documents import load_file, load_folder, parse_front_matter
from tests.conftest import KNOWLEDGE


def test_front_matter_parsed(tmp_path):
    (tmp_path / "a.md").write_text("---\nid: x1\ntitle: T <&>\nlang: ar\nurl: https://e.x\n---\nنص المقال هنا.\n")
    art = load_file(tmp_path / "a.md", tmp_path)
    assert (art.id, art.title, art.lang, art.url) == ("x1", "T <&>", "ar", "https://e.x")
    assert art.body == "نص المقال هنا."


def test_language_guessed_without_front_matter(tmp_path):
    (tmp_path / "b.txt").write_text("هذا نص عربي عن تكلفة الحوسبة.")
    assert load_file(tmp_path / "b.txt", tmp_path).lang == "ar"


def test_html_keeps_readable_text_only(tmp_path):
    (tmp_path / "p.html").write_text("<html><head><title>GPU news</title><script>var x=1;</script></head>"
                                     "<body><nav>Home | About</nav><p>H100 prices fell.</p><footer>(c)</footer></body></html>")
    art = load_file(tmp_path / "p.html", tmp_path)
    assert art.title == "GPU news"
    text = "\n".join(b.text for b in art.blocks)
    assert "H100 prices fell." in text
    assert "var x" not in text
    assert "Home" not in text


def test_junk_files_are_skipped_with_reasons(tmp_path):
    root = tmp_path / "k"
    root.mkdir()
    (root / "empty.md").write_text("")
    (root / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    (root / "latin1.txt").write_bytes("caf\xe9 cr\xe8me".encode("latin-1"))
    (root / "image.png").write_bytes(b"\x89PNG")
    (root / "big.txt").write_text("x" * 2_100_000)
    outside = tmp_path / "secret.md"
    outside.write_text("---\ntitle: secret\n---\nTOP SECRET")
    os.symlink(outside, root / "link.md")
    (root / "ok.md").write_text("Fine article about GPUs.")
    result = load_folder(root)
    reasons = {s.path: s.reason for s in result.skipped}
    assert [a.path for a in result.articles] == ["ok.md"]
    assert reasons["empty.md"] == "empty file"
    assert reasons["bin.txt"] == "binary content"
    assert reasons["latin1.txt"] == "not valid UTF-8"
    assert "unsupported" in reasons["image.png"]
    assert "too large" in reasons["big.txt"]
    assert "outside" in reasons["link.md"]


def test_seed_article_page_furniture_is_stripped():
    art = load_file(KNOWLEDGE / "ar" / "ai-compute-race.txt", KNOWLEDGE)
    for junk in ("تسجيلات الإعجاب", "HodlOrRegret", "شاهد النسخة الأصلية", "إخلاء المسؤولية", "0/400"):
        assert junk not in art.body
    assert art.body.count("تسعى شركات التكنولوجيا الكبرى") == 1
    assert "حوالي 10% من تكلفة الكهرباء" in art.body
    assert art.body.strip().endswith("وتطبيقها.")


def test_cleaner_is_generic_for_similar_pages():
    page = ("First paragraph of a real article about GPU prices and the market, long enough to count.\n"
            "Second paragraph with more words about rental and contracts, also long enough.\n"
            "This page may contain third-party content, provided for information only.\n"
            "Likes 12\nReply\nFirst paragraph of a real article about GPU prices and the market, long enough to count.")
    cleaned = strip_page_furniture(page)
    assert cleaned.count("First paragraph") == 1 and "third-party" not in cleaned and "Likes" not in cleaned


def test_front_matter_absent_returns_text():
    meta, body = parse_front_matter("no header\n")
    assert meta == {} and body == "no header\n"


def test_whole_shipped_corpus_loads_bilingual():
    result = load_folder(KNOWLEDGE)
    assert not result.skipped
    by_id = {}
    for a in result.articles:
        by_id.setdefault(a.id, set()).add(a.lang)
    assert len(by_id) >= 13
    assert all(langs == {"ar", "en"} for langs in by_id.values())


def test_readme_front_matter_template_drops_comments(tmp_path):
    """The template in the README, written as a user would copy it."""
    readme = (KNOWLEDGE.parent / "README.md").read_text(encoding="utf-8")
    template = readme[readme.index("---\nid: gpu-rental-market"):]
    template = template[:template.index("```")]
    meta, body = parse_front_matter(template)
    assert meta["id"] == "gpu-rental-market"
    assert meta["lang"] == "en"
    assert meta["url"] == "https://…"
    assert body.strip() == "Paragraphs…"


def test_hash_without_a_space_before_it_is_kept():
    meta, _ = parse_front_matter("---\nurl: https://e.x/page#part\ntitle: C# and GPUs\n---\nBody")
    assert meta["url"] == "https://e.x/page#part"
    assert meta["title"] == "C# and GPUs"


def test_second_table_with_the_same_columns_keeps_its_header():
    header = "| Architecture    | Uni-dir.<br>(GBps) | NVLink<br>(GBps) | NVLink<br>gen |"
    rule = "| :-------------- | -----------------: | ---------------: | ------------: |"
    page = (f"{header}\n{rule}\n| Grace/Hopper    | 450 | 900 | 4 |\n\n**Announced:**\n\n"
            f"{header}\n{rule}\n| Vera/Rubin      | 900 | 1800 | 6 |\n")
    assert strip_page_furniture(page).count(rule) == 2
