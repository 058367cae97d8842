"""Quotes with speakers: the seed story's known quotes, and tricky cases written for this test."""

from __future__ import annotations

from dataclasses import MISSING, fields, replace

import pytest

from quellenlage.analyse.quotes import Quote, find_quotes, find_terms
from quellenlage.lang.base import LanguageData, SpeechData
from quellenlage.model import Article, RawItem, Rejection
from quellenlage.pipeline import build_article
from quellenlage.settings import Settings


def article(text: str) -> Article:
    built = build_article(RawItem("t", text, "t"), Settings())
    assert not isinstance(built, Rejection)
    return built


def quotes(text: str, german: LanguageData) -> list[tuple[str, str, str | None]]:
    found = find_quotes(article(text), german)
    return [(q.kind, text[q.start : q.end], q.speaker) for q in found]


def seed_quotes(seed_texts: dict[str, str], key: str, german: LanguageData) -> list[Quote]:
    return find_quotes(article(seed_texts[key]), german)


def speaker_of(found: list[Quote], text: str, start_of_quote: str) -> str | None:
    [quote] = [q for q in found if text[q.start : q.end].startswith(start_of_quote)]
    return quote.speaker


@pytest.mark.parametrize(
    ("key", "start", "speaker"),
    [
        ("001", "Bislang konnte kein Kompromiss", "Uschakow"),
        ("003", "Es wurden noch keine Kompromisse", "Juri Uschakow"),
        ("003", "Wir haben nicht über konkrete", "Juri Uschakow"),  # standalone continuation
        ("003", "Wir werden keinen Krieg", "Putin"),
        ("003", "Ich denke, die Regierung", "Karoline Leavitt"),  # apposition after a role
        ("003", "Produktiv", "Dmitriev"),
        ("004", "Was wir also versucht haben", "Rubio"),
        ("002", "Wladimir Putin sucht immer", "Johann Wadephul"),  # "sagte er" -> subject
        ("002", "Ich habe jedes Vertrauen", "Rutte"),
        ("002", "produktiv", "Dmitrijew"),  # partial quote, subject before the verb
    ],
)
def test_seed_direct_quotes(
    key: str, start: str, speaker: str, seed_texts: dict[str, str], german: LanguageData
) -> None:
    found = seed_quotes(seed_texts, key, german)
    assert speaker_of(found, seed_texts[key], start) == speaker


@pytest.mark.parametrize("key", ["002", "004"])
def test_seed_indirect_die_seiten_seien(
    key: str, seed_texts: dict[str, str], german: LanguageData
) -> None:
    text = seed_texts[key]
    [quote] = [
        q
        for q in seed_quotes(seed_texts, key, german)
        if text[q.start : q.end].startswith("Die Seiten seien")
    ]
    assert quote.kind == "indirect"
    assert quote.speaker is not None and quote.speaker.endswith("Uschakow")


def test_scare_quotes_are_not_speech(seed_texts: dict[str, str], german: LanguageData) -> None:
    text = seed_texts["000"]
    assert all(
        q.speaker is not None
        for q in seed_quotes(seed_texts, "000", german)
        if text[q.start : q.end] != "Grundlage für eine künftige Einigung"
    )


def test_colon_introduced_quote(german: LanguageData) -> None:
    text = "Die Ministerin Anna Berg sagte: „Wir werden die Brücke so schnell wie möglich öffnen.“"
    assert quotes(text, german) == [
        ("direct", "Wir werden die Brücke so schnell wie möglich öffnen.", "Anna Berg")
    ]


def test_quote_spanning_sentences_then_attribution(german: LanguageData) -> None:
    text = (
        "„Die Lage ist ernst. Wir brauchen jetzt Geduld“, sagte Bürgermeister Jens Albers am Abend."
    )
    assert quotes(text, german) == [
        ("direct", "Die Lage ist ernst. Wir brauchen jetzt Geduld", "Jens Albers")
    ]


def test_nested_quotes(german: LanguageData) -> None:
    text = "„Er nannte das Projekt ‚völlig überteuert‘, das stimmt nicht“, erklärte Sabine Roth."
    found = quotes(text, german)
    assert found[0] == (
        "direct",
        "Er nannte das Projekt ‚völlig überteuert‘, das stimmt nicht",
        "Sabine Roth",
    )


def test_speaker_named_only_by_role_later(german: LanguageData) -> None:
    text = (
        "„Das Geld reicht nicht“, sagte Stadtkämmerer Paul Vogt. "
        "Es fehlten rund zwei Millionen Euro, sagte der Kämmerer."
    )
    found = quotes(text, german)
    assert found[1] == ("indirect", "Es fehlten rund zwei Millionen Euro", "Paul Vogt")


def test_indirect_with_pronoun_and_so(german: LanguageData) -> None:
    text = (
        "Innenministerin Lea Hahn verteidigte den Plan. Die Kosten seien vertretbar, "
        "so Hahn. Man habe alle Varianten geprüft, sagte sie."
    )
    found = quotes(text, german)
    assert [(kind, speaker) for kind, _, speaker in found] == [
        ("indirect", "Hahn"),
        ("indirect", "Hahn"),
    ]


def test_conditional_is_not_reported_speech(german: LanguageData) -> None:
    text = "Hätte es Fortschritte gegeben, wäre eine Absage nicht nötig gewesen."
    assert quotes(text, german) == []


def test_pronoun_finds_the_last_named_subject(german: LanguageData) -> None:
    text = (
        "Bürgermeisterin Jana Holm kam zu spät. Die Stadträte warteten eine Stunde. "
        "Alle Vorschläge der Opposition lehnte sie ab. Und dabei wollte es die Politikerin "
        "nicht belassen: „Wir bauen die Brücke neu, und zwar bis zum Herbst“, sagte sie."
    )
    [(kind, quote, speaker)] = quotes(text, german)
    assert quote.startswith("Wir bauen") and kind == "direct"
    assert speaker == "Jana Holm"  # not "Die Stadträte", not "Alle Vorschläge"


def test_seed_europe_quote_is_putins(seed_texts: dict[str, str], german: LanguageData) -> None:
    found = seed_quotes(seed_texts, "002", german)
    assert speaker_of(found, seed_texts["002"], "Wir haben nicht vor") == "Putin"


# --- the kinds of error of issue 12, each on text written for the test ----------------------


def test_scare_quoted_term_without_verb_of_saying_is_a_term(german: LanguageData) -> None:
    text = "Für die Kommune ist die Sperrung ein „Dauerbrenner“. Der Rat tagt am Abend."
    assert quotes(text, german) == []
    terms = find_terms(article(text), german)
    assert [text[t.start : t.end] for t in terms] == ["Dauerbrenner"]


@pytest.mark.parametrize(
    "text",
    [
        "Im Stadtarchiv liegt der Roman „Die Reise nach Lindholm“ neben alten Karten.",
        "Der Bericht erschien in der „Nordd. Allg. Ztg.“ auf der ersten Seite.",
        "Die Hilfe läuft über das Programm Fips („Fonds Inselhilfe Plus System“) weiter.",
        "Nach der Vorstellung über die „Kunst des Segelns“ blieb der Saal voll.",
    ],
)
def test_titles_and_names_in_quotation_marks_are_not_quotes(
    text: str, german: LanguageData
) -> None:
    assert quotes(text, german) == []


