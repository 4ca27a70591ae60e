"""The signal rules on hand-made cues: precedence, negation, averted threats, pairs in one clause."""

from __future__ import annotations

from voc.analyse.text import Clause, Parsed, Token
from voc.signals.cues import Cue
from voc.signals.rules import decide


def _parsed(*clauses: str, question: tuple[int, ...] = (), shouts: tuple[int, ...] = ()) -> Parsed:
    out = Parsed("en")
    for i, text in enumerate(clauses):
        tokens = [Token(w, (w,), w, caps=i in shouts) for w in text.split()]
        out.clauses.append(Clause(tokens, text, question=i in question))
    return out


def _cue(signal: str, value: str, term: str, clause: int = 0, position: int = 0, negated: bool = False) -> Cue:
    return Cue(signal, value, term, clause, position, negated)


def test_request_wins_over_question_complaint_and_praise():
    parsed = _parsed("great staff", "the parcel is late", "please refund me", question=(2,))
    found = decide(parsed, [_cue("intent", "request", "refund me", 2)], [0.6, -0.5, 0.0])
    assert found.intent == "request" and "intent=request (refund me)" in found.evidence


def test_a_question_mark_is_a_question_unless_the_clause_vents_or_proposes():
    assert decide(_parsed("is the shop open on sunday", question=(0,)), [], [0.0]).intent == "question"
    shouted = _parsed("why is it always late")
    shouted.clauses[0].question, shouted.clauses[0].exclamations = True, 1
    assert decide(shouted, [], [-0.5]).intent == "complaint"
    vents = _parsed("do you even read these emails", question=(0,))
    assert decide(vents, [_cue("intent", "complaint", "do you even")], [0.0]).intent == "complaint"
    idea = _parsed("why not add a kids menu", question=(0,))
    assert decide(idea, [_cue("intent", "suggestion", "why not add")], [0.0]).intent == "suggestion"


def test_mixed_opinion_takes_the_side_the_text_ends_on():
    found = decide(_parsed("lovely room", "terrible breakfast"), [], [0.5, -0.6])
    assert (found.intent, found.emotion) == ("complaint", "disappointment")
    found = decide(_parsed("i nearly closed my account", "they refunded me within the hour, brilliant"), [], [-0.4, 0.6])
    assert (found.intent, found.emotion) == ("praise", "joy")


def test_no_cue_and_no_opinion_is_other_with_no_feeling():
    found = decide(_parsed("we ordered on tuesday"), [], [0.0])
    assert (found.intent, found.emotion, found.churn_risk, found.effort, found.evidence) == ("other", "none", False, "normal", "")


def test_the_emotion_with_most_cues_wins_and_a_tie_goes_to_the_later_one():
    cues = [_cue("emotion", "anger", "scam", 0), _cue("emotion", "gratitude", "thank you", 1)]
    assert decide(_parsed("a scam", "thank you anyway"), cues, [-0.5, 0.3]).emotion == "gratitude"
    cues.append(_cue("emotion", "anger", "disgrace", 1, 3))
    assert decide(_parsed("a scam", "thank you anyway disgrace"), cues, [-0.5, 0.3]).emotion == "anger"


def test_politeness_formulas_and_negated_cues_express_nothing():
    cues = [_cue("emotion", "none", "thanks in advance"), _cue("emotion", "joy", "happy", negated=True)]
    assert decide(_parsed("not happy thanks in advance"), cues, [0.0]).emotion == "none"


def test_shouting_in_a_negative_clause_is_anger():
    assert decide(_parsed("WORST service EVER", shouts=(0,)), [], [-0.8]).emotion == "anger"


def test_leaving_counts_unless_negated_or_averted():
    leave = _cue("churn", "leave", "switch to")
    assert decide(_parsed("i will switch to another bank"), [leave], [0.0]).churn_risk
    assert not decide(_parsed("i will not switch to another bank"), [_cue("churn", "leave", "switch to", negated=True)], [0.0]).churn_risk
    averted = _cue("churn", "averted", "almost")
    assert not decide(_parsed("i almost switched to another bank"), [averted, leave], [0.0]).churn_risk
    # an averted threat in one clause does not excuse leaving in the next
    assert decide(_parsed("i almost left", "now i switch to another bank"), [averted, _cue("churn", "leave", "switch to", 1)], [0.0, 0.0]).churn_risk


