"""The HTML view in a real browser: Debian's headless Chromium.

Chromium renders the page from a file (no server, no network), and the tests
check two things a parser alone cannot:

* the screenshot is a real page, not a blank one: enough pixels differ from
  the background, there is dark text, the highlight colour of the chosen
  sentences and the blue shading of the others are on screen, and the text
  sits on the right, as right-to-left text should;
* the DOM that Chromium built (``--dump-dom``) holds the chosen sentences as
  highlighted ``<mark>`` elements and every keyphrase mark where the page put
  it, and a text full of markup and bidi controls produced no element, script
  or handler of its own.

Chromium is found as ``$ARSUMM_CHROMIUM``, ``chromium`` or ``chromium-browser``.
Without it the tests skip with the reason; with ``ARSUMM_REQUIRE_CHROMIUM=1``
(set by ``.ci/run``, which installs Debian's ``chromium``) they fail instead.

``python -m tests.test_html_browser PATH`` writes the screenshot used in the
docs (``docs/img/html-view.png``).
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from collections import Counter
from pathlib import Path

import pytest

import arsumm
from tests.htmltree import parse
from tests.test_html import EVIL, check_inert, check_keyphrase_marks, shown

# The flags this machine needs: as root without a sandbox, no GPU, and none of
# the background connections that a closed network would refuse.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
    "--force-color-profile=srgb",
    "--blink-settings=preferredColorScheme=1",  # light
]
WIDTH, HEIGHT = 1000, 1600


def find_chromium() -> str | None:
    explicit = os.environ.get("ARSUMM_CHROMIUM")
    if explicit:
        return explicit
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.fixture(scope="module")
def chromium() -> str:
    path = find_chromium()
    if path is None:
        reason = (
            "Chromium not found (install Debian's chromium package, or set ARSUMM_CHROMIUM "
            "to the browser's path)"
        )
        if os.environ.get("ARSUMM_REQUIRE_CHROMIUM") == "1":
            pytest.fail(reason + "; ARSUMM_REQUIRE_CHROMIUM=1 forbids skipping")
        pytest.skip(reason)
    return path


def run_chromium(browser: str, workdir: Path, url: str, *extra: str) -> str:
    """Run headless Chromium once on ``url`` and return what it printed on stdout."""
    profile = workdir / f"profile-{len(list(workdir.glob('profile-*')))}"
    result = subprocess.run(
        [browser, *FLAGS, f"--user-data-dir={profile}", *extra, url],
        capture_output=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")[-2000:]
    return result.stdout.decode("utf-8")


def screenshot(browser: str, page: str, png: Path, *, fragment: str = "") -> None:
    """Render ``page`` at WIDTH x HEIGHT into ``png``."""
    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "page.html"
        html.write_text(page, encoding="utf-8")
        run_chromium(
            browser,
            Path(tmp),
            html.as_uri() + fragment,
            f"--window-size={WIDTH},{HEIGHT}",
            f"--screenshot={png}",
        )
    assert png.is_file(), "Chromium wrote no screenshot"


def dump_dom(browser: str, page: str, workdir: Path) -> str:
    html = workdir / "page.html"
    html.write_text(page, encoding="utf-8")
    return run_chromium(browser, workdir, html.as_uri(), "--dump-dom")


# -- a small PNG decoder (8-bit grey, RGB or RGBA, not interlaced) ---------------


def _png_chunks(data: bytes) -> tuple[bytes, bytes]:
    """The IHDR body and the joined IDAT bodies of a PNG file."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    pos, idat, header = 8, [], b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    return header, b"".join(idat)


def _unfilter(kind: int, line: bytearray, previous: bytearray, channels: int) -> None:
    """Undo the PNG filter ``kind`` of one row, in place (``previous``: the row above)."""
    for i in range(len(line)):
        left = line[i - channels] if i >= channels else 0
        up = previous[i]
        corner = previous[i - channels] if i >= channels else 0
        if kind == 1:
            line[i] = (line[i] + left) & 0xFF
        elif kind == 2:
            line[i] = (line[i] + up) & 0xFF
        elif kind == 3:
            line[i] = (line[i] + (left + up) // 2) & 0xFF
        elif kind == 4:
            p = left + up - corner
            pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
            pred = left if pa <= pb and pa <= pc else up if pb <= pc else corner
            line[i] = (line[i] + pred) & 0xFF


def _rgb(line: bytearray, channels: int) -> bytes:
    """One row as RGB bytes (alpha dropped, grey repeated)."""
    if channels == 3:
        return bytes(line)
    if channels == 4:
        return bytes(b for i, b in enumerate(line) if i % 4 != 3)
    grey = line[::channels]
    return bytes(v for g in grey for v in (g, g, g))


def decode_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """Return width, height and the RGB rows of a PNG image."""
    header, idat = _png_chunks(data)
    width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", header)
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(color)
    assert depth == 8, f"unsupported PNG bit depth {depth}"
    assert channels is not None, f"unsupported PNG colour type {color}"
    assert interlace == 0, "interlaced PNG not supported"
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        _unfilter(kind, line, previous, channels)
        previous = line
        rows.append(_rgb(line, channels))
    return width, height, rows


# -- tests -----------------------------------------------------------------------


def test_png_decoder_reads_a_known_image() -> None:
    # 2x1 RGB image, red then blue, row filter 1 (sub).
    raw = b"\x01" + bytes([255, 0, 0, 1, 0, 255])
    ihdr = struct.pack(">IIBBBBB", 2, 1, 8, 2, 0, 0, 0)

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw))
    png += chunk(b"IEND", b"")
    assert decode_png(png) == (2, 1, [bytes([255, 0, 0, 0, 0, 255])])


