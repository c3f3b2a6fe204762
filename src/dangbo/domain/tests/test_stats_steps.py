"""A member's steps (`domain.basic_stats.steps`): summed up to any day they give the keys
`classify` gives on that day — spells begun and ended, dated details changed, birthdays and
party anniversaries crossed, 29 February included."""

import datetime as dt
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from dangbo.domain import basic_stats as S
from dangbo.domain import file_codes as F

D = dt.date
KINH_UNI = ("01", "khong", "12/12", "dai_hoc", "trung_cap")


def _on(steps, day):
    out = Counter()
    for (key, d), n in steps.items():
        if d <= day:
            out[key] += n
    return Counter({k: n for k, n in out.items() if n})  # a negative count stays, to fail


def _expected(stretches, birth, current, changes, day):
    details = list(current)
    for i in range(S.DETAILS):
        later = [c for c in changes if c[1] == i and c[0] > day]
        if later:
            details[i] = min(later, key=lambda c: c[0])[2]  # stable: the first kept of its day
    out = Counter()
    for s in stretches:
        if s.valid_from <= day and (s.valid_to is None or day < s.valid_to):
            out.update(S.classify(day=day, sex=s.sex, birth=birth, party_from=s.party_from, ethnicity=details[0],
                                  religion=details[1], general_education=details[2], qualification=details[3],
                                  theory_level=details[4]))
    return +out


def test_a_member_steps_into_the_next_age_band_on_the_birthday():
    steps = S.steps([S.Stretch(D(2000, 1, 1), None, "nam", D(2000, 1, 1))], D(1993, 6, 15), KINH_UNI, [])
    assert steps[("tuoi.den_30", D(2024, 6, 15))] == -1
    assert steps[("tuoi.31_40", D(2024, 6, 15))] == 1
    assert _on(steps, D(2024, 6, 14))["tuoi.den_30"] == 1
    assert _on(steps, D(2024, 6, 15))["tuoi.31_40"] == 1


def test_born_on_29_february_steps_on_28_february_of_a_common_year():
    steps = S.steps([S.Stretch(D(2000, 1, 1), None, "nu", D(2000, 1, 1))], D(1992, 2, 29), KINH_UNI, [])
    assert steps[("tuoi.31_40", D(2023, 2, 28))] == 1


def test_a_spell_ending_takes_every_key_off_on_its_last_day():
    steps = S.steps([S.Stretch(D(2000, 1, 1), D(2010, 5, 1), "nam", D(2000, 1, 1))], D(1970, 1, 1), KINH_UNI, [])
    assert _on(steps, D(2010, 4, 30))[S.TOTAL] == 1
    assert _on(steps, D(2010, 5, 1)) == Counter()


def test_a_dated_change_moves_the_member_on_its_day():
    # theory level "trung_cap" since 2015-03-01, "so_cap" before
    steps = S.steps([S.Stretch(D(2000, 1, 1), None, "nam", D(2000, 1, 1))], D(1970, 1, 1), KINH_UNI,
                    [(D(2015, 3, 1), 4, "so_cap")])
    assert _on(steps, D(2015, 2, 28))["llct.so_cap"] == 1
    assert _on(steps, D(2015, 3, 1))["llct.trung_cap"] == 1
    assert _on(steps, D(2015, 3, 1))["llct.so_cap"] == 0


def _detail(i):
    kinds = ("dan_toc", "ton_giao", "gdpt", "chuyen_mon", "llct")
    codes = list(F.gdpt_values()) if kinds[i] == "gdpt" else list(F.codes(kinds[i]))
    return st.sampled_from(codes + ["", "chưa rõ"])


days = st.one_of(st.dates(D(1990, 1, 1), D(2040, 12, 31)),
                 st.sampled_from([D(2020, 2, 28), D(2020, 2, 29), D(2021, 2, 28), D(2021, 3, 1)]))
stretch = st.builds(lambda a, length, sex, anchor_back: S.Stretch(a, None if length is None else a + dt.timedelta(length),
                                                                  sex, None if anchor_back is None else a - dt.timedelta(anchor_back)),
                    days, st.one_of(st.none(), st.integers(0, 9000)), st.sampled_from(["nam", "nu"]),
                    st.one_of(st.none(), st.integers(0, 20000)))
change = st.integers(0, 4).flatmap(lambda i: st.tuples(days, st.just(i), _detail(i)))


@settings(max_examples=300, deadline=None)
@given(stretches=st.lists(stretch, max_size=3),
       birth=st.one_of(st.none(), st.dates(D(1930, 1, 1), D(2005, 12, 31)), st.sampled_from([D(1960, 2, 29), D(1992, 2, 29)])),
       current=st.tuples(*(_detail(i) for i in range(5))), changes=st.lists(change, max_size=4),
       asked=st.lists(days, min_size=1, max_size=6))
def test_the_steps_summed_to_a_day_give_the_keys_of_that_day(stretches, birth, current, changes, asked):
    steps = S.steps(stretches, birth, current, changes)
    for day in asked:
        assert _on(steps, day) == _expected(stretches, birth, current, changes, day)
    # and on every day a step falls on, and the day before it
    for (_, d) in list(steps)[:20]:
        for day in (d, d - dt.timedelta(1)):
            assert _on(steps, day) == _expected(stretches, birth, current, changes, day)


chain = st.builds(
    lambda start, lengths, sexes, anchor: [
        S.Stretch(start + dt.timedelta(sum(lengths[:i])), None if i == len(lengths) - 1 else start + dt.timedelta(sum(lengths[:i + 1])),
                  sexes[i % len(sexes)], anchor)
        for i in range(len(lengths))],
    days, st.lists(st.integers(1, 3000), min_size=1, max_size=5), st.lists(st.sampled_from(["nam", "nu"]), min_size=1, max_size=2),
    st.one_of(st.none(), st.dates(D(1960, 1, 1), D(2030, 1, 1))))


@settings(max_examples=200, deadline=None)
@given(stretches=chain, birth=st.dates(D(1930, 1, 1), D(2005, 12, 31)), asked=st.lists(days, min_size=1, max_size=6))
def test_spells_one_after_another_count_as_one_member(stretches, birth, asked):
    # a move between cells ends one spell on the day the next begins: no day counts twice or not at all
    steps = S.steps(stretches, birth, KINH_UNI, [])
    for day in asked + [s.valid_from for s in stretches]:
        assert _on(steps, day) == _expected(stretches, birth, KINH_UNI, [], day)


@given(since=st.one_of(st.dates(D(1920, 1, 1), D(2030, 12, 31)), st.sampled_from([D(1960, 2, 29), D(1992, 2, 29)])),
       day=st.one_of(st.dates(D(1930, 1, 1), D(2099, 12, 31)), st.sampled_from([D(2023, 2, 28), D(2024, 2, 29)])),
       years=st.integers(1, 80))
def test_the_anniversary_and_the_databases_cut_date_agree(since, day, years):
    # the tally and classify step on the anniversary; the database compares with latest_start
    assert (since <= S.latest_start(years, day)) == (S.anniversary(since, years) <= day)
