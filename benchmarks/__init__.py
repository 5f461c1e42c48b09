"""Micro-benchmarks, run as modules (``python -m benchmarks.bench_dates``); not tests."""
