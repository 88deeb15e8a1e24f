"""``robotstack profiles``: list the hardware profiles and show one, validated.

Kept apart from the top-level CLI so the command reads profiles only (no ONNX, no torch) and can be
mounted wherever the CLI wants it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from robotstack.profiles import PROFILE_PATH_ENV, Profile, ProfileError, list_profiles, load_profile

profiles_app = typer.Typer(
    help="Hardware profiles: one YAML file per compute board (peaks, memory, execution providers, budgets).",
    no_args_is_help=True,
)

ProfileDirs = Annotated[
    list[Path] | None,
    typer.Option(
        "--profile-dir",
        "-d",
        help=f"Directory of your own profile YAML files, searched before ${PROFILE_PATH_ENV} and the shipped "
        "profiles (repeatable).",
    ),
]


@profiles_app.command("list")
def list_command(profile_dir: ProfileDirs = None) -> None:
    """List every profile found, one row per board; exit 1 if any file fails validation."""
    try:
        found = list_profiles(profile_dir)
    except ProfileError as exc:
        _print_error("error", exc)
        raise typer.Exit(1) from exc
    table = Table(
        title="Hardware profiles",
        caption="INT8 peak: dense (no sparsity); budget: inference / capture-to-actuation",
    )
    table.add_column("name", no_wrap=True)
    table.add_column("accelerator")
    table.add_column("INT8 peak (TOPS)", justify="right")
    table.add_column("bandwidth (GB/s)", justify="right")
    table.add_column("precision")
    table.add_column("rate (Hz)", justify="right")
    table.add_column("budget (ms)", justify="right")
    failures: list[ProfileError] = []
    for name in found:
        try:
            profile = load_profile(name, profile_dir)
        except ProfileError as exc:
            failures.append(exc)
            continue
        table.add_row(
            profile.name,
            escape(profile.accelerator),
            "—" if profile.compute.int8_tops is None else _format(profile.compute.int8_tops),
            _with_kind(profile, "memory.bandwidth_gb_s", _format(profile.memory.bandwidth_gb_s)),
            profile.runtime.precision,
            f"{profile.control.rate_hz:g}",
            f"{profile.budgets.inference_ms:g} / {profile.budgets.capture_to_actuation_ms:g}",
        )
    Console().print(table)
    for failure in failures:
        _print_error("invalid profile", failure)
    if failures:
        raise typer.Exit(1)


@profiles_app.command("show")
def show_command(
    name: Annotated[str, typer.Argument(help="Profile name, or the path to a profile YAML file.")],
    profile_dir: ProfileDirs = None,
) -> None:
    """Show one profile after validation, marking the figures measured on this machine."""
    try:
        profile = load_profile(name, profile_dir)
    except ProfileError as exc:
        _print_error("error", exc)
        raise typer.Exit(1) from exc
    tree = Tree(f"[bold]{profile.name}[/]  ({escape(str(profile.path))})")
    _add_branch(tree, profile, profile.model_dump(mode="json", exclude={"name"}), "")
    Console().print(tree)


def _with_kind(profile: Profile, field: str, text: str) -> str:
    return f"{text} (measured)" if profile.figure_kind(field) == "measured" else text


def _print_error(label: str, exc: ProfileError) -> None:
    """On stderr, unwrapped so file paths stay whole, and escaped so brackets are not read as markup."""
    Console(stderr=True, soft_wrap=True).print(f"[red]{label}:[/] {escape(str(exc))}")


def _format(value: Any) -> str:
    """A leaf value as YAML would write it, floats to 4 significant digits."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return f"{value:.4g}"
    return "{}" if value == {} else str(value)


def _add_branch(tree: Tree, profile: Profile, data: Any, prefix: str) -> None:
    """Render nested fields as a tree; leaves read ``key: value``, measured ones say so."""
    items = enumerate(data) if isinstance(data, list) else data.items()
    for key, value in items:
        path = f"{prefix}{key}"
        if isinstance(value, dict) and isinstance(key, int):  # an execution provider: label it by its name
            rest = {k: v for k, v in value.items() if k != "name"}
            _add_branch(tree.add(f"[bold]{value['name']}[/]"), profile, rest, f"{path}.")
        elif isinstance(value, dict | list) and value:
            _add_branch(tree.add(f"[bold]{escape(str(key))}[/]"), profile, value, f"{path}.")
        else:
            tree.add(escape(_with_kind(profile, path, f"{key}: {_format(value)}")))
