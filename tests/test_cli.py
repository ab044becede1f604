"""The command line, run as a real subprocess."""

from __future__ import annotations

import ast
import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import arsumm
from tests.conftest import VOCABULARY, run_cli

ARTICLE = (
    "عنوان الخبر\nهطلت أمطار غزيرة على المدينة. وأغلقت المدارس بسبب الأمطار. وعادت الحياة غدا.\n"
)


run = run_cli


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_demo() -> None:
    result = run("--demo", "-k", "2")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode("utf-8").splitlines()
    expected = [" ".join(s.text.split()) for s in arsumm.summarize(arsumm.demo_text(), k=2)]
    assert lines == expected


def test_file_text_format(article: Path) -> None:
    result = run(str(article), "-k", "1")
    assert result.returncode == 0
    assert result.stdout.decode("utf-8").strip() in ARTICLE


def test_json_offsets_point_into_the_input(article: Path) -> None:
    result = run(str(article), "--format", "json", "--ratio", "0.5")
    doc = json.loads(result.stdout)
    assert doc["n_sentences"] == 4
    for item in doc["summary"]:
        assert ARTICLE[item["start"] : item["end"]] == item["text"]


def test_jsonl(article: Path) -> None:
    result = run(str(article), "--format", "jsonl", "-k", "2", "--stemmer", "light")
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(records) == 2
    assert {"index", "start", "end", "score", "text"} <= set(records[0])


def test_stdin_with_bom_and_crlf() -> None:
    data = "\ufeff".encode() + ARTICLE.replace("\n", "\r\n").encode("utf-8")
    result = run("-", "--format", "json", "-k", "1", stdin=data)
    assert result.returncode == 0, result.stderr
    text = data.decode("utf-8-sig")
    item = json.loads(result.stdout)["summary"][0]
    assert text[item["start"] : item["end"]] == item["text"]


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(ARTICLE.encode("utf-16"))
    result = run(str(path), "-k", "1")
    assert result.returncode == 0, result.stderr


def test_output_is_utf8_whatever_the_locale(article: Path) -> None:
    result = run(
        str(article), "-k", "1", env={"LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "ascii"}
    )
    assert result.returncode == 0, result.stderr
    result.stdout.decode("utf-8")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(lambda p: str(p / "missing.txt"), "no such file", id="missing-file"),
        pytest.param(lambda p: str(p), "is a directory", id="directory"),
    ],
)
def test_bad_paths(tmp_path: Path, make: object, message: str) -> None:
    result = run(make(tmp_path))  # type: ignore[operator]
    assert result.returncode == 1
    err = result.stderr.decode()
    assert message in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_invalid_utf8_gives_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes("نص سليم ".encode() + b"\xff\xfe" + " بقية".encode())
    result = run(str(path))
    assert result.returncode == 1
    assert "byte offset 14" in result.stderr.decode()
    replaced = run(str(path), "--errors", "replace", "-k", "1")
    assert replaced.returncode == 0, replaced.stderr


def test_empty_stdin() -> None:
    result = run("-", stdin=b"")
    assert result.returncode == 1
    assert "empty" in result.stderr.decode()