def test_term_inside_a_longer_quote_belongs_to_it(german: LanguageData) -> None:
    text = (
        "Ein Sprecher der Reederei sagte, man habe „keine Wahl“ gehabt und die Fähre "
        "sei „schlicht zu alt“ für den Winter."
    )
    found = quotes(text, german)
    assert len(found) == 1
    kind, quote, speaker = found[0]
    assert kind == "indirect" and "keine Wahl" in quote and speaker == "Ein Sprecher der Reederei"


def test_speaker_of_a_relative_clause(german: LanguageData) -> None:
    text = (
        "Die Gemeinde hält an dem Entwurf fest, den Kämmerin Olga Brandt im Mai als "
        "„solide Grundlage für den Haushalt“ bezeichnet hatte."
    )
    assert quotes(text, german) == [("direct", "solide Grundlage für den Haushalt", "Olga Brandt")]


def test_subject_before_an_inserted_relative_clause(german: LanguageData) -> None:
    text = (
        "Der Gutachter Emil Sauer, der den Damm seit Jahren prüft, nannte den Befund "
        "„ernst, aber beherrschbar“."
    )
    assert quotes(text, german) == [("direct", "ernst, aber beherrschbar", "Emil Sauer")]


def test_konjunktiv_with_pronoun_after_named_subject_and_following_fragment(
    german: LanguageData,
) -> None:
    text = (
        "Ministerin Carla Frey hatte am Morgen eine Schule besucht. "
        "Jede Kürzung beim Personal lehne sie „ganz entschieden ab“. "
        "Solche Pläne „gefährden den Unterricht an allen Schulen“."
    )
    found = quotes(text, german)
    assert {speaker for _, _, speaker in found} == {"Carla Frey"}
    assert any(q.startswith("gefährden den Unterricht") for _, q, _ in found)


def test_object_noun_phrase_is_never_the_speaker(german: LanguageData) -> None:
    text = "Die Anwohner und der Umweltverband bestreiten diese Darstellungen der Betreiberfirma."
    assert all(
        speaker is None or "Darstellungen" not in speaker for _, _, speaker in quotes(text, german)
    )


@pytest.mark.parametrize("opener", ["So", "Nun", "Wenn", "Dann"])
def test_sentence_initial_adverbs_are_never_speakers(opener: str, german: LanguageData) -> None:
    text = f"{opener} sagte sie: „Wir werden das Dach noch vor dem Winter decken.“"
    assert all(speaker != opener for _, _, speaker in quotes(text, german))


def test_indirect_passage_over_several_sentences(german: LanguageData) -> None:
    text = (
        "Die Lage sei angespannt, sagte Polizeisprecherin Mira Lenz. Es gebe noch keine "
        "Festnahmen. Die Ermittler würden alle Hinweise prüfen. Man hoffe auf Zeugen."
    )
    found = quotes(text, german)
    assert [kind for kind, _, _ in found] == ["indirect"] * 4
    assert {speaker for _, _, speaker in found} == {"Mira Lenz"}


def test_dass_clause_after_verb_of_saying_in_indicative(german: LanguageData) -> None:
    text = "Schulleiter Timo Graf erklärte, dass die Turnhalle ab sofort gesperrt ist."
    assert quotes(text, german) == [
        ("indirect", "die Turnhalle ab sofort gesperrt ist", "Timo Graf")
    ]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Laut Feuerwehr wurden zwei Keller überflutet.", "Feuerwehr"),
        ("Dem Wetterdienst zufolge bleibt es bis Sonntag nass.", "Wetterdienst"),
        ("Nach Angaben von Landrätin Ute Kamp fehlen drei Busfahrer.", "Ute Kamp"),
    ],
)
def test_attribution_words_report_indicative_sentences(
    text: str, speaker: str, german: LanguageData
) -> None:
    [(kind, _, who)] = quotes(text, german)
    assert kind == "indirect" and who == speaker


def test_subordinate_clause_is_not_what_was_said(german: LanguageData) -> None:
    text = "Der Verein fordert einen neuen Platz, obwohl er den alten kaum nutzt."
    assert quotes(text, german) == []


def test_direct_speech_without_marks_after_colon(german: LanguageData) -> None:
    text = "Bürgermeister Hans Ritter sagt: Wir bauen die Schule neu. Wir fangen im Herbst an."
    assert quotes(text, german) == [
        ("direct", "Wir bauen die Schule neu", "Hans Ritter"),
        ("direct", "Wir fangen im Herbst an", "Hans Ritter"),
    ]


def test_long_quote_with_clean_marks_after_er_sagt(german: LanguageData) -> None:
    text = (
        "Der Kapitän Jörn Albers kam spät an Land. Er sagt: „Die See war rau. Wir haben zwei "
        "Tage gegen den Sturm gekämpft, und keiner an Bord hat aufgegeben.“"
    )
    [(kind, quote, speaker)] = quotes(text, german)
    assert kind == "direct" and quote.startswith("Die See war rau.") and speaker == "Jörn Albers"


def test_demonstrative_points_back_to_the_reported_sentence(german: LanguageData) -> None:
    text = "Die Fähre fährt ab Montag wieder nach Plan. Das teilte die Reederei Kallsen mit."
    [(kind, quote, speaker)] = quotes(text, german)
    assert kind == "indirect" and quote == "Die Fähre fährt ab Montag wieder nach Plan"
    assert speaker == "Reederei Kallsen"


# --- quotation marks and unmarked speech as real corpora write them ---------------------------


def test_straight_quotes_over_several_sentences_with_the_mark_left_behind(
    german: LanguageData,
) -> None:
    text = (
        'Der Torwart hielt zwei Elfmeter. "Ja, das war geübt. Der Trainer sagt, wir sollen '
        'warten. Ich habe gewartet", erklärte Jonas Feld.'
    )
    [(kind, quote, speaker)] = quotes(text, german)
    assert kind == "direct" and speaker == "Jonas Feld"
    assert quote == "Ja, das war geübt. Der Trainer sagt, wir sollen warten. Ich habe gewartet"


def test_low_opening_mark_closed_by_a_straight_quote(german: LanguageData) -> None:
    text = 'Die Kapitänin Rieke Holm sagte dem „Inselboten": „Wir fahren morgen wieder."'
    found = quotes(text, german)
    assert ("direct", "Wir fahren morgen wieder.", "Rieke Holm") in found
    assert all(quote != "Inselboten" for _, quote, _ in found)


def test_guillemets_around_a_name_do_not_open_the_rest(german: LanguageData) -> None:
    text = (
        "Die Zahl der Fähren sei gesunken, berichtet die «Küstenpost». Es gebe zu wenig Personal."
    )
    found = quotes(text, german)
    assert [kind for kind, _, _ in found] == ["indirect", "indirect"]
    assert all("Küstenpost" in (speaker or "") for _, _, speaker in found)


