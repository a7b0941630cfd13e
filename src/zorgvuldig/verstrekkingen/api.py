"""/api/v1/deelbesluiten and /api/v1/verstrekkingen (API §2.6): thin views over sharing decisions and the
disclosure register."""

from __future__ import annotations

import datetime as dt

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.response import Response

from zorgvuldig.api import parameters
from zorgvuldig.api.base import (
    BasisView,
    ItemView,
    JaNee,
    StrictSerializer,
    Tekst,
    UTCDateTime,
    absolute,
    uuid_uit_url,
)
from zorgvuldig.api.pagination import Paginering
from zorgvuldig.api.permissions import actor_van
from zorgvuldig.core.errors import DomainError, InvalidParam, NotFound
from zorgvuldig.verstrekkingen import deelbesluiten as services
from zorgvuldig.verstrekkingen import policies as p
from zorgvuldig.verstrekkingen import selectors
from zorgvuldig.verstrekkingen.models import Verstrekking

ACT = "gegevensdeling"
NEMEN, GOEDKEUREN = "deelbesluit:nemen", "deelbesluit:goedkeuren"

VLAGGEN = (
    "verrijking",
    "kinderbeschermingstafel",
    "ontvangerDirectBetrokken",
    "ontvangerGezaghebbendeOuder",
    "kindOnder16",
    "onverenigbaarMetGoedeZorg",
)
ONTVANGER_TYPES = (
    "gemeentelijk_team",
    "jeugdhulp",
    "wgbo_zorg",
    "school",
    "veilig_thuis",
    "raad_kinderbescherming",
    "gecertificeerde_instelling",
    "politie_om",
    "toezichthouder",
    "persoon",
    "overig",
)


def _url(request, pad: str) -> str:
    return absolute(request, f"/api/v1/{pad}")


class DeelOntvangerSerializer(StrictSerializer):
    organisatie = Tekst(300)
    naam = Tekst(200)
    functie = Tekst(200)
    taak = Tekst(500)
    type = serializers.ChoiceField(choices=ONTVANGER_TYPES, required=False)


class GegevenSerializer(StrictSerializer):
    omschrijving = serializers.CharField(max_length=1000, allow_blank=True)
    item = serializers.UUIDField(required=False)
    bijzonder = serializers.BooleanField(required=False, default=False)
    categorie = Tekst(60)
    uitzondering = Tekst(40)
    soort = Tekst(16)
    bron = Tekst(20)


# --- The wizard's answers (SH-21): one typed object per step and per ground's questions. Every field is
# optional and may be null — a draft is filled step by step, and what is open the `toetsing` and
# `openPunten` name — but what is sent has the declared type (API §1.1, GP-04: unknown keys are refused).


class DeelAntwoordSerializer(StrictSerializer):
    def to_internal_value(self, data):
        if self.parent is not None and not isinstance(data, dict):
            raise serializers.ValidationError("Verwacht een object.", code="invalid")
        return super().to_internal_value(data)


def _ja_nee(help_text: str = "") -> JaNee:
    return JaNee(required=False, allow_null=True, help_text=help_text or None)


def _keuze(keuzes, help_text: str = "") -> serializers.ChoiceField:
    return serializers.ChoiceField(
        choices=list(keuzes), required=False, allow_null=True, help_text=help_text or None
    )


def _tekst(max_length: int = 4000, help_text: str = "") -> Tekst:
    return Tekst(max_length, allow_null=True, help_text=help_text or None)


class DeelbesluitStapDoelSerializer(DeelAntwoordSerializer):
    verwerkingsactiviteit = serializers.CharField(
        max_length=300,
        required=False,
        allow_null=True,
        help_text="Stap 1 (GP-02): URL van de verwerkingsactiviteit (/api/v1/verwerkingsactiviteiten/{uuid}) "
        "of haar code; het antwoord noemt de code.",
    )


class DeelbesluitStapGrondslagSerializer(DeelAntwoordSerializer):
    eigen = _keuze(p.GRONDSLAGEN, "Stap 2: de eigen grondslag, AVG art. 6(1) a–f (GP-03).")
    ontvanger = _keuze(p.GRONDSLAGEN, "Stap 2: de grondslag van de ontvanger (GP-03).")


class DeelbesluitNoodzaakSerializer(DeelAntwoordSerializer):
    """Step 3 (GP-04, SH-04): necessity and subsidiarity."""

    onderbouwing = _tekst(help_text="Waarom is delen nodig? Waarvoor heeft de ontvanger dit nodig (GP-04)?")
    vanClient = _ja_nee("Kunt u de gegevens bij de cliënt zelf vragen, of kan de cliënt ze zelf geven?")
    anoniemVolstaat = _ja_nee("Zijn anonieme gegevens genoeg?")
    datGegevenVolstaat = _ja_nee("Is alleen het feit dát u betrokken bent genoeg (een dat-gegeven, SH-07)?")
    beeindigtHuiselijkGeweld = _ja_nee(
        "Helpt delen met politie of OM om huiselijk geweld te voorkomen of te stoppen (SH-18)?"
    )


class DeelbesluitStapInformerenSerializer(DeelAntwoordSerializer):
    """Step 6 (GP-05, SH-14): when the client hears of it."""

    moment = _keuze((p.VOOR, p.NA, p.UITGESTELD))
    grond = _keuze(sorted(p.UITSTEL_GRONDEN), "Alleen bij `uitgesteld` (SH-14).")