def test_coming_back_counts_only_negated():
    assert decide(_parsed("i will never come back"), [_cue("churn", "return", "come back", negated=True)], [0.0]).churn_risk
    assert not decide(_parsed("i will come back"), [_cue("churn", "return", "come back")], [0.0]).churn_risk


def test_ending_a_relationship_needs_both_words_in_one_clause():
    end, contract = _cue("churn", "end", "cancel"), _cue("churn", "relationship", "contract", 0, 3)
    found = decide(_parsed("i want to cancel my contract"), [end, contract], [0.0])
    assert found.churn_risk and "churn (cancel + contract)" in found.evidence
    assert not decide(_parsed("how do i cancel this order"), [end], [0.0]).churn_risk
    assert not decide(_parsed("cancel it", "the contract is fine"), [end, _cue("churn", "relationship", "contract", 1)], [0.0, 0.3]).churn_risk


def test_effort_is_a_cue_or_a_contact_repeated_in_one_clause():
    assert decide(_parsed("kept on hold"), [_cue("effort", "effort", "on hold")], [0.0]).effort == "high"
    called, again = _cue("effort", "contact", "called"), _cue("effort", "repeat", "again", 0, 2)
    assert decide(_parsed("i called them again"), [called, again], [0.0]).effort == "high"
    assert decide(_parsed("i called them", "delivery again late"), [called, _cue("effort", "repeat", "again", 1)], [0.0, -0.3]).effort == "normal"


def test_switching_is_churn_only_with_a_rival_or_a_firm_close_after_the_verb():
    def switch(position: int, end: int, negated: bool = False) -> Cue:
        return Cue("churn", "switch", "switching", 0, position, negated, end)

    firm = _cue("churn", "firm", "provider", 0, 5)
    found = decide(_parsed("from may im switching to a cheaper provider"), [switch(3, 4), _cue("churn", "firm", "provider", 0, 7)], [0.0])
    assert found.churn_risk and "churn (switching + provider)" in found.evidence
    assert decide(_parsed("taking my business elsewhere"), [switch(0, 3), _cue("churn", "rival", "elsewhere", 0, 3)], [0.0]).churn_risk
    assert not decide(_parsed("they switched my flight to another airline"), [switch(1, 2), _cue("churn", "firm", "airline", 0, 6)], [0.0]).churn_risk
    assert not decide(_parsed("the provider keeps switching me"), [_cue("churn", "firm", "provider", 0, 1), switch(3, 4)], [0.0]).churn_risk
    assert not decide(_parsed("i am not switching to a new provider"), [switch(3, 4, negated=True), firm], [0.0]).churn_risk
    averted = _cue("churn", "averted", "almost")
    assert not decide(_parsed("i almost switched to a new provider"), [averted, switch(2, 3), firm], [0.0]).churn_risk
    assert not decide(_parsed("switching to a new provider"), [switch(0, 1)], [0.0]).churn_risk  # no object found: nothing


def test_doing_business_with_a_rival_is_churn_but_with_a_firm_is_not():
    def custom(position: int, end: int, negated: bool = False) -> Cue:
        return Cue("churn", "custom", "booking with", 0, position, negated, end)

    rival = _cue("churn", "rival", "competitor", 0, 5)
    found = decide(_parsed("ill be booking with your competitor"), [custom(2, 4), rival], [0.0])
    assert found.churn_risk and "churn (booking with + competitor)" in found.evidence
    assert not decide(_parsed("we always book with this airline"), [custom(2, 4), _cue("churn", "firm", "airline", 0, 5)], [0.0]).churn_risk
    assert not decide(_parsed("i never book with your competitor"), [custom(2, 4, negated=True), rival], [0.0]).churn_risk
    assert not decide(_parsed("your competitor is where i book"), [_cue("churn", "rival", "competitor", 0, 1), custom(4, 5)], [0.0]).churn_risk
    far = _cue("churn", "rival", "competitor", 0, 9)  # beyond REACH: the rival belongs to something else
    assert not decide(_parsed("i book with you because the prices beat any competitor"), [custom(1, 3), far], [0.0]).churn_risk


