"""A small developing story as analysed reports, hand-made like the extractor's output."""

from __future__ import annotations

from dataclasses import replace

from quellenlage.records import Claim, Document
from quellenlage.store import Store
from tests.tracking.builders import claim, document, quantity, time

SEED = (
    "Putins Partner: Welche Rolle spielt Nordkorea im Ukraine-Krieg?\n"
    "Es gebe Beweise, dass nordkoreanische Soldaten in Russland seien, erklärten die Nato und die "
    "USA am Mittwoch übereinstimmend. Die Vermutung: Nordkoreas Diktator Kim Jong Un wolle mit rund "
    "10.000 Soldaten Putins Krieg gegen die Ukraine unterstützen.\n"
    "Vom 8. bis 13. Oktober hätten Kriegsschiffe der russischen Pazifikflotte 1.500 nordkoreanische "
    "Elitesoldaten nach Wladiwostok gebracht.\n"
    "Inzwischen, so berichtet die Nachrichtenagentur Reuters unter Berufung auf südkoreanische "
    "Parlamentsabgeordnete nach einem Geheimdienst-Briefing, seien bereits 3.000 Soldaten nach "
    "Russland entsandt worden. Bis Dezember würde die Gesamtgröße des nordkoreanischen "
    "Truppenkontingents von rund 10.000 Mann erreicht werden.\n"
    "Nordkoreas Militär mit rund 1,2 Millionen Soldaten verfügt über ein großes Arsenal.\n"
    "Seit letztem Jahr traf Putin zweimal mit Kim Jong Un zusammen. Beide unterzeichneten im Juni "
    "2023 in Pjöngjang einen Vertrag.\n"
    "Putin sei bemüht, angesichts von über 600.000 gefallenen sowie verwundeten russischen Soldaten "
    "eine Mobilmachung zu vermeiden.\n"
)


def seed() -> tuple[Document, list[Claim]]:
    t = SEED
    doc = document(t, outlet="BR24", published="2024-10-24", doc_id=1)
    claims = [
        claim(t, "nordkoreanische Soldaten in Russland seien", source="die Nato"),
        claim(
            t,
            "Kim Jong Un wolle mit rund 10.000 Soldaten Putins Krieg gegen die Ukraine unterstützen",
            quantities=(quantity(t, "rund 10.000 Soldaten", 10000, "Soldat", approx=True),),
            certainty="hedged",
        ),
        claim(
            t,
            "hätten Kriegsschiffe der russischen Pazifikflotte 1.500 nordkoreanische Elitesoldaten",
            source="südkoreanische Geheimdienst",
            quantities=(quantity(t, "1.500 nordkoreanische Elitesoldaten", 1500, "Elitesoldat"),),
            times=(time(t, "Vom 8. bis 13. Oktober", "--10-08", "--10-13", relative=True),),
        ),
        claim(
            t,
            "seien bereits 3.000 Soldaten nach Russland entsandt worden",
            source="Reuters",
            chain=("südkoreanische Parlamentsabgeordnete", "Geheimdienst-Briefing"),
            quantities=(quantity(t, "3.000 Soldaten", 3000, "Soldat"),),
        ),
        claim(
            t,
            "Bis Dezember würde die Gesamtgröße des nordkoreanischen Truppenkontingents",
            source="Reuters",
            chain=("südkoreanische Parlamentsabgeordnete", "Geheimdienst-Briefing"),
            quantities=(quantity(t, "rund 10.000 Mann", 10000, "Mann", approx=True),),
            times=(
                time(
                    t,
                    "Bis Dezember",
                    None,
                    "--12",
                    granularity="month",
                    relation="until",
                    relative=True,
                ),
            ),
        ),
        claim(
            t,
            "Nordkoreas Militär mit rund 1,2 Millionen Soldaten",
            mode="assertion",
            certainty="asserted",
            quantities=(
                quantity(t, "rund 1,2 Millionen Soldaten", 1_200_000, "Soldat", approx=True),
            ),
        ),
        claim(
            t,
            "Beide unterzeichneten im Juni 2023 in Pjöngjang einen Vertrag",
            mode="assertion",
            certainty="asserted",
            times=(time(t, "im Juni 2023", "2023-06", granularity="month"),),
        ),
        claim(
            t,
            "angesichts von über 600.000 gefallenen sowie verwundeten russischen Soldaten",
            quantities=(
                quantity(
                    t,
                    "über 600.000 gefallenen sowie verwundeten russischen Soldaten",
                    600000,
                    "Soldat",
                    bound="more_than",
                ),
            ),
        ),
    ]
    return doc, claims