def test_no_arabic_is_reported() -> None:
    result = run("-", stdin=b"just english text.")
    assert result.returncode == 1
    assert "no Arabic letter" in result.stderr.decode()


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["-k", "0"], id="k-zero"),
        pytest.param(["--ratio", "2"], id="ratio-two"),
    ],
)
def test_bad_budget_values(article: Path, args: list[str]) -> None:
    result = run(str(article), *args)
    assert result.returncode == 1
    assert "must be" in result.stderr.decode()


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["-k", "2", "--ratio", "0.3"], id="two-budgets"),
        pytest.param(["-k", "two"], id="k-not-int"),
        pytest.param(["--format", "xml"], id="bad-format"),
        pytest.param(["--demo", "file.txt"], id="demo-with-file"),
    ],
)
def test_usage_errors_exit_2(article: Path, args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr.decode()


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.decode().startswith("arsumm ")


def test_output_file(article: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = run(str(article), "--format", "json", "-o", str(out))
    assert result.returncode == 0
    assert result.stdout == b""
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]


def test_pipe_into_head_has_no_traceback(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    words = VOCABULARY[:16]
    lines = [
        f"{words[i % 16]} {words[(i * 7) % 16]} {words[(i * 5 + 3) % 16]} في الوادي."
        for i in range(3000)
    ]
    big.write_text("\n".join(lines), encoding="utf-8")
    command = f'"{sys.executable}" -m arsumm "{big}" --ratio 1 | head -1'
    result = subprocess.run(command, shell=True, capture_output=True, timeout=300, check=False)
    assert result.stdout.count(b"\n") == 1
    assert b"Traceback" not in result.stderr
    assert b"BrokenPipe" not in result.stderr


def test_console_script_same_as_module(article: Path) -> None:
    script = Path(sys.executable).with_name("arsumm")
    if not script.exists():
        pytest.skip("arsumm console script not installed in this environment")
    a = subprocess.run([str(script), str(article)], capture_output=True, check=False, timeout=120)
    b = run(str(article))
    assert a.returncode == b.returncode == 0
    assert a.stdout == b.stdout


# -- issue 12: the rough edges of the command line ---------------------------------------

LATIN = "The council opened a new library in the city. It has many books and a garden.\n"
FURNITURE = "شاركها\nتويتر\n© 2024 صحيفة الوادي. جميع الحقوق محفوظة\n"


def one_error_line(result: subprocess.CompletedProcess[bytes], status: int = 1) -> str:
    err = result.stderr.decode("utf-8")
    assert result.returncode == status, err
    assert len(err.splitlines()) == 1, err
    assert "Traceback" not in err
    assert err.startswith("arsumm: error: "), err
    return err.strip()


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        pytest.param(LATIN, "--allow-non-arabic", id="no-arabic"),
        pytest.param(FURNITURE, "--keep-boilerplate", id="only-boilerplate"),
    ],
)
def test_the_hints_name_flags_that_exist(tmp_path: Path, text: str, flag: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    err = one_error_line(run(str(path)))
    assert f"pass {flag} to summarise it anyway" in err
    assert "Summarizer(" not in err
    assert "=False" not in err
    result = run(str(path), flag, "-k", "1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode("utf-8").strip()
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": 1, "text": text}) + "\n", encoding="utf-8")
    (record,) = [json.loads(x) for x in run("batch", str(source)).stdout.splitlines()]
    assert record["error"].startswith("line 1: ")
    assert f"pass {flag} to summarise it anyway" in record["error"]
    (record,) = [json.loads(x) for x in run("batch", str(source), flag).stdout.splitlines()]
    assert record["error"] is None


@pytest.mark.parametrize(
    ("data", "args", "problem"),
    [
        pytest.param(b"\xff" + ARTICLE.encode(), [], "not valid utf-8 at byte offset 0", id="utf8"),
        pytest.param(ARTICLE.encode(), ["--encoding", "klingon-8"], "unknown encoding", id="enc"),
        pytest.param(
            ARTICLE.encode(), ["--encoding", "rot13"], "is not a text encoding", id="rot13"
        ),
        pytest.param(b"   \n", [], "input is empty", id="empty"),
        pytest.param(LATIN.encode(), [], "text contains no Arabic letter", id="no-arabic"),
        pytest.param(FURNITURE.encode(), [], "web-page boilerplate", id="boilerplate"),
        pytest.param(b"x" * 100, ["--max-bytes", "10"], "larger than the maximum", id="size"),
    ],
)
def test_every_input_error_starts_with_the_file_name(
    tmp_path: Path, data: bytes, args: list[str], problem: str
) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    err = one_error_line(run(str(path), *args))
    assert err.startswith(f"arsumm: error: {path}: ")
    assert problem in err


def test_batch_errors_all_start_with_their_line_number(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": ARTICLE}, ensure_ascii=False).encode(),
        b'{"text": "no closing quote}',
        json.dumps({"text": LATIN}).encode(),
        json.dumps({"text": "   "}).encode(),
        json.dumps({"text": "في من على."}, ensure_ascii=False).encode(),
        json.dumps({"text": FURNITURE}, ensure_ascii=False).encode(),
        b'{"text": "caf\xe9"}',
        b"",
        b"[1]",
        json.dumps({"body": ARTICLE}, ensure_ascii=False).encode(),
    ]
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    result = run("batch", str(source))
    assert result.returncode == 0, result.stderr
    records = [json.loads(x) for x in result.stdout.decode("utf-8").splitlines()]
    assert [r["line"] for r in records] == list(range(1, 11))
    assert records[0]["error"] is None
    for record in records[1:]:
        assert record["error"].startswith(f"line {record['line']}: "), record
    offset = len(b"\n".join(lines[:6])) + 1 + len(b'{"text": "caf')
    assert f"not valid utf-8 at byte offset {offset} of {source}" in records[6]["error"]


def test_dash_o_is_standard_output(tmp_path: Path) -> None:
    for args in (["--demo", "-k", "1"], ["batch", "-"]):
        result = subprocess.run(
            [sys.executable, "-m", "arsumm", *args, "-o", "-"],
            input=json.dumps({"text": ARTICLE}).encode(),
            cwd=tmp_path,
            capture_output=True,
            timeout=180,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip()
        assert list(tmp_path.iterdir()) == []  # no file named "-"


def test_help_shows_the_batch_command_in_its_usage() -> None:
    usage = run("--help").stdout.decode("utf-8").split("\n\n")[0]
    assert usage.startswith("usage: arsumm [FILE|-] [options]")
    assert "arsumm batch IN.jsonl" in usage


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["-k", "two"], id="single"),
        pytest.param(["batch"], id="batch-no-input"),
        pytest.param(["batch", "in.jsonl", "--jobs", "0"], id="batch-jobs"),
    ],
)
def test_usage_errors_are_one_line_too(args: list[str]) -> None:
    """README: "errors are one line on stderr" -- argparse's usage block was several."""
    err = one_error_line(run(*args), status=2)
    assert "see 'arsumm" in err
    assert "--help'" in err


