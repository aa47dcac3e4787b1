"""Option groups (cli.option_groups): a command receives one value per group, whether Typer or Python calls it."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tiyao.cli.main import app
from tiyao.cli.option_groups import takes_groups
from tiyao.cli.options import InputOptions, RunOptions, UserDict
from tiyao.corpus import ReadOptions


def test_a_command_called_directly_gets_its_groups_built_from_what_it_is_given_and_the_defaults():
    @takes_groups
    def command(*, read: InputOptions, running: RunOptions) -> tuple[ReadOptions, dict]:
        return read, dict(running)

    read, running = command(text_field="正文", jobs=1)
    assert read == ReadOptions(text_field="正文")
    assert running == {"user_dicts": (), "jobs": 1, "segmenter": "auto", "engine": "local", "scheduler": None}


def test_an_option_a_command_declares_beside_a_group_that_has_it_is_refused():
    with pytest.raises(TypeError, match="user_dict"):
        @takes_groups
        def command(*, user_dict: UserDict = None, running: RunOptions) -> None:
            pass


def test_a_group_reads_the_command_line_as_the_options_it_replaces():
    text = "西吉县计划生育协会在全县开展“婚育新风进万家”活动。"
    record = json.dumps({"编号": "a1", "正文": text}, ensure_ascii=False)
    result = CliRunner().invoke(app, ["corpus", "-", "-q", "-f", "json", "--input-format", "jsonl",
                                      "--id-field", "编号", "--text-field", "正文"], input=record)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"id": "a1", "title": "", "chars": len(text), "sentences": 1,
                                          "source": "<stdin>"}]
