"""arsumm.to_html: page structure, escaping, bidi controls, errors, the CLI."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import arsumm
from arsumm.splitter import Span
from tests.htmltree import Node, parse

# Every element the page may contain: anything else came from the input.
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "p", "section",
    "ol", "li", "a", "span", "mark", "bdi", "footer",
}  # fmt: skip
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
LINE_BREAKS = arsumm.chars.LINE_BREAK_RE

EVIL = (
    "عنوان <script>alert('x')</script> الخبر\n"
    'قال المدير: "</p><img src=x onerror=alert(1)>" وانتهى الاجتماع. '
    "ثم أضاف ' onmouseover='alert(2)' x=' بعد ذلك.\n\n"
    "نص \u202eمعكوس\u202c هنا و\u2067عزل\u2069 هناك و\u202dLTR override بلا إغلاق. "
    "رموز &amp; &lt;b&gt; </bdi></mark></section><!-- تعليق --> </style></title> نهاية.\n"
    "تحكم \x00 و\x1b[31m و\x7f في النص. سطر أخير فيه \u200fعلامة\u200e.\n"
)


def page_of(text: str, **kwargs: object) -> tuple[str, Node]:
    summary = arsumm.summarize(text, k=2)
    page = arsumm.to_html(text, summary, **kwargs)  # type: ignore[arg-type]
    root, _, _ = parse(page)
    return page, root


def shown(text: str) -> str:
    """What a sentence looks like on the page: line breaks as LF, controls as labels."""
    names = {"\u202a": "LRE", "\u202b": "RLE", "\u202c": "PDF", "\u202d": "LRO", "\u202e": "RLO"}
    names |= {"\u2066": "LRI", "\u2067": "RLI", "\u2068": "FSI", "\u2069": "PDI"}
    out = []
    for ch in LINE_BREAKS.sub("\n", text):
        code = ord(ch)
        if ch in names:
            out.append(names[ch])
        elif code < 0x20 and ch not in "\t\n":
            out.append(chr(0x2400 + code))
        elif code == 0x7F:
            out.append("\u2421")
        elif 0x80 <= code <= 0x9F or 0xD800 <= code <= 0xDFFF:
            out.append("\ufffd")
        else:
            out.append(ch)
    return "".join(out)


def by_id(root: Node, ident: str) -> Node:
    found = [n for n in root.iter() if n.attrs.get("id") == ident]
    assert len(found) == 1, f"{len(found)} elements with id {ident!r}"
    return found[0]


def check_inert(page: str, root: Node) -> None:
    """Nothing from the input became markup, a script, a handler or a request."""
    tags = {n.tag for n in root.iter()} - {"#document"}
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    for node in root.iter():
        for name, value in node.attrs.items():
            assert not name.startswith("on"), f"event handler {name}={value!r}"
            assert name not in {"src", "srcdoc", "action", "formaction"}, name
            if name == "href":
                assert re.fullmatch(r"#[sk]-\d+", value or ""), value
    assert len(root.find_all("style")) == 1
    css = root.find("style").text()
    for word in ("url(", "@import", "@font-face"):
        assert word not in css
    for ch in BIDI_CONTROLS:
        assert ch not in page, f"raw U+{ord(ch):04X} in the page"
    assert not re.search("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff]", page)


# -- structure -----------------------------------------------------------------


def test_demo_page_structure() -> None:
    text = arsumm.demo_text()
    summary = arsumm.summarize(text, k=3)
    ranked = arsumm.Summarizer().rank(text)
    page = arsumm.to_html(text, summary)
    root, decls, comments = parse(page)
    check_inert(page, root)
    assert decls == ["DOCTYPE html"]
    assert comments == []
    html = root.find("html")
    assert html.attrs == {"dir": "rtl", "lang": "ar"}
    assert root.find("meta").attrs == {"charset": "utf-8"}
    csp = [n for n in root.find_all("meta") if n.attrs.get("http-equiv")]
    assert len(csp) == 1
    assert "default-src 'none'" in (csp[0].attrs["content"] or "")
    font = re.search(r"font-family:([^;]+);", root.find("style").text())
    assert font is not None
    assert font.group(1).strip().startswith('"Noto Naskh Arabic"')
    assert font.group(1).strip().endswith("sans-serif")

    # The summary comes first, in document order, each line linking to its sentence.
    body = root.find("body")
    sections = body.find_all("section")
    assert [s.attrs["id"] for s in sections] == ["summary", "article"]
    items = sections[0].find_all("li")
    assert [i.find("a").attrs["href"] for i in items] == [f"#s-{s.index}" for s in summary]
    assert [i.find("bdi").text() for i in items] == [s.text for s in summary]

    # The article: every sentence once, in order, with its rank and score.
    spans = sections[1].find_all(cls="s")
    assert [int(n.attrs["data-index"] or "") for n in spans] == list(range(len(ranked)))
    assert [n.find("bdi").text() for n in spans] == [s.text for s in ranked]
    scores = [float(n.attrs["data-score"] or "") for n in spans]
    assert scores == pytest.approx([s.score for s in ranked], rel=1e-5)
    ranks = [int(n.attrs["data-rank"] or "") for n in spans]
    assert sorted(ranks) == list(range(1, len(ranked) + 1))
    best = max(ranked, key=lambda s: s.score)
    assert ranks[best.index] == 1
    for n, s in zip(spans, ranked, strict=True):
        tip = n.attrs["data-tip"] or ""
        assert f"الترتيب {ranks[s.index]} من {len(ranked)}" in tip
        assert f"{s.score:.4f}" in tip
    # Highlighted: exactly the summary, as <mark>; shade weights follow the scores.
    marks = sections[1].find_all("mark")
    assert [int(m.attrs["data-index"] or "") for m in marks] == [s.index for s in summary]
    assert all("sel" in m.classes for m in marks)
    weights = [float(re.findall(r"--w:([\d.]+)", n.attrs["style"] or "")[0]) for n in spans]
    assert weights[best.index] == 1.0
    assert all(0.0 <= w <= 1.0 for w in weights)


def test_paragraphs_and_line_breaks_are_kept() -> None:
    text = "العنوان الأول\n\nالجملة الأولى هنا. الجملة الثانية هنا.\nسطر جديد في الفقرة.\n\n\nفقرة أخيرة."
    _, root = page_of(text)
    paragraphs = [p for p in by_id(root, "article").find_all("p") if "legend" not in p.classes]
    texts = [p.text() for p in paragraphs]
    assert texts == [
        "العنوان الأول",
        "الجملة الأولى هنا. الجملة الثانية هنا.\nسطر جديد في الفقرة.",
        "فقرة أخيرة.",
    ]
    assert "white-space: pre-line" in root.find("style").text()


def test_line_breaks_inside_a_sentence_are_kept() -> None:
    text = "جملة أولى\r\nتكملة لها."
    ranked = [arsumm.Sentence(0, 0, len(text), text, 1.0)]
    page = arsumm.to_html(text, ranked, ranked=ranked)
    root, _, _ = parse(page)
    assert root.find("mark").text() == "جملة أولى\nتكملة لها."


def test_title() -> None:
    text = arsumm.demo_text()
    page, root = page_of(text, title='تقرير <i>"خاص"</i>')
    check_inert(page, root)
    assert root.find("title").text() == 'تقرير <i>"خاص"</i>'
    assert root.find("h1").text() == 'تقرير <i>"خاص"</i>'
    _, root = page_of(text)
    assert root.find("title").text() == text.splitlines()[0]


# -- escaping ------------------------------------------------------------------


def test_evil_text_is_not_interpreted() -> None:
    ranked = arsumm.Summarizer().rank(EVIL)
    summary = arsumm.summarize(EVIL, k=3)
    page = arsumm.to_html(EVIL, summary, ranked=ranked, title="</title><script>x</script>")
    root, _, comments = parse(page)
    check_inert(page, root)
    assert comments == []
    assert root.find_all("script") == []
    assert "<script>" in root.find("title").text()
    # Each sentence reads back exactly, with the controls shown, not applied.
    spans = by_id(root, "article").find_all(cls="s")
    assert [n.find("bdi").text() for n in spans] == [shown(s.text) for s in ranked]
    assert any("<script>alert('x')</script>" in n.text() for n in spans)
    assert any('"</p><img src=x onerror=alert(1)>"' in n.text() for n in spans)
    assert any("&amp; &lt;b&gt;" in n.text() for n in spans)
    # Every sentence is isolated in its own <bdi>; bidi controls became labels.
    assert all(n.children and isinstance(n.children[0], Node) for n in spans)
    assert all(n.children[0].tag == "bdi" for n in spans)  # type: ignore[union-attr]
    labels = [c.text() for c in root.find_all("span", "ctl")]
    for name in ("RLO", "PDF", "RLI", "PDI", "LRO", "\u2400", "\u241b", "\u2421"):
        assert name in labels
    # Marks that only steer neutral characters stay in the text.
    assert "\u200f" in page
    assert "\u200e" in page


def test_lone_surrogate_is_replaced() -> None:
    text = "جملة فيها \ud800 حرف مكسور. وجملة ثانية."
    page, root = page_of(text)
    check_inert(page, root)
    page.encode("utf-8")  # writable as UTF-8
    assert "\ufffd" in by_id(root, "article").text()


_CHARS = st.sampled_from(
    [
        *"ابتثجحخدذرسشصضطظعغفقكلمنهوي ءأإآةى .؟!،\n",
        *("<", ">", "&", '"', "'", "</p>", "<script>", "-->", "\x00", "\x1b", "\r", "\u2028"),
        *BIDI_CONTROLS,
        *("\u200f", "\ud800", "&amp;", "\u0651", "\u0640"),
    ]
)


@given(st.lists(_CHARS, min_size=1, max_size=80).map("".join))
def test_any_text_round_trips_inert(body: str) -> None:
    text = "خبر عاجل. " + body
    summarizer = arsumm.Summarizer(stemmer="light", require_arabic=False)
    try:
        ranked = summarizer.rank(text)
    except arsumm.ArsummError:
        return
    page = arsumm.to_html(text, ranked[:1], ranked=ranked)
    root, _, comments = parse(page)
    check_inert(page, root)
    assert comments == []
    spans = root.find_all(cls="s")
    assert [n.find("bdi").text() for n in spans] == [shown(s.text) for s in ranked]


# -- API -----------------------------------------------------------------------


def test_summarizer_option_and_mismatch_errors() -> None:
    text = arsumm.demo_text()
    light = arsumm.Summarizer(stemmer="none", lead="never")
    summary = light.summarize(text, k=2)
    default = arsumm.Summarizer().rank(text)
    assert [s.score for s in summary] != [default[s.index].score for s in summary]
    with pytest.raises(ValueError, match="another configuration"):
        arsumm.to_html(text, summary)
    page = arsumm.to_html(text, summary, summarizer=light)
    assert page.count('<mark class="s sel"') == 2
    with pytest.raises(TypeError, match="not both"):
        arsumm.to_html(text, summary, ranked=light.rank(text), summarizer=light)


def test_summary_of_another_text_is_rejected() -> None:
    text = arsumm.demo_text()
    other = "جملة قصيرة. وأخرى بعدها. وثالثة أيضا."
    with pytest.raises(ValueError, match="same text"):
        arsumm.to_html(other, arsumm.summarize(text, k=2))
    ranked = arsumm.Summarizer().rank(other)
    with pytest.raises(ValueError, match="document order"):
        arsumm.to_html(other, [], ranked=ranked[::-1])
    with pytest.raises(ValueError, match="not in the ranking"):
        arsumm.to_html(other, [arsumm.Sentence(7, 0, 4, other[:4], 0.5)], ranked=ranked)


@pytest.mark.parametrize(
    ("text", "summary", "error"),
    [
        pytest.param(b"bytes", [], TypeError, id="bytes-text"),
        pytest.param("نص.", "نص.", TypeError, id="summary-is-str"),
        pytest.param("نص.", [("a", 1)], TypeError, id="summary-of-tuples"),
    ],
)
def test_type_errors(text: object, summary: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        arsumm.to_html(text, summary)  # type: ignore[arg-type]


def test_empty_summary_shows_the_ranking() -> None:
    text = arsumm.demo_text()
    page = arsumm.to_html(text, [])
    root, _, _ = parse(page)
    assert root.find_all("mark") == []
    assert len(root.find_all(cls="s")) == len(arsumm.split_sentences(text))


def test_text_outside_every_sentence_is_shown() -> None:
    class FirstWordsOnly:
        """A splitter that leaves text uncovered: the page still shows it."""

        def split(self, text: str) -> list[Span]:
            return [Span(0, 5, text[:5]), Span(10, 13, text[10:13])]

    text = "مرحبا <b> بكم في المدينة"
    summarizer = arsumm.Summarizer(splitter=FirstWordsOnly(), stemmer="none")
    page = arsumm.to_html(text, [], summarizer=summarizer)
    root, _, _ = parse(page)
    check_inert(page, root)
    assert [g.text() for g in root.find_all("span", "gap")] == [" <b> ", " في المدينة"]


# -- CLI -----------------------------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "arsumm", *args], capture_output=True, timeout=120, check=False
    )


def test_cli_html_to_file(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(EVIL, encoding="utf-8")
    out = tmp_path / "summary.html"
    result = _cli(str(article), "--format", "html", "-k", "2", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == b""
    page = out.read_text(encoding="utf-8")
    root, _, _ = parse(page)
    check_inert(page, root)
    assert len(root.find_all("mark")) == 2


def test_cli_demo_html_to_stdout() -> None:
    result = _cli("--demo", "--format", "html")
    assert result.returncode == 0, result.stderr
    page = result.stdout.decode("utf-8")
    text = arsumm.demo_text()
    assert page == arsumm.to_html(text, arsumm.summarize(text, k=3))


def test_boilerplate_sentences_say_so_in_their_tooltip() -> None:
    text = "شاركها\n" + arsumm.demo_text()
    page = arsumm.to_html(text, arsumm.summarize(text, k=2))
    root, _, _ = parse(page)
    first = next(n for n in root.find_all("span") if n.attrs.get("id") == "s-0")
    assert "boilerplate" in first.attrs["data-tip"]
    assert "من 18" not in first.attrs["data-tip"]  # no rank among the sentences
    others = [
        n
        for n in root.find_all("span") + root.find_all("mark")
        if n.attrs.get("id", "").startswith("s-")
    ]
    assert sum("boilerplate" in n.attrs["data-tip"] for n in others) == 1
    # with a ranking of one's own, the boilerplate indices come along with it
    analysis = arsumm.Summarizer().analyze(text, k=2)
    mine = arsumm.to_html(
        text, analysis.summary, ranked=analysis.sentences, boilerplate=analysis.boilerplate
    )
    assert mine == page
    with pytest.raises(ValueError, match="not a sentence index"):
        arsumm.to_html(text, analysis.summary, ranked=analysis.sentences, boilerplate=[99])


def test_numpy_offsets_are_offsets() -> None:
    import numpy as np

    text = arsumm.demo_text()
    summary = [
        arsumm.Sentence(np.int64(s.index), np.int64(s.start), np.int32(s.end), s.text, s.score)  # type: ignore[arg-type]
        for s in arsumm.summarize(text, k=2)
    ]
    assert arsumm.to_html(text, summary) == arsumm.to_html(text, arsumm.summarize(text, k=2))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        pytest.param({"title": 5}, "title must be a str", id="title-int"),
        pytest.param(
            {"summarizer": "light"}, "summarizer must be an arsumm.Summarizer", id="summarizer-str"
        ),
        pytest.param({"boilerplate": "0"}, "boilerplate must be a sequence", id="boilerplate-str"),
    ],
)
def test_wrong_argument_types_are_named(kwargs: dict[str, object], message: str) -> None:
    text = arsumm.demo_text()
    with pytest.raises(TypeError, match=message):
        arsumm.to_html(text, arsumm.summarize(text, k=1), **kwargs)  # type: ignore[arg-type]


# -- keyphrases (issue 16) -------------------------------------------------------


def coverage(node: Node, active: frozenset[int] = frozenset()) -> list[tuple[str, frozenset[int]]]:
    """Each character under ``node`` with the ranks of the keyphrase marks around it."""
    out: list[tuple[str, frozenset[int]]] = []
    for child in node.children:
        if isinstance(child, str):
            out.extend((ch, active) for ch in child)
        elif "ctl" in child.classes:  # a control character, shown as a label
            out.append(("<ctl>", active))
        elif "kp" in child.classes:
            out.extend(coverage(child, active | {int(child.attrs["data-kp"] or "")}))
        else:
            out.extend(coverage(child, active))
    return out


def expected_coverage(
    text: str, start: int, end: int, phrases: list[arsumm.Keyphrase]
) -> list[tuple[str, frozenset[int]]]:
    """The reference: every occurrence clipped to [start, end), a clip that is only
    whitespace left out; each character, as the page shows it, carries the ranks of
    the clips covering it (a CR LF pair is one line break: the ranks of its CR)."""
    ranks: list[set[int]] = [set() for _ in range(start, end)]
    for rank, phrase in enumerate(phrases, 1):
        for a, b in phrase.occurrences:
            a, b = max(a, start), min(b, end)
            if a < b and text[a:b].strip():
                for i in range(a, b):
                    ranks[i - start].add(rank)
    out: list[tuple[str, frozenset[int]]] = []
    i = start
    while i < end:
        ch = text[i]
        if text[i : i + 2] == "\r\n" and i + 1 < end:
            out.append(("\n", frozenset(ranks[i - start])))
            i += 2
            continue
        if LINE_BREAKS.fullmatch(ch):
            ch = "\n"
        elif (
            ch in BIDI_CONTROLS or (ord(ch) < 0x20 and ch not in "\t\n") or 0x7F <= ord(ch) <= 0x9F
        ):
            ch = "<ctl>"
        elif 0xD800 <= ord(ch) <= 0xDFFF:
            ch = "\ufffd"
        out.append((ch, frozenset(ranks[i - start])))
        i += 1
    return out


def check_keyphrase_marks(
    page: str, root: Node, text: str, ranked: list[arsumm.Sentence], phrases: list[arsumm.Keyphrase]
) -> None:
    """Every character of every sentence is under exactly the marks of the occurrences
    covering it; each rank has one anchor, on its first element; titles name the phrase."""
    spans = by_id(root, "article").find_all(cls="s")
    assert len(spans) == len(ranked)
    for node, s in zip(spans, ranked, strict=True):
        assert coverage(node.find("bdi")) == expected_coverage(text, s.start, s.end, phrases)
    marks = root.find_all("span", "kp")
    assert all(m.text() for m in marks), "an empty keyphrase mark"
    for m in marks:
        rank = int(m.attrs["data-kp"] or "")
        title = m.attrs["title"] or ""
        assert title.startswith(f"الكلمة المفتاحية {rank} من {len(phrases)}:")
        label = " ".join(phrases[rank - 1].text.split())
        if not re.search("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]", label):
            assert title.endswith(label)  # (controls are shown by name, as in every title)
    for rank in {int(m.attrs["data-kp"] or "") for m in marks}:
        first = next(m for m in marks if m.attrs["data-kp"] == str(rank))
        assert first.attrs.get("id") == f"k-{rank}"
        assert sum(m.attrs.get("id") == f"k-{rank}" for m in marks) == 1


def test_keyphrases_are_listed_and_every_occurrence_is_marked() -> None:
    text = arsumm.demo_text()
    summary = arsumm.summarize(text, k=3)
    ranked = arsumm.Summarizer().rank(text)
    phrases = arsumm.keywords(text, k=10)
    page = arsumm.to_html(text, summary, keyphrases=phrases)
    root, _, _ = parse(page)
    check_inert(page, root)
    check_keyphrase_marks(page, root, text, ranked, phrases)
    # every occurrence of every phrase is under a mark of its rank
    marks = root.find_all("span", "kp")
    for rank, phrase in enumerate(phrases, 1):
        shown_text = "".join(m.text() for m in marks if m.attrs["data-kp"] == str(rank))
        assert shown_text == "".join(text[a:b] for a, b in phrase.occurrences)
    # «أول محطة لتحلية» and «محطة لتحلية المياه» cross: marks were split, not broken
    assert len(marks) > sum(p.count for p in phrases)
    listed = by_id(root, "keyphrases").find_all("li")
    assert [li.find("bdi").text() for li in listed] == [p.text for p in phrases]
    assert [li.find("a").attrs["href"] for li in listed] == [f"#k-{r}" for r in range(1, 11)]
    assert [li.find("span", "rank").text() for li in listed] == [
        f"التكرار {p.count}" for p in phrases
    ]
    # the sentences read as before, and the page without keyphrases has no trace of them
    plain = arsumm.to_html(text, summary)
    assert [n.find("bdi").text() for n in by_id(root, "article").find_all(cls="s")] == [
        n.find("bdi").text() for n in by_id(parse(plain)[0], "article").find_all(cls="s")
    ]
    assert 'class="kp"' not in plain
    assert 'id="keyphrases"' not in plain
    assert arsumm.to_html(text, summary, keyphrases=[]) == plain


def test_keyphrase_marks_are_escaped_and_clipped_to_each_sentence() -> None:
    ranked = arsumm.Summarizer().rank(EVIL)
    quote = '"</p><img src=x onerror=alert(1)>"'
    a = EVIL.index(quote)
    # one occurrence crosses a sentence boundary (from inside sentence 1 into sentence 2)
    cross_start = ranked[1].end - 6
    cross_end = ranked[2].start + 5
    phrases = [
        arsumm.Keyphrase(quote, 1.0, "k1", ((a, a + len(quote)),)),
        arsumm.Keyphrase(EVIL[cross_start:cross_end], 0.5, "k2", ((cross_start, cross_end),)),
        arsumm.Keyphrase(EVIL[a + 2 : a + 9], 0.2, "k3", ((a + 2, a + 9),)),  # inside k1
    ]
    page = arsumm.to_html(EVIL, arsumm.summarize(EVIL, k=3), ranked=ranked, keyphrases=phrases)
    root, _, comments = parse(page)
    check_inert(page, root)
    assert comments == []
    assert root.find_all("img") == []
    check_keyphrase_marks(page, root, EVIL, ranked, phrases)
    first = by_id(root, "k-1")
    assert first.text() == quote
    assert by_id(root, "k-3").parent is first  # nested inside the phrase that holds it
    crossing = [m for m in root.find_all("span", "kp") if m.attrs["data-kp"] == "2"]
    assert len(crossing) == 2  # one part in each sentence
    assert [m.parent.parent.attrs["id"] for m in crossing] == ["s-1", "s-2"]  # type: ignore[union-attr]
    assert by_id(root, "keyphrases").find("bdi").text() == quote


def test_crlf_is_never_cut_by_a_mark() -> None:
    text = "هطل المطر\r\nعلى المدينة."
    ranked = [arsumm.Sentence(0, 0, len(text), text, 1.0)]
    cut = text.index("\n")  # a mark that ends between CR and LF
    phrase = arsumm.Keyphrase(text[4:cut], 1.0, "k", ((4, cut),))
    page = arsumm.to_html(text, ranked, ranked=ranked, keyphrases=[phrase])
    root, _, _ = parse(page)
    assert root.find("mark").text() == "هطل المطر\nعلى المدينة."
    assert by_id(root, "k-1").text() == "المطر\n"


_PLAIN = st.sampled_from([*"ابتثجحخدسشعفقكلمنهوي ءأةى .؟!،\n", "<", "&", '"', "'", "</p>"])


@st.composite
def text_and_keyphrases(
    draw: st.DrawFn, chars: st.SearchStrategy[str]
) -> tuple[str, list[arsumm.Keyphrase]]:
    text = "خبر عاجل. " + "".join(draw(st.lists(chars, min_size=1, max_size=60)))
    phrases = []
    for i in range(draw(st.integers(1, 4))):
        points = sorted(draw(st.sets(st.integers(0, len(text)), min_size=2, max_size=8)))
        spans = tuple((points[j], points[j + 1]) for j in range(0, len(points) - 1, 2))
        phrases.append(arsumm.Keyphrase(text[spans[0][0] : spans[0][1]], 1.0, f"k{i}", spans))
    return text, phrases


@given(text_and_keyphrases(_PLAIN))
def test_any_keyphrases_nest_and_cover_exactly_their_occurrences(
    case: tuple[str, list[arsumm.Keyphrase]],
) -> None:
    text, phrases = case
    ranked = arsumm.Summarizer(stemmer="light", require_arabic=False).rank(text)
    page = arsumm.to_html(text, ranked[:1], ranked=ranked, keyphrases=phrases)
    root, _, _ = parse(page)  # fails if the marks do not nest
    check_inert(page, root)
    check_keyphrase_marks(page, root, text, ranked, phrases)


@given(text_and_keyphrases(_CHARS))
def test_any_keyphrases_in_any_text_stay_inert(case: tuple[str, list[arsumm.Keyphrase]]) -> None:
    text, phrases = case
    try:
        ranked = arsumm.Summarizer(stemmer="light", require_arabic=False).rank(text)
    except arsumm.ArsummError:
        return
    page = arsumm.to_html(text, ranked[:1], ranked=ranked, keyphrases=phrases)
    root, _, comments = parse(page)
    check_inert(page, root)
    assert comments == []
    spans = root.find_all(cls="s")
    assert [n.find("bdi").text() for n in spans] == [shown(s.text) for s in ranked]
    check_keyphrase_marks(page, root, text, ranked, phrases)


@pytest.mark.parametrize(
    ("keyphrases", "error", "message"),
    [
        pytest.param("مياه", TypeError, "keyphrases must be a list of Keyphrase", id="str"),
        pytest.param([("مياه", 1.0)], TypeError, "must hold Keyphrase objects", id="tuples"),
        pytest.param(
            [arsumm.Keyphrase("x", 1.0, "x", (("0", 1),))],  # type: ignore[arg-type]
            TypeError,
            "a pair of integers",
            id="offset-str",
        ),
        pytest.param(
            [arsumm.Keyphrase("x", 1.0, "x", ((10, 12), (3, 5)))],
            ValueError,
            "sorted, disjoint",
            id="unsorted",
        ),
        pytest.param(
            [arsumm.Keyphrase("x", 1.0, "x", ((0, 10**6),))],
            ValueError,
            "sorted, disjoint",
            id="past-the-end",
        ),
        pytest.param(
            arsumm.keywords("عقد مجلس الأمن الدولي جلسة طارئة حول أزمة المياه.", k=2),
            ValueError,
            "pass keyphrases of the same text",
            id="other-text",
        ),
    ],
)
def test_bad_keyphrases_are_refused(keyphrases: object, error: type, message: str) -> None:
    text = arsumm.demo_text()
    with pytest.raises(error, match=message):
        arsumm.to_html(text, [], keyphrases=keyphrases)  # type: ignore[arg-type]


def test_cli_marks_the_keyphrases(tmp_path: Path) -> None:
    text = arsumm.demo_text()
    summary = arsumm.summarize(text, k=3)
    phrases = arsumm.keywords(text, k=5)
    page = _cli("--demo", "--format", "html", "--keywords", "5")
    assert page.returncode == 0, page.stderr
    assert page.stdout.decode("utf-8") == arsumm.to_html(text, summary, keyphrases=phrases)
    doc = _cli("--demo", "--format", "json", "--keywords", "2")
    assert doc.returncode == 0, doc.stderr
    import json

    parsed = json.loads(doc.stdout)
    assert parsed["keyphrases"] == [p.to_record() for p in phrases[:2]]
    assert [s["index"] for s in parsed["summary"]] == [s.index for s in summary]
    refused = _cli("--demo", "--keywords", "3")  # --format text has no place for them
    assert refused.returncode == 2
    assert "--keywords needs --format json, analyze, html" in refused.stderr.decode("utf-8")
