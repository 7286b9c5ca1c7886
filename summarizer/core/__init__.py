"""Shared ground every stage stands on: domain types, the summary schema, errors, settings, file writes."""
