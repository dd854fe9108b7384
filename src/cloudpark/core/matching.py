"""The shape every matcher returns: whether two things fit, and why, in sentences a user
reads. Culture finance (a product and a need) and supply and demand (an offer and a need, an
offer and a drama's shooting dates) both answer with it, so that pages show reasons one way."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Fit:
    fits: bool
    reasons: tuple
    misses: tuple

    @classmethod
    def of(cls, reasons, misses):
        return cls(fits=not misses, reasons=tuple(reasons), misses=tuple(misses))
