"""Instruction embeddings on the board: the ONNX export of all-MiniLM-L6-v2 with the ``tokenizers`` library.

No torch: the encoder file and its ``tokenizer.json`` are produced once on a training machine
(``robotstack.policies.text_encoder.export_bundle``) and travel with the policy. Embeddings are cached per
text, so a loop that re-embeds the same subtask phrase pays once.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import onnxruntime as ort

ENCODER_FILE = "text_encoder.onnx"
TOKENIZER_FILE = "tokenizer.json"
MAX_TOKENS = 64
DEFAULT_DIR_ENV = "ROBOTSTACK_TEXT_ENCODER_DIR"


def default_encoder_dir() -> Path:
    """Where the encoder bundle is looked for: ``$ROBOTSTACK_TEXT_ENCODER_DIR`` or ``~/.cache/robotstack/minilm``."""
    return Path(os.environ.get(DEFAULT_DIR_ENV, Path.home() / ".cache" / "robotstack" / "minilm"))


class OnnxTextEncoder:
    """Embeds text with ONNX Runtime; 384-d, mean-pooled, L2-normalised (the policy contract's embedding)."""

    def __init__(self, directory: str | Path | None = None, threads: int = 1) -> None:
        from tokenizers import Tokenizer

        directory = Path(directory or default_encoder_dir())
        model, tokenizer = directory / ENCODER_FILE, directory / TOKENIZER_FILE
        missing = [str(p) for p in (model, tokenizer) if not p.is_file()]
        if missing:
            raise FileNotFoundError(
                f"text encoder files missing: {missing}; create them on a machine with the [train] extra with "
                f"`robotstack export-text-encoder --out {directory}`"
            )
        self.tokenizer = Tokenizer.from_file(str(tokenizer))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()  # batch of one: padding would only add masked tokens
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        self.session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        self._cache: dict[str, np.ndarray] = {}

    def __call__(self, text: str) -> np.ndarray:
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        encoding = self.tokenizer.encode(text)
        ids = np.array([encoding.ids], dtype=np.int64)
        mask = np.array([encoding.attention_mask], dtype=np.int64)
        out = self.session.run(["embedding"], {"input_ids": ids, "attention_mask": mask})[0][0].astype(np.float32)
        out.setflags(write=False)
        self._cache[text] = out
        return out
