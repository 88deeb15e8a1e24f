"""Any OpenAI-compatible ``/v1/chat/completions`` endpoint (OpenAI, vLLM, llama.cpp server, Ollama, ...).

Plain ``urllib``: no SDK to install on the reasoning box. The reply's ``usage`` gives the token counts
that the client sums for cost. An API key is never sent in clear text off this machine.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlsplit

from robotstack.keys import is_loopback_host
from robotstack.reasoning.backends.llm import build_messages, reply_from_text
from robotstack.reasoning.messages import PlanReply, PlanRequest

MAX_RESPONSE_BYTES = 1024 * 1024
QUOTE_BYTES = 300


class OpenAIBackend:
    """Plans by asking a chat-completions endpoint for a JSON object, at temperature 0."""

    name = "openai"

    def __init__(
        self,
        base_url: str,
        model: str,
        *,
        api_key: str | None = None,
        timeout_s: float = 30.0,
        max_tokens: int = 512,
    ) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"base URL {base_url!r} is not accepted; expected http(s)://host[:port]/v1")
        if api_key and parts.scheme == "http" and not is_loopback_host(parts.hostname):
            raise ValueError(f"refusing to send an API key in clear text to {parts.hostname}; use https")
        self._url = base_url.rstrip("/") + "/chat/completions"
        self._model = model
        self._api_key = api_key
        self._timeout_s = timeout_s
        self._max_tokens = max_tokens

    def plan(self, request: PlanRequest) -> PlanReply:
        start = time.perf_counter()
        body = {
            "model": self._model,
            "messages": build_messages(request),
            "temperature": 0,
            "max_tokens": self._max_tokens,
            "response_format": {"type": "json_object"},
        }
        try:
            response = self._post(body)
            text = response["choices"][0]["message"]["content"]
            usage = response.get("usage") or {}
            tokens_in, tokens_out = int(usage.get("prompt_tokens", 0)), int(usage.get("completion_tokens", 0))
            if not isinstance(text, str):
                raise TypeError(f"message content is {type(text).__name__}, expected a string")
        except (OSError, ValueError, KeyError, IndexError, TypeError) as exc:  # URLError is an OSError
            return PlanReply(request_id=request.request_id, status="error", backend=self.name,
                             message=f"{self._url}: {type(exc).__name__}: {exc}",
                             compute_s=time.perf_counter() - start)
        return reply_from_text(request, text, self.name, tokens_in=tokens_in, tokens_out=tokens_out,
                               compute_s=time.perf_counter() - start)

    def _post(self, body: dict[str, Any]) -> dict[str, Any]:
        headers = {"Content-Type": "application/json"}
        if self._api_key:
            headers["Authorization"] = f"Bearer {self._api_key}"
        http_request = urllib.request.Request(self._url, data=json.dumps(body).encode(), headers=headers)
        try:
            with urllib.request.urlopen(http_request, timeout=self._timeout_s) as response:
                payload = response.read(MAX_RESPONSE_BYTES + 1)
        except urllib.error.HTTPError as exc:
            detail = exc.read(QUOTE_BYTES).decode(errors="replace")
            raise ValueError(f"HTTP {exc.code}: {detail}") from exc
        if len(payload) > MAX_RESPONSE_BYTES:
            raise ValueError(f"response is over {MAX_RESPONSE_BYTES} bytes")
        decoded = json.loads(payload)
        if not isinstance(decoded, dict):
            raise ValueError(f"response is a JSON {type(decoded).__name__}, expected an object")
        return decoded

