"""Training (issue 10): simulated calls as data and the scoring of a trainee's call (Qt-free).

- ``scenarios``: scenario files in ``resources/training/scenarios/``, validated against the rules in
  force, and a coverage report (appendix-E classes, dispositions, appendix-D kinds, traps).
- ``scoring``: scores a trainee's call record against a scenario's expected outcome (HZ 7.1, 7.2,
  10.2.1) with the weights of ``resources/training/scoring.json``.
"""
