import pytest

from tools.catalogue import find_gpu, load_catalogue


@pytest.mark.parametrize("name,key", [("h100", "h100-sxm"), ("H100 SXM", "h100-sxm"), ("H100-SXM5", "h100-sxm"),
                                      ("NVIDIA H100", "h100-sxm"), ("H100s", "h100-sxm"), ("إتش 100", "h100-sxm"),
                                      ("a100", "a100-sxm"), ("GB200 NVL72", "gb200"), ("mi300x", "mi300x")])
def test_find_gpu_is_format_insensitive(name, key):
    assert find_gpu(name).key == key


def test_unknown_gpu():
    assert find_gpu("tpu v9") is None


def test_every_entry_has_source_and_dense_bf16():
    for spec in load_catalogue().values():
        assert spec.source
        assert spec.peak_flops_bf16_dense > 1e13
        assert spec.power_watts > 0
    # dense, not the with-sparsity figure
    assert find_gpu("h100").peak_flops_bf16_dense == 989e12
