"""Topic discovery: themes the taxonomy does not know, across languages (BERTopic, offline).

features.py   analysed rows -> feature lists (concepts, taxonomy topics, lemmas)
embedding.py  feature lists -> dense vectors (TF-IDF + TruncatedSVD), cross-lingual via concepts
assign.py     analysed batches -> what discovery keeps per comment; fit or load, one topic per comment
engine.py     BERTopic with named roles (reducer, clusterer), seeded, small-input aware, save/load offline
grow.py       with a saved model: new themes no known topic covers become new topics
describe.py   per-topic labels, terms per language, examples, sentiment and scope mix, taxonomy overlap
weekly.py     week to week: the run's ISO week, saved labels, new_theme, first_seen, saving with --update
outputs.py    topics.csv, assignments.csv, topics.png, topics.md
"""
