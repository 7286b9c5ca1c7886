"""The skeleton: everything a summary will contain, decided by code before any model call.

From the section tree and the figure parser, `build_skeleton` lists every fact (a figure with its
growth rates, period, qualifiers and role), every list item (measure, problem, next step, safeguard)
and every project clause, each with a stable id. The model later only names, condenses and
classifies these by id; whatever it gets wrong keeps its skeleton form. Coverage therefore never
depends on the model.
"""
