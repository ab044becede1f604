"""Keyphrases: arsumm against YAKE, summa, RAKE, pke and a TF-IDF baseline, in one run.

Usage (from the project root)::

    python -m benchmarks.keywords                      # both dev sets, every method
    python -m benchmarks.keywords --methods arsumm yake --sets akec_dev
    python -m benchmarks.keywords --study              # the alternatives of docs/keywords.md

Data: ``../shared/data/keyphrases/{akec_dev,logmani_dev}.jsonl`` (or
``--data DIR``), records ``{"id", "text", "references": [...]}``. AKEC's
references are ordered by annotator agreement: the first ``--akec-cut`` (15)
are the gold set. logmani's are all used.

Matching rule
-------------
A phrase's *match key* is its words as :func:`arsumm.normalize.tokenize`
gives them (normalised letter runs: no diacritics, tatweel, digits or
punctuation; alef forms and alef maqsura unified), each stemmed with
ARLSTem (:func:`arsumm.stemmer.get_stemmer`), joined by spaces. Gold phrases
are de-duplicated by key; so are each method's predictions (the first one
kept, in the method's order) before the top ``k`` are taken, which can only
help the peers.

exact
    a prediction is correct when its key equals a gold key.
partial
    a prediction is correct when its key's word sequence contains a gold
    key's, or is contained in one (contiguous words, at word boundaries);
    a gold phrase is found when some prediction matches it that way.

P@k = correct predictions among the top k / k (a method that returns fewer
than k phrases is not rewarded for it); R@k = gold phrases found / gold
phrases; F1@k = 2PR / (P + R) of each document, then averaged over the
documents (P and R are averaged the same way). All figures are percentages.

Speed: documents per second over the whole set, one pass per method after
an untimed warm-up pass on the first 10 documents, single-threaded BLAS,
each method in a fresh process (results reach the parent in batches about
once a second, so the clock holds the method's work, not the pipe's); then
a second timed pass over the same
documents (the steady state of a method that remembers words it has seen,
as arsumm does). A method whose first pass exceeds ``--timeout`` seconds is
stopped and reported as "did not finish in N s", with the documents it had
done; the second pass is skipped when it would take longer than that.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from arsumm.normalize import tokenize
from arsumm.stemmer import get_stemmer
from benchmarks import RESULTS_DIR, ROOT

__all__ = [
    "KS",
    "SETS",
    "KeyDoc",
    "evaluate",
    "load_set",
    "match_key",
    "score_document",
]

KS = (5, 10, 15)
SETS = ("akec_dev", "logmani_dev")
AKEC_CUT = 15


@dataclass(frozen=True)
class KeyDoc:
    """One document with its gold keyphrases."""

    id: str
    text: str
    references: tuple[str, ...]


def default_data_dir() -> Path:
    env = os.environ.get("ARSUMM_DATA")
    base = Path(env) if env else ROOT.parent / "shared" / "data"
    return base / "keyphrases"


def load_set(name: str, data_dir: Path | None = None, *, akec_cut: int = AKEC_CUT) -> list[KeyDoc]:
    """Load one dev set; AKEC's references are cut to the first ``akec_cut``."""
    path = (data_dir or default_data_dir()) / f"{name}.jsonl"
    docs = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            refs = list(record["references"])
            if name.startswith("akec"):
                refs = refs[:akec_cut]
            docs.append(KeyDoc(str(record["id"]), record["text"], tuple(refs)))
    return docs


def match_key(phrase: str) -> str:
    """The key two phrases must share to match: normalised, ARLSTem-stemmed words.

    Examples
    --------
    >>> match_key("وزارةُ الخارجيّة") == match_key("وزارة الخارجية")
    True
    >>> match_key("2024 ،")
    ''
    """
    stem = get_stemmer("arlstem").stem
    return " ".join(stem(w) for w in tokenize(phrase))


def _unique_keys(phrases: Iterable[str]) -> list[str]:
    return [k for k in dict.fromkeys(match_key(p) for p in phrases) if k]


def _contains(longer: list[str], shorter: list[str]) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def _partial(a: str, b: str) -> bool:
    wa, wb = a.split(), b.split()
    return _contains(wa, wb) if len(wa) >= len(wb) else _contains(wb, wa)


