"""``robotstack reasoner ...`` (run the reasoning service) and ``robotstack keys ...`` (CurveZMQ keys)."""

from __future__ import annotations

import json
import logging
import os
import signal
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from robotstack.keys import ClientKeys, generate_keypair, load_keypair, load_public_key
from robotstack.reasoning.backends import BackendName, create_backend
from robotstack.reasoning.client import query_stats
from robotstack.reasoning.messages import DEFAULT_ENDPOINT
from robotstack.reasoning.service import ReasonerService

reasoner_app = typer.Typer(help="The reasoning tier: turns free-form instructions into plans over pyzmq.")
keys_app = typer.Typer(help="CurveZMQ key pairs for reasoning-tier traffic that leaves this machine.")

SERVER_KEY_NAME = "server"
CLIENT_KEY_NAME = "client"
AUTHORIZED_CLIENTS_DIR = "authorized_clients"
API_KEY_ENV = "OPENAI_API_KEY"

KeysDirOption = Annotated[
    Path | None,
    typer.Option(help=f"Folder with {SERVER_KEY_NAME}.key_secret (serve) or {CLIENT_KEY_NAME}.key_secret + "
                      f"{SERVER_KEY_NAME}.key (stats); for serve, an optional {AUTHORIZED_CLIENTS_DIR}/ "
                      "folder of client .key files restricts who may connect."),
]


@reasoner_app.command()
def serve(
    backend: Annotated[BackendName, typer.Option(help="Planner: rules (no model), transformers, openai.")] = "rules",
    bind: Annotated[str, typer.Option(help="zmq endpoint; non-loopback needs --keys-dir.")] = DEFAULT_ENDPOINT,
    model_dir: Annotated[Path | None, typer.Option(help="Local causal-LM folder (transformers).")] = None,
    base_url: Annotated[str | None, typer.Option(help="OpenAI-compatible base URL ending in /v1 (openai).")] = None,
    model: Annotated[str, typer.Option(help=f"Model name (openai); the API key is read from ${API_KEY_ENV}.")] = "",
    keys_dir: KeysDirOption = None,
    workers: Annotated[int, typer.Option(help="Requests planned at once.")] = 4,
) -> None:
    """Serve plans until interrupted (Ctrl-C or SIGTERM)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    authorized = keys_dir / AUTHORIZED_CLIENTS_DIR if keys_dir else None
    try:
        service = ReasonerService(
            create_backend(backend, model_dir=model_dir, base_url=base_url, model=model,
                           api_key=os.environ.get(API_KEY_ENV)),
            bind,
            server_keys=load_keypair(keys_dir, SERVER_KEY_NAME) if keys_dir else None,
            authorized_clients=authorized if authorized and authorized.is_dir() else None,
            workers=workers,
        )
    except (ValueError, OSError) as exc:
        _fail(exc)
    signal.signal(signal.SIGTERM, lambda *_: service.stop())
    try:
        service.run()
    except KeyboardInterrupt:
        service.stop()


@reasoner_app.command()
def stats(
    endpoint: Annotated[str, typer.Option(help="The service's zmq endpoint.")] = DEFAULT_ENDPOINT,
    keys_dir: KeysDirOption = None,
    timeout_s: Annotated[float, typer.Option(help="How long to wait for the answer.")] = 2.0,
) -> None:
    """Print a running service's counters (requests, dropped messages, replies by status) as JSON."""
    try:
        keys = None
        if keys_dir:
            keys = ClientKeys(own=load_keypair(keys_dir, CLIENT_KEY_NAME),
                              server_public=load_public_key(keys_dir, SERVER_KEY_NAME))
        typer.echo(json.dumps(query_stats(endpoint, timeout_s=timeout_s, keys=keys), indent=2))
    except (ValueError, OSError) as exc:  # TimeoutError is an OSError
        _fail(exc)


@keys_app.command()
def generate(
    directory: Annotated[Path, typer.Option("--dir", help="Folder to write the key files into.")],
    name: Annotated[str, typer.Option(help=f"Key name, e.g. {SERVER_KEY_NAME} or {CLIENT_KEY_NAME}.")],
) -> None:
    """Write NAME.key (public: copy it to peers) and NAME.key_secret (mode 600: keep it here)."""
    try:
        public, secret = generate_keypair(directory, name)
    except (ValueError, OSError) as exc:
        _fail(exc)
    Console().print(f"public key: {public}\nsecret key: {secret} (mode 600; never copy it)")


def _fail(exc: Exception) -> NoReturn:
    Console(stderr=True).print(f"[red]error:[/red] {exc}")
    raise typer.Exit(2)
