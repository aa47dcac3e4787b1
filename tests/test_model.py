"""A fit saved once and reused: `tiyao fit`, `tiyao run --model`, tiyao.model (issue 14 item 7)."""

from __future__ import annotations

import io
import json
import os
import stat
import zipfile
from pathlib import Path

import numpy as np
import pytest

from tiyao import __version__
from tiyao.cli.main import app
from tiyao.config import PipelineConfig
from tiyao.errors import InputError
from tiyao.model import fit_model, load_model, save_model
from tiyao.pipeline import run
from tiyao.types import Document

from .conftest import SEEDS

# Two articles written for these tests: one on the seeds' loan theme (a family-planning household starting a
# business on a small loan from the rural credit union), one on a football match, which no seed theme is about.
LOAN = ("张庄村计生户李红梅去年从农村信用联社申请了三万元小额贷款，在村里开起了苗木种植园。她说，有了计生信贷的扶持，"
        "创业的底气足了。镇计生协会还为她联系了农业技术人员，指导她科学管理苗木。今年她的苗木收入预计超过八万元，"
        "还带动了村里五户计生户一起创业致富。")
MATCH = ("周六晚进行的联赛第十二轮比赛中，主队在主场以三比一逆转客队。上半场客队凭借一次角球率先破门，下半场主队前锋"
         "梅开二度，替补登场的中场球员又在补时阶段锦上添花。赛后主教练表示，球员们在落后时没有放弃，这场胜利对争夺"
         "冠军非常关键。")
# Written for the tests too: a phone launch that shares a few words with the loan theme (农村, 市场, 贷款) but is
# about something else.
PHONE = ("某手机厂商周二在北京发布了新一代折叠屏手机，新机搭载自研芯片，续航和影像能力大幅提升。公司负责人介绍，今年将继续"
         "拓展农村市场，并与多家银行合作推出分期贷款购机服务。发布会上，工程师现场演示了新机的卫星通话功能。业内人士认为，"
         "折叠屏手机的价格正在下降，明年的出货量有望翻番。")
NEW_ARTICLES = f"# 张庄村计生户靠小额贷款种苗木致富\n\n{LOAN}\n\n# 主队主场三比一逆转取胜\n\n{MATCH}\n"


@pytest.fixture(scope="module")
def model_file(tmp_path_factory) -> Path:
    from typer.testing import CliRunner

    path = tmp_path_factory.mktemp("model") / "seeds.tiyao"
    result = CliRunner().invoke(app, ["fit", str(SEEDS), "-o", str(path), "-q"])
    assert result.exit_code == 0, result.stderr
    assert f"Wrote {path}: 8 articles" in result.stderr and "2 themes" in result.stderr
    return path