def score_document(
    predicted: Sequence[str], references: Sequence[str], ks: Sequence[int] = KS
) -> dict[str, dict[int, tuple[float, float, float]]]:
    """P, R, F1 (fractions) at each k for one document, exact and partial.

    Examples
    --------
    >>> s = score_document(["وزارة الخارجية", "الطقس"], ["وزارة الخارجية", "مجلس الأمن"], ks=[2])
    >>> s["exact"][2]
    (0.5, 0.5, 0.5)
    >>> score_document(["الخارجية"], ["وزارة الخارجية"], ks=[1])["partial"][1]
    (1.0, 1.0, 1.0)
    """
    pred = _unique_keys(predicted)
    gold = _unique_keys(references)
    out: dict[str, dict[int, tuple[float, float, float]]] = {"exact": {}, "partial": {}}
    gold_set = set(gold)
    for k in ks:
        top = pred[:k]
        for rule in ("exact", "partial"):
            if rule == "exact":
                correct = sum(1 for p in top if p in gold_set)
                found = len(gold_set.intersection(top))
            else:
                correct = sum(1 for p in top if any(_partial(p, g) for g in gold))
                found = sum(1 for g in gold if any(_partial(p, g) for p in top))
            precision = correct / k
            recall = found / len(gold) if gold else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            out[rule][k] = (precision, recall, f1)
    return out


def evaluate(
    predictions: Sequence[Sequence[str]], docs: Sequence[KeyDoc], ks: Sequence[int] = KS
) -> dict[str, Any]:
    """Mean P, R, F1 (percent) at each k over the documents that were predicted."""
    sums: dict[str, dict[int, list[float]]] = {
        rule: {k: [0.0, 0.0, 0.0] for k in ks} for rule in ("exact", "partial")
    }
    n = len(predictions)
    for predicted, doc in zip(predictions, docs, strict=False):
        scored = score_document(predicted, doc.references, ks)
        for rule, by_k in scored.items():
            for k, values in by_k.items():
                for i, v in enumerate(values):
                    sums[rule][k][i] += v
    result: dict[str, Any] = {}
    for rule, by_k in sums.items():
        result[rule] = {
            str(k): {
                "p": 100 * v[0] / n if n else math.nan,
                "r": 100 * v[1] / n if n else math.nan,
                "f": 100 * v[2] / n if n else math.nan,
            }
            for k, v in by_k.items()
        }
    return result


Extractor = Callable[[str, int], list[str]]


class MethodUnavailable(RuntimeError):
    """A peer that cannot run here (not installed, or missing data)."""


def arsumm_method(**options: Any) -> Extractor:
    """arsumm's keyphrases (surface forms), with ``KeywordExtractor(**options)``."""
    from arsumm.keyphrases import KeywordExtractor

    extractor = KeywordExtractor(**options)

    def run(text: str, k: int) -> list[str]:
        return [p.text for p in extractor.extract(text, k)]

    return run


def yake_method() -> Extractor:
    """YAKE with ``lan="ar"``, ``n=3`` (its own Arabic stop words), otherwise defaults."""
    try:
        import yake
    except ImportError as exc:
        raise MethodUnavailable(f"yake is not installed ({exc}); pip install yake") from None

    def run(text: str, k: int) -> list[str]:
        extractor = yake.KeywordExtractor(lan="ar", n=3, top=k)
        return [phrase for phrase, _ in extractor.extract_keywords(text)]

    return run


def summa_method() -> Extractor:
    """summa's TextRank keywords, ``language="arabic"``, ``split=True``."""
    try:
        from summa import keywords as summa_keywords
    except ImportError as exc:
        raise MethodUnavailable(f"summa is not installed ({exc})") from None

    def run(text: str, k: int) -> list[str]:
        found = summa_keywords.keywords(text, words=k, language="arabic", split=True)
        return list(found)[:k]

    return run


_ARABIC_PUNCTUATION = "\u060c\u061b\u061f\u00ab\u00bb\u2026\u201c\u201d\u2018\u2019\u0640"