def test_unmarked_first_person_speech_before_the_attribution_is_direct(
    german: LanguageData,
) -> None:
    text = (
        "Ich habe mit dem Hafen nichts zu tun, sagte Reeder Ole Brandt. "
        "Ich kaufe nur die Schiffe. "
        "Er habe aber viele Freunde dort, fügte er hinzu."
    )
    assert quotes(text, german) == [
        ("direct", "Ich habe mit dem Hafen nichts zu tun", "Reeder Ole Brandt"),
        ("direct", "Ich kaufe nur die Schiffe", "Reeder Ole Brandt"),
        ("indirect", "Er habe aber viele Freunde dort", "Reeder Ole Brandt"),
    ]


def test_speaker_spoken_of_in_the_third_person_is_indirect(german: LanguageData) -> None:
    text = "Sie wollte den Vertrag nie unterschreiben, sagte Sängerin Mara Quist."
    assert quotes(text, german) == [
        ("indirect", "Sie wollte den Vertrag nie unterschreiben", "Mara Quist")
    ]


def test_definite_epithet_refers_to_the_person_named_before(german: LanguageData) -> None:
    text = (
        "Den Pokal holte am Ende Gerd Wallner. "
        "„Ich hatte Glück mit dem Wind“, sagte der 58-Jährige."
    )
    assert quotes(text, german) == [("direct", "Ich hatte Glück mit dem Wind", "Gerd Wallner")]


def test_dass_inside_a_quotation_is_not_a_reported_clause(german: LanguageData) -> None:
    text = "„Ich weiß, dass der Deich hält“, sagte Deichgraf Sven Rau."
    assert quotes(text, german) == [
        ("direct", "Ich weiß, dass der Deich hält", "Deichgraf Sven Rau")
    ]


def test_infinitive_after_a_verb_of_saying_states_nothing(german: LanguageData) -> None:
    text = "Der Verband warf dem Bürgermeister vor, die Warnungen ignoriert zu haben."
    assert quotes(text, german) == []


def test_quotation_inside_reported_speech_belongs_to_it(german: LanguageData) -> None:
    text = (
        "Die See sei zu rau, sagte Kapitän Enno Brix. "
        "Die Reederei müsse „die Lage auf See endlich ernst nehmen“, wenn sie weiterfahren wolle."
    )
    assert quotes(text, german)[1:] == [
        (
            "indirect",
            "Die Reederei müsse „die Lage auf See endlich ernst nehmen“, wenn sie weiterfahren "
            "wolle",
            "Enno Brix",
        )
    ]


def test_quotation_before_the_konjunktiv_clause_stays_a_quote(german: LanguageData) -> None:
    text = "Ratsherr Bo Lind nannte den Plan „mutig“, es sei aber noch viel Geld nötig."
    assert quotes(text, german) == [
        ("direct", "mutig", "Ratsherr Bo Lind"),
        ("indirect", "es sei aber noch viel Geld nötig", "Ratsherr Bo Lind"),
    ]


def test_demnach_continues_what_the_source_just_said(german: LanguageData) -> None:
    text = (
        "Ein Wanderer ist im Moor gefunden worden. Das teilte die Bergwacht Harz mit. "
        "Der Mann lag demnach zwei Tage im Schilf."
    )
    found = quotes(text, german)
    assert ("indirect", "Der Mann lag demnach zwei Tage im Schilf", "Bergwacht Harz") in found


@pytest.mark.parametrize("opener", ["Knapp", "Trotz", "Sichtlich"])
def test_a_word_only_ever_opening_sentences_is_no_speaker(
    opener: str, german: LanguageData
) -> None:
    rest = {
        "Knapp": "ein Jahr danach hat die Werft nach eigenen Angaben neue Aufträge",
        "Trotz": "des Sturms hat die Werft nach eigenen Angaben neue Aufträge",
        "Sichtlich": "erleichtert hat die Werft nach eigenen Angaben neue Aufträge",
    }[opener]
    text = f"{opener} {rest}. Die Auftragsbücher seien voll."
    assert all(speaker != opener for _, _, speaker in quotes(text, german))


def test_laut_in_the_middle_of_a_sentence(german: LanguageData) -> None:
    text = "Der frühere Kapitän Ole Hinz gilt laut Berichten als Favorit für den Posten."
    [(kind, _, speaker)] = quotes(text, german)
    assert kind == "indirect" and speaker == "Berichten"


def test_clause_after_sagte_is_reported_even_without_a_known_konjunktiv(
    german: LanguageData,
) -> None:
    text = "Präsidentin Wiebke Sand erklärte am Montag, der Trainer genieße vollstes Vertrauen."
    assert quotes(text, german) == [
        ("indirect", "der Trainer genieße vollstes Vertrauen", "Wiebke Sand")
    ]


def test_comma_after_an_inserted_relative_clause_is_no_attribution(german: LanguageData) -> None:
    text = (
        "Der 51-Jährige, der den Verein im Mai gerettet hatte, erklärte am Montag seinen Rücktritt."
    )
    assert quotes(text, german) == []


def test_first_person_sentence_before_unmarked_speech_is_the_speakers(
    german: LanguageData,
) -> None:
    text = "Ein Museum bauen wir nicht. Wir wollen einen Treffpunkt, erklärte Planerin Uta Kern."
    assert quotes(text, german) == [
        ("direct", "Ein Museum bauen wir nicht", "Planerin Uta Kern"),
        ("direct", "Wir wollen einen Treffpunkt", "Planerin Uta Kern"),
    ]


def test_first_person_after_reported_speech_continues_it(german: LanguageData) -> None:
    text = (
        "Die Einigung sei nah, sagte Betriebsrätin Lena Voss. "
        "Ich hoffe auf einen Abschluss bis Freitag."
    )
    assert quotes(text, german)[1] == (
        "direct",
        "Ich hoffe auf einen Abschluss bis Freitag",
        "Betriebsrätin Lena Voss",
    )


def test_first_person_after_a_laut_source_is_not_that_sources(german: LanguageData) -> None:
    text = (
        "Der Trainer Jan Ulm gilt laut Berichten als Favorit. "
        "Vertrauen ist in unserer Lage das Wichtigste."
    )
    assert [speaker for _, _, speaker in quotes(text, german)] == ["Berichten"]


def test_epithet_after_unmarked_speech_is_the_person_not_a_noun_before(
    german: LanguageData,
) -> None:
    text = (
        "Den Posten übernimmt nun Henri Lavall. "
        "Ich bin Trainer der zweiten Mannschaft, und das ist gut so, sagte der Franzose."
    )
    [(_, _, speaker)] = quotes(text, german)
    assert speaker == "Henri Lavall"


def test_a_recipient_opening_the_sentence_is_not_the_speaker(german: LanguageData) -> None:
    text = "Dem Sender Nordwelle sagte Forscherin Ida Reim: „Das Wasser ist nicht sicher.“"
    assert quotes(text, german) == [("direct", "Das Wasser ist nicht sicher.", "Ida Reim")]


