"""Pure domain: shared vocabulary, identity normalization and formulas. No Qt, no I/O."""
