"""The cheap first pass of a learned model (learn step; reads Features, adds nothing itself).

The sentence embedding is most of what `voc analyze --model` costs (about
2 ms per text per core, against well under 1 ms for the hashed n-grams and the
lexicon outputs). Many rows do not need it: "thank you so much!" is positive
to any model. So sentiment and scope each get a second, *screen* head fitted
on the same rows without the embedding block, and a row is embedded only when
some screen head is unsure of it; a sure row keeps the screen's answer.

Categories get no screen: with nine one-vs-rest categories, 88-93% of rows had
one the screen was unsure of, and Polish macro-F1 fell from 0.647 to 0.627. A
model that holds categories embeds every row.

``CONFIDENCE`` was chosen on the tune half of the dev sets (benchmarks/learn.py
--screen): training on 400 tune rows, a screen head's answer at a probability
of 0.7 or more left macro-F1 within 0.002 of the full model on airline,
PolEmo and Russian sentiment and on service vs experience, while only 40-60%
of rows needed the embedding; at 0.6 F1 dropped by up to 0.022.
"""

from __future__ import annotations

import numpy as np

CONFIDENCE = 0.7


def sure(p: np.ndarray, confidence: float) -> np.ndarray:
    """Rows (bool) whose answer from probabilities ``p`` (rows x classes) is clear: one class at ``confidence`` or more."""
    return p.max(axis=1) >= confidence


def without_embedding(weights: dict[str, float]) -> dict[str, float]:
    """Feature weights for a screen head: the embedding block weighs 0, so it holds no entry of the
    sparse matrix and the head's fitted columns never include it."""
    return {**weights, "embedding": 0.0}