def test_age_in_parentheses_does_not_hide_the_subject(german: LanguageData) -> None:
    text = "Präsident Uwe Hall (67) hatte den Plan als „Meilenstein für die Stadt“ bezeichnet."
    assert quotes(text, german) == [("direct", "Meilenstein für die Stadt", "Uwe Hall")]


def test_subordinate_clause_inside_unmarked_speech_before_the_attribution(
    german: LanguageData,
) -> None:
    text = "Es wirkt nicht gut, wenn die Stadt spart, sagt die in Lübeck tätige Juristin Eva Morn."
    assert quotes(text, german) == [
        ("direct", "Es wirkt nicht gut, wenn die Stadt spart", "Juristin Eva Morn")
    ]


def test_second_clause_with_an_article_before_the_attribution(german: LanguageData) -> None:
    text = "Die Kammer prüft den Fall nicht, die Akten aber bleiben offen, schreibt die Behörde."
    [(kind, quote, speaker)] = quotes(text, german)
    assert kind == "direct" and quote.endswith("bleiben offen") and speaker == "die Behörde"


def test_a_name_opening_the_sentence_is_the_person_for_a_later_epithet(
    german: LanguageData,
) -> None:
    text = (
        "Der Verein liegt hinter Hansa Nordstadt. "
        "Piet Ahlers, der als Nachfolger gehandelt wird, wies das zurück. "
        "Ich trainiere die Jugend, und das bleibt so, sagte der Niederländer."
    )
    assert quotes(text, german)[-1][2] == "Piet Ahlers"


def test_title_after_a_preposition_without_a_speaker(german: LanguageData) -> None:
    text = "Der Schauspieler war 1962 in „Der Leuchtturm am Kap“ erstmals zu sehen."
    assert quotes(text, german) == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Ein Neubau wäre günstiger, heißt es aus dem Straßenbauamt.", "Straßenbauamt"),
        (
            "Die Lage sei unter Kontrolle, hieß es in einer Erklärung des Hafenamts.",
            "Hafenamts",
        ),
    ],
)
def test_heisst_es_names_the_source_after_it(text: str, speaker: str, german: LanguageData) -> None:
    [(kind, _, who)] = quotes(text, german)
    assert kind == "indirect" and who == speaker


def test_heisst_es_without_a_source_is_no_quote(german: LanguageData) -> None:
    assert quotes("Die Lage sei unter Kontrolle, hieß es in einer Mitteilung.", german) == []


# --- issue 12: speakers from the attribution, reported passages, terms ----------------------


def test_a_source_after_laut_is_no_referent_of_a_later_pronoun(german: LanguageData) -> None:
    text = (
        "Später sagte Lena Brandt, sie trainiere gern. Das ist laut Satzung erlaubt. "
        "„Ich bleibe hier“, sagte sie."
    )
    assert quotes(text, german)[-1] == ("direct", "Ich bleibe hier", "Lena Brandt")


def test_a_full_name_after_laut_is_the_referent_of_er(german: LanguageData) -> None:
    text = (
        "Laut dem Statiker Jonas Weber sei die Brücke marode. "
        "Sie müsse gesperrt werden, schreibt er."
    )
    assert [q[2] for q in quotes(text, german)] == ["Jonas Weber", "Jonas Weber"]


def test_someone_introduced_after_nach_angaben_is_the_later_epithet(
    german: LanguageData,
) -> None:
    text = (
        "Kai Lorenz leitet die Feuerwehr. "
        "Nach Angaben eines Zeugen brannte der Wald zwei Tage. "
        "Das Feuer sei nachts entstanden, sagte der Zeuge. "
        "Die Polizei sucht nun Mara Jost. "
        "„Ich habe Rauch gesehen“, sagte der Zeuge."
    )
    assert [q[2] for q in quotes(text, german)] == ["eines Zeugen"] * 3


def test_so_die_aussage_des_names_whose_statement_it_is(german: LanguageData) -> None:
    text = "Der Vertrag sei gültig, so die Aussage des Verwalters."
    assert quotes(text, german) == [("indirect", "Der Vertrag sei gültig", "Verwalters")]


def test_das_berichtet_points_back_past_a_title_in_marks(german: LanguageData) -> None:
    text = (
        "Die Band spielt im Mai ihr Album „Nordlicht“ live. Das berichtet das Magazin „Klangwelt“."
    )
    assert quotes(text, german) == [
        ("indirect", "Die Band spielt im Mai ihr Album „Nordlicht“ live", "Klangwelt")
    ]
    assert [text[t.start : t.end] for t in find_terms(article(text), german)] == [
        "Nordlicht",
        "Klangwelt",
    ]


def test_dass_after_a_verb_of_saying_past_a_parenthesis(german: LanguageData) -> None:
    text = "Die Ministerin Ute Sahm verriet gestern (am 3. Mai), dass sie zurücktritt."
    assert quotes(text, german) == [("indirect", "sie zurücktritt", "Ute Sahm")]


def test_unmarked_words_after_a_colon_in_the_third_person_report(german: LanguageData) -> None:
    text = "Am Ende verkündete Jana Pohl die Nachricht: Sie wechselt nach Wien!"
    assert quotes(text, german) == [("indirect", "Sie wechselt nach Wien", "Jana Pohl")]


def test_no_unmarked_continuation_after_speech_in_marks(german: LanguageData) -> None:
    text = "„Das war knapp“, sagte Ole Sand. Wir gratulieren ihm!"
    assert quotes(text, german) == [("direct", "Das war knapp", "Ole Sand")]


def test_a_relative_clause_with_sich_after_the_speaker_is_not_said(
    german: LanguageData,
) -> None:
    text = "Das Projekt sei gescheitert, betonte Udo Kern, der sich bei allen bedankte."
    assert quotes(text, german) == [("indirect", "Das Projekt sei gescheitert", "Udo Kern")]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Die Stadt habe viel getan, damit unsere Kinder sicher sind, so Bürgermeister Eck.",
            "indirect",
        ),
        ("Sie sind pleite, also habe ich alles gekauft, sagte Tom Rieck.", "direct"),
    ],
)
def test_a_konjunktiv_before_the_first_person_reports(
    text: str, kind: str, german: LanguageData
) -> None:
    [(found, _, _)] = quotes(text, german)
    assert found == kind


def test_a_speaker_named_without_a_quote_opens_a_passage(german: LanguageData) -> None:
    text = (
        "Der Verband hat den Beschluss scharf kritisiert. Demnach sei die Regel unfair. "
        "Die Liga hatte den Spieler gesperrt, weil er gedopt hätte."
    )
    assert quotes(text, german) == [("indirect", "Demnach sei die Regel unfair", "Der Verband")]


def test_wie_x_mitteilte_reports_the_whole_sentence(german: LanguageData) -> None:
    text = "Die Linie fährt ab Mai öfter, wie die Verkehrsbetriebe am Montag mitteilten."
    [(kind, words, speaker)] = quotes(text, german)
    assert (kind, words) == ("indirect", text[:-1]) and speaker == "Verkehrsbetriebe"


