"""Words as the knowledge-base index sees them: lower-cased, stemmed in their language, accents folded.

Stemming happens before folding because the Snowball stemmers know their language's
accented suffixes ("-ación", "-ció"); folding afterwards lets "atencion" typed without
accents meet "atención" in an article.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

LANGUAGES = {"es": "spanish", "ca": "catalan", "en": "english"}
DEFAULT_LANGUAGE = "en"

# Apostrophes split words as Catalan and English write them ("l'enllaç", "don't").
_WORD = re.compile(r"[^\W_]+", re.UNICODE)

# Words so common in customer messages that they say nothing about the matter. bm25's idf
# would weigh them down anyway, but leaving them out keeps queries short and fast.
_STOP = {
    "es": "a al algo como con de del el ella en es esta este estoy ha han hay he la las le lo los me mi mis "
    "muy no nos o os para pero por que se si sin su sus te tengo ti tu un una uno y ya yo hola gracias buenas "
    "buenos dias tardes saludo saludos favor podeis puedo puede quiero queria",
    "ca": "a al amb com de del el els en em era es ha han he hi i ja jo la les li lo ma me meu meva meus meves "
    "mi no nos o on per perque "
    "pero que se si sense seu seva ses sou te teu un una uns vosaltres hola gracies bon dia tarda salutacions "
    "podeu puc vull voldria",
    "en": "a about am an and are as at be been but by can could do does for from have hello hi how i if in "
    "is it its me my no not of on or our please so that the their them there this to us was we what when "
    "where which will with would you your thanks thank regards dear",
}


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def language_of(code: str | None) -> str:
    """The stemming language for a conversation's or article's language code ("es-ES" → "es")."""
    base = (code or "").split("-")[0].split("_")[0].lower()
    return base if base in LANGUAGES else DEFAULT_LANGUAGE


@lru_cache(maxsize=len(LANGUAGES))
def _stemmer(language: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(LANGUAGES[language])


@lru_cache(maxsize=len(LANGUAGES))
def _stopwords(language: str) -> frozenset[str]:
    return frozenset(_STOP[language].split())


# Common words found in one of the three languages only: Spanish and Catalan share many
# ("hola", "no", "la"), and these tell them apart.
_MARKERS = {
    "es": "y los las con porque gracias quiero tengo esta muy mi mis todavia hace pedido usted",
    "ca": "i els les amb perque gracies vull tinc aquest aquesta meu meva encara fa comanda vosaltres",
    "en": "the and my is are you have not with please thanks",
}


@lru_cache(maxsize=len(LANGUAGES))
def _markers(language: str) -> frozenset[str]:
    return frozenset(_MARKERS[language].split())


def guess_language(text: str) -> str:
    """The language whose common words `text` uses most: for conversations nobody labelled."""
    words = [fold(w) for w in _WORD.findall(text.lower())]
    score = {
        lang: sum(w in _stopwords(lang) for w in words) + 2 * sum(w in _markers(lang) for w in words)
        for lang in LANGUAGES
    }
    best = max(score, key=lambda lang: score[lang])
    return best if score[best] > 0 else DEFAULT_LANGUAGE


def terms(text: str, language: str | None) -> list[str]:
    """The index terms of `text`, in order, repeats kept (bm25 counts them)."""
    lang = language_of(language)
    stop = _stopwords(lang)
    words = [w for w in _WORD.findall(text.lower()) if len(w) > 1 and fold(w) not in stop and not w.isdigit()]
    return [fold(stem) for stem in _stemmer(lang).stemWords(words)]


def stemmed(text: str, language: str | None) -> str:
    return " ".join(terms(text, language))


def word_forms(text: str) -> list[set[str]]:
    """Each word of `text` as the index may hold it: stemmed in every language and as typed
    (folded), for a search whose language nobody says, such as an editor's in the knowledge base.
    Words that are only stop words or single letters are left out."""
    forms = []
    for word in _WORD.findall(text.lower()):
        found = {t for lang in LANGUAGES for t in terms(word, lang)}
        if found:
            forms.append(found | {fold(word)})
    return forms
