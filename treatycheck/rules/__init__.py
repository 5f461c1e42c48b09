"""Rule families: one module per family, each exposing ``CHECKS``.

The catalogue (:mod:`treatycheck.rules.catalogue`) holds every rule's
metadata; :mod:`treatycheck.rules.registry` lists the rule functions.
"""