def test_a_question_word_after_sagen_opens_no_reported_clause(german: LanguageData) -> None:
    assert quotes("Trainer Bo Lind kann sagen, was er will.", german) == []


def test_a_quotation_repeated_below_gets_the_speaker_named_there(german: LanguageData) -> None:
    text = (
        "Trainer hört auf: „Nicht mehr das nötige Vertrauen gespürt“. "
        "Ich habe nicht mehr das nötige Vertrauen gespürt, sagte Rolf Haas."
    )
    assert [q[2] for q in quotes(text, german)] == ["Rolf Haas", "Rolf Haas"]


def test_a_name_in_parentheses_after_a_quotation_is_its_author(german: LanguageData) -> None:
    text = "„Wer rastet, der rostet. Das gilt für alle.“ (Erna Blum). Der Spruch hängt im Flur."
    assert quotes(text, german) == [
        ("direct", "Wer rastet, der rostet. Das gilt für alle.", "Erna Blum")
    ]


def test_a_mark_glued_to_a_word_does_not_keep_sentences_together(
    german: LanguageData,
) -> None:
    text = (
        'Der Film lief im "Nord"-Saal vor vollem Haus. Das berichtet die Zeitung "Abendpost" . '
        "Die Halle sei voll gewesen, heißt es aus dem Kino."
    )
    assert quotes(text, german) == [
        ("indirect", 'Der Film lief im "Nord"-Saal vor vollem Haus', "Zeitung Abendpost"),
        ("indirect", "Die Halle sei voll gewesen", "Kino"),
    ]


def test_a_reported_clause_ends_at_the_colon_before_a_quotation(german: LanguageData) -> None:
    text = (
        "Rita Holm entwirft nun Brillen. "
        "Sie sei stets ein Fan gewesen: „Ich liebe das Design“, so die Sängerin."
    )
    assert quotes(text, german) == [
        ("indirect", "Sie sei stets ein Fan gewesen", "Rita Holm"),
        ("direct", "Ich liebe das Design", "Rita Holm"),
    ]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("In dem Post-Bericht hieß es, der Plan sehe neue Büros vor.", "Post"),
        (
            "In der Erklärung des Ministeriums hieß es, der Plan sehe neue Büros vor.",
            "Ministeriums",
        ),
    ],
)
def test_hiess_es_after_a_statement_noun_names_its_source(
    text: str, speaker: str, german: LanguageData
) -> None:
    assert quotes(text, german) == [("indirect", "der Plan sehe neue Büros vor", speaker)]


def test_the_name_after_a_genitive_attribute_is_the_speaker(german: LanguageData) -> None:
    text = "Die Lage ist ernst, sagte der Chef der kleinen Partei (KP), Emil Roth, am Abend."
    assert quotes(text, german) == [("direct", "Die Lage ist ernst", "Emil Roth")]


def test_an_epithet_after_a_verb_of_saying_is_its_subject(german: LanguageData) -> None:
    text = (
        "Nina Vogt verlor das Finale. "
        "Mit Tränen in den Augen meinte die 40-Jährige: „Ich höre jetzt auf.“"
    )
    assert quotes(text, german) == [("direct", "Ich höre jetzt auf.", "Nina Vogt")]


def test_wurde_is_no_konjunktiv(german: LanguageData) -> None:
    text = "Bo Lind sagte, er komme. Dann wurde sie ganz still."
    assert quotes(text, german) == [("indirect", "er komme", "Bo Lind")]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("„Es war ein Traum“, erzählt Lea Dorn.", ("direct", "Es war ein Traum", "Lea Dorn")),
        (
            "Wir sind pleite, titelte die Zeitung Nordblick.",
            ("direct", "Wir sind pleite", "Zeitung Nordblick"),
        ),
        ("Die Kläger argumentieren mit „Rufmord“.", ("direct", "Rufmord", "Kläger")),
    ],
)
def test_more_verbs_of_saying(text: str, found: tuple[str, str, str], german: LanguageData) -> None:
    assert quotes(text, german) == [found]


def test_rules_without_their_words_are_off(german: LanguageData) -> None:
    """A language that supplies no words for a rule ("laut X") does not apply it."""
    assert german.speech is not None
    defaults = {f.name: f.default for f in fields(SpeechData) if f.default is not MISSING}
    bare = replace(german, speech=replace(german.speech, **defaults))
    text = "Die Brücke bleibt laut Landesbetrieb bis Freitag gesperrt."
    found = (
        "indirect",
        "Die Brücke bleibt laut Landesbetrieb bis Freitag gesperrt",
        "Landesbetrieb",
    )
    assert quotes(text, german) == [found]
    assert quotes(text, bare) == []


def test_an_adjective_opening_a_sentence_is_no_first_name(german: LanguageData) -> None:
    """A subheading glued to the text ("Fröhliche Stimmung nach dem Sieg Dann …") is no
    person for "die 41-Jährige" to refer to."""
    text = (
        "Trainerin Helga Brunnmeier (41) hat nach dem Spiel gesprochen. Fröhliche Stimmung "
        "nach dem Sieg Dann wurde es still im Stadion. Mit leiser Stimme meinte die "
        "41-Jährige: „Wir haben heute alles gegeben und sind sehr stolz.“"
    )
    assert quotes(text, german) == [
        (
            "direct",
            "Wir haben heute alles gegeben und sind sehr stolz.",
            "Trainerin Helga Brunnmeier",
        )
    ]


def test_the_subject_after_a_fronted_object_introduces_the_quote(german: LanguageData) -> None:
    text = (
        "Regisseur Tobias Lindqvist hat einen neuen Film gedreht. Den Vorwurf, dass der Film zu "
        "lang sei, weist der Filmemacher zurück: „Jede Minute davon ist nötig.“"
    )
    assert quotes(text, german)[-1] == (
        "direct",
        "Jede Minute davon ist nötig.",
        "Regisseur Tobias Lindqvist",
    )


def test_a_quotation_mark_inside_a_token_closes_the_quotation(german: LanguageData) -> None:
    """ "Sternenkrieg"-Darsteller: the tokenizer keeps the closing mark inside the word, so the
    attribution after the next quotation stays outside it; the paper's name is a term."""
    text = (
        'Er habe den "Sternenkrieg"-Darsteller neulich im Theater gesehen: "Es war großartig, '
        'ich war sofort begeistert von ihm", erzählt Mara Ilgner im Gespräch mit dem '
        'bayerischen "Kurier".'
    )
    assert quotes(text, german) == [
        (
            "indirect",
            'Er habe den "Sternenkrieg"-Darsteller neulich im Theater gesehen',
            "Mara Ilgner",
        ),
        ("direct", "Es war großartig, ich war sofort begeistert von ihm", "Mara Ilgner"),
    ]
    assert [text[q.start : q.end] for q in find_terms(article(text), german)] == ["Kurier"]


