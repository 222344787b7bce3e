"""Segment rules (S1xx): empty or untranslated targets, wrong language, length outliers."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from tmqa.context import Context
from tmqa.errors import InputError
from tmqa.langid import is_wrong_language
from tmqa.langtags import primary
from tmqa.model import Severity, Unit
from tmqa.patterns import PRINTF_LENGTH
from tmqa.rules.registry import Problem, rule
from tmqa.terms.commonwords import common_words, unknown_word
from tmqa.textutil import spaceless, unit_spaceless


@rule("S101", "empty-target", Severity.ERROR, gate=True)
def empty_target(unit: Unit, ctx: Context) -> Iterator[Problem]:
    """The target is empty, or holds only whitespace and inline codes, while the source has text.

    A unit with no variant at all in the target language is left to the structure rules.
    When this rule fires, no other rule reports on the unit: every other finding would
    only restate that the translation is missing.

    ## Why is this bad?
    An empty target is a missing translation. Most CAT tools fall back to the source text
    or to nothing at all when they meet one, so the gap ships unnoticed.

    ## Example
    source: `Cliquez sur <bpt i="1"/>Enregistrer<ept i="1"/>.`
    target: `<bpt i="1"/><ept i="1"/>`
    Use instead: `Click <bpt i="1"/>Save<ept i="1"/>.`
    """
    if unit.target is None or not unit.source.has_text:
        return
    if not unit.target.has_text:
        what = "only inline codes" if unit.target.codes else "empty"
        yield Problem("target", (0, len(unit.target.plain)), f"target is {what}; source has text")


# --- shared by S102 and S103 --------------------------------------------------------------

# Whitespace of every width is dropped before comparing the two sides (textutil.spaceless):
# French typography adds a space before ":;!?", which must not make a copied English source
# look translated. Curly quotes and apostrophes count as straight ones.
_QUOTES = str.maketrans("’‘`´“”„«»", "''''\"\"\"\"\"")
_IDENTICAL_MEMO = "segment.identical"


def _same_spaceless(sa: str, sb: str) -> bool:
    """:func:`same_text` of two texts already without whitespace."""
    if sa == sb:
        return True
    sa, sb = sa.casefold(), sb.casefold()
    if sa == sb:
        return True
    # Quote mapping is one character for one: different lengths cannot become equal.
    return len(sa) == len(sb) and sa.translate(_QUOTES) == sb.translate(_QUOTES)


def same_text(a: str, b: str) -> bool:
    """True when two plain texts differ at most in spacing, case and quote style."""
    return a == b or _same_spaceless(spaceless(a), spaceless(b))


def _identical(unit: Unit, ctx: Context) -> bool:
    target = unit.target
    if target is None:
        return False
    memo = ctx.unit_memo
    found: bool | None = memo.get(_IDENTICAL_MEMO)
    if found is None:
        # The spaceless sides are shared with C101/C102, which digest them.
        found = memo[_IDENTICAL_MEMO] = unit.source.plain == target.plain or _same_spaceless(
            unit_spaceless(unit, "source", ctx), unit_spaceless(unit, "target", ctx)
        )
    return found


_LANGUAGE_NAMES = {
    "ca": "Catalan", "da": "Danish", "de": "German", "en": "English", "es": "Spanish",
    "fr": "French", "it": "Italian", "nl": "Dutch", "no": "Norwegian", "pl": "Polish",
    "pt": "Portuguese", "ro": "Romanian", "sv": "Swedish",
}


def _language_name(tag: str) -> str:
    code = primary(tag)
    return _LANGUAGE_NAMES.get(code, code)


# --- S102 untranslated ----------------------------------------------------------------------


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Not words: URLs, e-mail addresses, placeholders (printf, .NET, ICU, Jinja, shell), markup,
# paths and file names, and any token holding a digit, "=" or "_" (19,4 - v2.3.1 - A320 -
# key=value - snake_case). A copied "{0} of {1}" or "Version 2.3.1" is correct as it stands.
_NOT_WORDS_RE = re.compile(
    r"""
      (?:https?|ftp)://\S+ | www\.\S+
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+
    | \{\{.*?\}\} | \$?\{[^{}]*\} | \$\w+
    | %(?:\(\w+\))?[-+\#0\ ]*(?:\d+\$)?(?:\*|\d+)?(?:\.(?:\*|\d+))?
      (?:"""
    + PRINTF_LENGTH
    + r""")?[a-zA-Z@%]
    | <[^<>]*> | &\#?\w+;
    | \w+(?:[./\\]\w+)+ | [/\\~]\w+
    | \S*[\d=_]\S*
    """,
    re.VERBOSE,
)
_NOT_WORDS_TRIGGER = frozenset("0123456789/\\.@%{}$<&~:=_")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
# French and Italian elisions (l', d', qu', dell') are grammar: a word carrying one is text.
_ELISION_RE = re.compile(
    r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|dell|all|dall|nell|sull)['’]", re.IGNORECASE
)

# Lower-case words that join the words of a proper name ("Bank of America", "Immigration and
# Customs Enforcement", "Banque de France", "Ludwig van Beethoven"), in any language.
_NAME_JOINERS = _wordset(
    "of and the for on at in & de du des la le les et d l von van der den zu y da di del dos do e"
)

# Common words per language. A capitalized word is an ordinary word when it is listed here for
# the source language (or shared by the pair); any other capitalized word may be a name. So
# "Microsoft Azure" or "Meta Platforms Ireland" copied unchanged raise nothing, while "Cancel"
# or "Privacy Policy" left in English in a French target do. Lower-case words are always
# ordinary. A language without a list (German capitalizes every noun) is judged on its
# lower-case words only.
_COMMON_WORDS: dict[str, frozenset[str]] = {
    "en": _wordset(
        """
        about accept access account accounts actions activate add address advanced agree alert
        all allow and any apply approve archive are ask available back billing browse buy by
        calendar can cancel cart change changes check checkout choose city clear click close
        comment comments company complete confirm connect continue copy country create created
        customer customers cut dashboard day days default delete details disable disabled
        discard done download draft edit empty enable enabled end enter error errors every
        exit export failed false field fields file files filter find finish first folder
        forgot forward free from full general get go group groups guest help here hide history
        home how import inbox invalid invite is item items join keep language languages last
        later learn leave less level like link links list load loading lock log login logout
        main manage me mode month more move my name new news next no not now of off on open
        or order orders other out overview owner paid password paste pay payment pending
        people personal phone place please policy preferences preview previous price pricing
        print privacy product products profile publish quantity read recent refresh register
        reject reload remember remove rename reply report required reset restore results
        retry return review rights role save saved search security see select selected send
        sent settings share shipping shop show sign size skip sort start status step stop
        store street submit subscribe success summary sure terms the this time title to today
        tools true try undo unknown unlock unsubscribe up update updated upload user username
        users value view warning week welcome what when where with year years yes yesterday
        you your
        """
    ),
    "fr": _wordset(
        """
        à accepter accès accueil achat acheter activer adresse afficher aide ajouter aller
        annuler appliquer aperçu après archiver aucun aujourd autoriser autres avancé avec
        bienvenue boutique chaque champ champs changer chercher choisir cliquer commande
        commandes commencer compte comptes confidentialité confirmer connecter continuer
        copier coller couper créer de déconnecter déconnexion défaut démarrer dernier
        désactiver désactivé détails du effacer en enregistrer entrer envoyer erreur erreurs
        essayer et exporter fermer fichier fichiers filtrer fin gérer général générales
        historique ici identifiant importer imprimer informations inscription inviter jour
        jours langue langues lien liens lire livraison masquer mes mettre mise modifier mois
        mon mot nom non nouveau nouvelle oublié oui ouvrir paiement panier par paramètres
        partager passe pays personnel plus politique pour précédent préférences prix produit
        produits profil publier quantité quitter rechercher recherche réessayer refuser
        réinitialiser renommer répondre retour revenir sauvegarder se sécurité sélectionner
        semaine statut suivant supprimer sur télécharger terminer tous tout utilisateur
        utilisateurs utilisation valider voir vos votre
        """
    ),
}

# Words spelled the same in both languages of a pair. A segment of at most two ordinary words,
# all of them shared, is taken as translated even when identical to its source: "Total",
# "Description", "Photo", "Configuration" are the right French for the English. Longer
# segments are judged anyway: a whole sentence identical to its source is not translated.
_SHARED_WORDS: dict[frozenset[str], frozenset[str]] = {
    frozenset({"en", "fr"}): _wordset(
        """
        accessible action actions administration agenda album animation application
        applications article articles attention audio blog bonus budget chat client clients
        code collection commission condition conditions configuration confirmation contact
        contacts conversation correction date dates description descriptions design
        destination direction distribution document documents double email e-mail excellent
        expert fax final format global image images important index info infos information
        installation international introduction local marketing maximum menu menus message
        messages minimum mission national navigation normal note notes notification
        notifications option options orange organisation original page pages parking photo
        photos position possible principal production promo protection public question
        questions radio relation simple situation social solution solutions source sport
        standard station stop style support table tables tag tags taxi test tests total
        transport type types unique urgent validation version versions vision volume web zone
        zoom service services restaurant hotel
        """
    ),
    # German has taken these from English or shares them (capitalized as nouns, which the
    # comparison ignores): "Download", "Status", "Parameter" are the right German.
    frozenset({"en", "de"}): _wordset(
        """
        administrator album alarm analyse apps audio backup blog browser bonus budget
        chat client code computer container cursor daten datum design detail details
        download downloads editor email e-mail export fax feedback filter format forum
        hardware hotel image import index info information internet interface job kamera
        konto link links login logout mail manager marketing maximum menu minimum modus
        monitor name netzwerk normal online option optionen parameter passwort pixel
        plugin plugins portal position präsentation problem profil programm projekt
        protokoll proxy radio restaurant router scanner server service software sport
        start status stop system tablet team test text ticket timer tool tools update
        upload version video web website workflow zoom
        """
    ),
}
_NO_WORDS: frozenset[str] = frozenset()
# -tion/-sion nouns are mostly spelled alike in English and French when they carry no accent
# (Introduction, Mission, Session): the pair's list cannot hold them all.
_SHARED_SUFFIX_RE = re.compile(r"^[a-z]{3,}[ts]ions?$")
_SHORT_SHARED = 2


def _is_shared(word: str, shared: frozenset[str], src: str, tgt: str) -> bool:
    if word in shared:
        return True
    return {src, tgt} == {"en", "fr"} and _SHARED_SUFFIX_RE.match(word) is not None


def _frequent_in_both(word: str, src: str, tgt: str) -> bool:
    """Among the frequent words of both languages, and not a common word of the source.

    The shipped frequency lists (tmqa/data/common-words.*, for the term rules) hold both
    international words (surface, contagion, coronavirus) and, from web text, English
    words in French (help, save, home): the common-word list of the source language above
    keeps those (the typical untranslated UI words) out.
    """
    if word in _COMMON_WORDS.get(src, _NO_WORDS):
        return False
    return word in common_words(src) and word in common_words(tgt)


def _blank(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """`text` with every span replaced by spaces (offsets kept)."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _dnt_spans(unit: Unit, ctx: Context) -> list[tuple[int, int]]:
    """Where the source holds do-not-translate glossary terms (same text in both languages)."""
    index = ctx.terms(unit.source_lang, unit.target_lang)
    if index is None:
        return []
    return [h.span for h in index.source_hits(unit.source.plain) if index.is_dnt(h.concept, h.term)]


def translatable_words(
    text: str, src: str, tgt: str, skip: Sequence[tuple[int, int]] = ()
) -> list[str]:
    """The ordinary words of `text`, lower case: what a translator had to translate.

    Codes, numbers, URLs, placeholders, acronyms, do-not-translate terms and proper names
    are left out. Names are capitalized words the source language's common-word list does
    not know, with the small words that join them ("Bank of America").
    """
    if skip:
        text = _blank(text, skip)
    if not _NOT_WORDS_TRIGGER.isdisjoint(text):
        text = _NOT_WORDS_RE.sub(" ", text)
    tokens = _WORD_RE.findall(text)
    if not tokens:
        return []
    # An all-capitals segment of three words or more is shouting, not a string of acronyms.
    shouting = len(tokens) >= 3 and all(t.isupper() for t in tokens)
    common = _COMMON_WORDS.get(src, _NO_WORDS)
    shared = _SHARED_WORDS.get(frozenset({src, tgt}), _NO_WORDS)
    words: list[str] = []
    has_lower = False  # a lower-case word that does not join names
    names = 0
    for tok in tokens:
        low = tok.lower()
        if shouting or tok == low or _ELISION_RE.match(tok):
            words.append(low)
            has_lower = has_lower or low not in _NAME_JOINERS
        elif tok.isupper():
            continue  # an acronym (ICE, OK, PDF); pofilter's "unchanged" skips them too
        elif tok[1:] != low[1:] and "-" not in tok:
            continue  # inner capitals: a product (LinkedIn, ProPublica, iPhone)
        elif low in common or _is_shared(low, shared, src, tgt):
            words.append(low)
        else:
            names += 1
    if names and not has_lower:
        # Title Case holding a word no list knows is a name, with the small words joining it
        # ("Immigration and Customs Enforcement", "Meta Platforms Ireland", "Microsoft Azure").
        return []
    return words


# A command-line synopsis: a command (one to three words), then only options, bracketed or
# angled arguments, upper-case metavariables, pipes and ellipses ("git column [<options>]",
# "wait [-fn] [-p var] [id ...]", "popd [-n] [+N | -N]"). It is code, copied as it stands.
_SYNOPSIS_ITEM = r"""(?:
    \[(?:[^\[\]]|\[[^\[\]]*\])*\] | \((?:[^()]|\([^()]*\))*\) | <[^<>]*> | \{[^{}]*\}
  | [-+]{1,2}[\w-]+(?:=\S+)? | \| | [A-Z][A-Z_\d]+ )(?:\.\.\.)?"""
_SYNOPSIS_RE = re.compile(
    rf"""^\s*(?:(?i:usage|syntax)\s*:\s*)?
        (?:[a-z][\w.+-]*(?:\s+[a-z][\w.+-]*){{0,2}}\s+{_SYNOPSIS_ITEM}|{_SYNOPSIS_ITEM})
        (?:\s*{_SYNOPSIS_ITEM}|\s+\.\.\.)*\s*$""",
    re.VERBOSE,
)


def untranslated_words(unit: Unit, ctx: Context) -> list[str]:
    """The words of an identical source that still needed a translation; [] when none did."""
    src = primary(unit.source_lang)
    tgt = primary(unit.target_lang)
    source = unit.source.plain
    if ("[" in source or "<" in source or "-" in source) and _SYNOPSIS_RE.match(source):
        return []
    common = _COMMON_WORDS.get(src, _NO_WORDS)
    found = translatable_words(source, src, tgt, _dnt_spans(unit, ctx))
    # Single letters are units, options or list labels more often than words ("%lih").
    # Words no list knows are names (French writes language names in lower case: `aneme
    # wake`) or codes.
    words = [
        w for w in found if len(w) > 1 and (w in common or not unknown_word(w, src))
    ]
    # Nothing but one or two short words once the names are gone ("isu", "tu"): too little
    # to judge, unless one is a listed UI word ("Oui", "OK").
    if len(words) < 3 and all(len(w) < 4 for w in words) and not any(w in common for w in words):
        return []
    if len(words) == 1 and words[0] not in common:
        # One word is the most ambiguous case: a term (pangolin, virulence, germicide) is as
        # often spelled alike in both languages as left untranslated. Only the source
        # language's common words ("Cancel", "Annuler") are reported alone.
        return []
    shared = _SHARED_WORDS.get(frozenset({src, tgt}), _NO_WORDS)
    if len(words) <= _SHORT_SHARED and all(
        _is_shared(w, shared, src, tgt) or _frequent_in_both(w, src, tgt) for w in words
    ):
        return []
    return words


@rule("S102", "untranslated", Severity.ERROR)
def untranslated(unit: Unit, ctx: Context) -> Iterator[Problem]:
    """The target is the same as the source although the source has words to translate.

    The sides are compared ignoring inline codes, case, every kind of whitespace and the
    quote style, so a copy that only gained French spacing (`Attention : ...`) is caught.
    A copy is right, and nothing is reported, when the source holds nothing to translate:

    - numbers, codes, URLs, e-mail addresses, placeholders, markup, file names, versions
      (`Version 2.3.1`, `{0} / {1}`);
    - acronyms (`OK`, `ICE`, `PDF`) and product names with inner capitals (`LinkedIn`);
    - do-not-translate terms: glossary terms written the same in both languages, when a
      glossary is loaded;
    - proper names: Title Case words that the source language's common-word list does not
      know, joined by `of`, `and`, `de`... (`Microsoft Azure`, `Meta Platforms Ireland`,
      `Immigration and Customs Enforcement`);
    - at most two words that are spelled the same in both languages (`Total`, `Description`,
      `Configuration`, `Menu`, `surface`; `Download`, `Status` in German): a list per
      language pair (English-French, English-German), -tion/-sion nouns for
      English-French, and words of both languages' shipped frequency lists that the
      source's common-word list does not hold;
    - a pair of two variants of one language (en-US -> en-GB, fr-FR -> fr-CA), where most
      segments rightly stay the same;
    - a source that is reliably not in the source language (an English quotation in a
      French memory is rightly kept in English; S103 reports the source).

    - a command-line synopsis (`git column [<options>]`, `wait [-fn] [-p var] [id ...]`);
    - words of four letters or more that no list of the source language knows (`aneme
      wake`): names, which French writes in lower case, or codes; the rest must still
      hold a listed word or three short ones.

    Cannot judge: a Title Case heading holding an unlisted word (`Customer Happiness`) is
    taken for a name; a one-word segment is reported only when the word is in the source
    language's common-word list (English and French have one: `Cancel`, `Annuler`), since
    an unknown word alone is as likely a brand or a term spelled alike in both languages
    (`pangolin`) as an untranslated word. No options.

    ## Why is this bad?
    A target identical to its source was most often never translated: the CAT tool copied
    the source and nobody came back to it. It ships the source language to readers.

    ## Example
    source (en): `Click Save to keep your changes.`
    target (fr): `Click Save to keep your changes.`
    Use instead: `Cliquez sur Enregistrer pour conserver vos modifications.`
    """
    target = unit.target
    if target is None or not unit.source.has_text or not _identical(unit, ctx):
        return
    if primary(unit.source_lang) == primary(unit.target_lang):
        return  # en-US -> en-GB, fr-FR -> fr-CA: most segments rightly stay as they are
    words = untranslated_words(unit, ctx)
    if not words:
        return
    if is_wrong_language(unit.source.plain, unit.source_lang, candidates=(unit.target_lang,)):
        return
    shown = ", ".join(dict.fromkeys(words[:4]))
    yield Problem(
        "target",
        (0, len(target.plain)),
        f"target is the same as the source, which has words to translate ({shown})",
    )


# --- S103 wrong-language --------------------------------------------------------------------


@rule("S103", "wrong-language", Severity.ERROR)
def wrong_language(unit: Unit, ctx: Context) -> Iterator[Problem]:
    """A side is not in its language: the source in the source language, the target in the target's.

    Detection is `tmqa.langid`: a stop-word first pass settles clear cases, a seeded
    langdetect limited to the likely languages settles the rest, deterministically in any
    process. A side is judged only when it holds at least 4 ordinary words and 20 letters
    (12 for Chinese, Japanese, Thai); names, acronyms, numbers, URLs, placeholders (`%s`,
    `%zu`, `{0}`), markup, paths and command-line options (`-o`, `--no-checkout`,
    `--[no-]progress`) are not counted, nor is a lone letter taken for an elision (`Ctrl-D`
    is not French `d'`). A side is reported only when its ordinary words hold at least half
    of its letters. Below 8 words the stop words must point at the same foreign language as
    langdetect. A near tie is no verdict: when langdetect gives the expected language some
    of its trials, the other language needs two more of the stop words that tell the two
    apart. Doubtful results are dropped, never reported.

    When the target equals the source (S102's business), the target is not checked again.
    When both sides are wrong and each is in the other's language, the message says the
    sides look swapped.

    Cannot judge: short segments (`OK`, `Microsoft Azure`, `Cancel`), lists of names or
    terms, command synopses and help lines that are mostly options and placeholders
    (`git for-each-ref [--contains [<commit>]]`, `%s: unsupported reloc %u in TLSLE mode`),
    text in a language langdetect has no profile for, segments mixing two languages in
    similar measure (a quotation inside a sentence is taken as the sentence's language),
    and closely related languages when the text is short (Spanish/Portuguese/Catalan,
    Danish/Norwegian). No options.

    ## Why is this bad?
    A target in the wrong language is a wrong file delivered, a pivot language left in, or a
    segment pasted from another project; a source in the wrong language means the memory's
    languages are mixed up. Either way the unit teaches the wrong thing to every later match.

    ## Example
    source (fr-FR): `Le contrat a été annulé par le client la semaine dernière.`
    target (en-US): `El contrato fue cancelado por el cliente la semana pasada.`
    Use instead: `The customer canceled the contract last week.`
    """
    src_lang, tgt_lang = unit.source_lang, unit.target_lang
    found_src = found_tgt = None
    if src_lang and unit.source.has_text:
        found_src = is_wrong_language(unit.source.plain, src_lang, candidates=(tgt_lang,))
    target = unit.target
    if tgt_lang and target is not None and target.has_text and not _identical(unit, ctx):
        found_tgt = is_wrong_language(target.plain, tgt_lang, candidates=(src_lang,))
    swapped = (
        found_src is not None
        and found_tgt is not None
        and primary(found_src) == primary(tgt_lang)
        and primary(found_tgt) == primary(src_lang)
    )
    hint = "; source and target look swapped" if swapped else ""
    if found_src is not None:
        yield Problem(
            "source",
            (0, len(unit.source.plain)),
            f"source is in {_language_name(found_src)}, not {_language_name(src_lang)}{hint}",
        )
    if found_tgt is not None and target is not None:
        yield Problem(
            "target",
            (0, len(target.plain)),
            f"target is in {_language_name(found_tgt)}, not {_language_name(tgt_lang)}{hint}",
        )


# --- S104 length-ratio ----------------------------------------------------------------------

# How long a text runs relative to the same text in English: the expected target/source ratio
# of a pair is EXPANSION[target] / EXPANSION[source] (fr->en 0.87, en->fr 1.15). Figures are
# the usual localization planning numbers; a pair with an unknown language expects 1.0.
# Scripts without spaces pack a word in one to three characters: without their figures an
# English-Chinese pair would always look three times too short.
_EXPANSION: dict[str, float] = {
    "en": 1.0, "fr": 1.15, "de": 1.2, "es": 1.15, "it": 1.12, "pt": 1.15, "nl": 1.15,
    "zh": 0.35, "ja": 0.5, "ko": 0.55,
}
# (longest source in characters, low, high): the target may run from low*r to high*r of the
# source length, r being the pair's expected ratio. The band widens for short sources, as in
# Okapi CheckMate, because one word more or less moves a short segment's ratio a lot. Sources
# shorter than MIN_LENGTH characters are not judged at all.
DEFAULT_BANDS: tuple[tuple[float, float, float], ...] = (
    (30, 0.3, 3.0),
    (100, 0.5, 2.0),
    (float("inf"), 0.6, 1.6),
)
DEFAULT_MIN_LENGTH = 11


def text_length(text: str) -> int:
    """Length of plain text with runs of whitespace counted as one space, ends trimmed."""
    parts = text.split()
    return sum(map(len, parts)) + len(parts) - 1 if parts else 0


_RATIOS: dict[tuple[str, str], float] = {}  # expected_ratio without `ratios`, per tag pair


def expected_ratio(src: str, tgt: str, ratios: Mapping[str, float] | None = None) -> float:
    """The expected target/source length ratio for a language pair (primary subtags)."""
    if not ratios:
        ratio = _RATIOS.get((src, tgt))
        if ratio is None:
            ratio = _expected_ratio(src, tgt, None)
            if len(_RATIOS) < 1024:
                _RATIOS[src, tgt] = ratio
        return ratio
    return _expected_ratio(src, tgt, ratios)


def _expected_ratio(src: str, tgt: str, ratios: Mapping[str, float] | None) -> float:
    s, t = primary(src), primary(tgt)
    if ratios:
        given = ratios.get(f"{s}-{t}")
        if given is not None:
            return float(given)
    if s == t:
        return 1.0
    es, et = _EXPANSION.get(s), _EXPANSION.get(t)
    if es is None or et is None:
        return 1.0
    return et / es


_Bands = tuple[tuple[float, float, float], ...]
_PARSED_BANDS: dict[int, tuple[object, _Bands]] = {}


def _parse_bands(value: Any) -> _Bands:
    """Validate the `bands` option once per object: `[[longest, low, high], ...]`."""
    cached = _PARSED_BANDS.get(id(value))
    if cached is not None and cached[0] is value:
        return cached[1]
    try:
        bands = tuple(
            (float("inf") if upto is None else float(upto), float(low), float(high))
            for upto, low, high in value
        )
    except (TypeError, ValueError):
        bands = ()
    if not bands or any(not 0 <= low <= high for _, low, high in bands):
        raise InputError(
            None,
            f"S104 option bands: expected a list of [longest source, low, high] with "
            f"0 <= low <= high, got {value!r}",
        )
    _PARSED_BANDS[id(value)] = (value, bands)
    return bands


def _band(length: int, bands: _Bands) -> tuple[float, float]:
    for upto, low, high in bands:
        if length <= upto:
            return low, high
    # The last band also covers longer sources.
    return bands[-1][1], bands[-1][2]


@rule(
    "S104",
    "length-ratio",
    Severity.WARNING,
    options={"min-length": DEFAULT_MIN_LENGTH, "bands": DEFAULT_BANDS, "ratio": None, "ratios": {}},
)
def length_ratio(unit: Unit, ctx: Context) -> Iterator[Problem]:
    """The target is far longer or shorter than a translation of the source should be.

    Lengths are counted in characters of plain text: inline codes left out, whitespace runs
    counted as one space. The expected ratio r of the pair comes from a table of how long
    each language runs against English (fr->en 0.87, en->fr 1.15, de 1.2, es 1.15, it 1.12,
    pt 1.15, nl 1.15, zh 0.35, ja 0.5, ko 0.55; 1.0 for other pairs). The target may run
    from low*r to high*r of the source length, in bands that widen for short sources (one
    word more or less moves a short ratio a lot):

    - source shorter than 11 characters: not judged;
    - up to 30 characters: 0.3r to 3r;
    - up to 100 characters: 0.5r to 2r;
    - longer: 0.6r to 1.6r.

    Options: `min-length` (11), `bands` (a list of `[longest source, low, high]`, the last
    band also covering longer sources; default `[[30, 0.3, 3.0], [100, 0.5, 2.0], [inf,
    0.6, 1.6]]`), `ratio` (a number that replaces r for every pair) and `ratios`
    (`{"fr-en" = 0.9}`, by primary language subtags). Tuned so that no unit of the bundled
    English-French corpus is reported.

    Cannot judge: whether the words are right; a translation that legitimately expands or
    condenses (a spelled-out abbreviation, a dropped parenthesis) can trip it, hence a
    warning.

    ## Why is this bad?
    A target much shorter than its source has usually lost a clause or a sentence (a
    segment split wrongly, an MT truncation); a much longer one holds extra text (two
    segments merged, a note pasted in, a repeated sentence).

    ## Example
    source (fr): `Cette revendication fait suite à la décision de séparer les enfants.`
    target (en): `This demand follows the decision.`
    Use instead: `This demand follows the decision to separate the children.`
    """
    target = unit.target
    if target is None:
        return
    src_len = text_length(unit.source.plain)
    if src_len < ctx.option("S104", "min-length", DEFAULT_MIN_LENGTH):
        return
    tgt_len = text_length(target.plain)
    if tgt_len == 0:
        return  # S101's business
    ratio = ctx.option("S104", "ratio", None)
    r = (
        float(ratio)
        if ratio is not None
        else expected_ratio(unit.source_lang, unit.target_lang, ctx.option("S104", "ratios", None))
    )
    low, high = _band(src_len, _parse_bands(ctx.option("S104", "bands", DEFAULT_BANDS)))
    actual = tgt_len / src_len
    if low * r <= actual <= high * r:
        return
    what = "short" if actual < low * r else "long"
    yield Problem(
        "target",
        (0, len(target.plain)),
        f"target is too {what}: {tgt_len} characters for a source of {src_len} "
        f"({actual:.2f}x; expected {low * r:.2f}x to {high * r:.2f}x)",
    )
