"""Multi-agent travel planner."""
