"""Deliverables from a grounded summary: brief, plan, digest, review page; rendering, docx, charts, guard."""
