"""Speed budgets for scopewiz: run ``python bench/run.py`` (see bench/README.md)."""
