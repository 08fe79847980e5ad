"""Call compliance (HZ 7.1, 10.2.1): forbidden service phrases and the scripts a call-taker says.

- ``normalize``: folding of width, case, traditional characters and look-alikes for matching.
- ``phrases``: the forbidden-phrase list and a matcher that maps hits back to the original text.
- ``scripts``: greeting, closing and situational scripts, chosen by call phase and filled safely.
"""
