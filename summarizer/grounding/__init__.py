"""Checking what the model said against the source, deterministically; the one output gate.

Never imports `llm` or `backends` (import-linter enforces it): grounding cannot call a model.
"""
