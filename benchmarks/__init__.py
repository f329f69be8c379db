"""Benchmarks: `python -m benchmarks` (or `make bench`) runs every module here and prints JSON.

Each module exposes ``run() -> dict``. They run against a throwaway database, broker folder and
private storage created by ``__main__`` (never the developer's own), so results are repeatable.
"""
