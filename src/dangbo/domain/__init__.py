"""The domain rules as plain Python: no database, no Django models.

The single-event services and the bulk importer both call this code, so every rule is
written once (domain.md: hard invariants and regulatory rules).
"""