def rake_method() -> Extractor:
    """rake-nltk with arsumm's stop words, on the normalised text.

    The text is normalised (:func:`arsumm.normalize.normalize`) so that the
    stop words (stored normalised) match; sentences come from arsumm's
    splitter (rake-nltk's default needs NLTK's punkt data), words from NLTK's
    ``wordpunct_tokenize``; Arabic punctuation is added to its punctuation set.
    Phrases are capped at three words, like the other methods.
    """
    try:
        from nltk.tokenize import wordpunct_tokenize
        from rake_nltk import Rake
    except ImportError as exc:
        raise MethodUnavailable(f"rake-nltk is not installed ({exc})") from None
    import string

    from arsumm.normalize import normalize
    from arsumm.splitter import split_sentences
    from arsumm.stopwords import load_stopwords

    rake = Rake(
        stopwords=set(load_stopwords()),
        punctuations=set(string.punctuation + _ARABIC_PUNCTUATION),
        max_length=3,
        sentence_tokenizer=lambda t: [s.text for s in split_sentences(t)],
        word_tokenizer=wordpunct_tokenize,
    )

    def run(text: str, k: int) -> list[str]:
        rake.extract_keywords_from_text(normalize(text))
        return rake.get_ranked_phrases()[: 3 * k]

    return run


def tfidf_method(background: Sequence[str]) -> Extractor:
    """TF-IDF top-k: n-grams (1-3) of non-stop words between breaks, tf x idf.

    Words are :func:`arsumm.normalize.tokenize` tokens of stretches between
    punctuation, stemmed with ARLSTem; stop words break n-grams. The IDF of an
    n-gram is ``log((N + 1) / (df + 1)) + 1`` over the other documents of the
    same set (``background``, the document itself left out).
    """
    import re
    from collections import Counter

    from arsumm.stopwords import load_stopwords

    stop = load_stopwords()
    stem = get_stemmer("arlstem").stem
    breaks = re.compile(r"[^\w\s]|\d")

    def grams(text: str) -> Counter[tuple[str, str]]:
        found: Counter[tuple[str, str]] = Counter()
        for piece in breaks.split(text):
            run: list[str] = []
            for word in [*tokenize(piece), ""]:
                if word and word not in stop and len(word) > 1:
                    run.append(word)
                    continue
                for n in (1, 2, 3):
                    for i in range(len(run) - n + 1):
                        words = run[i : i + n]
                        found[(" ".join(stem(w) for w in words), " ".join(words))] += 1
                run = []
        return found

    df: Counter[str] = Counter()
    for text in background:
        df.update({key for key, _ in grams(text)})
    n_docs = len(background)

    def run(text: str, k: int) -> list[str]:
        counts = grams(text)
        own = {key for key, _ in counts}
        tf: Counter[str] = Counter()
        surface: dict[str, Counter[str]] = {}
        for (key, form), c in counts.items():
            tf[key] += c
            surface.setdefault(key, Counter())[form] += c
        # leave the document out of its own document frequency
        score = {
            key: c * (math.log((n_docs + 1) / (df[key] - (key in own) + 1)) + 1)
            for key, c in tf.items()
        }
        best = sorted(score, key=lambda key: (-score[key], key))[:k]
        return [surface[key].most_common(1)[0][0] for key in best]

    return run


PKE_METHODS = ("TextRank", "SingleRank", "TopicRank", "PositionRank", "MultipartiteRank")


