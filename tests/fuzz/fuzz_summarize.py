"""atheris target: ``Summarizer.summarize`` raises only documented errors and keeps its contract.

Run (see README.md)::

    python tests/fuzz/fuzz_summarize.py -max_total_time=600 /tmp/fuzz-summarize tests/fuzz/corpus
"""

from __future__ import annotations

import math
import sys


def main() -> None:
    import atheris

    with atheris.instrument_imports(include=["arsumm"]):
        from arsumm.errors import ArsummError
        from arsumm.summarizer import Summarizer

    from fuzz_input import decode

    summarizers: dict[tuple[str, bool], Summarizer] = {}

    def test_one_input(data: bytes) -> None:
        case = decode(data)
        text = case.text
        key = (case.stemmer, not case.flag)
        if key not in summarizers:
            summarizers[key] = Summarizer(stemmer=case.stemmer, require_arabic=not case.flag)
        try:
            summary = summarizers[key].summarize(text, **case.budget)  # type: ignore[arg-type]
        except ArsummError:
            return  # documented: empty text, no Arabic letter, nothing left after stop words
        assert summary, ("silent empty summary", text)
        previous = -1
        for s in summary:
            assert text[s.start : s.end] == s.text, (s, text)
            assert s.index > previous, (summary, text)
            assert math.isfinite(s.score), (s, text)
            assert 0.0 <= s.score <= 1.0 + 1e-9, (s, text)
            previous = s.index
        k = case.budget.get("k", 3 if not case.budget else None)
        if k is not None:
            assert len(summary) <= k, (case.budget, summary)
        elif len(summary) > 1:
            words = sum(len(s.text.split()) for s in summary)
            limit = case.budget.get("max_words")
            if limit is not None:
                assert words <= limit, (case.budget, summary)

    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
