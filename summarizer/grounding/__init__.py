"""Checking what the model said against the source, deterministically, and the rule the output gate applies.

Never imports `llm` or `backends` (import-linter enforces it): grounding cannot call a model.
"""