def pke_method(name: str = "PositionRank") -> Extractor:
    """One of pke's graph methods (``pip install --no-deps pke-tool`` and spaCy).

    pke cannot run on Arabic out of the box here: it reads NLTK's stop-word
    corpus at import (not downloadable offline), selects candidates by
    part-of-speech patterns (spaCy has no Arabic tagger) and calls
    ``networkx.pagerank_scipy`` (gone in networkx 3). The adapter gives it
    arsumm's stop words as NLTK's ``arabic`` list (in a temporary
    ``NLTK_DATA``), a blank Arabic spaCy pipeline with a sentencizer and a
    tagger of our own that calls every word NOUN except stop words (ADP) and
    punctuation (PUNCT), and ``networkx.pagerank`` under the old name; pke's
    Snowball stemming, candidate selection and weighting are its own.
    """
    import tempfile

    from arsumm.normalize import normalize
    from arsumm.stopwords import load_stopwords

    stop = load_stopwords()
    folder = Path(tempfile.mkdtemp(prefix="arsumm-pke-"))
    (folder / "corpora" / "stopwords").mkdir(parents=True)
    (folder / "corpora" / "stopwords" / "arabic").write_text("\n".join(sorted(stop)), "utf-8")
    os.environ["NLTK_DATA"] = str(folder)
    try:
        import networkx
        import nltk
        import spacy
        from spacy.language import Language

        nltk.data.path.insert(0, str(folder))
        import pke
    except Exception as exc:  # ImportError, or LookupError for NLTK data
        raise MethodUnavailable(f"pke cannot be imported: {type(exc).__name__}: {exc}") from None
    if not hasattr(networkx, "pagerank_scipy"):
        networkx.pagerank_scipy = networkx.pagerank

    def tag(doc: Any) -> Any:
        for token in doc:
            word = normalize(token.text)
            if not any(c.isalpha() for c in word):
                token.pos_ = "PUNCT"
            else:
                token.pos_ = "ADP" if word in stop else "NOUN"
        return doc

    if "arsumm_stop_pos" not in Language.factories:
        Language.component("arsumm_stop_pos", func=tag)
    nlp = spacy.blank("ar")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("arsumm_stop_pos")
    nlp.max_length = 10_000_000
    method = getattr(pke.unsupervised, name)

    def run(text: str, k: int) -> list[str]:
        extractor = method()
        extractor.load_document(input=text, language="ar", spacy_model=nlp)
        extractor.candidate_selection()
        if not extractor.candidates:
            return []
        extractor.candidate_weighting()
        return [phrase for phrase, _ in extractor.get_n_best(n=k)]

    return run


def _factory(name: str, docs: Sequence[KeyDoc]) -> Extractor:
    if name == "arsumm":
        return arsumm_method()
    if name == "yake":
        return yake_method()
    if name == "summa":
        return summa_method()
    if name == "rake":
        return rake_method()
    if name == "tfidf":
        return tfidf_method([d.text for d in docs])
    if name.startswith("pke-"):
        wanted = {m.lower(): m for m in PKE_METHODS}.get(name[4:])
        if wanted is None:
            raise MethodUnavailable(f"unknown pke method {name!r}")
        return pke_method(wanted)
    raise MethodUnavailable(f"unknown method {name!r}")


METHODS = (
    "arsumm",
    "yake",
    "summa",
    "rake",
    "tfidf",
    *(f"pke-{m.lower()}" for m in PKE_METHODS),
)
LABELS = {
    "arsumm": "arsumm (KeywordExtractor defaults)",
    "yake": "YAKE (lan=ar, n=3)",
    "summa": "summa keywords (arabic)",
    "rake": "RAKE (rake-nltk, our stop words)",
    "tfidf": "TF-IDF top-k (leave-one-out IDF)",
    **{f"pke-{m.lower()}": f"pke {m} (our stop words, NOUN tagger)" for m in PKE_METHODS},
}
WARMUP_DOCS = 10
SEND_SECONDS = 1.0


def _child(name: str, set_name: str, data_dir: str | None, k: int, queue: Any) -> None:
    """Run one method on one set, sending ("docs", first, phrases, seconds), ("done", seconds)
    and ("again", seconds) for the second pass."""
    try:
        from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

        docs = load_set(set_name, Path(data_dir) if data_dir else None)
        extract = _factory(name, docs)
        with threadpool_limits(limits=1):
            for doc in docs[:WARMUP_DOCS]:
                extract(doc.text, k)
            # results go to the parent in batches, about every SEND_SECONDS: a
            # message per document would time the queue's feeder thread (pickling,
            # the pipe, its share of the GIL) along with the method
            batch: list[list[str]] = []
            first = 0
            start = last = time.perf_counter()
            for i, doc in enumerate(docs):
                batch.append(extract(doc.text, k))
                now = time.perf_counter()
                if now - last >= SEND_SECONDS:
                    queue.put(("docs", first, batch, now - start))
                    first, batch = i + 1, []
                    last = time.perf_counter()
            elapsed = time.perf_counter() - start
            queue.put(("docs", first, batch, elapsed))
            queue.put(("done", elapsed))
            # a second pass: the steady state of a method that remembers what it saw
            start = time.perf_counter()
            for doc in docs:
                extract(doc.text, k)
            queue.put(("again", time.perf_counter() - start))
    except MethodUnavailable as exc:
        queue.put(("unavailable", str(exc)))
    except Exception as exc:  # reported, not hidden: the table shows the error
        queue.put(("error", f"{type(exc).__name__}: {exc}"))


