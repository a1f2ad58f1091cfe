import pytest

from rusaudit.pagerange import PageRangeError, parse_page_range


def test_ranges_lists_and_open_ends():
    r = parse_page_range("3-5, 9, 12-")
    assert [p for p in range(1, 15) if p in r] == [3, 4, 5, 9, 12, 13, 14]
    assert r.last() is None
    assert parse_page_range("-2,4").last() == 4
    assert [p for p in range(1, 6) if p in parse_page_range("-2")] == [1, 2]


@pytest.mark.parametrize("bad", ["", "a", "0", "5-3", "1-x", "3--4"])
def test_malformed_ranges_name_the_option(bad):
    with pytest.raises(PageRangeError) as err:
        parse_page_range(bad)
    assert err.value.line().startswith("error: --pages:")
