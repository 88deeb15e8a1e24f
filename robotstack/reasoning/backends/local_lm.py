"""A causal language model from a local directory (Hugging Face layout), run with ``transformers``.

For a reasoning box with a GPU, or a laptop in the lab: no network, nothing downloaded. Decoding is
greedy and bounded by ``max_new_tokens`` so a request costs a known amount of compute.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from robotstack.reasoning.backends.llm import build_messages, reply_from_text
from robotstack.reasoning.messages import PlanReply, PlanRequest


class TransformersBackend:
    """Plans with ``AutoModelForCausalLM`` loaded from ``model_dir`` (needs a chat template)."""

    name = "transformers"

    def __init__(self, model_dir: Path, *, max_new_tokens: int = 256, device: str = "cpu") -> None:
        import torch  # imported here: the on-board runtime never needs torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        model_dir = Path(model_dir)
        if not model_dir.is_dir():
            raise FileNotFoundError(f"model directory {model_dir} does not exist; expected a local causal-LM folder")
        self._torch = torch
        self._tokenizer = AutoTokenizer.from_pretrained(model_dir, local_files_only=True)
        if not self._tokenizer.chat_template:
            raise ValueError(f"the tokenizer in {model_dir} has no chat template; an instruction-tuned model is needed")
        self._model = AutoModelForCausalLM.from_pretrained(model_dir, local_files_only=True).to(device).eval()
        self._device = device
        self._max_new_tokens = max_new_tokens
        self._lock = threading.Lock()  # one generation at a time: the model is the bottleneck anyway

    def plan(self, request: PlanRequest) -> PlanReply:
        start = time.perf_counter()
        inputs = self._tokenizer.apply_chat_template(
            build_messages(request), add_generation_prompt=True, return_tensors="pt", return_dict=True
        ).to(self._device)
        prompt_tokens = inputs["input_ids"].shape[1]
        pad_id = self._tokenizer.pad_token_id
        with self._lock, self._torch.inference_mode():
            output = self._model.generate(
                **inputs,
                do_sample=False,
                max_new_tokens=self._max_new_tokens,
                pad_token_id=pad_id if pad_id is not None else self._tokenizer.eos_token_id,
            )
        new_tokens = output[0, prompt_tokens:]
        text = self._tokenizer.decode(new_tokens, skip_special_tokens=True)
        return reply_from_text(request, text, self.name, tokens_in=prompt_tokens, tokens_out=len(new_tokens),
                               compute_s=time.perf_counter() - start)
