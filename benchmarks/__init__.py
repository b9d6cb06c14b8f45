"""Benchmarks of the travel planner (run with `make bench`)."""
