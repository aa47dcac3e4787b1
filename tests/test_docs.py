"""The README's promises: its set-up commands are the ones CI runs, and every command documented exists."""

import re

from tiyao.cli.main import app

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI_RUN = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def _setup_commands() -> list[str]:
    block = re.search(r"<!-- setup -->\s*```(?:bash|sh|console)?\n(.*?)```", README, re.S)
    assert block, "README needs the set-up block after <!-- setup -->"
    return [line.strip() for line in block.group(1).splitlines() if line.strip() and not line.startswith("#")]


def test_readme_has_exactly_two_setup_commands():
    commands = _setup_commands()
    assert len(commands) == 2
    assert commands[0].startswith("pip install .") and commands[0].endswith("tiyao")
    assert "pytest" in commands[1]


def test_ci_runs_exactly_the_readme_test_command():
    test_command = _setup_commands()[1]
    ci_lines = [line.strip() for line in CI_RUN.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert test_command in ci_lines
    assert "python3 -m venv" in CI_RUN


def test_every_tiyao_command_in_the_readme_exists():
    import typer.main

    click_app = typer.main.get_command(app)
    names = set(click_app.commands)  # type: ignore[attr-defined]
    used = set(re.findall(r"^\$ tiyao ([a-z]+)", README, re.M))
    assert used <= names, used - names


def test_every_command_has_help_text():
    import typer.main

    click_app = typer.main.get_command(app)
    for name, command in click_app.commands.items():  # type: ignore[attr-defined]
        assert command.help or command.short_help, name


def test_every_readme_example_prints_what_the_readme_shows():
    from .readme_examples import examples, run_example

    found = examples(README)
    assert len(found) >= 5
    for command, shown in found:
        assert run_example(command) == shown, f"README output of `{command}` is out of date: " \
                                              "run python -m tests.readme_examples"
