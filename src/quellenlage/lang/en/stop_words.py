"""Frequent English function words (language guessing)."""

STOP_WORDS = frozenset(
    """
a about after all also an and are as at be been but by for from has have he her his in into
is it its meets more not of on or our she that the their they this to was were which while
who will with would you
""".split()
)
