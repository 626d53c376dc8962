"""Benchmarks of issue 9; run them with `python bench/run_all.py` (see bench/RESULTS.md)."""
