"""The supervisor's wallboard (issue 9): supervisors and admins only."""
