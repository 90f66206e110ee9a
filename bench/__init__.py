"""Benchmark: the same generated corpus built with Belde and with plain Pelican (python -m bench.run)."""