@pytest.fixture(scope="module")
def seeds_json() -> dict:
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["run", str(SEEDS), "--format", "json", "-q"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_run_with_the_model_of_the_same_articles_gives_the_same_report(runner, model_file, seeds_json):
    result = runner.invoke(app, ["run", str(SEEDS), "--model", str(model_file), "--format", "json", "-q"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["themes"] == seeds_json["themes"]
    assert [(d["id"], d["theme"], d["keywords"], d["summary"]) for d in report["documents"]] == \
        [(d["id"], d["theme"], d["keywords"], d["summary"]) for d in seeds_json["documents"]]
    assert report == seeds_json  # the config too: the model's settings are the defaults here


def test_streamed_formats_with_the_model_are_the_same_too(runner, model_file):
    plain = runner.invoke(app, ["run", str(SEEDS), "--format", "jsonl", "-q"])
    reused = runner.invoke(app, ["run", str(SEEDS), "--model", str(model_file), "--format", "jsonl", "-q"])
    assert reused.exit_code == 0, reused.stderr
    assert reused.stdout == plain.stdout


def test_the_same_fit_writes_the_same_bytes(tmp_path, model_file, runner):
    again = tmp_path / "again.tiyao"
    assert runner.invoke(app, ["fit", str(SEEDS), "-o", str(again), "-q"]).exit_code == 0
    assert again.read_bytes() == model_file.read_bytes()


def test_the_file_is_json_and_npy_arrays_and_says_what_it_is(model_file):
    with zipfile.ZipFile(model_file) as archive:
        names = archive.namelist()
        manifest = json.loads(archive.read("model.json"))
    assert names[0] == "model.json" and all(n.endswith(".npy") for n in names[1:])
    assert (manifest["format"], manifest["format_version"], manifest["tiyao_version"]) == \
        ("tiyao-model", 1, __version__)
    assert "西集镇" in manifest["new_words"]
    assert [t["label"][:1] for t in manifest["themes"]] == [["两非"], ["计生户"]]
    assert manifest["idf"]["documents"] == 8 and "小额贷款" in manifest["idf"]["terms"]


def test_new_articles_join_the_nearest_theme_or_none(tmp_path, runner, model_file, seeds_json):
    (tmp_path / "new.md").write_text(NEW_ARTICLES, encoding="utf-8")
    result = runner.invoke(app, ["run", str(tmp_path / "new.md"), "--model", str(model_file), "-f", "json", "-q"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    loan_theme = next(t for t in seeds_json["themes"] if "xiji-town-2013.md#4" in t["documents"])
    loan, match = report["documents"]
    assert loan["theme"] == loan_theme["id"]
    assert [{k: v for k, v in t.items() if k != "digest"} for t in report["themes"]] == [
        {"id": loan_theme["id"], "label": loan_theme["label"], "size": 1, "representative": loan["id"],
         "documents": [loan["id"]]}]
    assert {d["id"] for d in report["themes"][0]["digest"]} == {loan["id"]}  # the digest cites the run's article
    assert match["theme"] is None  # far from every theme: new
    assert [k["term"] for k in match["keywords"]][:2] == ["主队", "客队"]
    assert "小额贷款" in [k["term"] for k in loan["keywords"]]
    table = runner.invoke(app, ["run", str(tmp_path / "new.md"), "--model", str(model_file), "-q"])
    # JSON and the terminal number themes alike, from 1
    assert f"主题 {loan_theme['id']}" in table.stdout and "未分组" in table.stdout


def test_an_unseen_article_gets_the_keywords_of_a_fit_that_included_it(seed_documents):
    # without new-word discovery the segmentation is the same, so the keywords must be exactly the same
    config = PipelineConfig(discover_words=False)
    whole = run(seed_documents, config)
    for left_out in (0, 3):
        rest = [d for i, d in enumerate(seed_documents) if i != left_out]
        model = fit_model(rest, config)
        alone = run([seed_documents[left_out]], config, model=model)
        assert alone.documents[0].keywords == whole.documents[left_out].keywords


def test_library_round_trip_and_text_documents(tmp_path, model_file):
    model = load_model(model_file)
    report = run([Document("a", "", LOAN, "<test>")], model=model)
    assert report.documents[0].theme == 1 and report.themes[0].label == model.themes[1].label
    save_model(model, tmp_path / "copy.tiyao")
    assert load_model(tmp_path / "copy.tiyao").fitted == model.fitted


def test_model_settings_win_and_fitted_options_are_refused_beside_it(runner, model_file):
    for option in (["--themes", "3"], ["--no-new-words"], ["--idf", "corpus"], ["--min-count", "2"]):
        result = runner.invoke(app, ["run", str(SEEDS), "--model", str(model_file), *option])
        assert result.exit_code == 2
        assert result.stderr.startswith(f"Error: {option[0]} cannot be used with --model")
    result = runner.invoke(app, ["run", str(SEEDS), "--model", str(model_file), "-k", "3", "-f", "json", "-q"])
    assert result.exit_code == 0 and all(len(d["keywords"]) == 3 for d in json.loads(result.stdout)["documents"])


def _rewrite(source: Path, target: Path, change) -> Path:
    """A copy of the model ``source`` with ``change(name, data) -> data | None`` applied to each member."""
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(target, "w") as out:
        for name in archive.namelist():
            data = change(name, archive.read(name))
            if data is not None:
                out.writestr(name, data)
    return target


def _manifest(change):
    def apply(name, data):
        if name != "model.json":
            return data
        manifest = json.loads(data)
        change(manifest)
        return json.dumps(manifest).encode()
    return apply


def _npy(array: np.ndarray, allow_pickle: bool = False) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=allow_pickle)
    return buffer.getvalue()


BAD_MODELS = {
    "not a zip": lambda src, dst: (dst.write_text("西集镇\t3\n", encoding="utf-8"), dst)[1],
    "truncated": lambda src, dst: (dst.write_bytes(src.read_bytes()[: src.stat().st_size // 2]), dst)[1],
    "damaged byte": lambda src, dst: (dst.write_bytes(_flip(src.read_bytes())), dst)[1],
    "no manifest": lambda src, dst: _rewrite(src, dst, lambda n, d: None if n == "model.json" else d),
    "another format": lambda src, dst: _rewrite(src, dst, _manifest(lambda m: m.update(format_version=2))),
    "another tiyao": lambda src, dst: _rewrite(src, dst, _manifest(lambda m: m.update(tiyao_version="0.0.1"))),
    "not tiyao's": lambda src, dst: _rewrite(src, dst, _manifest(lambda m: m.update(format="other"))),
    "missing array": lambda src, dst: _rewrite(src, dst, lambda n, d: None if n == "centres.npy" else d),
    "wrong shape": lambda src, dst: _rewrite(src, dst, lambda n, d: _npy(np.zeros(3)) if n == "weights.npy" else d),
    "pickled array": lambda src, dst: _rewrite(
        src, dst, lambda n, d: _npy(np.array([{"x": 1}], dtype=object), True) if n == "weights.npy" else d),
    "bad theme": lambda src, dst: _rewrite(
        src, dst, lambda n, d: _npy(np.full(8, 7, dtype=np.int64)) if n == "fitted_themes.npy" else d),
}


def _flip(data: bytes) -> bytes:
    # a byte in the middle of the first member's compressed data (its local header is 30 bytes + its name)
    at = 30 + len("model.json") + 200
    return data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1:]


@pytest.mark.parametrize("kind", sorted(BAD_MODELS))
def test_a_bad_model_file_is_a_clear_error(kind, tmp_path, runner, model_file):
    bad = BAD_MODELS[kind](model_file, tmp_path / "bad.tiyao")
    result = runner.invoke(app, ["run", str(SEEDS), "--model", str(bad), "-q"])
    assert result.exit_code == 2, (kind, result.stdout, result.stderr)
    assert result.stderr.startswith("Error: ") and "Traceback" not in result.stderr
    assert result.stdout == ""
    with pytest.raises(InputError):
        load_model(bad)
    if kind.startswith("another"):
        assert "Fit the model again" in result.stderr


def test_missing_model_and_folder_are_clear_errors(tmp_path, runner):
    for path, words in ((tmp_path / "none.tiyao", "no such model file"), (tmp_path, "is a folder")):
        result = runner.invoke(app, ["run", str(SEEDS), "--model", str(path)])
        assert result.exit_code == 2 and words in result.stderr


def test_fit_keeps_a_replaced_file_mode(tmp_path, runner):
    target = tmp_path / "m.tiyao"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    assert runner.invoke(app, ["fit", str(SEEDS), "-o", str(target), "-q"]).exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert load_model(target).documents == 8


def test_the_readme_model_example_prints_what_it_shows(tmp_path, monkeypatch):
    import re
    import shlex

    from typer.testing import CliRunner

    from .conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- model example -->\n```text\n(.*?)```", readme, re.S).group(1)
    steps = re.split(r"^\$ (tiyao .*)\n", block, flags=re.M)[1:]
    (tmp_path / "seeds").symlink_to(SEEDS)
    (tmp_path / "today").mkdir()
    (tmp_path / "today" / "new.md").write_text(NEW_ARTICLES, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert len(steps) == 4
    for command, shown in zip(steps[0::2], steps[1::2]):
        result = CliRunner().invoke(app, [*shlex.split(command)[1:], "-q"], env={"COLUMNS": "80", "NO_COLOR": "1"})
        assert result.exit_code == 0, result.stderr
        printed = "".join(line.rstrip() + "\n" for line in (result.stdout + result.stderr).splitlines())
        assert printed == shown, command


def test_fit_on_articles_without_words_is_an_error_and_writes_nothing(tmp_path, runner):
    (tmp_path / "a.md").write_text("# 一\n\n12345 67890\n\n# 二\n\n！！！\n", encoding="utf-8")
    result = runner.invoke(app, ["fit", str(tmp_path / "a.md"), "-o", str(tmp_path / "m.tiyao")])
    assert result.exit_code == 2 and "Error: no article could be used to fit a model" in result.stderr
    assert not (tmp_path / "m.tiyao").exists()


def test_fit_names_the_articles_it_skipped_and_still_writes_the_model(tmp_path, runner):
    (tmp_path / "a.md").write_text(f"# 一\n\n{LOAN}\n\n# 二\n\n12345\n\n# 三\n\n{MATCH}\n", encoding="utf-8")
    result = runner.invoke(app, ["fit", str(tmp_path / "a.md"), "-o", str(tmp_path / "m.tiyao")])
    assert result.exit_code == 1
    assert "Warning: a.md#2: no Chinese or English words to analyse" in result.stderr
    assert "Wrote" in result.stderr and "2 articles" in result.stderr
    assert load_model(tmp_path / "m.tiyao").documents == 2


def test_a_model_that_would_unpack_to_too_much_is_refused_before_unpacking(tmp_path, model_file, monkeypatch):
    import tiyao.model

    monkeypatch.setattr(tiyao.model, "MAX_UNPACKED_BYTES", 1 << 20)
    bomb = _rewrite(model_file, tmp_path / "bomb.tiyao", lambda n, d: d)
    with zipfile.ZipFile(bomb, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("padding.npy", bytes(2 << 20))
    with pytest.raises(InputError, match="would unpack to"):
        load_model(bomb)
    assert load_model(model_file).documents == 8  # under the limit


def test_theme_space_places_the_fit_s_own_articles_in_their_themes_and_a_stranger_nowhere(seed_segmented,
                                                                                          segmenter):
    from tiyao.cluster import ThemeClusterer

    clusterer = ThemeClusterer(segmenter=segmenter).fit(seed_segmented)
    space = clusterer.space()
    own = space.vectors([clusterer.scan(d)[0] for d in seed_segmented])
    labels, closeness = space.assign(own)
    assert labels.tolist() == clusterer.labels_.tolist()
    assert np.allclose(space.coords(own), clusterer.coords_, atol=1e-5)
    match = segmenter.segment(Document("m", "主队主场三比一逆转取胜", MATCH, "<test>"))
    loan = segmenter.segment(Document("l", "张庄村计生户靠小额贷款种苗木致富", LOAN, "<test>"))
    phone = segmenter.segment(Document("p", "手机厂商发布折叠屏新机", PHONE, "<test>"))
    scans = [clusterer.scan(d)[0] for d in (match, loan, phone)]
    assert {"农村", "市场", "贷款"} <= set(scans[2]) & set(space.vocabulary)
    labels, closeness = space.assign(space.vectors(scans))
    assert labels.tolist() == [-1, clusterer.labels_[3], -1]  # the seeds' 4th article is on loans
    assert closeness[1] > space.floor > max(closeness[0], closeness[2])


def test_a_model_fitted_without_themes_gives_the_fit_s_keywords_to_its_own_articles(seed_documents):
    config = PipelineConfig(steps=("keywords", "summary"))
    model = fit_model(seed_documents, config)
    assert model.space is None and len(model.fitted) == 8
    plain = run(seed_documents, config)
    reused = run(seed_documents, config, model=model)
    assert [r.keywords for r in reused.documents] == [r.keywords for r in plain.documents]
    assert reused.themes == () and all(r.theme is None for r in reused.documents)