def _fitted_idf(tmp_path: Path) -> tuple[Path, arsumm.Summarizer]:
    corpus = [arsumm.demo_text(), ARTICLE, "نص آخر عن الطقس والمطر في المدينة."]
    fitted = arsumm.Summarizer().fit(corpus)
    assert fitted.idf is not None
    path = tmp_path / "idf.json"
    fitted.idf.save(path)
    return path, fitted


def test_idf_file_on_both_commands(tmp_path: Path) -> None:
    idf, fitted = _fitted_idf(tmp_path)
    fitted = dataclasses.replace(fitted, lead="never")  # the demo is news: rank it anyway
    text = arsumm.demo_text()
    expected = [[s.index, s.score] for s in fitted.summarize(text, ratio=0.2)]
    plain = arsumm.Summarizer(lead="never")
    assert expected != [[s.index, s.score] for s in plain.summarize(text, ratio=0.2)]
    single = run(
        "--demo", "--ratio", "0.2", "--format", "json", "--idf", str(idf), "--lead", "never"
    )
    assert single.returncode == 0, single.stderr
    assert [[s["index"], s["score"]] for s in json.loads(single.stdout)["summary"]] == expected
    batch = run(
        "batch",
        "-",
        "--ratio",
        "0.2",
        "--idf",
        str(idf),
        "--lead",
        "never",
        stdin=json.dumps({"text": text}).encode(),
    )
    assert batch.returncode == 0, batch.stderr
    (record,) = [json.loads(x) for x in batch.stdout.splitlines()]
    assert [[s["index"], s["score"]] for s in record["summary"]] == expected


def test_a_bad_idf_file_is_one_error_line_naming_it(tmp_path: Path) -> None:
    idf, _ = _fitted_idf(tmp_path)
    err = one_error_line(run("--demo", "--idf", str(idf), "--stemmer", "light"))
    assert err.startswith(f"arsumm: error: {idf}: this IDF was fitted with analyzer settings")
    err = one_error_line(run("--demo", "--idf", str(tmp_path / "none.json")))
    assert err.endswith("none.json: no such file")
    (tmp_path / "x.json").write_text('{"format": "something else"}', encoding="utf-8")
    err = one_error_line(run("batch", "-", "--prior", str(tmp_path / "x.json")))
    assert "x.json: cannot load the prior (not an arsumm LinearPrior" in err


def test_prior_file_on_both_commands(tmp_path: Path) -> None:
    from arsumm.prior import load_default_prior

    default = load_default_prior()
    reversed_prior = dataclasses.replace(default, coef=tuple(-c for c in default.coef))
    path = tmp_path / "prior.json"
    reversed_prior.save(path)
    text = arsumm.demo_text()
    mine = arsumm.Summarizer(prior=reversed_prior, lead="never")
    expected = [s.index for s in mine.summarize(text, k=3)]
    assert expected != [s.index for s in arsumm.Summarizer(lead="never").summarize(text, k=3)]
    single = run("--demo", "--format", "json", "--prior", str(path), "--lead", "never")
    assert [s["index"] for s in json.loads(single.stdout)["summary"]] == expected
    batch = run(
        "batch",
        "-",
        "--prior",
        str(path),
        "--lead",
        "never",
        stdin=json.dumps({"text": text}).encode(),
    )
    (record,) = [json.loads(x) for x in batch.stdout.splitlines()]
    assert [s["index"] for s in record["summary"]] == expected


