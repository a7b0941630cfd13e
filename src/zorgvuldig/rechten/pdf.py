"""The inzage answer as a readable PDF (RI-05): the decision with its bezwaar clause, then the overview.

Plain language headings (B1), one section per part of RI-05, tables only where the reader compares rows.
The PDF is what the client receives: its words are the client's, never a rule ID of the specification;
it ends with whom to ask — the organisation and its FG. ReportLab's standard fonts cover the Western
European characters Dutch needs (ë, é, –, …).
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from zorgvuldig.rechten import weergave
from zorgvuldig.rechten.policies import BEZWAAR_BIJ_TOEWIJZING, TOEGEWEZEN, grond_voor_client, lange_datum

UITKOMST = {"toegewezen": "toegewezen", "gedeeltelijk": "gedeeltelijk toegewezen", "afgewezen": "afgewezen"}


def _p(tekst, stijl):
    return Paragraph(escape(str(tekst if tekst is not None else "")), stijl)


def _d(waarde) -> str:
    """A stored date in the one format the letter uses ("9 januari 2027")."""
    dag = weergave.datum(waarde)
    return lange_datum(dag) if dag else ""


PERSOONSGEGEVENS = {
    "naam": "Naam",
    "geboortedatum": "Geboortedatum",
    "adres": "Adres",
    "telefoon": "Telefoon",
}


def _tabel(kop: list[str], rijen: list[list], stijl) -> Table:
    data = [[_p(k, stijl) for k in kop]] + [[_p(c, stijl) for c in rij] for rij in rijen]
    tabel = Table(data, repeatRows=1, hAlign="LEFT")
    tabel.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return tabel


def overzicht_pdf(
    *,
    kenmerk: str,
    organisatie: str,
    besluit: dict,
    redenen: str,
    overzicht: dict,
    vertegenwoordiger: bool = False,
    contact: dict | None = None,
) -> bytes:
    """`vertegenwoordiger`: the requester asked for someone else (a parent for a child), so the PDF speaks
    of that person's data, by name; `contact`: `selectors.contact_voor_client` of the organisation."""
    stijlen = getSampleStyleSheet()
    h1, h2, tekst, klein = stijlen["Title"], stijlen["Heading2"], stijlen["BodyText"], stijlen["BodyText"]
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        title="Uw gegevens bij " + organisatie,
        author=organisatie,
        lang="nl-NL",
    )
    naam = (overzicht.get("betrokkene") or {}).get("naam", "")
    wiens = f"de gegevens van {naam}" if vertegenwoordiger and naam else "uw gegevens"
    deel: list = [_p(f"Overzicht van {wiens}", h1), _p(f"{organisatie} — kenmerk {kenmerk}", tekst)]

    deel += [_p("Besluit", h2)]
    deel.append(
        _p(
            f"Op {_d(besluit.get('datum'))} is uw verzoek {UITKOMST.get(besluit.get('uitkomst', ''), '')}.",
            tekst,
        )
    )
    if redenen:
        deel.append(_p(redenen, tekst))
    gronden = besluit.get("gronden", []) + [a["grond"] for a in besluit.get("achtergehouden", [])]
    if gronden:  # RI-07: every ground named, in the client's words
        deel.append(_p("Waarom u niet alles krijgt:", tekst))
        deel += [_p(grond_voor_client(g), tekst) for g in dict.fromkeys(gronden)]
    mandaat = besluit.get("mandaat") or {}  # none when the VI-beheerder decided a VI request
    if mandaat.get("besluit"):
        namens = (contact or {}).get("verwerkingsverantwoordelijke") or "het bestuur"
        deel.append(_p(f"Dit besluit is genomen namens {namens} ({mandaat['besluit']}).", klein))
    if besluit.get("bezwaarclausule"):
        deel += [_p("Bezwaar maken", h2)]
        if besluit.get("uitkomst") == TOEGEWEZEN:
            deel.append(_p(BEZWAAR_BIJ_TOEWIJZING, tekst))
        deel.append(_p(besluit["bezwaarclausule"], tekst))

    a = weergave.antwoord(overzicht, weergave.ITEMSOORTEN)  # the same words and rows as on the page
    persoon = overzicht.get("betrokkene", {})
    deel += [_p("Over wie gaat dit", h2)]
    for sleutel, label in PERSOONSGEGEVENS.items():
        if persoon.get(sleutel):
            waarde = _d(persoon[sleutel]) if sleutel == "geboortedatum" else persoon[sleutel]
            deel.append(_p(f"{label}: {waarde}", tekst))

    for dossier in a["dossiers"]:
        vernietigen = (
            f"Wordt vernietigd op {_d(dossier['vernietigen_op'])}."
            if dossier["vernietigen_op"]
            else "Wordt 15 jaar na het einde van de hulp vernietigd."
        )
        deel += [
            _p(f"Dossier {dossier['kenmerk']} bij {dossier['organisatie']}", h2),
            _p(
                f"Geopend op {_d(dossier['geopend_op'])}. Hoe het ervoor staat: {dossier['status_naam']}. "
                f"Soort hulp: {dossier['kader_naam']}. {vernietigen}",
                tekst,
            ),
        ]
        for item in dossier["items"]:
            deel.append(_p(f"{_d(item['datum'])} — {item['soort']}: {item['tekst']}", tekst))
            for verklaring in item["verklaringen"]:
                deel.append(_p(f"Eigen verklaring van de cliënt bij deze aantekening: {verklaring}", tekst))
    if a["toestemmingen"]:
        deel += [_p("Toestemmingen", h2)]
        deel.append(
            _tabel(
                ["Soort", "Waarvoor", "Hoe staat het ervoor?", "Datum"],
                [
                    [t["soort_naam"], t["doel_naam"], t["status_naam"], _d(t["datum"])]
                    for t in a["toestemmingen"]
                ],
                klein,
            )
        )
    if a["toestemmingen_gegeven"]:
        deel += [_p("Toestemmingen die gegeven zijn voor een ander", h2)]
        deel.append(
            _tabel(
                ["Voor", "Hoe", "Soort", "Doel", "Status", "Datum"],
                [
                    [
                        t["voor"],
                        t["hoedanigheid_naam"],
                        t["soort_naam"],
                        t["doel_naam"],
                        t["status_naam"],
                        _d(t["datum"]),
                    ]
                    for t in a["toestemmingen_gegeven"]
                ],
                klein,
            )
        )
    if a["relaties"]:
        deel += [_p("Relaties", h2)]
        deel += [
            _p(r["omschrijving"] + (f" (bron: {r['bron']})" if r["bron"] else "") + ".", tekst)
            for r in a["relaties"]
        ]
    if a["signalen"]:
        deel += [_p("Verwijsindex", h2)]
        deel.append(
            _tabel(
                ["Van wie", "Afgegeven op", "Wordt verwijderd op"],
                [[s["organisatie"], _d(s["afgegeven_op"]), _d(s["tot"])] for s in a["signalen"]],
                klein,
            )
        )
    if a["casussen"]:  # as on the page: every case table the person was registered at
        deel += [_p("Overleg tussen hulpverleners", h2)]
        deel += [_p(f"{c['naam']}, aangemeld op {_d(c['aangemeld_op'])}.", tekst) for c in a["casussen"]]
    deel += [_p("Waarvoor en welke soorten gegevens", h2)]
    deel += [_p(d, tekst) for d in a["doelen"]]
    deel += [_p(c, tekst) for c in a["categorieen"]]
    deel += [_p("Waar de gegevens vandaan komen", h2)]
    deel += [_p(h, tekst) for h in overzicht.get("herkomst", [])] or [_p("Van uzelf.", tekst)]
    deel += [_p("Aan wie wij gegevens gaven", h2)]
    ontvangers = a["ontvangers"]
    if ontvangers:
        deel.append(
            _tabel(
                ["Aan", "Waarvoor", "Datum"],
                [[o["ontvanger"], o["doel"], _d(o["datum"])] for o in ontvangers],
                klein,
            )
        )
    elif overzicht.get("onvolledig"):  # RI-07: never claim "no one" when the decision withholds a part
        deel.append(
            _p(
                "In dit antwoord staat niemand aan wie wij gegevens gaven. Een deel van uw gegevens krijgt u "
                "niet. Waarom, staat in het besluit.",
                tekst,
            )
        )
    else:
        deel.append(_p("Wij gaven geen gegevens aan anderen.", tekst))
    deel += [_p(f"Wie {wiens} bekeek", h2)]
    inzagen = a["inzagen"]
    deel.append(
        _tabel(
            ["Datum", "Wie (functie)", "Organisatie", "Wat", "Waarvoor"],
            [
                [
                    _d(r["datum"]),
                    f"{r['naam']} ({r['functie']})" if r["naam"] else r["functie"],
                    r["organisatie"],
                    r["actie"] + (f" ({r['aantal']} keer)" if r["aantal"] > 1 else ""),
                    r["doel"],
                ]
                for r in inzagen
            ],
            klein,
        )
        if inzagen
        else _p("In dit antwoord staat niemand." if overzicht.get("onvolledig") else "Niemand.", tekst)
    )
    deel += [_p("Hoe lang wij gegevens bewaren", h2)]
    deel += [_p(f"{b['soort']}: {b['termijn']}", tekst) for b in a["bewaartermijnen"]]
    deel += [
        _p("Automatische verwerking: de verwijsindex", h2),
        _p(overzicht.get("geautomatiseerdeVerwerking", ""), tekst),
    ]
    deel += [_p("Uw rechten", h2)] + [_p(r, tekst) for r in a["rechten"]]
    if contact:
        deel += [_p("Vragen?", h2)]
        waar = f", {contact['adres']}" if contact.get("adres") else ""
        deel.append(
            _p(
                f"Heeft u vragen over dit antwoord? Neem contact op met {contact['organisatie']}{waar}.",
                tekst,
            )
        )
        fg = contact.get("fg")
        if fg:
            bereik = ", ".join(w for w in (fg.get("naam"), fg.get("email"), fg.get("telefoon")) if w)
            deel.append(
                _p(
                    "Heeft u een vraag of klacht over hoe wij met uw gegevens omgaan? Neem dan contact op "
                    "met de functionaris gegevensbescherming van "
                    f"{contact['verwerkingsverantwoordelijke']}: {bereik}.",
                    tekst,
                )
            )
    deel.append(Spacer(1, 6 * mm))
    doc.build(deel)
    return buf.getvalue()


def antwoord(verzoek, overzicht: dict):
    """The delivered answer of `verzoek` as a PDF download (API and web UI alike)."""
    from django.http import HttpResponse

    from zorgvuldig.rechten.selectors import contact_voor_client, inhoud

    pdf = overzicht_pdf(
        kenmerk=str(verzoek.uuid)[:8],
        organisatie=verzoek.organisatie.naam,
        besluit=verzoek.besluit,
        redenen=inhoud(verzoek).get("besluitRedenen", ""),
        overzicht=overzicht,
        vertegenwoordiger=verzoek.hoedanigheid != "zelf",
        contact=contact_voor_client(verzoek.organisatie),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="overzicht-gegevens.pdf"'
    return response