def test_screenshot_is_a_page_with_highlights(chromium: str, tmp_path: Path) -> None:
    text = arsumm.demo_text()
    page = arsumm.to_html(text, arsumm.summarize(text, k=3))
    png = tmp_path / "page.png"
    screenshot(chromium, page, png)
    width, height, rows = decode_png(png.read_bytes())
    assert (width, height) == (WIDTH, HEIGHT)

    pixels = [row[i : i + 3] for row in rows[::2] for i in range(0, len(row), 6)]
    background, _ = Counter(pixels).most_common(1)[0]
    assert sum(background) > 600, f"background {tuple(background)} is not a light page"
    share = sum(1 for p in pixels if p != background) / len(pixels)
    assert share > 0.10, f"only {share:.1%} of the pixels differ from the background"

    def luma(p: bytes) -> float:
        return 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2]

    ink = [p for p in pixels if luma(p) < 90]
    amber = [p for p in pixels if p[0] > 215 and 150 < p[1] < 225 and p[2] < 150]
    blue = [p for p in pixels if p[2] > p[0] + 12 and p[2] > 200]
    assert len(ink) / len(pixels) > 0.01, "no dark text on the page"
    assert len(amber) / len(pixels) > 0.01, "the highlighted sentences are not visible"
    assert len(blue) / len(pixels) > 0.02, "the score shading is not visible"

    # Right to left: the text of the header band hugs the right edge.
    top = [x for row in rows[:140] for x in range(width) if luma(row[3 * x : 3 * x + 3]) < 90]
    assert top, "no text in the header"
    assert min(top) > width * 0.45, "the header is not right-aligned"


def test_dom_holds_the_highlighted_sentences(chromium: str, tmp_path: Path) -> None:
    text = arsumm.demo_text()
    summary = arsumm.summarize(text, k=3)
    dom = dump_dom(chromium, arsumm.to_html(text, summary), tmp_path)
    root, _, _ = parse(dom)
    assert root.find("html").attrs.get("dir") == "rtl"
    assert root.find("html").attrs.get("lang") == "ar"
    marks = root.find_all("mark", "sel")
    assert [m.find("bdi").text() for m in marks] == [s.text for s in summary]
    assert [m.attrs.get("id") for m in marks] == [f"s-{s.index}" for s in summary]
    assert len(root.find_all(cls="s")) == len(arsumm.split_sentences(text))


def test_browser_does_not_interpret_the_text(chromium: str, tmp_path: Path) -> None:
    ranked = arsumm.Summarizer().rank(EVIL)
    summary = arsumm.summarize(EVIL, k=3)
    page = arsumm.to_html(EVIL, summary, ranked=ranked, title="</title><script>x</script>")
    dom = dump_dom(chromium, page, tmp_path)
    root, _, _ = parse(dom)
    check_inert(dom, root)
    assert root.find_all("script") == []
    assert root.find_all("img") == []
    spans = root.find_all(cls="s")
    assert [n.find("bdi").text() for n in spans] == [shown(s.text) for s in ranked]
    assert len(root.find_all("mark")) == 3


def test_dom_keeps_every_keyphrase_mark(chromium: str, tmp_path: Path) -> None:
    """Chromium builds the same nesting of keyphrase marks as the page has: no mark was
    closed early or moved by the parser, even where two phrases' occurrences cross."""
    text = arsumm.demo_text()
    ranked = arsumm.Summarizer().rank(text)
    phrases = arsumm.keywords(text, k=10)
    page = arsumm.to_html(text, arsumm.summarize(text, k=3), ranked=ranked, keyphrases=phrases)
    dom = dump_dom(chromium, page, tmp_path)
    root, _, _ = parse(dom)
    check_inert(dom, root)
    check_keyphrase_marks(dom, root, text, ranked, phrases)
    assert len(root.find_all("span", "kp")) == page.count('<span class="kp"')


def main(argv: list[str]) -> int:
    """Write the docs screenshot: the demo page with one sentence's tooltip showing."""
    if len(argv) != 1:
        print("usage: python -m tests.test_html_browser OUT.png", file=sys.stderr)
        return 2
    browser = find_chromium()
    if browser is None:
        print("Chromium not found", file=sys.stderr)
        return 1
    text = arsumm.demo_text()
    summary = arsumm.summarize(text, k=3)
    ranked = arsumm.Summarizer().rank(text)
    chosen = {s.index for s in summary}
    # Show the tooltip (via :target) of the best sentence that is not in the summary
    # and does not follow a chosen one: the tooltip sits on the line above, where it
    # must not hide a highlight. HEIGHT must fit the whole page: headless
    # --screenshot paints a page that scrolled to its #fragment as blank.
    candidates = [s for s in ranked if s.index not in chosen and s.index - 1 not in chosen]
    target = max(candidates, key=lambda s: s.score)
    page = arsumm.to_html(text, summary, ranked=ranked)
    out = Path(argv[0])
    screenshot(browser, page, out, fragment=f"#s-{target.index}")
    try:  # crop the empty bottom and store a palette image, if Pillow is there
        from PIL import Image, ImageChops
    except ImportError:
        pass
    else:
        with Image.open(out) as image:
            rgb = image.convert("RGB")
        background = Image.new("RGB", rgb.size, rgb.getpixel((0, 0)))
        box = ImageChops.difference(rgb, background).getbbox()
        if box is not None:
            rgb = rgb.crop((0, 0, rgb.width, min(rgb.height, box[3] + 40)))
        rgb.quantize(colors=128, dither=Image.Dither.NONE).save(out, optimize=True)
    print(f"wrote {out} (tooltip of sentence {target.index})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