def test_json_and_analyze_say_which_sentences_were_boilerplate(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(ARTICLE + FURNITURE, encoding="utf-8")
    analysis = arsumm.Summarizer().analyze(path.read_text(encoding="utf-8"), k=2)
    assert analysis.boilerplate  # the page's furniture was left out
    doc = json.loads(run(str(path), "-k", "2", "--format", "json").stdout)
    assert doc["boilerplate"] == list(analysis.boilerplate)
    full = json.loads(run(str(path), "-k", "2", "--format", "analyze").stdout)
    assert full["n_sentences"] == len(full["sentences"]) == len(analysis.sentences)
    flags = [(s["index"], s["selected"], s["boilerplate"]) for s in full["sentences"]]
    chosen = {s.index for s in analysis.summary}
    assert flags == [
        (s.index, s.index in chosen, s.index in analysis.boilerplate) for s in analysis.sentences
    ]
    kept = json.loads(run(str(path), "-k", "2", "--format", "json", "--keep-boilerplate").stdout)
    assert kept["boilerplate"] == []
    page = run(str(path), "-k", "2", "--format", "html").stdout.decode("utf-8")
    assert page.count("(boilerplate)") == len(analysis.boilerplate)  # in their tooltips


def test_the_command_line_reports_only_its_own_errors_as_bad_input() -> None:
    """A TypeError or ValueError from a bug must show its traceback, not pass for bad input:
    the handlers of arsumm/cli.py catch arsumm's own errors (and OSError where a model
    file is read), never TypeError, ValueError or Exception."""
    source = (Path(arsumm.__file__).parent / "cli.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    caught: dict[str, set[str]] = {}
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.ExceptHandler) and node.type is not None:
                types = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
                names = {t.id for t in types if isinstance(t, ast.Name)}
                caught.setdefault(function.name, set()).update(names)
    wholesale = {"Exception", "BaseException", "TypeError", "ValueError", "AttributeError"}
    assert all(not names & wholesale for names in caught.values()), caught
    assert {f for f, names in caught.items() if "OSError" in names} == {"_load", "run"}
    assert "ArsummError" in caught["main"]
    assert "ArsummError" in caught["_batch"]
    assert "ArsummError" in caught["_keywords"]


def test_lead_flag() -> None:
    text = arsumm.demo_text()
    for mode in ("auto", "never", "always"):
        done = run("--demo", "--format", "json", "--lead", mode)
        assert done.returncode == 0, done.stderr
        expected = arsumm.Summarizer(lead=mode).summarize(text)
        assert [s["index"] for s in json.loads(done.stdout)["summary"]] == [
            s.index for s in expected
        ]
    assert [s.index for s in arsumm.Summarizer(lead="never").summarize(text)] != [0, 1, 2]
    err = run("--demo", "--lead", "sometimes")
    assert err.returncode == 2


# -- issue 16: arsumm keywords -------------------------------------------------------------

NEWS = (
    "وزارة الخارجية تستقبل وفد مجلس الأمن الدولي\n"
    "استقبلت وزارة الخارجية صباح اليوم وفدا من مجلس الأمن الدولي في العاصمة.\n"
    "وبحث الوفد مع وزارة الخارجية أزمة المياه في المنطقة، وقال رئيس الوفد إن "
    "مجلس الأمن الدولي يتابع أزمة المياه عن قرب.\n"
)


def _keyphrase_records(text: str, k: int, **options: object) -> list[dict[str, object]]:
    extractor = arsumm.KeywordExtractor(**options)  # type: ignore[arg-type]
    return [p.to_record() for p in extractor.extract(text, k)]


def test_keywords_formats_are_the_library_s_keyphrases(tmp_path: Path) -> None:
    path = tmp_path / "news.txt"
    path.write_text(NEWS, encoding="utf-8")
    expected = _keyphrase_records(NEWS, 4)
    assert len(expected) == 4
    text = run("keywords", str(path), "-k", "4")
    assert text.returncode == 0, text.stderr
    assert text.stdout.decode("utf-8").splitlines() == [r["text"] for r in expected]
    doc = json.loads(run("keywords", str(path), "-k", "4", "--format", "json").stdout)
    assert doc == {"keyphrases": expected}
    lines = run("keywords", str(path), "-k", "4", "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == expected


def test_keywords_offsets_count_characters_after_the_bom_and_crlf() -> None:
    data = "\ufeff".encode() + NEWS.replace("\n", "\r\n").encode("utf-8")
    result = run("keywords", "-", "--format", "jsonl", "-k", "3", stdin=data)
    assert result.returncode == 0, result.stderr
    text = data.decode("utf-8-sig")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records == _keyphrase_records(text, 3)
    for record in records:
        forms = {text[start:end] for start, end in record["occurrences"]}
        assert record["text"] in forms


def test_keywords_demo_stemmer_encoding_and_output_file(tmp_path: Path) -> None:
    demo = run("keywords", "--demo", "-k", "3", "--stemmer", "light", "--format", "json")
    assert demo.returncode == 0, demo.stderr
    light = _keyphrase_records(arsumm.demo_text(), 3, stemmer="light")
    assert json.loads(demo.stdout)["keyphrases"] == light
    assert light != _keyphrase_records(arsumm.demo_text(), 3)  # the flag changed something
    path = tmp_path / "news-1256.txt"
    path.write_bytes(NEWS.encode("cp1256"))
    out = tmp_path / "out.jsonl"
    done = run("keywords", str(path), "--encoding", "cp1256", "--format", "jsonl", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout == b""
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records == _keyphrase_records(NEWS, 10)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["news-1256.txt", "out.jsonl"]
    err = one_error_line(run("keywords", str(path), "-o", str(path)))
    assert err.endswith("is the input file; write the output elsewhere")
    assert path.read_bytes() == NEWS.encode("cp1256")


@pytest.mark.parametrize(
    ("data", "args", "problem"),
    [
        pytest.param(b"\xff" + NEWS.encode(), [], "not valid utf-8 at byte offset 0", id="utf8"),
        pytest.param(NEWS.encode(), ["--encoding", "klingon-8"], "unknown encoding", id="enc"),
        pytest.param(b"   \n", [], "input is empty", id="empty"),
        pytest.param(
            LATIN.encode(),
            [],
            "text contains no Arabic letter; pass Arabic text, or pass --allow-non-arabic",
            id="no-arabic",
        ),
        pytest.param("في من على.".encode(), [], "no candidate words left", id="stop-words"),
        pytest.param(b"x" * 100, ["--max-bytes", "10"], "larger than the maximum", id="size"),
    ],
)
def test_keywords_input_errors_start_with_the_file_name(
    tmp_path: Path, data: bytes, args: list[str], problem: str
) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    result = run("keywords", str(path), *args)
    err = one_error_line(result)
    assert err.startswith(f"arsumm: error: {path}: "), err
    assert problem in err
    assert result.stdout == b""


def test_keywords_hint_names_a_flag_that_works(tmp_path: Path) -> None:
    path = tmp_path / "english.txt"
    path.write_text(LATIN, encoding="utf-8")
    result = run("keywords", str(path), "--allow-non-arabic", "-k", "2")
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.decode("utf-8").splitlines()) == 2


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        pytest.param(["-k", "two"], 2, "argument -k: invalid int value", id="k-not-int"),
        pytest.param(["--format", "html"], 2, "argument --format: invalid choice", id="format"),
        pytest.param(["--demo", "a.txt"], 2, "--demo takes no FILE", id="demo-and-file"),
        pytest.param(["--ratio", "0.3"], 2, "unrecognized arguments: --ratio", id="budget"),
        pytest.param(["--max-bytes", "0"], 2, "--max-bytes must be a positive", id="max-bytes"),
        pytest.param(["--demo", "-k", "0"], 1, "k must be an integer >= 1, got 0", id="k-zero"),
    ],
)
def test_keywords_usage_errors(args: list[str], status: int, message: str) -> None:
    err = one_error_line(run("keywords", *args), status=status)
    assert message in err
    if status == 2:
        assert err.endswith("(see 'arsumm keywords --help')")


def test_help_lists_the_keywords_command_and_a_file_named_keywords_works(
    tmp_path: Path,
) -> None:
    usage = run("--help").stdout.decode("utf-8").split("\n\n")[0]
    assert "arsumm keywords [FILE|-] [-k N] [--format text|json|jsonl]" in usage
    assert "--format {text,json,jsonl}" in run("keywords", "--help").stdout.decode("utf-8")
    (tmp_path / "keywords").write_text(NEWS, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(arsumm.__file__).parent.parent)}

    def here(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "arsumm", *args],
            capture_output=True,
            cwd=tmp_path,
            timeout=120,
            check=False,
            env=env,
        )

    summary = here("./keywords", "-k", "1")
    assert summary.returncode == 0, summary.stderr
    assert summary.stdout.decode("utf-8").strip() == NEWS.splitlines()[0]
    phrases = here("keywords", "keywords", "-k", "2")
    assert phrases.returncode == 0, phrases.stderr
    assert phrases.stdout.decode("utf-8").splitlines() == [
        str(r["text"]) for r in _keyphrase_records(NEWS, 2)
    ]
