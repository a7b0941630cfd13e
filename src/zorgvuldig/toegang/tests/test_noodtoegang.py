"""AC-11 break-glass: concrete indications required, today only, reviewed by the leidinggevende."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.core.errors import DomainError, NotFound
from zorgvuldig.personen import selectors
from zorgvuldig.personen.services import registreer_persoon
from zorgvuldig.toegang import services

pytestmark = pytest.mark.django_db
REDEN = "Verwijzer meldt dat vader gisteren dreigde de partner iets aan te doen; politie is ingelicht."


@pytest.fixture
def vader(regio):
    return registreer_persoon(
        actor=regio.actor(regio.medewerker), data={"geslachtsnaam": "Vader", "bsn_ontbreekt_reden": "test"}
    )


def test_ac_11_breakglass_needs_concrete_indications(regio, vader):
    actor = regio.actor(regio.collega)
    for reden, voor in (("Zorgen", ["gezin"]), (REDEN, []), (REDEN, ["iedereen"])):
        with pytest.raises(DomainError) as exc:
            services.noodtoegang(actor=actor, object=vader, reden=reden, dreiging_voor=voor)
        assert exc.value.code == "E_AC_BREAKGLASS_REASON"
    with pytest.raises(NotFound):
        selectors.persoon_of_404(actor, vader.uuid)
    assert AuditRegel.objects.filter(actie="toegang.noodtoegang", status="geweigerd").count() == 3


def test_ac_11_breakglass_gives_read_access_for_today_and_a_review_deadline(regio, vader):
    """The grant ends at midnight; the leidinggevende reviews within 2 working days."""
    actor = regio.actor(regio.collega)
    with time_machine.travel(dt.datetime(2026, 4, 2, 9, tzinfo=dt.UTC)):  # Maundy Thursday
        grant = services.noodtoegang(actor=actor, object=vader, reden=REDEN, dreiging_voor=["gezin"])
        _, gebruikt = selectors.persoon_of_404(actor, vader.uuid)
        assert gebruikt == grant and grant.rechten == ["lezen"]
        open_ = list(services.open_noodtoegangen(regio.actor(regio.leidinggevende)))
        assert [n.toegang for n in open_] == [grant]
        assert open_[0].beoordelen_voor == dt.date(2026, 4, 8)  # Good Friday and Easter Monday skipped
    with time_machine.travel(dt.datetime(2026, 4, 3, 9, tzinfo=dt.UTC)), pytest.raises(NotFound):
        selectors.persoon_of_404(actor, vader.uuid)


def test_ac_11_review_by_the_leidinggevende_only_once_and_not_of_own_access(regio, vader):
    grant = services.noodtoegang(
        actor=regio.actor(regio.collega), object=vader, reden=REDEN, dreiging_voor=["gezin", "anderen"]
    )
    with pytest.raises(DomainError):
        services.beoordeel_noodtoegang(
            actor=regio.actor(regio.medewerker), uuid=grant.uuid, akkoord=True, toelichting=""
        )
    with pytest.raises(NotFound):
        services.beoordeel_noodtoegang(
            actor=regio.actor(regio.school_lg), uuid=grant.uuid, akkoord=True, toelichting=""
        )
    row = services.beoordeel_noodtoegang(
        actor=regio.actor(regio.leidinggevende),
        uuid=grant.uuid,
        akkoord=True,
        toelichting="Terecht: acuut risico",
    )
    assert row.akkoord and row.beoordeeld_door == regio.leidinggevende
    with pytest.raises(DomainError) as exc:
        services.beoordeel_noodtoegang(
            actor=regio.actor(regio.leidinggevende), uuid=grant.uuid, akkoord=False, toelichting=""
        )
    assert exc.value.code == "E_STATE_CONFLICT"
    assert not list(services.open_noodtoegangen(regio.actor(regio.leidinggevende)))


def test_ac_11_no_breakglass_into_another_organisation(regio, vader):
    with pytest.raises(NotFound):
        services.noodtoegang(
            actor=regio.actor(regio.leraar), object=vader, reden=REDEN, dreiging_voor=["gezin"]
        )
    with pytest.raises(DomainError):
        services.noodtoegang(
            actor=regio.actor(regio.beheerder), object=vader, reden=REDEN, dreiging_voor=["gezin"]
        )
