"""atheris target: ``split_sentences`` / ``RuleSplitter.split`` never crash and keep their contract.

Run (see README.md)::

    python tests/fuzz/fuzz_split.py -max_total_time=600 /tmp/fuzz-split tests/fuzz/corpus
"""

from __future__ import annotations

import sys


def _nonspace(text: str) -> str:
    return "".join(c for c in text if not c.isspace())


def main() -> None:
    import atheris

    with atheris.instrument_imports(include=["arsumm"]):
        from arsumm.splitter import RuleSplitter

    from fuzz_input import decode

    splitters = {False: RuleSplitter(), True: RuleSplitter(hard_wrap=False)}

    def test_one_input(data: bytes) -> None:
        case = decode(data)
        text = case.text
        splitter = splitters[case.flag]
        spans = splitter.split(text)
        previous_end = 0
        for span in spans:
            assert text[span.start : span.end] == span.text, (span, text)
            assert previous_end <= span.start < span.end, (spans, text)
            assert not span.text[0].isspace(), (span, text)
            assert not span.text[-1].isspace(), (span, text)
            assert len(span.text) <= splitter.max_chars, (len(span.text), text)
            previous_end = span.end
        assert _nonspace("".join(s.text for s in spans)) == _nonspace(text), (spans, text)
        assert spans or not text.strip(), ("no sentence", text)

    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