class DeelbesluitStapRechtenSerializer(DeelAntwoordSerializer):
    """Step 8: the client's own statements go along (DS-09), no hidden items (DS-13)."""

    eigenVerklaringenMee = _ja_nee()
    geenVerborgenItems = _ja_nee()


class DeelbesluitStappenSerializer(DeelAntwoordSerializer):
    """The wizard's steps (SH-21). Steps 4 (special categories) and 7 (accuracy) are judged from
    `gegevens`; step 5 is the answer `beroepsgeheim`."""

    doel = DeelbesluitStapDoelSerializer(required=False)
    grondslag = DeelbesluitStapGrondslagSerializer(required=False)
    noodzaak = DeelbesluitNoodzaakSerializer(required=False)
    beroepsgeheim = _ja_nee("Stap 5: heeft u een beroepsgeheim voor deze gegevens (SH-04)?")
    informeren = DeelbesluitStapInformerenSerializer(required=False)
    rechten = DeelbesluitStapRechtenSerializer(required=False)


class DeelbesluitVierVragenSerializer(DeelAntwoordSerializer):
    """SH-12's four questions (G6)."""

    legitiemDoel = _ja_nee()
    enigeWeg = _ja_nee()
    instemmingOnmogelijkOfGezocht = _ja_nee()
    belangClientWeegtZwaarder = _ja_nee()


class DeelbesluitConflictVanPlichtenSerializer(DeelAntwoordSerializer):
    """SH-12 (G6)."""

    toestemmingNietHaalbaar = _keuze(sorted(p.NIET_HAALBAAR))
    ernstigeSchade = _tekst()
    andereWegen = _tekst()
    kansBeperking = _tekst()
    objectiefEigenWaarneming = _ja_nee()
    openheidNaarClient = _ja_nee()


class DeelbesluitVerenigbaarheidSerializer(DeelAntwoordSerializer):
    """SH-05's five (G8)."""

    verbandDoelen = _tekst()
    contextVerwachtingen = _tekst()
    gevoeligheid = _tekst()
    gevolgen = _tekst()
    waarborgen = _tekst()


class DeelbesluitVitaalBelangSerializer(DeelAntwoordSerializer):
    """G7."""

    zeerErnstigeSituatie = _ja_nee()
    vitaalBelang = _ja_nee()
    dringendNodigNietDoorTeam = _ja_nee()
    toestemmingOnmogelijk = _ja_nee()
    enigeWeg = _ja_nee()


class DeelbesluitWettelijkeBevoegdheidSerializer(DeelAntwoordSerializer):
    """G4."""

    bepaling = _tekst(300)


class DeelbesluitSchriftelijkVerzoekSerializer(DeelAntwoordSerializer):
    """SH-20: the filed written request (Participatiewet)."""

    kenmerk = _tekst(100)
    datum = serializers.DateField(required=False, allow_null=True)
    bepaling = _tekst(300)


class DeelbesluitWettelijkePlichtSerializer(DeelAntwoordSerializer):
    """G5 (SH-13, SH-20)."""

    ontvanger = _keuze(p.PLICHT_ONTVANGERS)
    bepaling = _tekst(300)
    schriftelijkVerzoek = DeelbesluitSchriftelijkVerzoekSerializer(required=False, allow_null=True)
    juridischAdvies = _ja_nee()


class DeelbesluitVtMeldingSerializer(DeelAntwoordSerializer):
    """SH-17: the report to Veilig Thuis an enrichment follows."""

    datum = serializers.DateField(required=False, allow_null=True)
    ambtshalve = _ja_nee()


ANTWOORDEN: dict[str, type[DeelAntwoordSerializer]] = {
    "stappen": DeelbesluitStappenSerializer,
    "vierVragen": DeelbesluitVierVragenSerializer,
    "conflictVanPlichten": DeelbesluitConflictVanPlichtenSerializer,
    "verenigbaarheid": DeelbesluitVerenigbaarheidSerializer,
    "vitaalBelang": DeelbesluitVitaalBelangSerializer,
    "wettelijkeBevoegdheid": DeelbesluitWettelijkeBevoegdheidSerializer,
    "wettelijkePlicht": DeelbesluitWettelijkePlichtSerializer,
    "vtMelding": DeelbesluitVtMeldingSerializer,
}


class DeelbesluitSerializer(StrictSerializer):
    dossier = serializers.CharField(max_length=300, required=False)
    richting = serializers.ChoiceField(choices=services.RICHTINGEN, required=False)
    ontvanger = DeelOntvangerSerializer(required=False)
    verzoekContext = Tekst(4000)
    klasse = serializers.ChoiceField(choices=("a", "b", "c"), required=False, allow_null=True)
    grond = serializers.ChoiceField(choices=p.ALLE_GRONDEN, required=False, allow_null=True)
    toestemming = serializers.CharField(max_length=300, required=False, allow_null=True)
    gegevens = serializers.ListField(child=GegevenSerializer(), required=False, max_length=50)
    verschoningsrecht = serializers.BooleanField(required=False)
    onderzoekGestartOp = serializers.DateField(required=False, allow_null=True)
    stappen = DeelbesluitStappenSerializer(required=False)
    vierVragen = DeelbesluitVierVragenSerializer(required=False)
    conflictVanPlichten = DeelbesluitConflictVanPlichtenSerializer(required=False)
    verenigbaarheid = DeelbesluitVerenigbaarheidSerializer(required=False)
    vitaalBelang = DeelbesluitVitaalBelangSerializer(required=False)
    wettelijkeBevoegdheid = DeelbesluitWettelijkeBevoegdheidSerializer(required=False)
    wettelijkePlicht = DeelbesluitWettelijkePlichtSerializer(required=False)
    vtMelding = DeelbesluitVtMeldingSerializer(required=False)
    verrijking = serializers.BooleanField(required=False)
    kinderbeschermingstafel = serializers.BooleanField(required=False)
    ontvangerDirectBetrokken = serializers.BooleanField(required=False)
    ontvangerGezaghebbendeOuder = serializers.BooleanField(required=False)
    kindOnder16 = serializers.BooleanField(required=False)
    onverenigbaarMetGoedeZorg = serializers.BooleanField(required=False)
    viMatch = serializers.CharField(max_length=300, required=False, help_text="URL van de match (VI-13)")