def _second_pass(channel: Any, record: dict[str, Any], documents: int, wait: float) -> None:
    """Record the speed of the child's second pass, or that it did not finish in ``wait`` s."""
    import queue as queue_module

    try:
        message = channel.get(timeout=wait)
        if message[0] == "again" and message[1] > 0:
            record["docs_per_s_second_pass"] = round(documents / message[1], 2)
    except queue_module.Empty:
        record["second_pass"] = "did not finish in time"


def run_in_child(
    name: str, set_name: str, data_dir: Path | None, *, k: int, timeout: float, n_docs: int
) -> dict[str, Any]:
    """Run ``name`` on ``set_name`` in a child process with a time limit."""
    import multiprocessing
    import queue as queue_module

    context = multiprocessing.get_context("spawn")
    channel = context.Queue()
    process = context.Process(
        target=_child, args=(name, set_name, str(data_dir) if data_dir else None, k, channel)
    )
    process.start()
    predictions: dict[int, list[str]] = {}
    record: dict[str, Any] = {"name": name, "label": LABELS.get(name, name)}
    deadline = None
    elapsed = 0.0
    status = None
    while status is None:
        wait = 600.0 if deadline is None else max(deadline - time.monotonic(), 0.01)
        try:
            message = channel.get(timeout=wait)
        except queue_module.Empty:
            # no answer in 600 s means the warm-up itself hung
            status = "error: no answer in 600 s" if deadline is None else "timeout"
            break
        kind = message[0]
        if kind == "docs":
            if deadline is None:
                deadline = time.monotonic() + timeout - message[3]
            for i, phrases in enumerate(message[2], start=message[1]):
                predictions[i] = list(phrases)
            elapsed = message[3]
        elif kind == "done":
            status, elapsed = "ok", message[1]
        else:
            status = f"{kind}: {message[1]}"
    if status == "ok":  # the second pass, if it fits in the time limit too
        _second_pass(channel, record, len(predictions), min(timeout, 2 * elapsed + 10))
    if process.is_alive():
        process.terminate()
    process.join(10)
    done = len(predictions)
    record.update(status=status, documents=done, seconds=round(elapsed, 3))
    if status == "timeout":
        record["status"] = f"did not finish in {timeout:g} s"
    if done and elapsed > 0:
        record["docs_per_s"] = round(done / elapsed, 2)
    record["predictions"] = [predictions[i] for i in range(done) if i in predictions]
    del n_docs
    return record


def _f1_table(results: dict[str, Any], rule: str = "exact") -> str:
    from benchmarks.tables import fmt_number, markdown

    header = ["method"]
    for set_name in results["sets"]:
        header += [f"{set_name} F1@{k}" for k in KS]
        header += [f"{set_name} docs/s", "docs/s, second pass"]
    rows = []
    for name in results["methods"]:
        row = [LABELS.get(name, name)]
        for by_method in results["sets"].values():
            r = by_method.get(name, {})
            scores = r.get("scores")
            complete = r.get("status") == "ok"
            for k in KS:
                value = scores[rule][str(k)]["f"] if scores else None
                cell = fmt_number(value)
                if scores and not complete:
                    cell += f" ({r['documents']} docs)"
                row.append(cell)
            speed = fmt_number(r.get("docs_per_s"), 1 if r.get("docs_per_s", 0) < 100 else 0)
            if r.get("status") not in (None, "ok"):
                speed = f"{r['status']}" + (f"; {speed} before" if r.get("docs_per_s") else "")
            row.append(speed)
            row.append(fmt_number(r.get("docs_per_s_second_pass")))
        rows.append(row)
    return markdown(header, rows)


