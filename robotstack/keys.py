"""CurveZMQ keys, and the rule that only loopback traffic may go without them.

A key pair is two files made by ``zmq.auth.create_certificates``: ``NAME.key`` (public, safe to copy
to peers) and ``NAME.key_secret`` (public + secret, mode 600, never leaves its machine). A server
encrypts with its pair; a client needs its own pair and the server's public key. A server may also
keep a folder of client public keys it accepts; any other client's handshake is refused.
"""

from __future__ import annotations

import ipaddress
import os
import re
from dataclasses import dataclass
from pathlib import Path

import zmq
import zmq.auth
from zmq.auth.thread import ThreadAuthenticator

_TCP_HOST_RE = re.compile(r"^tcp://(?:\[(?P<ipv6>[^\]]+)\]|(?P<host>[^:/;\[\]]+)):(?:\d+|\*)$")


class InsecureEndpointError(ValueError):
    """Binding or connecting beyond loopback without CurveZMQ keys."""


@dataclass(frozen=True)
class KeyPair:
    """One CurveZMQ key pair (Z85-encoded, as zmq socket options take them)."""

    public: bytes
    secret: bytes


@dataclass(frozen=True)
class ClientKeys:
    """What a client needs to talk to a Curve server: its own pair and the server's public key."""

    own: KeyPair
    server_public: bytes


def generate_keypair(directory: Path, name: str) -> tuple[Path, Path]:
    """Write ``name.key`` and ``name.key_secret`` under ``directory``; return (public, secret) paths.

    Refuses to overwrite an existing pair, since replacing a server key locks out every client.
    """
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", name) or name.startswith("."):
        raise ValueError(f"key name {name!r} is not accepted; use letters, digits, '_', '-', '.'")
    directory = Path(directory)
    public, secret = directory / f"{name}.key", directory / f"{name}.key_secret"
    if public.exists() or secret.exists():
        raise FileExistsError(f"key pair {name!r} already exists in {directory}; remove it first to replace it")
    directory.mkdir(parents=True, exist_ok=True)
    previous_umask = os.umask(0o077)  # the secret file is never readable by others, not even briefly
    try:
        public_file, secret_file = zmq.auth.create_certificates(str(directory), name)
    finally:
        os.umask(previous_umask)
    os.chmod(secret_file, 0o600)
    os.chmod(public_file, 0o644)
    return Path(public_file), Path(secret_file)


def load_keypair(directory: Path, name: str) -> KeyPair:
    """Read ``name.key_secret``; refuse it if others can read it."""
    path = Path(directory) / f"{name}.key_secret"
    if not path.is_file():
        raise FileNotFoundError(f"no secret key file {path}; create one with `robotstack keys generate`")
    if path.stat().st_mode & 0o077:
        raise PermissionError(f"secret key file {path} is readable by group/others; run `chmod 600 {path}`")
    public, secret = zmq.auth.load_certificate(str(path))
    if secret is None:
        raise ValueError(f"{path} holds no secret key; expected a file written by `robotstack keys generate`")
    return KeyPair(public=public, secret=secret)


def load_public_key(directory: Path, name: str) -> bytes:
    """Read the public key ``name.key`` (e.g. the server's, copied to a client)."""
    path = Path(directory) / f"{name}.key"
    if not path.is_file():
        raise FileNotFoundError(f"no public key file {path}; copy it from the machine that generated it")
    public, _ = zmq.auth.load_certificate(str(path))
    return public


def is_loopback(endpoint: str) -> bool:
    """True for endpoints that cannot leave this machine: loopback tcp, ipc and inproc."""
    if endpoint.startswith(("ipc://", "inproc://")):
        return True
    match = _TCP_HOST_RE.match(endpoint)
    if match is None:
        return False
    return is_loopback_host(match["ipv6"] or match["host"])


def is_loopback_host(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # an interface name, a host name or '*': reaches beyond this machine
        return False


def require_keys_off_loopback(endpoint: str, has_keys: bool) -> None:
    """Raise :class:`InsecureEndpointError` for a non-loopback endpoint without Curve keys."""
    if not has_keys and not is_loopback(endpoint):
        raise InsecureEndpointError(
            f"endpoint {endpoint!r} is not loopback and no CurveZMQ keys were given; accepted without keys: "
            "tcp://127.0.0.1:PORT, tcp://localhost:PORT, tcp://[::1]:PORT, ipc://, inproc://. "
            "For anything else create keys with `robotstack keys generate` and pass --keys-dir"
        )


def configure_server(socket: zmq.Socket, keys: KeyPair) -> None:
    """Make ``socket`` a Curve server (before bind): traffic is encrypted and clients must know our key."""
    socket.curve_secretkey = keys.secret
    socket.curve_publickey = keys.public
    socket.curve_server = True


def configure_client(socket: zmq.Socket, keys: ClientKeys) -> None:
    """Make ``socket`` a Curve client of the server whose public key is in ``keys`` (before connect)."""
    socket.curve_secretkey = keys.own.secret
    socket.curve_publickey = keys.own.public
    socket.curve_serverkey = keys.server_public


def start_authenticator(context: zmq.Context, authorized_clients: Path) -> ThreadAuthenticator:
    """Accept only clients whose public ``*.key`` files are in ``authorized_clients`` (ZAP, all domains).

    The caller stops it with ``.stop()`` when its sockets close.
    """
    if not Path(authorized_clients).is_dir():
        raise FileNotFoundError(f"authorized clients folder {authorized_clients} does not exist")
    authenticator = ThreadAuthenticator(context)
    authenticator.start()
    authenticator.configure_curve(domain="*", location=str(authorized_clients))
    return authenticator
