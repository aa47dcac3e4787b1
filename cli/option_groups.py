"""Options that go together (the input options, the run options, …), declared once and taken by any command.

A group is a plain function: its parameters are the options, annotated as Typer reads them, and what it returns is
the one value a command receives (:func:`option_group`). A command names the groups it takes with a parameter
annotated ``Annotated[Value, GROUP]``; :func:`takes_groups` puts the group's options in that parameter's place in
the signature Typer reads (so each help panel keeps its order), and gathers their values into the group's value
before the command body runs. That is Typer's public API only: it reads ``inspect.signature(command,
eval_str=True)`` and ``typing.get_type_hints(command)``, and calls the command with one keyword per option.

The values are built under :func:`~cli.errors.reporting_errors`, before the command body: an error there (a
furniture file that cannot be read, ``--themes 0``) is reported as in the body, the same line and exit code; when a
call has more than one error, one found by a group now comes before the body's own (such as an unwritable ``-o``).
"""

from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Generic, TypeVar

from .errors import reporting_errors

T = TypeVar("T")


@dataclass(frozen=True)
class OptionGroup(Generic[T]):
    """Options declared once (the parameters of ``build``) and the value they make (what ``build`` returns)."""

    build: Callable[..., T]

    @property
    def parameters(self) -> list[inspect.Parameter]:
        return list(inspect.signature(self.build, eval_str=True).parameters.values())


def option_group(build: Callable[..., T]) -> OptionGroup[T]:
    """Make ``build``'s parameters an option group; ``build`` still works as a plain function."""
    return OptionGroup(build)


def _group_of(annotation: Any) -> OptionGroup[Any] | None:
    if typing.get_origin(annotation) is Annotated:
        return next((m for m in annotation.__metadata__ if isinstance(m, OptionGroup)), None)
    return None


def takes_groups(command: Callable[..., Any]) -> Callable[..., Any]:
    """The command with each parameter annotated ``Annotated[Value, GROUP]`` replaced by the group's options (in its
    place), and called with the group's value. Called directly, an option left out takes its default."""
    hints = typing.get_type_hints(command, include_extras=True)
    own = inspect.signature(command, eval_str=True).parameters.values()
    groups: dict[str, tuple[OptionGroup[Any], list[str]]] = {}
    parameters: list[inspect.Parameter] = []
    for parameter in own:
        group = _group_of(hints.get(parameter.name))
        options = group.parameters if group is not None else [parameter]
        if group is not None:
            groups[parameter.name] = (group, [option.name for option in options])
        # keyword-only: Typer calls with keywords, and the groups' options may follow options without a default
        parameters += [option.replace(kind=inspect.Parameter.KEYWORD_ONLY) for option in options]
    names = [parameter.name for parameter in parameters]
    clashes = {name for name in names if names.count(name) > 1}
    if clashes:
        raise TypeError(f"{command.__name__}: option names taken twice: {', '.join(sorted(clashes))}")

    @functools.wraps(command)
    def with_groups(**values: Any) -> Any:
        with reporting_errors():
            for name, (group, options) in groups.items():
                values[name] = group.build(**{option: values.pop(option) for option in options if option in values})
        return command(**values)

    with_groups.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    with_groups.__annotations__ = {parameter.name: parameter.annotation for parameter in parameters}
    return with_groups
