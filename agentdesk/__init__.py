"""AgentDesk: a unified agent workspace for contact centers."""

__version__ = "0.1.0"