def test_an_epithet_is_the_person_introduced_with_that_noun(german: LanguageData) -> None:
    text = (
        "Für ihr neues Album hat Sängerin Lina Morrow (29) lange gearbeitet. Beim Konzert "
        'spielte auch Otto Brammer mit. "Ich habe jeden Abend im Studio verbracht", so die '
        "Sängerin."
    )
    assert quotes(text, german) == [
        ("direct", "Ich habe jeden Abend im Studio verbracht", "Lina Morrow")
    ]


def test_a_title_with_a_dash_is_a_term(german: LanguageData) -> None:
    text = (
        'Regisseur Tobias Lindqvist hat einen neuen Film gedreht: "Ich bin sehr stolz auf das '
        'Team", sagte er. Schon 1990 spielte er in "Kommissar Sturm - 007 jagt den Knall" die '
        "Hauptrolle."
    )
    assert quotes(text, german) == [
        ("direct", "Ich bin sehr stolz auf das Team", "Regisseur Tobias Lindqvist")
    ]


def test_speech_glued_to_the_sentence_before_it(german: LanguageData) -> None:
    """ "ergänzte sofort."Wir …": the mark inside the token opens the quotation; the article
    opening the sentence is no relative pronoun, and "der 52-Jährige" is the person named
    before the quotation, not the subject of the first clause."""
    text = (
        "Die Gäste waren zufrieden und Küchenchef Armin Steinweg ergänzte sofort."
        '"Wir kochen jeden Tag frisch. Ich bin stolz auf mein Team", meinte der 52-Jährige '
        "danach. Der Abend endete spät."
    )
    assert quotes(text, german) == [
        ("direct", "Wir kochen jeden Tag frisch. Ich bin stolz auf mein Team", "Armin Steinweg")
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "Wir sind mit der Saison sehr zufrieden sagte eine Vereinssprecherin am Abend.",
            [("direct", "Wir sind mit der Saison sehr zufrieden", "eine Vereinssprecherin")],
        ),
        ("Im Gespräch mit der Zeitung nannte der Trainer keine Namen.", []),
        ("Sie lobte den Entwurf und fügte der Minister ein Beispiel hinzu.", []),
    ],
)
def test_an_attribution_without_its_comma(
    text: str, found: list[tuple[str, str, str]], german: LanguageData
) -> None:
    """A text with its marks and commas dropped: the verb of saying closes the speaker's own
    words (the first person) only when nothing but the speaker follows."""
    assert quotes(text, german) == found


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Die Expertin der Partei, Eva Muster, sagte der „Abendpost“, es sei viel Arbeit nötig.",
            "Eva Muster",
        ),
        ("Das sei viel Arbeit, Frau Muster, sagte die Ministerin.", "die Ministerin"),
    ],
)
def test_a_name_set_off_after_the_subject_is_the_speaker(
    text: str, speaker: str, german: LanguageData
) -> None:
    [(_, _, found)] = quotes(text, german)
    assert found == speaker


def test_a_relative_pronoun_before_an_object_is_the_subject(german: LanguageData) -> None:
    text = "Ebner traf später den Minister, der den Bau als „längst überfällig“ bezeichnete."
    assert quotes(text, german) == [("direct", "längst überfällig", "den Minister")]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "Nach einer ersten Aussage des Wirts habe er nichts bemerkt.",
            [("indirect", "Nach einer ersten Aussage des Wirts habe er nichts bemerkt", "Wirts")],
        ),
        ("Nach den wenigen Informationen, die bekannt sind, gebe es keine Lösung.", []),
    ],
)
def test_a_report_noun_after_an_article_and_an_adjective(
    text: str, found: list[tuple[str, str, str]], german: LanguageData
) -> None:
    assert quotes(text, german) == found


def test_a_relative_clause_ending_in_a_colon_describes_the_speaker(german: LanguageData) -> None:
    text = (
        "Unterstützung kam von Trainerin Lea Brandt, die seit Jahren im Vorstand sitzt: „Wir "
        "schaffen das gemeinsam.“"
    )
    assert quotes(text, german) == [("direct", "Wir schaffen das gemeinsam.", "Lea Brandt")]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (  # an adverb before the verb and "er" after it: the adverb is no subject
            "„Wir bleiben dabei“, sagte Minister Karl Huber. Erneut forderte er mehr Geld für "
            "die Schulen. Das sei bisher nicht geschehen.",
            [
                ("direct", "Wir bleiben dabei", "Karl Huber"),
                ("indirect", "Das sei bisher nicht geschehen", "Karl Huber"),
            ],
        ),
        (
            "Der Trainer Paul Stein war zufrieden. Dazu sagte er: „Wir haben gut gespielt.“",
            [("direct", "Wir haben gut gespielt.", "Paul Stein")],
        ),
        (  # a pronoun is a phrase of its own: "der „Abendpost“" is whom she told it
            "Eva Roth war zufrieden. „Das Ergebnis ist gut“, sagte sie der „Abendpost“.",
            [("direct", "Das Ergebnis ist gut", "Eva Roth")],
        ),
    ],
)
def test_the_subject_after_the_verb(
    text: str, found: list[tuple[str, str, str]], german: LanguageData
) -> None:
    assert quotes(text, german) == found


def test_laut_a_name_in_quotation_marks_and_demnach_after_it(german: LanguageData) -> None:
    text = (
        "Laut „Nordkurier“ verkaufte der Händler seine Grundstücke unter Wert. Er hatte "
        "demnach zuvor eine Bürgschaft unterschrieben."
    )
    assert quotes(text, german) == [
        (
            "indirect",
            "Laut „Nordkurier“ verkaufte der Händler seine Grundstücke unter Wert",
            "Nordkurier",
        ),
        ("indirect", "Er hatte demnach zuvor eine Bürgschaft unterschrieben", "Nordkurier"),
    ]


