"""Whole runs: one document end to end, many documents with resume, the OpenAI Batch API route."""