def _json(waarde):
    """A typed answer as stored (encrypted JSON) and answered: plain dicts, dates as JJJJ-MM-DD."""
    if isinstance(waarde, dict):
        return {k: _json(w) for k, w in waarde.items()}
    return waarde.isoformat() if isinstance(waarde, dt.date) else waarde


# --- The representation (API §2.6), declared for the OpenAPI schema; `representatie` builds it -------


class DeelbesluitOntvangerSerializer(serializers.Serializer):
    naam = serializers.CharField(required=False)
    functie = serializers.CharField(required=False)
    taak = serializers.CharField(required=False)
    type = serializers.ChoiceField(choices=ONTVANGER_TYPES)
    organisatie = serializers.URLField(allow_null=True)


class DeelbesluitToetsingsstapSerializer(serializers.Serializer):
    """One of the eight steps as judged (SH-21): codes only, no content."""

    stap = serializers.IntegerField(min_value=1, max_value=8)
    naam = serializers.CharField()
    ok = serializers.BooleanField()
    code = serializers.CharField(allow_null=True, help_text="De foutcode van de stap als die niet klopt.")


class DeelbesluitOpenPuntSerializer(serializers.Serializer):
    """SH-21: what still stands between a draft and a decision: the field, the code, the reason."""

    naam = serializers.CharField(help_text="Het veld, bijvoorbeeld `stappen.noodzaak.onderbouwing`.")
    code = serializers.CharField()
    reden = serializers.CharField()


class DeelbesluitConsultatieSerializer(serializers.Serializer):
    adviseur = serializers.URLField()
    tijdstip = UTCDateTime()
    advies = serializers.CharField(allow_blank=True)


class DeelbesluitBeslissingSerializer(serializers.Serializer):
    besluit = serializers.ChoiceField(choices=p.BESLUITEN)
    redenen = serializers.CharField(allow_blank=True)
    datum = UTCDateTime(allow_null=True)
    door = serializers.CharField(allow_null=True, help_text="Naam van wie besloot.")


class DeelbesluitUitvoeringSerializer(serializers.Serializer):
    datum = serializers.DateField()
    vorm = serializers.CharField()


class DeelbesluitClientInformeringSerializer(serializers.Serializer):
    moment = serializers.ChoiceField(choices=(p.VOOR, p.NA, p.UITGESTELD), allow_null=True)
    grond = serializers.CharField(allow_null=True)
    reviewdatum = serializers.DateField(allow_null=True)
    reviewVerschuldigd = serializers.BooleanField()
    geinformeerdOp = serializers.DateField(allow_null=True)


class DeelbesluitVervallenSerializer(serializers.Serializer):
    reden = serializers.CharField(allow_blank=True)


class DeelbesluitUitstelAfwijzingSerializer(serializers.Serializer):
    toelichting = serializers.CharField(allow_blank=True)
    datum = serializers.DateField(allow_null=True)


class DeelbesluitGegevenSerializer(serializers.Serializer):
    omschrijving = serializers.CharField(allow_blank=True)
    item = serializers.UUIDField(required=False, help_text="Het dossieritem (notitie) dat wordt gedeeld.")
    bijzonder = serializers.BooleanField(required=False)
    categorie = serializers.CharField(required=False)
    uitzondering = serializers.CharField(required=False)
    soort = serializers.CharField(required=False)
    bron = serializers.CharField(required=False)


