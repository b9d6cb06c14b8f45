"""Tests of the travel planner orchestrator."""