def _pr_table(results: dict[str, Any], k: int = 10) -> str:
    from benchmarks.tables import fmt_number, markdown

    header = ["method"]
    for set_name in results["sets"]:
        header += [f"{set_name} P@{k}", f"R@{k}", f"F1@{k}", f"partial F1@{k}"]
    rows = []
    for name in results["methods"]:
        row = [LABELS.get(name, name)]
        for by_method in results["sets"].values():
            scores = by_method.get(name, {}).get("scores")
            if not scores:
                row += ["–"] * 4
                continue
            e, pa = scores["exact"][str(k)], scores["partial"][str(k)]
            row += [fmt_number(e["p"]), fmt_number(e["r"]), fmt_number(e["f"]), fmt_number(pa["f"])]
        rows.append(row)
    return markdown(header, rows)


def _ratios(results: dict[str, Any]) -> dict[str, Any]:
    """arsumm's F1@10 and docs/s against YAKE and the best peer, per set."""
    out: dict[str, Any] = {}
    for set_name, by_method in results["sets"].items():
        ours = by_method.get("arsumm", {})
        if not ours.get("scores"):
            continue
        f_ours = ours["scores"]["exact"]["10"]["f"]
        peers = {
            n: r["scores"]["exact"]["10"]["f"]
            for n, r in by_method.items()
            if n != "arsumm" and r.get("scores")
        }
        best = max(peers, key=lambda n: peers[n]) if peers else None
        yake = by_method.get("yake", {})
        entry: dict[str, Any] = {"f1_at_10": round(f_ours, 2)}
        if yake.get("scores"):
            entry["f1_vs_yake"] = round(f_ours / yake["scores"]["exact"]["10"]["f"], 2)
        if yake.get("docs_per_s") and ours.get("docs_per_s"):
            entry["speed_vs_yake"] = round(ours["docs_per_s"] / yake["docs_per_s"], 1)
        if yake.get("docs_per_s_second_pass") and ours.get("docs_per_s_second_pass"):
            entry["speed_vs_yake_second_pass"] = round(
                ours["docs_per_s_second_pass"] / yake["docs_per_s_second_pass"], 1
            )
        if best is not None:
            entry["best_peer"] = best
            entry["f1_vs_best_peer"] = round(f_ours / peers[best], 2)
        out[set_name] = entry
    return out


def _plot(results: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sets = list(results["sets"])
    fig, axes = plt.subplots(1, len(sets), figsize=(5 * len(sets), 4.8), squeeze=False)
    for ax, set_name in zip(axes[0], sets, strict=True):
        for name in results["methods"]:
            r = results["sets"][set_name].get(name, {})
            if not r.get("scores"):
                continue
            ys = [r["scores"]["exact"][str(k)]["f"] for k in KS]
            label = LABELS.get(name, name) + ("" if r["status"] == "ok" else " (partial)")
            ax.plot(KS, ys, marker="o", label=label, linewidth=2 if name == "arsumm" else 1)
        ax.set_title(set_name)
        ax.set_xlabel("k")
        ax.set_ylabel("F1@k (exact match, %)")
        ax.set_xticks(KS)
        ax.grid(alpha=0.3)
    handles, labels = axes[0][0].get_legend_handles_labels()
    fig.legend(handles, labels, fontsize=7, loc="lower center", ncol=3, frameon=False)
    fig.tight_layout(rect=(0, 0.2, 1, 1))
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)