@extend_schema_serializer(component_name="Deelbesluit")
class DeelbesluitUitSerializer(serializers.Serializer):
    """A sharing decision as answered (API §2.6). The answers (`stappen` … `vtMelding`, the flags,
    `verzoekContext`, `gegevens`, `onderzoekGestartOp`, `viMatch`) appear once given."""

    url = serializers.URLField()
    uuid = serializers.UUIDField()
    dossier = serializers.URLField()
    richting = serializers.ChoiceField(choices=services.RICHTINGEN)
    status = serializers.ChoiceField(choices=list(p.TRANSITIES))
    spoed = serializers.BooleanField()
    ontvanger = DeelbesluitOntvangerSerializer()
    klasse = serializers.ChoiceField(choices=("a", "b", "c"), allow_null=True)
    grond = serializers.ChoiceField(choices=p.ALLE_GRONDEN, allow_null=True)
    toestemming = serializers.URLField(allow_null=True)
    verschoningsrecht = serializers.BooleanField()
    stappen = DeelbesluitStappenSerializer(required=False)
    vierVragen = DeelbesluitVierVragenSerializer(required=False)
    conflictVanPlichten = DeelbesluitConflictVanPlichtenSerializer(required=False)
    verenigbaarheid = DeelbesluitVerenigbaarheidSerializer(required=False)
    vitaalBelang = DeelbesluitVitaalBelangSerializer(required=False)
    wettelijkeBevoegdheid = DeelbesluitWettelijkeBevoegdheidSerializer(required=False)
    wettelijkePlicht = DeelbesluitWettelijkePlichtSerializer(required=False)
    vtMelding = DeelbesluitVtMeldingSerializer(required=False)
    verrijking = serializers.BooleanField(required=False)
    kinderbeschermingstafel = serializers.BooleanField(required=False)
    ontvangerDirectBetrokken = serializers.BooleanField(required=False)
    ontvangerGezaghebbendeOuder = serializers.BooleanField(required=False)
    kindOnder16 = serializers.BooleanField(required=False)
    onverenigbaarMetGoedeZorg = serializers.BooleanField(required=False)
    verzoekContext = serializers.CharField(required=False, allow_blank=True)
    gegevens = DeelbesluitGegevenSerializer(many=True, required=False)
    onderzoekGestartOp = serializers.DateField(required=False, allow_null=True)
    viMatch = serializers.URLField(required=False)
    toetsing = DeelbesluitToetsingsstapSerializer(many=True)
    openPunten = DeelbesluitOpenPuntSerializer(
        many=True,
        allow_null=True,
        help_text="Alleen bij een open besluit (concept, consultatie); anders null.",
    )
    consultatie = DeelbesluitConsultatieSerializer(allow_null=True)
    consultatieUiterlijk = serializers.DateField(allow_null=True)
    besluit = DeelbesluitBeslissingSerializer(allow_null=True)
    uitgevoerd = DeelbesluitUitvoeringSerializer(allow_null=True)
    clientInformering = DeelbesluitClientInformeringSerializer()
    beeindigdOp = UTCDateTime(allow_null=True)
    vervallen = DeelbesluitVervallenSerializer(allow_null=True)
    uitstelAfgewezen = DeelbesluitUitstelAfwijzingSerializer(many=True)
    verzoekVan = serializers.URLField(allow_null=True)
    organisatie = serializers.URLField()
    verwerkingsverantwoordelijke = serializers.URLField()
    aangemaakt = UTCDateTime()
    gewijzigd = UTCDateTime()


def _splits(request, v: dict) -> tuple[dict, dict]:
    """Body → (structured fields for the row, encrypted answers)."""
    from zorgvuldig.organisaties.models import Organisatie
    from zorgvuldig.toestemmingen.models import Toestemming

    data: dict = {}
    if "richting" in v:
        data["richting"] = v["richting"]
    if "ontvanger" in v:
        o = v["ontvanger"]
        org = None
        if o.get("organisatie"):
            org = Organisatie.objects.filter(
                uuid=uuid_uit_url(
                    o["organisatie"], resource="organisaties", request=request, veld="ontvanger.organisatie"
                )
            ).first()
            if org is None:
                raise DomainError(
                    "E_INVALID_INPUT",
                    "Onbekende organisatie.",
                    [InvalidParam("ontvanger.organisatie", "invalid", "Onbekend.")],
                )
        data["ontvanger_organisatie"] = org
        data["ontvanger_type"] = o.get("type") or (org.type if org else "overig")
        data["ontvanger"] = {k: o[k] for k in ("naam", "functie", "taak") if o.get(k)}
    for veld, kolom in (("klasse", "klasse"), ("grond", "grond"), ("verschoningsrecht", "verschoningsrecht")):
        if veld in v:
            data[kolom] = v[veld]
    if "toestemming" in v:
        data["toestemming"] = (
            Toestemming.objects.filter(
                uuid=uuid_uit_url(
                    v["toestemming"], resource="toestemmingen", request=request, veld="toestemming"
                )
            ).first()
            if v["toestemming"]
            else None
        )
        if v["toestemming"] and data["toestemming"] is None:
            raise DomainError(
                "E_INVALID_INPUT",
                "Onbekende toestemming.",
                [InvalidParam("toestemming", "invalid", "Onbekend.")],
            )
    antwoorden = {k: _json(v[k]) for k in (*ANTWOORDEN, *VLAGGEN, "verzoekContext") if k in v}
    doel = (antwoorden.get("stappen") or {}).get("doel")
    if (
        isinstance(doel, dict)
        and isinstance(doel.get("verwerkingsactiviteit"), str)
        and "/" in doel["verwerkingsactiviteit"]
    ):
        # API.md: the activity's URL; stored (and answered) as its code, which is accepted too (ADR 0006)
        from zorgvuldig.registers.models import Verwerkingsactiviteit

        doel["verwerkingsactiviteit"] = (
            Verwerkingsactiviteit.objects.filter(
                uuid=uuid_uit_url(
                    doel["verwerkingsactiviteit"],
                    resource="verwerkingsactiviteiten",
                    request=request,
                    veld="stappen.doel.verwerkingsactiviteit",
                )
            )
            .values_list("code", flat=True)
            .first()
        )
    if "gegevens" in v:
        antwoorden["gegevens"] = [
            {k: (str(w) if k == "item" else w) for k, w in g.items()} for g in v["gegevens"]
        ]
    if v.get("viMatch"):
        antwoorden["viMatch"] = uuid_uit_url(
            v["viMatch"], resource="matches", request=request, veld="viMatch"
        )
    if "onderzoekGestartOp" in v:
        antwoorden["onderzoekGestartOp"] = (
            v["onderzoekGestartOp"].isoformat() if v["onderzoekGestartOp"] else None
        )
    return data, antwoorden


