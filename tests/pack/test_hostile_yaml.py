"""Hostile pack files: each gets a short error from the project's own types, and nothing runs."""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLE
from whodunit.pack.fairplay import check_pack
from whodunit.pack.findings import Finding
from whodunit.pack.loader import load_pack
from whodunit.pack.yamlsafe import MAX_FILE_BYTES, YamlError, YMap, YSeq, load_file_bytes


def findings_for(pack: Path, name: str, data: bytes) -> list[Finding]:
    (pack / name).write_bytes(data)
    loaded, findings = load_pack(pack)
    assert loaded is None, "a hostile file must not load"
    return findings


def one(findings: list[Finding], code: str) -> str:
    assert [f.code for f in findings] == [code], [str(f) for f in findings]
    return findings[0].message


def test_python_tag_is_refused_and_nothing_runs(example_pack: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    data = f"characters: !!python/object/apply:os.system ['touch {marker}']\n".encode()
    assert "tags" in one(findings_for(example_pack, "cast.yaml", data), "E003")
    assert not marker.exists()


@pytest.mark.parametrize("tag", ["!!str", "!custom", "!!binary", "!<tag:yaml.org,2002:map>"])
def test_any_explicit_tag_is_refused(example_pack: Path, tag: str) -> None:
    data = f"characters: {tag} x\n".encode()
    one(findings_for(example_pack, "cast.yaml", data), "E003")


def test_billion_laughs_is_refused_at_once(example_pack: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 10):
        prev = chr(ord("a") + n - 1)
        lines.append(
            f"{chr(ord('a') + n)}: &{chr(ord('a') + n)} [" + ",".join([f"*{prev}"] * 9) + "]"
        )
    data = ("\n".join(lines) + "\n").encode()
    assert len(data) < 1000
    assert "anchors" in one(findings_for(example_pack, "cast.yaml", data), "E003")


def test_self_referencing_alias_is_refused(example_pack: Path) -> None:
    one(findings_for(example_pack, "cast.yaml", b"characters: &a [*a]\n"), "E003")


def test_plain_alias_is_refused(example_pack: Path) -> None:
    message = one(findings_for(example_pack, "cast.yaml", b"x: 1\ncharacters: *x\n"), "E003")
    assert "aliases" in message


def block_nesting(depth: int) -> str:
    return "characters:\n" + "".join("  " * (i + 1) + "- a:\n" for i in range(depth)) + "x\n"


@pytest.mark.parametrize(
    "text",
    [
        "characters: " + "[" * 100_000 + "]" * 100_000 + "\n",
        "characters: " + "{a: " * 100_000 + "}" * 100_000 + "\n",
        "characters: " + "[" * 70 + "]" * 70 + "\n",
        block_nesting(100),
    ],
    ids=["flow-seq-100000", "flow-map-100000", "flow-seq-70", "block-100"],
)
def test_very_deep_nesting_is_one_short_finding_at_its_place(example_pack: Path, text: str) -> None:
    """Whichever YAML release stops first, the author is told the file is nested too deeply."""
    (finding,) = findings_for(example_pack, "cast.yaml", text.encode())
    assert finding.pos.file.endswith("cast.yaml")
    assert (finding.pos.line, finding.pos.col) != (1, 1), "it points into the nested part"
    assert "nested too deeply" in finding.message
    assert "syntax" not in finding.message
    assert len(str(finding)) < 300


def test_file_over_the_size_cap(example_pack: Path) -> None:
    data = b"characters: {}\n" + b"# padding\n" * (MAX_FILE_BYTES // 10 + 1)
    assert "at most" in one(findings_for(example_pack, "cast.yaml", data), "E013")


@pytest.mark.parametrize(
    ("data", "code", "needle"),
    [
        (b"", "E002", "empty"),
        (b"characters: \xff\xfe broken\n", "E001", "not UTF-8"),
        (bytes(range(256)) * 4, "E001", "not UTF-8"),
        (b"\x00\x01\x02junk\x03", "E002", "binary"),
        (b"characters:\n\tmabel: {name: M}\n", "E002", "tab"),
        (b"- one\n- two\n", "E007", "should be a mapping"),
        (b'characters: {mabel: {name: "Mabel}}\n', "E002", "never closed"),
        (b"characters: [mabel, pip\n", "E002", "close the bracket"),
        (b"characters: [mabel, pip\nabout: Mabel's shop\n", "E002", "close the bracket"),
        (b"characters:\n  mabel:\n    name: A\n    name: B\n", "E004", "duplicate key 'name'"),
    ],
)
def test_broken_files(example_pack: Path, data: bytes, code: str, needle: str) -> None:
    assert needle in one(findings_for(example_pack, "cast.yaml", data), code)


def test_huge_number_where_a_number_is_expected(example_pack: Path, edit) -> None:
    edit(example_pack / "cases/tart.yaml", "  chances: 2", "  chances: " + "9" * 5000)
    _, findings = load_pack(example_pack)
    assert "from 1 to 99" in one(findings, "E011")


def test_huge_number_where_text_is_expected_stays_text(example_pack: Path, edit) -> None:
    edit(example_pack / "cast.yaml", "    name: Mr Finch", "    name: " + "7" * 5000)
    pack, findings = load_pack(example_pack)
    assert findings == [] and pack is not None
    assert pack.cast["finch"].name == "7" * 5000


@pytest.mark.parametrize("target", ["../outside.yaml", "/etc/passwd"])
def test_paths_out_of_the_pack_are_refused(example_pack: Path, edit, target: str) -> None:
    edit(example_pack / "pack.yaml", "cast: cast.yaml", f"cast: {target}")
    _, findings = load_pack(example_pack)
    assert "outside the pack folder" in one(findings, "E012")


def test_a_path_with_a_nul_character_is_not_a_file_name(example_pack: Path, edit) -> None:
    edit(example_pack / "pack.yaml", "cast: cast.yaml", 'cast: "cast\\0.yaml"')
    _, findings = load_pack(example_pack)
    assert "not a file name" in one(findings, "E001")


def test_symlink_out_of_the_pack_is_refused(example_pack: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("characters: {}\n")
    os.remove(example_pack / "cast.yaml")
    os.symlink(secret, example_pack / "cast.yaml")
    _, findings = load_pack(example_pack)
    assert "link that leads outside" in one(findings, "E012")


def _in_a_thread(call, seconds: float = 10):
    """The result of `call()`, failing the test if it does not return in time (a hang)."""
    import threading

    result: list = []
    worker = threading.Thread(target=lambda: result.append(call()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert result, f"{call} did not return within {seconds} s"
    return result[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_in_the_pack_is_an_error_not_a_hang(example_pack: Path) -> None:
    """A pack unpacked from an archive can hold a FIFO where a YAML file should be: opening it
    would wait forever for a writer."""
    from whodunit.pack.watch import PackWatcher

    os.remove(example_pack / "cast.yaml")
    os.mkfifo(example_pack / "cast.yaml")
    _, findings = _in_a_thread(lambda: load_pack(example_pack))
    assert "not a regular file" in one(findings, "E001")
    os.mkfifo(example_pack / "stray.yaml")  # the watcher looks at every YAML file
    watcher = _in_a_thread(lambda: PackWatcher(example_pack))
    assert watcher.pack is None and _in_a_thread(watcher.poll) is None


# -- fuzzing: the reader raises only its own error type ------------------------------------
def _check_reader(data: bytes) -> None:
    try:
        node = load_file_bytes("fuzz.yaml", data)
    except YamlError as exc:
        assert exc.finding.code.startswith("E")
        return
    assert node is not None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_fuzz_binary(data: bytes) -> None:
    _check_reader(data)


yaml_atoms = st.sampled_from(
    [
        "a",
        "b",
        ":",
        " ",
        "\n",
        "-",
        "[",
        "]",
        "{",
        "}",
        ",",
        "&x",
        "*x",
        "!!str",
        "'",
        '"',
        "#",
        "  ",
        "\t",
        "?",
        "|",
        ">",
        "%YAML 1.1",
        "---",
        "...",
        "no",
        "1.10",
        "~",
        "\\",
        "@",
        "`",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(yaml_atoms, max_size=60).map("".join))
def test_fuzz_structured_yaml(text: str) -> None:
    _check_reader(text.encode())


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=300))
def test_fuzz_whole_pack_loading_never_raises(example_pack: Path, text: str) -> None:
    (example_pack / "cast.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    pack, findings = load_pack(example_pack)
    assert pack is not None or findings


def test_reader_keeps_structure() -> None:
    node = load_file_bytes("x.yaml", b"a: [1, {b: c}]\n")
    assert isinstance(node, YMap) and isinstance(node.get("a"), YSeq)


def test_many_unknown_references_do_not_make_the_loader_crawl(
    example_pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Thousands of references to missing ids among thousands of ids: "did you mean" compares
    names, and doing so for each of them took minutes. The comparisons have a budget."""
    import difflib

    compared = [0]
    real = difflib.get_close_matches

    def counting(word: str, possibilities: list[str], *args: object, **kwargs: object) -> list:
        compared[0] += len(possibilities)
        return real(word, possibilities, *args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counting)
    case = example_pack / "cases/tart.yaml"
    clues = "".join(
        f"  zz{i:04d}:\n    name: c{i}\n    text: t\n    revealed_by: {{found: gone{i:04d}}}\n"
        for i in range(2000)
    )
    case.write_text(case.read_text().replace("\nclues:\n", "\nclues:\n" + clues, 1))
    _, findings = load_pack(example_pack)
    assert [f.code for f in findings] == ["E010"] * 2000
    assert "did you mean 'gone" not in findings[0].message  # nothing close: the general advice
    assert compared[0] <= 250_000, compared[0]  # not 2,000 x 2,007
    assert all("; name a clue id" in f.message or "did you mean" in f.message for f in findings)


# -- fuzzing the example pack itself: its files mutated, as text and as YAML --------------------
PACK_FILES = ("pack.yaml", "cast.yaml", "cases/tart.yaml")
ORIGINAL = {name: (EXAMPLE / name).read_bytes() for name in PACK_FILES}

_at = st.integers(0, 1 << 20)  # a position, taken modulo the size of what it points into
_byte_edit = st.one_of(
    st.tuples(st.just("delete"), _at, st.integers(1, 60)),
    st.tuples(st.just("insert"), _at, yaml_atoms.map(str.encode) | st.binary(max_size=6)),
    st.tuples(st.just("replace"), _at, st.binary(min_size=1, max_size=3)),
    st.tuples(st.just("duplicate line"), _at, st.just(b"")),
    st.tuples(st.just("swap lines"), _at, _at),
    st.tuples(st.just("indent"), _at, st.sampled_from([b" ", b"  ", b"    ", b"\t"])),
    st.tuples(st.just("dedent"), _at, st.just(b"")),
)


def _mutated(data: bytes, edits: list[tuple[str, int, Any]]) -> bytes:
    for kind, at, extra in edits:
        lines = data.split(b"\n")
        line = at % len(lines)
        pos = at % (len(data) + 1)
        if kind == "delete":
            data = data[:pos] + data[pos + extra :]
        elif kind in ("insert", "replace"):
            data = data[:pos] + extra + data[pos + (len(extra) if kind == "replace" else 0) :]
        elif kind == "duplicate line":
            data = b"\n".join([*lines[: line + 1], *lines[line:]])
        elif kind == "swap lines":
            other = extra % len(lines)
            lines[line], lines[other] = lines[other], lines[line]
            data = b"\n".join(lines)
        elif kind == "indent":
            lines[line] = extra + lines[line]
            data = b"\n".join(lines)
        else:
            lines[line] = lines[line][2:] if lines[line].startswith(b"  ") else lines[line]
            data = b"\n".join(lines)
    return data


_value = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(),
    st.text(max_size=12),
    st.sampled_from(["tart", "pip", "shop", "kitchen", "slip", "who", "window", "x" * 300]),
    st.lists(st.sampled_from(["pip", "slip", "juice", "shop", 1, None]), max_size=3),
    st.dictionaries(
        st.sampled_from(["found", "all", "any", "not", "id", "name"]),
        st.sampled_from(["slip", "pip", 3, None]),
        max_size=2,
    ),
)


def _paths(node: object, here: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Every place in a parsed YAML document (its root too)."""
    found = [here]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*here, key))
    elif isinstance(node, list):
        for n, value in enumerate(node):
            found += _paths(value, (*here, n))
    return found


def _tree_edit(doc: object, at: int, kind: str, value: object) -> object:
    """`doc` with the node at one of its places removed, replaced, or given a new key."""
    places = _paths(doc)
    where = places[at % len(places)]
    if not where:
        return value if kind == "replace" else doc
    parent: Any = doc
    for step in where[:-1]:
        parent = parent[step]
    last: Any = where[-1]
    if kind == "remove":
        del parent[last]
    elif kind == "replace":
        parent[last] = value
    elif isinstance(parent, dict):
        parent[f"{last}_x" if kind == "rename" else last] = parent.pop(last)
    else:
        parent.insert(last, value)
    return doc


_tree_edits = st.lists(
    st.tuples(_at, st.sampled_from(["remove", "replace", "rename", "add"]), _value),
    min_size=1,
    max_size=4,
)


def _load_only_findings(pack: Path) -> None:
    """Loading gives a pack or findings, never an exception; a pack that loads is checked for
    fairness (with a small search) the same way."""
    loaded, findings = load_pack(pack)
    assert loaded is not None or findings
    assert all(f.code[:1] in "EWI" for f in findings), [str(f) for f in findings]
    if loaded is not None:
        check_pack(loaded, limit=2_000)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.sampled_from(PACK_FILES),
    edits=st.lists(_byte_edit, min_size=1, max_size=6),
)
def test_fuzz_the_example_pack_mutated_byte_by_byte(
    example_pack: Path, name: str, edits: list[tuple[str, int, bytes]]
) -> None:
    (example_pack / name).write_bytes(_mutated(ORIGINAL[name], edits))
    try:
        _load_only_findings(example_pack)
    finally:
        (example_pack / name).write_bytes(ORIGINAL[name])


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.sampled_from(PACK_FILES), edits=_tree_edits)
def test_fuzz_the_example_pack_mutated_as_yaml(
    example_pack: Path, name: str, edits: list[tuple[int, str, object]]
) -> None:
    doc = yaml.safe_load(ORIGINAL[name])
    for at, kind, value in edits:
        doc = _tree_edit(doc, at, kind, copy.deepcopy(value))
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    (example_pack / name).write_text(text, encoding="utf-8")
    try:
        _load_only_findings(example_pack)
    finally:
        (example_pack / name).write_bytes(ORIGINAL[name])
