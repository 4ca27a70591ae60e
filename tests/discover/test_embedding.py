"""What discovery embeds: the sentence embedding of the masked text joined with voc's features."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from voc.discover.embedding import HybridEmbedder
from voc.discover.mask import ThemeMask

TWEETS = [
    "@AcmeAir my bag never arrived in Lisbon https://t.co/x1",
    "@AcmeAir waited 2 hours on hold, nobody picked up",
    "AcmeAir lost my luggage again #fail",
    "@AcmeAir the flight left three hours late",
    "AcmeAir refund still not on my card after a month",
    "@AcmeAir the app crashes when I try to check in",
    "@AcmeAir great crew on the flight to Rome, thanks",
    "AcmeAir seat was broken and the screen did not work",
    "@AcmeAir why does changing a ticket cost 90 euros",
    "AcmeAir agent at the gate was rude to my mother",
]


def test_the_brand_in_every_comment_handles_and_links_go_and_the_complaint_stays():
    mask = ThemeMask().fit(TWEETS * 2)  # the bare brand in 8 of 20 comments; each complaint in 2
    assert mask.terms_ == ["acmeair"]
    assert mask(TWEETS[0]) == "my bag never arrived in Lisbon"
    assert mask(TWEETS[2]) == "lost my luggage again fail"  # a hashtag keeps its word


def test_only_terms_in_a_tenth_of_the_comments_are_masked_and_the_mask_travels_with_the_model():
    others = [f"the parcel {i} came on time" for i in range(60)]
    mask = ThemeMask().fit(TWEETS * 4 + others)  # 100 comments: the bare brand in 16, luggage in 4
    assert mask.terms_ == ["acmeair", "came", "parcel", "time"]  # "the", "on": under 4 letters, never masked
    again = pickle.loads(pickle.dumps(mask))
    assert again(TWEETS[2]) == "lost my luggage again fail"


@pytest.mark.filterwarnings("ignore:invalid value encountered in divide")  # SVD of identical rows: zero variance
def test_paraphrases_meet_and_other_complaints_about_the_same_brand_stay_apart():
    # The same features for every comment: only the sentence embedding tells them apart.
    features = [["c:airline", "c:complaint"]] * len(TWEETS)
    vectors = HybridEmbedder().fit_transform(features, TWEETS)
    assert vectors.shape[0] == len(TWEETS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    similarity = vectors @ vectors.T
    lost_bag, lost_luggage = 0, 2
    assert similarity[lost_bag, lost_luggage] > max(similarity[lost_bag, j] for j in range(len(TWEETS)) if j not in (0, 2))
