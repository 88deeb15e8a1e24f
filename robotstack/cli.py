"""The `robotstack` command line: one typer app with a sub-app per area."""

from __future__ import annotations

import typer

from robotstack.cli_profiles import profiles_app
from robotstack.cli_reasoner import keys_app, reasoner_app
from robotstack.cli_run import evaluate, profile_policy, run, sweep
from robotstack.cli_sim import sim_app
from robotstack.cli_train import collect, ensemble, export, quantize, route, train_policy, unensemble, unroute

app = typer.Typer(help="robotstack: an on-board control stack for robots that think on the board.",
                  no_args_is_help=True)
app.command("run")(run)
app.command("eval")(evaluate)
app.command("sweep")(sweep)
app.command("profile")(profile_policy)
app.command("train")(train_policy)
app.command("collect")(collect)
app.command("quantize")(quantize)
app.command("ensemble")(ensemble)
app.command("unensemble")(unensemble)
app.command("route")(route)
app.command("unroute")(unroute)
app.command("export")(export)
app.add_typer(sim_app, name="sim")
app.add_typer(profiles_app, name="profiles")
app.add_typer(reasoner_app, name="reasoner")
app.add_typer(keys_app, name="keys")

if __name__ == "__main__":
    app()
