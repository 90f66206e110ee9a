"""Work spread over forked processes gives what the main process alone would give."""

import pytest

from belde.press.forked import forked_map


def test_results_come_back_in_order_from_every_worker():
    items = list(range(2500))
    assert forked_map(lambda n: (n, n * n), items, workers=3) == [(n, n * n) for n in items]


def test_a_failing_worker_fails_the_whole_map_with_its_traceback():
    def fragile(n):
        if n == 1001:  # dealt to a child: 1001 % 2 == 1
            raise ValueError("item 1001 is broken")
        return n

    with pytest.raises(RuntimeError, match="item 1001 is broken"):
        forked_map(fragile, list(range(2000)), workers=2)