def representatie(request, rij) -> dict:
    a = services.antwoorden(rij)
    beperkt = {
        k: a[k] for k in (*ANTWOORDEN, *VLAGGEN, "verzoekContext", "gegevens", "onderzoekGestartOp") if k in a
    }
    if a.get("viMatch"):
        beperkt["viMatch"] = _url(request, f"matches/{a['viMatch']}")
    return {
        "url": _url(request, f"deelbesluiten/{rij.uuid}"),
        "uuid": str(rij.uuid),
        "dossier": _url(request, f"dossiers/{rij.dossier.uuid}"),
        "richting": rij.richting,
        "status": rij.status,
        "spoed": rij.spoed,
        "ontvanger": {
            **(rij.ontvanger or {}),
            "type": rij.ontvanger_type,
            "organisatie": _url(request, f"organisaties/{rij.ontvanger_organisatie.uuid}")
            if rij.ontvanger_organisatie
            else None,
        },
        "klasse": rij.klasse or None,
        "grond": rij.grond or None,
        "toestemming": _url(request, f"toestemmingen/{rij.toestemming.uuid}") if rij.toestemming else None,
        "verschoningsrecht": rij.verschoningsrecht,
        **beperkt,
        "toetsing": rij.toetsing,
        "openPunten": _open_punten(request, rij, a),
        "consultatie": {
            "adviseur": _url(request, f"gebruikers/{rij.consultatie_door.uuid}"),
            "tijdstip": UTCDateTime().to_representation(rij.consultatie_op),
            "advies": (a.get("consultatie") or {}).get("advies", ""),
        }
        if rij.consultatie_door
        else None,
        "consultatieUiterlijk": rij.consultatie_uiterlijk,
        "besluit": {
            "besluit": rij.besluit,
            "redenen": a.get("besluitRedenen", ""),
            "datum": UTCDateTime().to_representation(rij.besloten_op),
            "door": rij.besloten_door.naam if rij.besloten_door else None,
        }
        if rij.besluit
        else None,
        "uitgevoerd": {"datum": rij.uitgevoerd_op, "vorm": rij.uitvoering_vorm}
        if rij.uitgevoerd_op
        else None,
        "clientInformering": {
            "moment": rij.informeren_moment or None,
            "grond": rij.informeren_grond or None,
            "reviewdatum": rij.reviewdatum,
            "reviewVerschuldigd": bool(rij.reviewdatum)
            and rij.status == p.INFORMEREN_UITGESTELD
            and p.review_verschuldigd(rij.reviewdatum, _vandaag()),
            "geinformeerdOp": rij.geinformeerd_op,
        },
        "beeindigdOp": UTCDateTime().to_representation(rij.beeindigd_op),
        # why a draft was withdrawn (`_intrekken`), and the leidinggevende's refusals of a postponement
        "vervallen": {"reden": a["vervallen"].get("reden", "")} if a.get("vervallen") else None,
        "uitstelAfgewezen": [
            {"toelichting": u.get("toelichting", ""), "datum": u.get("datum")}
            for u in a.get("uitstelAfgewezen", [])
        ],
        "verzoekVan": _url(request, f"organisaties/{rij.verzoek_van.uuid}") if rij.verzoek_van else None,
        "organisatie": _url(request, f"organisaties/{rij.organisatie.uuid}"),
        "verwerkingsverantwoordelijke": _url(
            request, f"verwerkingsverantwoordelijken/{rij.verwerkingsverantwoordelijke.uuid}"
        ),
        "aangemaakt": UTCDateTime().to_representation(rij.aangemaakt),
        "gewijzigd": UTCDateTime().to_representation(rij.gewijzigd),
    }


def _open_punten(request, rij, a: dict) -> list[dict] | None:
    """SH-21 (integrator review): what still stands between a draft and a decision — the eight steps and
    the chosen ground's own questions, with the field each concerns — so a case system need not learn it
    from a refused `_consulteren` or `_besluiten`. Only while the decision is open; else null."""
    if rij.status not in (p.CONCEPT, p.CONSULTATIE):
        return None
    vandaag = _vandaag()
    vraag = services.deelvraag(rij, a, actor_van(request), vandaag)
    return [{"naam": f.naam, "code": f.code, "reden": f.reden} for f in p.open_punten(vraag, vandaag)]


def _vandaag():
    from zorgvuldig.core.clock import today

    return today()


class DeelbesluitenView(BasisView):
    scopes = {"get": NEMEN, "post": NEMEN}
    verwerkingsactiviteit = ACT
    filters = (
        OpenApiParameter("dossier", str, description="URL van het dossier (/api/v1/dossiers/{uuid})"),
        OpenApiParameter("status", str, enum=list(p.TRANSITIES)),
    )

    @extend_schema(responses=DeelbesluitUitSerializer(many=True), operation_id="deelbesluiten_list")
    def get(self, request):
        actor = actor_van(request)
        qs = selectors.deelbesluiten_zichtbaar_voor(actor).select_related(
            "dossier",
            "organisatie",
            "verwerkingsverantwoordelijke",
            "ontvanger_organisatie",
            "toestemming",
            "consultatie_door",
            "besloten_door",
        )
        q = request.query_params
        if q.get("dossier"):
            qs = qs.filter(
                dossier__uuid=uuid_uit_url(q["dossier"], resource="dossiers", request=request, veld="dossier")
            )
        if q.get("status"):
            qs = qs.filter(status=q["status"])
        paginator = Paginering()
        page = paginator.paginate_queryset(qs.order_by("-aangemaakt", "-id"), request, view=self)
        rijen = selectors.lees_lijst(actor, page)
        return paginator.get_paginated_response([representatie(request, r) for r in rijen])

    @extend_schema(
        request=DeelbesluitSerializer,
        responses={201: DeelbesluitUitSerializer},
        operation_id="deelbesluiten_create",
    )
    def post(self, request):
        ser = DeelbesluitSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        if not v.get("dossier"):
            raise DomainError(
                "E_INVALID_INPUT",
                "Het dossier ontbreekt.",
                [InvalidParam("dossier", "required", "Verplicht.")],
            )
        data, antwoorden = _splits(request, v)
        data.setdefault("richting", p.VERSTREKKEN)
        rij = services.maak(
            actor=actor_van(request),
            dossier_uuid=uuid_uit_url(v["dossier"], resource="dossiers", request=request, veld="dossier"),
            data=data,
            antwoorden_=antwoorden,
        )
        return Response(representatie(request, rij), status=status.HTTP_201_CREATED)


