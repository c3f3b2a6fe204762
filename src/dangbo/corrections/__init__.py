"""Voiding and correcting the records of the work areas (issue 20, item 2): see `kinds`."""