def test_switching_cues_in_every_language():
    import polars as pl

    from voc.batch import Analyzer

    leaving = [
        "From next month I'm switching to a cheaper provider, I've had enough of the dropped calls.",
        "Dal mese prossimo passo a un altro operatore, questo servizio non lo sopporto più.",
        "Od przyszłego miesiąca przechodzę do innego operatora, mam dość zrywanych połączeń.",
        "Со следующего месяца перехожу в другой банк, надоели постоянные комиссии.",
    ]
    staying = [
        "They switched my flight to another airline without asking me first.",
        "Mi hanno spostato su un altro volo senza nemmeno avvisarmi.",
        "Zmieniłam datę dostawy w aplikacji i wszystko przyszło na czas.",
        "Поменяла пароль в приложении, теперь всё работает нормально.",
    ]
    out = Analyzer(text_col="text")(pl.DataFrame({"text": leaving + staying}))
    assert out.get_column("language").to_list() == ["en", "it", "pl", "ru"] * 2
    assert out.get_column("churn_risk").to_list() == [True] * 4 + [False] * 4


def test_doing_business_elsewhere_in_every_language_and_one_word_in_two_roles():
    import polars as pl

    from voc.batch import Analyzer

    leaving = [
        "From now on I'll be booking with your competitor, this was the last straw.",
        "Da ora in poi comprerò su altri siti, il servizio clienti è pessimo.",  # comprerò: a custom cue here
        "Non comprerò più da voi, il servizio clienti è pessimo.",  # ... and a return cue, negated, here
        "Zakupy robię teraz gdzie indziej, bo u was ciągle brakuje towaru.",
    ]
    staying = [
        "We always book with this airline and the crew is lovely.",
        "Comprerò un altro ombrello domani, questo si è rotto subito.",
        "Zamawiam u was od lat i zawsze wszystko przychodzi na czas.",
    ]
    out = Analyzer(text_col="text")(pl.DataFrame({"text": leaving + staying}))
    assert out.get_column("churn_risk").to_list() == [True] * 4 + [False] * 3
    evidence = out.get_column("evidence").to_list()
    # an "a|b" term shows the words it matched, not its list of alternatives
    assert "churn (comprerò + altri siti)" in evidence[1] and "|" not in evidence[1]


def test_a_bare_verb_is_a_request_only_where_it_opens_its_clause():
    def cue(clause: int, position: int) -> Cue:
        return _cue("intent", "imperative", "cancel my|the", clause, position)

    found = decide(_parsed("cancel my membership now"), [cue(0, 0)], [0.0])
    assert found.intent == "request" and "intent=request (cancel my|the)" in found.evidence
    assert decide(_parsed("the delay meant i had to cancel my trip"), [cue(0, 5)], [-0.4]).intent == "complaint"
    assert decide(_parsed("awful service", "cancel the order"), [cue(1, 0)], [-0.6, 0.0]).intent == "request"
    # "cancelled my membership" matches "cancel my" through the lemma; only the bare verb gives an order.
    assert decide(_parsed("cancelled my membership today"), [cue(0, 0)], [0.0]).intent == "other"


def test_please_asks_for_something_unless_a_longer_term_says_what():
    import polars as pl

    from voc.batch import Analyzer

    texts = [
        "Please look at my booking again, the return date is wrong.",  # no longer term: "please" alone
        "Please add more vegetarian dishes to the menu.",  # "please add": a suggestion
        "Please advise whether the lounge is open on Sundays.",  # "please advise": a question
        "I was pleased with the quick delivery.",  # "pleased" is not "please"
    ]
    out = Analyzer(text_col="text")(pl.DataFrame({"text": texts}))
    assert out.get_column("intent").to_list() == ["request", "suggestion", "question", "praise"]