class DeelbesluitItemView(ItemView):
    """The operations on one decision. Besides the sharing purpose, a `Verwerkingsdoel` may name the
    purpose the decision is logged under — that of the activity chosen in step 1, whatever its class
    (GP-02, API §1.3; ADR 0011 item 9); any other stays 400 `E_NO_PURPOSE`."""

    verwerkingsactiviteit = ACT

    def besluit(self, actor, uuid):
        return selectors.deelbesluit_of_404(actor, uuid)[0]

    def zichtbaar(self, actor, uuid) -> None:
        self.besluit(actor, uuid)

    def andere_doelen(self, request, kwargs) -> tuple[str, ...]:
        if "uuid" not in kwargs:
            return ()
        return (services.doel_van(self.besluit(actor_van(request), kwargs["uuid"])),)


class DeelbesluitView(DeelbesluitItemView):
    scopes = {"get": NEMEN, "patch": NEMEN}

    @extend_schema(responses=DeelbesluitUitSerializer, operation_id="deelbesluiten_read")
    def get(self, request, uuid):
        rij = selectors.lees_deelbesluit(actor_van(request), uuid, request.headers.get("Verwerkingsdoel"))
        return Response(representatie(request, rij))

    @extend_schema(
        request=DeelbesluitSerializer,
        responses=DeelbesluitUitSerializer,
        operation_id="deelbesluiten_partial_update",
    )
    def patch(self, request, uuid):
        ser = DeelbesluitSerializer(data=request.data, partial=True)
        ser.is_valid(raise_exception=True)
        if "dossier" in ser.validated_data:
            raise DomainError(
                "E_INVALID_INPUT", "Het dossier ligt vast.", [InvalidParam("dossier", "not_allowed", "Vast.")]
            )
        data, antwoorden = _splits(request, ser.validated_data)
        rij = services.wijzig(actor=actor_van(request), uuid=uuid, data=data, antwoorden_=antwoorden)
        return Response(representatie(request, rij))


class ConsulterenSerializer(StrictSerializer):
    adviseur = serializers.CharField(max_length=300)
    tijdstip = serializers.DateTimeField()
    advies = serializers.CharField(max_length=4000, allow_blank=True)


class ConsulterenView(DeelbesluitItemView):
    scopes = {"post": NEMEN}

    @extend_schema(
        request=ConsulterenSerializer,
        responses=DeelbesluitUitSerializer,
        operation_id="deelbesluiten_consulteren",
    )
    def post(self, request, uuid):
        from zorgvuldig.organisaties.models import Gebruiker

        ser = ConsulterenSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        adviseur = Gebruiker.objects.filter(
            uuid=uuid_uit_url(v["adviseur"], resource="gebruikers", request=request, veld="adviseur")
        ).first()
        rij = services.consulteer(
            actor=actor_van(request), uuid=uuid, adviseur=adviseur, tijdstip=v["tijdstip"], advies=v["advies"]
        )
        return Response(representatie(request, rij))


class BesluitenSerializer(StrictSerializer):
    besluit = serializers.ChoiceField(choices=p.BESLUITEN)
    redenen = Tekst(8000)
    spoed = serializers.BooleanField(required=False, default=False)


class BesluitenView(DeelbesluitItemView):
    scopes = {"post": NEMEN}

    @extend_schema(
        request=BesluitenSerializer,
        responses=DeelbesluitUitSerializer,
        operation_id="deelbesluiten_besluiten",
    )
    def post(self, request, uuid):
        ser = BesluitenSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        rij = services.besluit(
            actor=actor_van(request),
            uuid=uuid,
            besluit_=v["besluit"],
            redenen=v.get("redenen", ""),
            spoed=v["spoed"],
        )
        return Response(representatie(request, rij))


class UitvoerenSerializer(StrictSerializer):
    datum = serializers.DateField()
    vorm = serializers.ChoiceField(choices=("schriftelijk", "digitaal", "mondeling"))


class UitvoerenView(DeelbesluitItemView):
    scopes = {"post": NEMEN}

    @extend_schema(
        request=UitvoerenSerializer,
        responses=DeelbesluitUitSerializer,
        operation_id="deelbesluiten_uitvoeren",
    )
    def post(self, request, uuid):
        ser = UitvoerenSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        rij = services.voer_uit(actor=actor_van(request), uuid=uuid, **ser.validated_data)
        return Response(representatie(request, rij))


class DeelbesluitInformerenSerializer(StrictSerializer):
    datum = serializers.DateField()
    wijze = serializers.CharField(max_length=200, allow_blank=True)


