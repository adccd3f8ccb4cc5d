"""Benchmarks: how live the panels feel, measured against naive baselines in the same run."""