#: The alternatives of docs/keywords.md: label -> changes from KeywordExtractor's
#: defaults. Each row changes one thing; "fit_folds" fits the IDF on the other
#: folds of the same set (cross-validation) before extracting.
STUDY: dict[str, dict[str, Any]] = {
    "defaults": {},
    "phrase score: sum of word ranks": {"phrase_score": "sum"},
    "phrase score: max of word ranks": {"phrase_score": "max"},
    "rank weight 0 (no graph)": {"rank_weight": 0.0},
    "rank weight 0.5": {"rank_weight": 0.5},
    "rank weight 1": {"rank_weight": 1.0},
    "PositionRank teleport (position bias 1)": {"position_bias": 1.0},
    "PositionRank teleport (position bias 0.5)": {"position_bias": 0.5},
    "window 2": {"window": 2},
    "window 6": {"window": 6},
    "window 10": {"window": 10},
    "edge weight binary": {"edge_weight": "binary"},
    "damping 0.5": {"damping": 0.5},
    "no length prior": {"length_prior": ()},
    "length prior (1, 4, 5)": {"length_prior": (1.0, 4.0, 5.0)},
    "length prior (1, 12, 12)": {"length_prior": (1.0, 12.0, 12.0)},
    "frequency weight 0.5": {"frequency_weight": 0.5},
    "embedded occurrences count 1": {"embedded_weight": 1.0},
    "no position weight": {"position_weight": 0.0},
    "max 2 words": {"max_words": 2},
    "max 4 words": {"max_words": 4},
    "no definiteness rule": {"definiteness": False},
    "redundancy filter on": {"redundancy": True},
    "no keyword stop words": {"extra_stopwords": False},
    "stemmer light": {"stemmer": "light"},
    "stemmer isri": {"stemmer": "isri"},
    "stemmer snowball": {"stemmer": "snowball"},
    "no stemmer": {"stemmer": "none"},
    "RuleSplitter sentences": {"splitter": "rules"},
    "background IDF, 5-fold CV": {"fit_folds": 5},
    "background IDF squared, 5-fold CV": {"fit_folds": 5, "idf_weight": 2.0},
}


def _study_extractor(options: dict[str, Any]) -> Any:
    from arsumm.keyphrases import KeywordExtractor
    from arsumm.splitter import RuleSplitter

    options = {k: v for k, v in options.items() if k != "fit_folds"}
    if options.get("splitter") == "rules":
        options["splitter"] = RuleSplitter()
    return KeywordExtractor(**options)


def _study(data_dir: Path | None, sets: Sequence[str]) -> dict[str, Any]:
    loaded = {name: load_set(name, data_dir) for name in sets}
    rows = []
    for label, options in STUDY.items():
        row: dict[str, Any] = {"label": label, "options": {k: repr(v) for k, v in options.items()}}
        for name, docs in loaded.items():
            base = _study_extractor(options)
            folds = int(options.get("fit_folds", 1))
            preds: list[list[str]] = [[] for _ in docs]
            start = time.perf_counter()
            for fold in range(folds):
                extractor = base
                if folds > 1:
                    extractor = base.fit(d.text for i, d in enumerate(docs) if i % folds != fold)
                for i, doc in enumerate(docs):
                    if i % folds == fold:
                        preds[i] = [p.text for p in extractor.extract(doc.text, max(KS))]
            seconds = time.perf_counter() - start
            scores = evaluate(preds, docs)
            row[name] = {
                "f": {k: round(scores["exact"][str(k)]["f"], 2) for k in map(str, KS)},
                "partial_f10": round(scores["partial"]["10"]["f"], 2),
                "seconds": round(seconds, 2),
            }
        rows.append(row)
        cells = [f"{n}: {row[n]['f']['10']:.1f}" for n in sets]
        print(f"{label:45s} " + "  ".join(cells), file=sys.stderr, flush=True)
    return {"rows": rows}


def _study_table(study: dict[str, Any], sets: Sequence[str]) -> str:
    from benchmarks.tables import fmt_number, markdown

    header = ["variant"]
    for n in sets:
        header += [f"{n} F1@5", "F1@10", "F1@15"]
    header += ["mean F1@10", "partial F1@10 (mean)"]
    rows = []
    for row in study["rows"]:
        cells = [row["label"]]
        for n in sets:
            cells += [fmt_number(row[n]["f"][str(k)]) for k in KS]
        cells.append(fmt_number(sum(row[n]["f"]["10"] for n in sets) / len(sets)))
        cells.append(fmt_number(sum(row[n]["partial_f10"] for n in sets) / len(sets)))
        rows.append(cells)
    return markdown(header, rows)


DOCS_PAGE = ROOT / "docs" / "keywords.md"


