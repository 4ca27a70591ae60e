"""Weekly summaries: load rows (store or results) -> periods -> build tables and findings -> render and write.

``make.py`` runs the steps for ``voc report``; each module names its step.
"""
