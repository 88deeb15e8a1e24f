"""Planners the reasoning service can run, behind one small protocol.

``rules`` needs nothing; ``transformers`` needs torch and transformers (the ``[train]`` extra) and is
imported only when chosen; ``openai`` needs an OpenAI-compatible HTTP endpoint.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, Protocol

from robotstack.reasoning.messages import PlanReply, PlanRequest

BackendName = Literal["rules", "transformers", "openai"]


class Backend(Protocol):
    """Turns one request into one reply; called from several service threads at once.

    A backend reports a bad instruction or a bad model answer in the reply's status (invalid, clarify,
    error) rather than raising; the service turns anything raised into an ``error`` reply.
    """

    name: str

    def plan(self, request: PlanRequest) -> PlanReply: ...


def create_backend(
    name: BackendName,
    *,
    model_dir: Path | None = None,
    base_url: str | None = None,
    model: str = "",
    api_key: str | None = None,
) -> Backend:
    """Build the backend called ``name``, checking that the options it needs were given."""
    if name == "rules":
        from robotstack.reasoning.backends.rules import RulesBackend

        return RulesBackend()
    if name == "transformers":
        if model_dir is None:
            raise ValueError("backend 'transformers' needs --model-dir: a local causal-LM directory")
        try:
            from robotstack.reasoning.backends.local_lm import TransformersBackend

            return TransformersBackend(model_dir)
        except ImportError as exc:
            raise ValueError(f"backend 'transformers' needs torch and transformers ({exc}); "
                             "install them with: pip install 'robotstack[train]'") from exc
    if name == "openai":
        if not base_url or not model:
            raise ValueError("backend 'openai' needs --base-url (e.g. http://127.0.0.1:8000/v1) and --model")
        from robotstack.reasoning.backends.openai_http import OpenAIBackend

        return OpenAIBackend(base_url, model, api_key=api_key)
    raise ValueError(f"unknown backend {name!r}; accepted: rules, transformers, openai")