class DeelbesluitInformerenView(DeelbesluitItemView):
    scopes = {"post": NEMEN}

    @extend_schema(
        request=DeelbesluitInformerenSerializer,
        responses=DeelbesluitUitSerializer,
        operation_id="deelbesluiten_informeren",
    )
    def post(self, request, uuid):
        ser = DeelbesluitInformerenSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        rij = services.informeer_client(actor=actor_van(request), uuid=uuid, **ser.validated_data)
        return Response(representatie(request, rij))


class UitstellenSerializer(StrictSerializer):
    grond = serializers.ChoiceField(choices=sorted(p.UITSTEL_GRONDEN))
    toelichting = serializers.CharField(max_length=4000, allow_blank=True)
    reviewdatum = serializers.DateField()


class UitstellenView(DeelbesluitItemView):
    """SH-14: the leidinggevende approves postponing; visible to them through the dossier's organisation."""

    scopes = {"post": GOEDKEUREN}

    def besluit(self, actor, uuid):
        return selectors.deelbesluit_voor_goedkeuring(actor, uuid)

    @extend_schema(
        request=UitstellenSerializer,
        responses=DeelbesluitUitSerializer,
        operation_id="deelbesluiten_uitstellen",
    )
    def post(self, request, uuid):
        ser = UitstellenSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        rij = services.stel_informeren_uit(actor=actor_van(request), uuid=uuid, **ser.validated_data)
        return Response(representatie(request, rij))


class DeelbesluitIntrekkenSerializer(StrictSerializer):
    reden = serializers.CharField(max_length=4000, allow_blank=True)


class DeelbesluitIntrekkenView(DeelbesluitItemView):
    """A draft that will not be decided is withdrawn with a reason (SPEC §7 → `beeindigd`; ADR 0006
    item 29): nothing was shared, so nothing is registered."""

    scopes = {"post": NEMEN}

    @extend_schema(
        request=DeelbesluitIntrekkenSerializer,
        responses=DeelbesluitUitSerializer,
        operation_id="deelbesluiten_intrekken",
    )
    def post(self, request, uuid):
        ser = DeelbesluitIntrekkenSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        rij = services.verklaar_vervallen(actor=actor_van(request), uuid=uuid, **ser.validated_data)
        return Response(representatie(request, rij))


class UitstelAfwijzenSerializer(StrictSerializer):
    toelichting = serializers.CharField(max_length=4000, allow_blank=True)


class UitstelAfwijzenView(UitstellenView):
    """SH-14: the leidinggevende refuses (or ends) a postponement of informing; the decision's maker is
    told to inform the client (ADR 0006 item 29)."""

    @extend_schema(
        request=UitstelAfwijzenSerializer,
        responses=DeelbesluitUitSerializer,
        operation_id="deelbesluiten_afwijzen",
    )
    def post(self, request, uuid):
        ser = UitstelAfwijzenSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        rij = services.wijs_uitstel_af(actor=actor_van(request), uuid=uuid, **ser.validated_data)
        return Response(representatie(request, rij))


class VerstrekkingView(ItemView):
    """SH-16: one register entry, as the list shows it (the case team with the items, the FG without);
    its `url` resolves (API §1.1). Reading it is audited like the list."""

    scopes = {"get": "verstrekking:inzien|register:lezen"}
    verwerkingsactiviteit = ACT

    def zichtbaar(self, actor, uuid) -> None:
        if not (
            selectors.verstrekkingen_zichtbaar_voor(actor).filter(uuid=uuid).exists()
            or selectors.vi_verstrekking_van_organisatie(actor, uuid)
        ):
            raise NotFound()

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="verstrekkingen_read")
    def get(self, request, uuid):
        actor = actor_van(request)
        fg = "fg" in actor.rollen
        if fg:
            self.verwerkingsactiviteit = "verantwoording-toezicht"
        rij = Verstrekking.objects.select_related("ontvanger_organisatie", "persoon").get(uuid=uuid)
        selectors.log_verstrekkingen(actor, [rij], {})
        return Response(verstrekking_representatie(request, rij, fg))


class InformatieverzoekSerializer(StrictSerializer):
    organisatie = serializers.CharField(max_length=300)
    bsn = serializers.CharField(min_length=8, max_length=11, write_only=True)
    doel = serializers.CharField(max_length=500, allow_blank=True)
    verzoekContext = serializers.CharField(max_length=4000, allow_blank=True)
    gevraagdeGegevens = serializers.CharField(max_length=4000, allow_blank=True)
    bepaling = Tekst(300)
    kenmerk = Tekst(100)


class InformatieverzoekenView(BasisView):
    """SH-06/SH-13: a partner asks an organisation for information. Always 202 with the same body: the
    answer comes as a share (or not) after the case team's decision."""

    scopes = {"post": NEMEN}
    verwerkingsactiviteit = ACT

    @extend_schema(
        request=InformatieverzoekSerializer,
        responses={202: OpenApiTypes.OBJECT},
        operation_id="informatieverzoeken_create",
    )
    def post(self, request):
        from zorgvuldig.organisaties.models import Organisatie

        ser = InformatieverzoekSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        v = ser.validated_data
        organisatie = Organisatie.objects.filter(
            uuid=uuid_uit_url(v["organisatie"], resource="organisaties", request=request, veld="organisatie")
        ).first()
        verzoek = services.ontvang_verzoek(
            actor=actor_van(request),
            organisatie=organisatie,
            bsn=v["bsn"],
            data={
                "doel": v["doel"],
                "context": v["verzoekContext"],
                "gegevens": v["gevraagdeGegevens"],
                "bepaling": v.get("bepaling", ""),
                "kenmerk": v.get("kenmerk", ""),
            },
        )
        return Response(
            {
                "kenmerk": verzoek.kenmerk or str(verzoek.uuid),
                "status": "ontvangen",
                "ontvangenOp": _vandaag(),
            },
            status=status.HTTP_202_ACCEPTED,
        )


