"""The docs are complete: every command and option has help, the README lists every command
and every dependency (datasette's and sqlite-utils' habit)."""

from __future__ import annotations

import re
import tomllib

import click
import pytest

from quellenlage.cli import main
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
COMMANDS = sorted(main.commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_and_example(name: str) -> None:
    command = main.commands[name]  # type: ignore[attr-defined]
    assert command.help and "Example:" in command.help
    for param in command.params:
        if isinstance(param, click.Option) and param.name not in ("help",):
            assert param.help, f"{name} --{param.name} has no help"


@pytest.mark.parametrize("name", COMMANDS)
def test_readme_mentions_command(name: str) -> None:
    assert f"quellenlage {name}" in README


def test_readme_dependency_table_is_complete() -> None:
    project = PYPROJECT["project"]
    pinned = project["dependencies"] + project["optional-dependencies"]["dev"]
    for requirement in pinned:
        name, _, version = requirement.partition("==")
        assert version, f"{requirement} is not pinned"
        assert re.search(rf"^\| {re.escape(name)} \| .+ \|$", README, re.M | re.I), name


def test_readme_names_the_two_commands() -> None:
    assert "make demo" in README and "make test" in README
    assert "make test" in (ROOT / ".ci" / "run").read_text()
