"""Talking to a model: prompts, the call cache, the ask -> validate -> re-ask loop, extraction, merge."""
