import pytest

from robotstack.stats import percentiles, wilson_interval


def test_wilson_interval_known_values():
    low, high = wilson_interval(98, 100)
    assert low == pytest.approx(0.9300, abs=1e-3) and high == pytest.approx(0.9945, abs=1e-3)
    assert wilson_interval(0, 10)[0] == 0.0 and wilson_interval(10, 10)[1] == 1.0


def test_wilson_interval_rejects_impossible_counts():
    with pytest.raises(ValueError):
        wilson_interval(5, 0)
    with pytest.raises(ValueError):
        wilson_interval(11, 10)


def test_percentiles():
    assert percentiles(list(range(101))) == {"p50": 50.0, "p99": 99.0}
