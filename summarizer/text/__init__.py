"""The deterministic reading of a report: load -> clean -> segment -> figures -> `Document`.

No model, no network: everything here is exact, fast and tested on its own.
"""
