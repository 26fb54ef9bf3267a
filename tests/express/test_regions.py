"""Region paths, containment and the address matcher (express/regions.py), without Django."""
import pytest

from express.regions import RegionMatcher, read_region_lines, region_contains, resolve_area, split_region_line
from tests.express.generator import REGIONS

MATCHER = RegionMatcher(REGIONS)


@pytest.mark.parametrize("address, region", [
    ("广东省深圳市南山区科技园路8号", "广东省/深圳市/南山区"),
    ("广东深圳南山区科技园路8号", "广东省/深圳市/南山区"),
    ("深圳市南山区科技园路8号", "广东省/深圳市/南山区"),
    ("广东省 深圳市 福田区 1号", "广东省/深圳市"),  # 福田区 is not in this table: the longest known prefix
    ("广东省汕头市金平区", "广东省/汕头市"),
    ("浙江杭州西湖区", "浙江省/杭州市/西湖区"),
    ("8 Keyuan Rd, Nanshan District, Shenzhen, Guangdong, China", "Guangdong/Shenzhen/Nanshan District"),
    ("8 keyuan rd, nanshan, SHENZHEN CITY, guangdong province, 518057, PRC", "Guangdong/Shenzhen/Nanshan District"),
    ("Room 5, Shenzhen, Guangdong", "Guangdong/Shenzhen"),
    ("火星殖民地第一大道1号", None),
    ("1 Main St, Springfield", None),
])
def test_addresses_go_to_the_longest_matching_region(address, region):
    assert MATCHER.match(address) == region


def test_a_key_shared_by_two_regions_is_not_guessed():
    matcher = RegionMatcher([("北京市", "北京市", "朝阳区"), ("辽宁省", "朝阳市")])
    assert matcher.match("朝阳市双塔区1号") == "辽宁省/朝阳市"  # full name: unambiguous
    assert matcher.match("北京市朝阳区1号") == "北京市/北京市/朝阳区"
    assert matcher.match("朝阳某路1号") is None  # 朝阳 alone could be either
    assert matcher.match("北京市某路1号") == "北京市/北京市"  # province and city share the name: not ambiguous


def test_region_containment_is_by_whole_levels():
    assert region_contains("广东省/深圳市", "广东省/深圳市/南山区")
    assert region_contains("广东省/深圳市", "广东省/深圳市")
    assert not region_contains("广东省/深圳", "广东省/深圳市")
    assert not region_contains("广东省/深圳市", None)


def test_a_region_line_may_be_written_with_slashes_commas_or_tabs():
    assert split_region_line("广东省/深圳市/南山区") == ("广东省", "深圳市", "南山区")
    assert split_region_line(" Guangdong, Shenzhen ,\t") == ("Guangdong", "Shenzhen")
    assert read_region_lines(["\ufeffprovince,city,district", "广东省,深圳市", "", "浙江省\t杭州市\t西湖区"]) == [
        ("广东省", "深圳市"), ("浙江省", "杭州市", "西湖区")]
    with pytest.raises(ValueError, match="at most three levels"):
        read_region_lines(["a/b/c/d"])


def test_a_sensitive_area_becomes_a_region_path_of_the_table():
    assert resolve_area("广东省/汕头市", MATCHER) == "广东省/汕头市"
    assert resolve_area("汕头市", MATCHER) == "广东省/汕头市"
    assert resolve_area("Shenzhen, Guangdong", MATCHER) == "Guangdong/Shenzhen"
    assert resolve_area("火星省", MATCHER) == "火星省"  # unknown: kept, still matches regions of that name
