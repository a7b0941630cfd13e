"""Writes of "Mijn gegevens": log in, file a request, revoke a consent. Each goes through the owning
module's service with a portal actor (channel `portaal`), so the act, its rules and its audit entry are
the same as at the counter (DESIGN §3); the portal only decides *which* record the client may act on."""

from __future__ import annotations

from zorgvuldig.core.errors import DomainError, NotFound
from zorgvuldig.portaal import policies, selectors, sessie
from zorgvuldig.portaal.selectors import Wereld


def meld_aan(request, indexen: tuple[str, ...], niveau: str) -> Wereld:
    """DigiD vouched for the BSN: a fresh session with the portal identity, the log-in audited."""
    identiteit = sessie.vestig(request, indexen, niveau)
    w = selectors.wereld(identiteit)
    selectors.log_aanmelding(w)
    return w


def dien_in(w: Wereld, *, persoon: str, soort: str, toelichting: str = ""):
    """RI-05 … RI-14: the client files a request for themselves or a child they represent, at the
    organisation holding that record (`persoon`: the record's uuid from the form) — or, for a choice
    "about the verwijsindex" (`vi:` and the uuid, `selectors.keuzes`), with the VI-beheerder (RI-08,
    RI-12)."""
    from zorgvuldig.rechten.services import registreer_via_portaal

    verwijsindex = persoon.startswith(selectors.VI_KEUZE)
    if verwijsindex and persoon not in {k["waarde"] for k in selectors.keuzes(w)}:
        raise NotFound()  # only the record the form offers for the index (one with a VI-beheerder)
    record = w.record(persoon.removeprefix(selectors.VI_KEUZE))
    if record is None:
        raise NotFound()
    return registreer_via_portaal(
        actor=record.actor(),
        persoon=record.persoon,
        indiener=record.indiener,
        soort=soort,
        toelichting=toelichting,
        verwijsindex=verwijsindex,
    )


def trek_in(w: Wereld, uuid):
    """CS-07, CS-08: one step, through the consent registry's own revocation (which ends dependent
    shares and tells recipients). Returns (consent, consequences in plain Dutch, ended decisions)."""
    from zorgvuldig.toestemmingen import services as toestemmingen

    toestemming, record, status = selectors.toestemming_om_in_te_trekken(w, uuid)
    try:
        return toestemmingen.trek_in(actor=record.actor(), uuid=toestemming.uuid, kanaal="portaal")
    except DomainError as fout:
        if fout.code != "E_STATE_CONFLICT":
            raise
        # the registry's refusal (audited there) names the rule; the client reads plain words (B1)
        raise DomainError(fout.code, policies.niet_intrekbaar(status)) from None