def test_demnach_reports_a_sentence_with_an_infinitive(german: LanguageData) -> None:
    """ "demnach" points to the source before, so the whole sentence is its report, and a
    quotation inside belongs to it, not to the clause's own subject."""
    text = (
        "Das Ministerium teilte mit, der Plan sei gescheitert. Die Behörde wirft der Firma "
        "demnach vor, „ein falsches Spiel“ getrieben zu haben."
    )
    assert quotes(text, german) == [
        ("indirect", "der Plan sei gescheitert", "Das Ministerium"),
        (
            "indirect",
            "Die Behörde wirft der Firma demnach vor, „ein falsches Spiel“ getrieben zu haben",
            "Das Ministerium",
        ),
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (  # "Brasiliens Superstar": an owner and a noun are the person named before
            "Beim Spiel gegen Brasilien traf Weltfußballerin Marta Silva zweimal. Danach "
            "richtete Brasiliens Superstar einen Appell an die Jugend. „Ihr müsst kämpfen“, "
            "sagte sie.",
            [("direct", "Ihr müsst kämpfen", "Weltfußballerin Marta Silva")],
        ),
        (  # "Beim Treffen" opens the sentence; the subject follows the verb
            "Beim Treffen mit Russland sprach Russlands Präsident Wladimir Putin lange. „Wir "
            "sind bereit“, sagte er.",
            [("direct", "Wir sind bereit", "Wladimir Putin")],
        ),
        (  # a number ends the source's phrase
            "Die Firma soll laut Anklage 270, laut Urteil 262 Hunde verkauft haben.",
            [
                (
                    "indirect",
                    "Die Firma soll laut Anklage 270, laut Urteil 262 Hunde verkauft haben",
                    "Anklage",
                )
            ],
        ),
        (  # the verb after the comma introduces the quote, not the sentence's first phrase
            "Die Frau hatte großes Glück, vermutet Polizeisprecher Jan Ott: „Der Zug war schnell.“",
            [("direct", "Der Zug war schnell.", "Jan Ott")],
        ),
    ],
)
def test_whom_the_sentence_names(
    text: str, found: list[tuple[str, str, str]], german: LanguageData
) -> None:
    assert quotes(text, german) == found


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (  # an object after the source's genitive is not the source
            "Rebellen griffen nach Angaben des Innenministeriums das Lager an, in dem Helfer "
            "wohnen.",
            "des Innenministeriums",
        ),
        (  # an epithet with an attribute before its noun is the person named before
            "Das Telefon ist out, weiß Experte Jonas Falk. „Alle Studien zeigen das“, sagt der "
            "in Kiel lehrende Professor für Medien.",
            "Experte Jonas Falk",
        ),
        (  # an article, a noun and a full name: the subject "er" refers to
            "Der 15-jährige Kieler Autor Tim Berg sieht darin kein Problem. „Klar, das nimmt "
            "ab“, sagt er.",
            "Tim Berg",
        ),
    ],
)
def test_the_phrase_that_names_the_speaker(text: str, speaker: str, german: LanguageData) -> None:
    assert [found for _, _, found in quotes(text, german)] == [speaker]


def test_a_common_word_opening_a_sentence_is_no_first_name(german: LanguageData) -> None:
    """ "Viel Freiheit": two capitalised words at the start of a sentence, the first as common
    as no first name is, are nobody an epithet could refer to."""
    text = (
        "Es gibt viel Spaß. Viel Freiheit, aber wenig Halt. Immer mehr Menschen fühlen sich "
        "einsam, sagte der Heilige Vater."
    )
    assert quotes(text, german) == [
        ("direct", "Immer mehr Menschen fühlen sich einsam", "Heilige Vater")
    ]


def test_a_main_clause_after_the_verb_and_a_conjunction_is_not_reported(
    german: LanguageData,
) -> None:
    assert quotes("Die Kinder dürfen erzählen, aber sie müssen nicht.", german) == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (  # the subject after the closing verb, not a name inside what was said
            "Vor Inseln wie Kos, Rhodos oder Lesbos seien 580 Menschen geborgen worden, teilte "
            "die Küstenwache am Freitag mit.",
            "Küstenwache",
        ),
        ("Die Lage sei ernst, sagte am Montag der Zeitung ein Sprecher.", "ein Sprecher"),
        ("Die Lage sei ernst, sagte die Ministerin der Zeitung.", "die Ministerin der Zeitung"),
    ],
)
def test_the_subject_of_a_closing_verb(text: str, speaker: str, german: LanguageData) -> None:
    """After ", teilte" the subject follows the verb; a recipient ("der Zeitung") before a
    person ("ein Sprecher") is not the speaker."""
    assert [found for _, _, found in quotes(text, german)] == [speaker]


def test_quotations_in_a_list_of_teasers_are_no_speech(german: LanguageData) -> None:
    """Glued link teasers ("Mehr zum Thema: Name: „…“ Verein: …") quote nobody of this
    article; a quotation after the last colon is still speech."""
    text = (
        "Mehr zum Thema: Berger: „Das wird noch heißer“ Hafen: Neue Fähre kommt Danach sagte "
        "der Kapitän Jan Ott: „Wir fahren morgen.“"
    )
    assert quotes(text, german) == [("direct", "Wir fahren morgen.", "Jan Ott")]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (  # a time phrase opening the sentence is no subject
            "Vergangenes Jahr sagte Franz Huber der Zeitung, dass sein Sohn Talent habe.",
            [("indirect", "sein Sohn Talent habe", "Franz Huber")],
        ),
        (  # an object pronoun before the subject
            "Der Trainer war froh. „Joel ist ein Fußballnarr“, lobte ihn Franz Huber.",
            [("direct", "Joel ist ein Fußballnarr", "Franz Huber")],
        ),
        (  # a list after the comma is no clause of what was said
            "Der Komponist Hans Zimmer ist bekannt. Er schrieb die Melodien zu Filmen wie Rain "
            "Man, Gladiator oder Der König der Löwen.",
            [],
        ),
    ],
)
def test_what_the_verb_of_saying_governs(
    text: str, found: list[tuple[str, str, str]], german: LanguageData
) -> None:
    assert quotes(text, german) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (  # an auxiliary after the comma, the verb of saying at the end of its clause
            "Man werde nicht in allen Punkten übereinstimmen, hatte ein Fraktionssprecher am "
            "Freitag gesagt.",
            [
                (
                    "indirect",
                    "Man werde nicht in allen Punkten übereinstimmen",
                    "ein Fraktionssprecher",
                )
            ],
        ),
        (  # the source before "zufolge" ends at the verb before it
            "Die Gründe sind der Notenbank zufolge ähnlich wie hier: „Hinzu kommt der Tourismus.“",
            [
                ("indirect", "Die Gründe sind der Notenbank zufolge ähnlich wie hier", "Notenbank"),
                ("direct", "Hinzu kommt der Tourismus.", "Notenbank"),
            ],
        ),
    ],
)
def test_the_source_of_a_closing_clause(
    text: str, found: list[tuple[str, str, str]], german: LanguageData
) -> None:
    assert quotes(text, german) == found


def test_present_tense_verbs_of_saying(german: LanguageData) -> None:
    text = "Der Fotograf Jan Ott ist unzufrieden. „Die Lage ist schlimm“, klagt er im Gespräch."
    assert quotes(text, german) == [("direct", "Die Lage ist schlimm", "Fotograf Jan Ott")]


def test_a_sentence_about_the_speaker_pauses_the_speech(german: LanguageData) -> None:
    """Between two quotations, a sentence about their speaker ("Für X ist …", "Er hofft …")
    does not end the passage: the next quotation is still the speaker's."""
    text = (
        "Dazu sagte Rolf Brandt der Zeitung: «Wir warten ab.» Für Brandt ist das Rennen offen. "
        "«Die Entscheidung hat nur Gewinner.» Er hofft auf viele Kandidaten. «Schön wäre, wenn "
        "alle teilnehmen.»"
    )
    assert [speaker for _, _, speaker in quotes(text, german)] == ["Rolf Brandt"] * 3


def test_a_possessive_statement_before_the_colon_is_the_owners(german: LanguageData) -> None:
    text = "Die Rentnerin Erna Kahl blieb unverletzt. Ihr trockener Kommentar: „Ich kürze ab.“"
    assert quotes(text, german) == [("direct", "Ich kürze ab.", "Rentnerin Erna Kahl")]