def write_section(name: str, body: str, page: Path = DOCS_PAGE) -> bool:
    """Replace the text between ``<!-- name:start -->`` and ``<!-- name:end -->`` in ``page``.

    Returns False (and changes nothing) when the page or its markers are missing.
    """
    if not page.exists():
        return False
    text = page.read_text(encoding="utf-8")
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    if start not in text or end not in text:
        return False
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    page.write_text(f"{head}{start}\n{body.strip()}\n{end}{tail}", encoding="utf-8")
    return True


def _origin_line(origin: dict[str, Any]) -> str:
    dirty = " plus uncommitted changes" if origin.get("dirty") else ""
    return f"`{origin['command']}` at commit `{origin['commit']}`{dirty}, {origin['date']}."


def main(argv: Sequence[str] | None = None) -> int:
    from benchmarks.provenance import provenance, write_json

    parser = argparse.ArgumentParser(prog="python -m benchmarks.keywords", description=__doc__)
    parser.add_argument("--data", type=Path, default=None, help="folder of the jsonl files")
    parser.add_argument("--sets", nargs="+", default=list(SETS), choices=SETS)
    parser.add_argument("--methods", nargs="+", default=list(METHODS), choices=METHODS)
    parser.add_argument("--timeout", type=float, default=300, help="seconds per method and set")
    parser.add_argument("--study", action="store_true", help="arsumm's alternatives instead")
    parser.add_argument(
        "--replot", type=Path, metavar="JSON", help="only redraw the plot from a results file"
    )
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--plot", type=Path, default=ROOT / "docs" / "img" / "keywords-f1.png")
    args = parser.parse_args(argv)
    shown = sys.argv[1:] if argv is None else list(argv)
    if args.replot:
        from benchmarks.provenance import read_json

        _plot(read_json(args.replot), args.plot)
        return 0
    origin = provenance("benchmarks.keywords", shown)
    if args.study:
        study = _study(args.data, args.sets)
        table = _study_table(study, args.sets)
        print(table)
        out = args.out or RESULTS_DIR / "keywords-study.json"
        write_json(out, {"provenance": origin, **study, "table": table})
        if args.out is None:
            write_section("study", f"{table}\n\nProduced by {_origin_line(origin)}")
        return 0
    results: dict[str, Any] = {"methods": list(args.methods), "sets": {}}
    for set_name in args.sets:
        docs = load_set(set_name, args.data)
        by_method: dict[str, Any] = {}
        for name in args.methods:
            record = run_in_child(
                name, set_name, args.data, k=max(KS), timeout=args.timeout, n_docs=len(docs)
            )
            preds = record.pop("predictions")
            if preds:
                record["scores"] = evaluate(preds, docs[: len(preds)])
            by_method[name] = record
            f10 = record["scores"]["exact"]["10"]["f"] if preds else math.nan
            print(
                f"{set_name:12s} {name:8s} F1@10 {f10:5.1f}  {record.get('docs_per_s', '-')} "
                f"docs/s  {record['status']}",
                file=sys.stderr,
                flush=True,
            )
        results["sets"][set_name] = by_method
    ratios = _ratios(results)
    f1 = _f1_table(results)
    partial = _f1_table(results, "partial")
    pr = _pr_table(results)
    print(f1, "\n", pr, "\n", json.dumps(ratios, indent=1), sep="\n")
    payload = {
        "provenance": origin,
        "matching": "exact and partial, see benchmarks/keywords.py",
        "akec_cut": AKEC_CUT,
        "ks": list(KS),
        **results,
        "ratios": ratios,
        "tables": {"f1": f1, "partial_f1": partial, "pr_at_10": pr},
    }
    write_json(args.out or RESULTS_DIR / "keywords.json", payload)
    _plot(results, args.plot)
    if args.out is None:
        body = "\n\n".join(
            [
                "F1@k, exact match (percent):",
                f1,
                "Precision, recall and F1 at 10, exact match, and F1@10 with partial match:",
                pr,
                "F1@k, partial match:",
                partial,
                "arsumm against YAKE and the best peer (F1@10 ratios; documents/s ratio):",
                "```text\n" + json.dumps(ratios, indent=1) + "\n```",
                f"Produced by {_origin_line(origin)}",
            ]
        )
        write_section("results", body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
