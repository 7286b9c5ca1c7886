"""LLM backends behind one protocol (`base.Backend`); the pipeline never knows which one it has."""