def test_a_passive_attribution_closes_the_speakers_words(german: LanguageData) -> None:
    text = (
        "Sie sind pleite, also habe ich alles gekauft, wird der Regisseur Tom Berg, der dort "
        "arbeitete, vom Portal Filmwelt zitiert."
    )
    assert quotes(text, german) == [
        ("direct", "Sie sind pleite, also habe ich alles gekauft", "Tom Berg")
    ]


def test_a_konjunktiv_after_a_pause_reports_the_last_source(german: LanguageData) -> None:
    """A listed Konjunktiv I form a few sentences after the last speech still reports its
    source; not when the sentence names a new actor."""
    text = (
        "Der Fahrer sei verwirrt gewesen, teilte die Polizei mit. Ein Test verlief negativ. "
        "Der Führerschein wurde sichergestellt. Nach derzeitigem Stand sei niemand gefährdet "
        "worden. Der Wagen stand im Graben. Er wurde abgeschleppt. Am Abend informierte "
        "Minister Karl Roth den Landtag darüber, dass alles geklärt sei."
    )
    assert quotes(text, german) == [
        ("indirect", "Der Fahrer sei verwirrt gewesen", "die Polizei"),
        ("indirect", "Nach derzeitigem Stand sei niemand gefährdet worden", "die Polizei"),
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (  # a relative clause after the speaker is no part of what was reported
            "Der Torwart Olli Kern kam. Noch sei aber „nichts fix“, sagte Kern, der ab Januar "
            "Vorstand werden soll: „Ich rede nicht gern darüber.“",
            [
                ("indirect", "Noch sei aber „nichts fix“", "Kern"),
                ("direct", "Ich rede nicht gern darüber.", "Kern"),
            ],
        ),
        (  # an apposition between the verb of saying and the colon
            "Dem Magazin sagte Eva Roth, Professorin für Medizin an der Universität Kiel: Wir "
            "sprechen über ein extremes Risiko.",
            [("direct", "Wir sprechen über ein extremes Risiko", "Eva Roth")],
        ),
    ],
)
def test_what_stands_between_the_speaker_and_the_quote(
    text: str, found: list[tuple[str, str, str]], german: LanguageData
) -> None:
    assert quotes(text, german) == found


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (  # an unlisted verb right after the quotation and its comma attributes it
            "Die Jury war begeistert. „Die stille Sarah ist weg“, quittierte ihr Jorge Lenz "
            "danach.",
            "Jorge Lenz",
        ),
        (  # the splitter cut after "!“": no sentence opens with a comma
            "Der Moderator Jan Terhorst fuhr weiter. „Mein Herz rast vor Wut!“, sagt der "
            "Journalist.",
            "Moderator Jan Terhorst",
        ),
    ],
)
def test_the_attribution_right_after_a_quotation(
    text: str, speaker: str, german: LanguageData
) -> None:
    assert [found for _, _, found in quotes(text, german)] == [speaker]


def test_a_pronoun_agrees_with_the_gender_the_text_gives(german: LanguageData) -> None:
    """ "er" is not the woman the text named last ("Kanzlerin X"), but the last man it names
    with a masculine noun ("Präsident Y")."""
    text = (
        "Kanzlerin Eva Brandt traf Präsident Omar Diallo. Sie sagte, man könne nichts "
        "erwarten. Die Kanzlerin widersprach damit einer Forderung von Diallo. Die Hilfe "
        "werde nicht reichen, sagte er."
    )
    assert [speaker for _, _, speaker in quotes(text, german)] == [
        "Eva Brandt",
        "Präsident Omar Diallo",
    ]


def test_an_epithet_agrees_with_the_gender_of_its_article(german: LanguageData) -> None:
    text = (
        "Schauspielerin Pia Lund trennte sich von Fußballer Adil Berg. Der 33-Jährige schrieb "
        "dazu: „Eine Trennung ist nie einfach.“ Die 52-Jährige sagte: „Ich bin zerstört.“"
    )
    assert [speaker for _, _, speaker in quotes(text, german)] == ["Adil Berg", "Pia Lund"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (  # the circle after "heißt es im" is the source; a document is none
            "Der Plan sei gescheitert, hieß es in Regierungskreisen.",
            [("indirect", "Der Plan sei gescheitert", "Regierungskreisen")],
        ),
        ("Der Plan sei gescheitert, hieß es in einer Mitteilung.", []),
        (  # a conditional after the comma reports nothing
            "Bankenchef Andrea Enria warnt vor Turbulenzen, sollten sich Banken Änderungen "
            "verschließen.",
            [],
        ),
    ],
)
def test_impersonal_sources_and_conditionals(
    text: str, found: list[tuple[str, str, str]], german: LanguageData
) -> None:
    assert quotes(text, german) == found


def test_a_role_set_off_after_a_name_is_learnt(german: LanguageData) -> None:
    text = (
        "„Wir fanden Teile“, berichtete Jan Kreuzer, Sprecher der Polizei, dem Blatt. Die "
        "Rentnerin Erna Kahl hatte Glück. Sie muss Schutzengel gehabt haben, vermutet der "
        "Polizeisprecher: „Der Zug war schnell.“"
    )
    assert [speaker for _, _, speaker in quotes(text, german)] == ["Jan Kreuzer"] * 2


def test_er_habe_after_a_pause_is_the_sources_report(german: LanguageData) -> None:
    """ "Danach habe er …" a few sentences after the police spoke reports the police's account
    of the man, not the man's own words."""
    text = (
        "Ein 72 Jahre alter Mann fuhr in die falsche Richtung. Das teilte die Polizei mit. "
        "Demnach sei der Mann eine Stunde gefahren. Auf der A44 geriet er auf die falsche Spur. "
        "Im Kreuz Jackerath wechselte er auf die Bundesstraße. Danach habe er seinen Weg "
        "fortgesetzt."
    )
    assert quotes(text, german)[-1] == (
        "indirect",
        "Danach habe er seinen Weg fortgesetzt",
        "die Polizei",
    )


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (  # a subject pronoun before the verb is the speaker, not the object after it
            "Präsident Jon Hale drohte. Er warf Teheran vor, „seit langem heimlich“ Uran "
            "anzureichern.",
            [("direct", "seit langem heimlich", "Jon Hale")],
        ),
        ("Heribert Kluge wurde laut, er zeigte Herz und Leidenschaft.", []),  # the adjective
    ],
)
def test_subject_pronoun_and_the_adjective_laut(
    text: str, found: list[tuple[str, str, str]], german: LanguageData
) -> None:
    assert quotes(text, german) == found


def test_a_glued_heading_opening_the_sentence_is_never_the_speaker(german: LanguageData) -> None:
    text = (
        "Der Politiker Max Strobl sprach. Sechs Jahre in der Komfortzone Strobl warnte davor, "
        "das Thema allein verantwortlich zu machen. Man dürfe nicht übersehen, dass es einen "
        "Vertrauensverlust gebe."
    )
    assert [speaker for _, _, speaker in quotes(text, german)] == ["Max Strobl"]