PENTAGON = (
    "Pentagon: Rund 10.000 nordkoreanische Soldaten in Russland\n"
    "Nordkorea hat nach Einschätzung der US-Regierung inzwischen rund 10.000 Soldaten nach Russland "
    "geschickt. Russland und Nordkorea hatten im Juni 2024 in Pjöngjang einen Vertrag über eine "
    "umfassende strategische Partnerschaft unterzeichnet.\n"
)

HUR = (
    "Kiew spricht von 12.000 Nordkoreanern in Russland\n"
    "Inzwischen befänden sich 12.000 nordkoreanische Soldaten in Russland, darunter 500 Offiziere, "
    "erklärte der ukrainische Militärgeheimdienst HUR am Dienstag.\n"
    "Nach Angaben des Geheimdienstes hat Nordkorea mehr als 13.000 Container mit Munition nach "
    "Russland geliefert.\n"
)

LOSSES = (
    "USA: 8.000 Nordkoreaner in der Region Kursk\n"
    "Nach Angaben des US-Außenministeriums sind rund 8.000 nordkoreanische Soldaten in der "
    "russischen Grenzregion Kursk eingetroffen.\n"
    "Die russische Armee verliert derzeit täglich rund 1.500 Soldaten, die getötet oder verwundet "
    "werden.\n"
)


def pentagon() -> tuple[Document, list[Claim]]:
    t = PENTAGON
    doc = document(t, outlet="Demo-Tagblatt", published="2024-10-29", doc_id=2)
    return doc, [
        claim(
            t,
            "Nordkorea hat nach Einschätzung der US-Regierung inzwischen rund 10.000 Soldaten",
            source="US-Regierung",
            mode="according_to",
            quantities=(quantity(t, "rund 10.000 Soldaten", 10000, "Soldat", approx=True),),
        ),
        claim(
            t,
            "Russland und Nordkorea hatten im Juni 2024 in Pjöngjang einen Vertrag",
            mode="assertion",
            certainty="asserted",
            times=(time(t, "im Juni 2024", "2024-06", granularity="month"),),
        ),
    ]


def hur() -> tuple[Document, list[Claim]]:
    t = HUR
    doc = document(t, outlet="Ostsee-Demo-Kurier", published="2024-10-29", doc_id=3)
    return doc, [
        claim(
            t,
            "Inzwischen befänden sich 12.000 nordkoreanische Soldaten in Russland",
            source="der ukrainische Militärgeheimdienst HUR",
            quantities=(
                quantity(t, "12.000 nordkoreanische Soldaten", 12000, "Soldat"),
                quantity(t, "500 Offiziere", 500, "Offizier"),
            ),
        ),
        claim(
            t,
            "hat Nordkorea mehr als 13.000 Container mit Munition nach Russland geliefert",
            source="Geheimdienstes",
            mode="according_to",
            quantities=(
                quantity(t, "mehr als 13.000 Container", 13000, "Container", bound="more_than"),
            ),
        ),
    ]


def losses() -> tuple[Document, list[Claim]]:
    t = LOSSES
    doc = document(t, outlet="Demo-Abendzeitung", published="2024-11-04", doc_id=4)
    return doc, [
        claim(
            t,
            "sind rund 8.000 nordkoreanische Soldaten in der russischen Grenzregion Kursk eingetroffen",
            source="US-Außenministeriums",
            mode="according_to",
            quantities=(
                quantity(t, "rund 8.000 nordkoreanische Soldaten", 8000, "Soldat", approx=True),
            ),
        ),
        claim(
            t,
            "Die russische Armee verliert derzeit täglich rund 1.500 Soldaten",
            mode="assertion",
            certainty="asserted",
            quantities=(quantity(t, "rund 1.500 Soldaten", 1500, "Soldat", approx=True),),
        ),
    ]


def story() -> list[tuple[Document, list[Claim]]]:
    return [seed(), pentagon(), hur(), losses()]


def stored_story(db: str) -> Store:
    """The story in a fresh database, analysed (claims saved) but not yet linked."""
    store = Store.open(db)
    items = story()
    unsaved = [replace(doc, id=None) for doc, _ in items]
    ids = store.add_documents((doc, None) for doc in unsaved)
    for doc_id, (_, claims) in zip(ids, items, strict=True):
        store.save_analysis(doc_id, claims, [])
    return store