# --- /verstrekkingen ------------------------------------------------------------------------------


def _notificaties(rij: Verstrekking):
    """RI-11: the notices of corrections sent for this entry, written by the rights module."""
    from zorgvuldig.rechten.models import Correctienotificatie

    return Correctienotificatie.objects.filter(verstrekking=rij).select_related("verzoek").order_by("id")


def _reden(notificatie) -> str:
    from zorgvuldig.core import crypto

    return crypto.ontsleutel(notificatie, "reden", als_json=False) or ""


def _herkomst(request, herkomst: str) -> str:
    """The entry's origin as a URL (API §2.6 `herkomst u`): its sharing decision, or the VI match whose
    notice it was (stored as "match <uuid>"); anything else as recorded."""
    soort, _, sleutel = herkomst.partition(":")
    if soort == "deelbesluit":
        return _url(request, f"deelbesluiten/{sleutel}")
    if herkomst.startswith("match "):
        return _url(request, f"matches/{herkomst.removeprefix('match ')}")
    return herkomst


def verstrekking_representatie(request, rij: Verstrekking, fg: bool) -> dict:
    data: dict = {
        "url": _url(request, f"verstrekkingen/{rij.uuid}"),
        "uuid": str(rij.uuid),
        "bron": rij.bron,
        "herkomst": _herkomst(request, rij.herkomst),
        "persoon": _url(request, f"personen/{rij.persoon.uuid}") if rij.persoon else None,
        "ontvanger": {
            "organisatie": _url(request, f"organisaties/{rij.ontvanger_organisatie.uuid}")
            if rij.ontvanger_organisatie
            else None,
            "naam": rij.ontvanger_naam,
        },
        "datum": rij.datum,
        "doel": rij.doel,
        "grond": rij.grond,
        "correctieNotificaties": [
            {"verzoek": _url(request, f"verzoeken/{n.verzoek.uuid}"), "datum": n.datum}
            if n.wijze != "overgeslagen"
            else {"verzoek": _url(request, f"verzoeken/{n.verzoek.uuid}"), "overgeslagenReden": _reden(n)}
            for n in _notificaties(rij)
        ],
    }
    if not fg:
        data["gegevens"] = rij.gegevens  # not for the FG (API §2.6)
    return data


class VerstrekkingenView(BasisView):
    """SH-16: the case team per person; the FG searches by recipient and period (metadata only)."""

    scopes = {"get": "verstrekking:inzien|register:lezen"}
    verwerkingsactiviteit = ACT
    filters = (
        OpenApiParameter("persoon", str, description="URL van de persoon (/api/v1/personen/{uuid})"),
        OpenApiParameter("dossier", str, description="URL van het dossier (/api/v1/dossiers/{uuid})"),
        OpenApiParameter("ontvanger", str, description="URL van de ontvangende organisatie"),
        OpenApiParameter("bron", str, enum=list(Verstrekking.Bron.values)),
        OpenApiParameter("datumVanaf", OpenApiTypes.DATE, description="verstrekt op of na (JJJJ-MM-DD)"),
        OpenApiParameter("datumTot", OpenApiTypes.DATE, description="verstrekt op of vóór (JJJJ-MM-DD)"),
    )

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="verstrekkingen_list")
    def get(self, request):
        from zorgvuldig.organisaties.models import Organisatie

        actor = actor_van(request)
        fg = "fg" in actor.rollen
        if fg:
            self.verwerkingsactiviteit = "verantwoording-toezicht"
        q = request.query_params
        kwargs: dict = {}
        for veld, kwarg in (("datumVanaf", "vanaf"), ("datumTot", "tot")):
            if q.get(veld):
                kwargs[kwarg] = parameters.datum(q, veld)
        if q.get("persoon"):
            from zorgvuldig.personen.selectors import persoon_of_404

            kwargs["persoon"] = persoon_of_404(
                actor, uuid_uit_url(q["persoon"], request=request, veld="persoon")
            )[0]
        if q.get("dossier"):
            from zorgvuldig.dossiers.selectors import dossier_of_404

            kwargs["dossier"] = dossier_of_404(
                actor, uuid_uit_url(q["dossier"], resource="dossiers", request=request, veld="dossier")
            )[0]
        if q.get("ontvanger"):
            kwargs["ontvanger"] = Organisatie.objects.filter(
                uuid=uuid_uit_url(q["ontvanger"], resource="organisaties", request=request, veld="ontvanger")
            ).first()
            if kwargs["ontvanger"] is None:
                return Response({"count": 0, "next": None, "previous": None, "results": []})
        if q.get("bron"):
            kwargs["bron"] = q["bron"]
        # per person: its VI match notices too (SH-16), as the UI's "wat is er gedeeld"
        basis = (
            selectors.verstrekkingen_over_persoon(actor, kwargs.pop("persoon"))
            if "persoon" in kwargs
            else selectors.verstrekkingen_zichtbaar_voor(actor)
        )
        qs = selectors.filter_verstrekkingen(basis, **kwargs)
        paginator = Paginering()
        page = paginator.paginate_queryset(qs.order_by("-datum", "-id"), request, view=self)
        selectors.log_verstrekkingen(actor, page, dict(q))
        return paginator.get_paginated_response([verstrekking_representatie(request, r, fg) for r in page])
