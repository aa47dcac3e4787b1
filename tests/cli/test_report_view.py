"""The terminal report: Chinese line breaking on narrow terminals, nothing cut off."""

from rich.cells import cell_len

from tiyao.cli.report_view import NO_LINE_END, NO_LINE_START, wrap_chinese

from ..conftest import SEEDS


def test_wrapped_lines_fit_keep_every_character_and_obey_line_breaking_rules(seed_documents):
    for width in (20, 41, 72, 80):
        for document in seed_documents:
            lines = wrap_chinese(document.text.replace("\n", ""), width)
            assert "".join(lines) == document.text.replace("\n", "")
            for line in lines:
                assert cell_len(line) <= width
                assert line[0] not in NO_LINE_START, line
                assert line[-1] not in NO_LINE_END, line


def test_comma_never_starts_a_line():
    # at width 10 the comma would fall at the start of line 2; the character before it comes down with it
    assert wrap_chinese("一二三四五，六七八", 10) == ["一二三四", "五，六七八"]


def test_long_ascii_word_is_folded_not_lost():
    assert "".join(wrap_chinese("EF-S18-200mmf/3.5-5.6IS镜头", 10)) == "EF-S18-200mmf/3.5-5.6IS镜头"


def test_report_on_an_80_column_terminal(runner):
    from tiyao.cli.main import app

    result = runner.invoke(app, ["run", str(SEEDS), "-q"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    assert max(cell_len(line.rstrip()) for line in result.stdout.splitlines()) <= 80
    assert not any(line.lstrip().startswith(("，", "。", "、")) for line in result.stdout.splitlines())
