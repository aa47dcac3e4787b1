"""A folder of every kind of bad, odd or foreign input tiyao must survive (issue 8), and what to expect of each.

``make_bad_input_folder(tmp_path)`` writes the folder and returns its path; ``EXPECTED`` says, file by file, what
reading it gives: the ids of the articles read from it, the warning that names it when it is skipped, the
failure (with its line number) for a record or file that cannot be read, and ``run_error`` for an article that is
read but has nothing to analyse (the pipeline records it with that error). Texts are real: sentences of the seed
corpus, the SIGHAN CityU article (traditional), and mixed Chinese-English news phrasing.

``make_large_file(path, megabytes)`` writes a file of many seed articles, for the size tests.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds" / "xiji-town-2013.md"
CITYU = Path(__file__).parent / "data" / "cityu_article.txt"

SIMPLIFIED = (
    "枣庄市山亭区西集镇2013年人口和计生工作的思路是：突出一条主线，把握两大重点，办好三件实事。"
    "计生办、卫生院全力配合，确保免费孕前优生健康检查顺利进行。"
)
# Outside GBK: only GB18030 (four-byte sequences) encodes these (a rare character and the euro sign).
GB18030_ONLY = "西集镇举办𠀾字展览，门票5€。计生协会组织育龄妇女参观学习。"
ENGLISH = (
    "Apple released the iPhone 15 in September. The new phone uses a faster chip made by TSMC.\n"
    "Analysts expect strong sales in China! Will 5G coverage keep up? Mr. Cook said demand was high."
)
MIXED = "苹果公司发布iPhone 15，搭载全新AI芯片。OpenAI推出GPT-4模型，5G网络已覆盖全国。"
HTML = (
    "<html><body><h1>西集镇计生信贷助推育龄妇女创业</h1>\n"
    "<p>西集镇计生协会&amp;农村信用联社推出<b>计生信贷</b>，帮助育龄妇女创业。</p><br/>"
    "<div class=\"x\">截至目前，已发放贷款&nbsp;300万元。</div></body></html>"
)
NO_PUNCTUATION_CLAUSE = "西集镇计生协会推出计生信贷帮助育龄妇女创业致富加强基层计生建设深入开展人口信息核查"


@dataclass(frozen=True)
class Expect:
    """What reading one file of the folder gives."""

    ids: tuple[str, ...] = ()  # articles read from it, in order
    warning: str | None = None  # fragment of the warning that names it (read with a warning)
    failures: tuple[str, ...] = ()  # fragments of the failures it gives, one per failed record or file, in order
    run_error: str | None = None  # the per-article error `tiyao run` records (read, but nothing to analyse)


EXPECTED: dict[str, Expect] = {
    "empty.txt": Expect(failures=("empty.txt: it is empty",)),
    "whitespace.txt": Expect(failures=("whitespace.txt: it has no text",)),
    "photo.png": Expect(failures=("photo.png is a PNG image, not text",)),
    "scan.pdf": Expect(failures=("scan.pdf is a PDF document, not text",)),
    "invalid-utf8.txt": Expect(ids=("invalid-utf8.txt",), warning="invalid-utf8.txt: 2 bytes that are not UTF-8"),
    "garbage.txt": Expect(failures=("garbage.txt: not valid UTF-8",)),
    "gbk.txt": Expect(ids=("gbk.txt",)),
    "gb18030.txt": Expect(ids=("gb18030.txt",)),
    "big5.txt": Expect(ids=("big5.txt",)),
    "utf16.txt": Expect(ids=("utf16.txt",)),
    "utf16-no-bom.txt": Expect(ids=("utf16-no-bom.txt",)),
    "records.jsonl": Expect(
        ids=("r1", "r5"),
        failures=("records.jsonl, line 2: broken JSON", "records.jsonl, line 3: record has no 'text' field",
                  "records.jsonl, line 4: the 'text' field is empty"),
    ),
    "quoted.csv": Expect(ids=("c1", "c2")),
    "no-punctuation.txt": Expect(ids=("no-punctuation.txt",)),
    "english.txt": Expect(ids=("english.txt",)),
    "numbers.txt": Expect(ids=("numbers.txt",), run_error="no Chinese or English words"),
    "emoji.txt": Expect(ids=("emoji.txt",), run_error="no Chinese or English words"),
    "html.txt": Expect(ids=("html.txt",)),
    "mixed.txt": Expect(ids=("mixed.txt",)),
    "seed.md": Expect(ids=("seed.md",)),
}

#: Files whose articles are read (with the ids they get), in the order the folder is read.
READABLE_IDS: tuple[str, ...] = tuple(i for name in sorted(EXPECTED) for i in EXPECTED[name].ids)
#: Files skipped (a failure naming them) and nothing read from them.
SKIPPED = ("empty.txt", "whitespace.txt", "photo.png", "scan.pdf")


def seed_articles() -> list[str]:
    """The seed articles as Markdown sections (``## title`` and body)."""
    text = SEEDS.read_text(encoding="utf-8")
    return ["## " + part.strip() for part in text.split("\n## ")[1:]]


def _png() -> bytes:
    """A real 2x2 PNG image."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", (2).to_bytes(4, "big") * 2 + b"\x08\x02\x00\x00\x00")
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _pdf() -> bytes:
    """A minimal PDF file with binary bytes in a stream, as real PDFs have."""
    return (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
            b"2 0 obj\n<< /Length 8 >>\nstream\n\x00\x01\x02\x03\xff\xfe\x80\x81\nendstream\nendobj\n%%EOF\n")


def make_bad_input_folder(tmp_path: Path, *, long_article_bytes: int = 2_000_000) -> Path:
    """Write the folder of bad inputs under ``tmp_path`` and return it (see ``EXPECTED``).

    ``long_article_bytes`` is the size of the article without punctuation (2 MB; smaller for commands that
    segment every article, to keep tests fast).
    """
    folder = tmp_path / "bad-input"
    folder.mkdir()
    cityu = CITYU.read_text(encoding="utf-8")

    def write(name: str, data: bytes) -> None:
        (folder / name).write_bytes(data)

    write("empty.txt", b"")
    write("whitespace.txt", " \n\t\n\u3000\u3000\n\r\n".encode("utf-8"))
    write("photo.png", _png())
    write("scan.pdf", _pdf())
    pieces = [("西集镇计生信贷\n\n" + SIMPLIFIED)[i:j].encode("utf-8") for i, j in ((0, 20), (20, 40), (40, None))]
    write("invalid-utf8.txt", pieces[0] + b"\xff" + pieces[1] + b"\xc3" + pieces[2])  # two stray bytes
    write("garbage.txt", bytes(range(0x80, 0x100)) * 4)
    write("gbk.txt", ("计生工作\n\n" + SIMPLIFIED).encode("gbk"))
    write("gb18030.txt", ("展览\n\n" + GB18030_ONLY).encode("gb18030"))
    write("big5.txt", cityu.encode("big5hkscs"))
    write("utf16.txt", ("计生协会\n\n" + SIMPLIFIED).encode("utf-16"))
    write("utf16-no-bom.txt", ("计生协会\n\n" + SIMPLIFIED).encode("utf-16-le"))
    records = [
        json.dumps({"id": "r1", "title": "计生信贷", "text": SIMPLIFIED}, ensure_ascii=False),
        '{"id": "r2", "title": "断行", "text": "这一行的JSON没有写完',
        json.dumps({"id": "r3", "title": "没有正文", "body": SIMPLIFIED}, ensure_ascii=False),
        json.dumps({"id": "r4", "title": "空白正文", "text": " \n\u3000 "}, ensure_ascii=False),
        json.dumps({"id": "r5", "title": "英文", "text": ENGLISH}),
    ]
    write("records.jsonl", ("\n".join(records) + "\n").encode("utf-8"))
    write("quoted.csv", (
        'id,title,text\n'
        'c1,计生信贷,"西集镇计生协会推出计生信贷。\n\n帮助育龄妇女创业，""贷""动计生户致富。"\n'
        'c2,"标题, 带逗号","第一段。\r\n第二段，有""引号""。"\n'
    ).encode("utf-8"))
    repeats = long_article_bytes // len(NO_PUNCTUATION_CLAUSE.encode("utf-8")) + 1
    write("no-punctuation.txt", (NO_PUNCTUATION_CLAUSE * repeats).encode("utf-8"))
    write("english.txt", ENGLISH.encode("utf-8"))
    write("numbers.txt", "2013 2014\n\n3.5 100% 12,345 -7\n0571-88886666".encode("utf-8"))
    write("emoji.txt", "😀🎉✨ ★☆※ →← ♥♦ 🇨🇳\n\n∑∞≠ ¥$€ #@&".encode("utf-8"))
    write("html.txt", HTML.encode("utf-8"))
    write("mixed.txt", MIXED.encode("utf-8"))
    write("seed.md", seed_articles()[1].encode("utf-8"))
    return folder


def make_large_file(path: Path, megabytes: float) -> int:
    """Write ``megabytes`` MB (UTF-8) of seed articles, each a ``##`` section with a numbered title; return the
    number of articles written."""
    articles = seed_articles()
    target = int(megabytes * 1_000_000)
    written = count = 0
    with path.open("wb") as handle:
        while written < target:
            title, _, body = articles[count % len(articles)].partition("\n")
            data = f"{title} {count + 1}\n{body}\n\n".encode("utf-8")
            handle.write(data)
            written += len(data)
            count += 1
    return count

