"""AgentDesk benchmarks; run them with `python benchmarks/run.py [NAME ...]`."""
