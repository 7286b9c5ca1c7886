"""Tests for summarizer.text.mapped: the offset-preserving edit buffer behind `clean`."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarizer.core.models import ChangeKind
from summarizer.text.mapped import Edit, MappedText


def ranges(buf: MappedText) -> list[tuple[int, int]]:
    return list(zip(buf.starts, buf.ends, strict=True))


def test_untouched_text_maps_one_to_one() -> None:
    buf = MappedText("青禾开发区")
    assert buf.text == "青禾开发区"
    assert ranges(buf) == [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)]
    assert buf.changes == []
    offsets = buf.offset_map()
    assert len(offsets) == 5 and offsets.original_length == 5


def test_deletion_drops_chars_and_keeps_the_rest_mapped() -> None:
    buf = MappedText("青禾(wǎng)网")
    assert buf.apply([Edit(2, 8, "", "拼音注音")], ChangeKind.PINYIN) == 1
    assert buf.text == "青禾网"
    assert ranges(buf) == [(0, 1), (1, 2), (8, 9)]
    [change] = buf.changes
    assert change.kind is ChangeKind.PINYIN
    assert (change.source.start, change.source.end) == (2, 8)
    assert change.before == "(wǎng)" and change.after == "" and change.note == "拼音注音"


def test_equal_length_replacement_keeps_one_to_one_mapping() -> None:
    original = "雲嶺開發區"
    buf = MappedText(original)
    buf.apply([Edit(0, 2, "云岭"), Edit(2, 5, "开发区")], ChangeKind.SCRIPT)
    assert buf.text == "云岭开发区"
    assert ranges(buf) == [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)]
    offsets = buf.offset_map()
    span = offsets.to_original(2, 5)
    assert original[span.start : span.end] == "開發區"
    assert [c.before for c in buf.changes] == ["雲嶺", "開發區"]


def test_unequal_replacement_spreads_every_new_char_over_the_whole_range() -> None:
    buf = MappedText("甲乙丙丁")
    buf.apply([Edit(1, 3, "XYZ")], ChangeKind.SCRIPT)
    assert buf.text == "甲XYZ丁"
    assert ranges(buf) == [(0, 1), (1, 3), (1, 3), (1, 3), (3, 4)]
    span = buf.offset_map().to_original(2, 3)  # the middle new char still points at all of 乙丙
    assert (span.start, span.end) == (1, 3)


def test_shrinking_replacement_spreads_too() -> None:
    buf = MappedText("ab\n\n\ncd")
    buf.apply([Edit(2, 5, "\n")], ChangeKind.WHITESPACE)
    assert buf.text == "ab\ncd"
    assert ranges(buf)[2] == (2, 5)


def test_overlapping_edits_raise() -> None:
    buf = MappedText("青禾经济开发区")
    with pytest.raises(ValueError, match="overlapping"):
        buf.apply([Edit(0, 3), Edit(2, 4)], ChangeKind.CHROME)
    assert buf.text == "青禾经济开发区"  # nothing was applied
    assert buf.changes == []


@pytest.mark.parametrize("edit", [Edit(3, 2), Edit(0, 99), Edit(-1, 1)])
def test_out_of_range_edits_raise(edit: Edit) -> None:
    buf = MappedText("青禾经济")
    with pytest.raises(ValueError):
        buf.apply([edit], ChangeKind.CHROME)


def test_edits_may_come_in_any_order() -> None:
    buf = MappedText("0123456789")
    buf.apply([Edit(7, 8), Edit(1, 2), Edit(4, 5, "四")], ChangeKind.CHROME)
    assert buf.text == "023四5689"
    assert buf.starts == [0, 2, 3, 4, 5, 6, 8, 9]
    assert [c.before for c in buf.changes] == ["1", "4", "7"]  # recorded in text order


def test_change_records_name_the_original_text_after_earlier_edits() -> None:
    original = "雲嶺高新區(qū)管委會"
    buf = MappedText(original)
    buf.apply([Edit(5, 9)], ChangeKind.PINYIN)  # drop "(qū)"
    buf.apply([Edit(0, 2, "云岭"), Edit(4, 5, "区"), Edit(5, 7, "管委"), Edit(7, 8, "会")], ChangeKind.SCRIPT)
    assert buf.text == "云岭高新区管委会"
    buf.apply([Edit(4, 6)], ChangeKind.CHROME)  # "区管" in the current text
    assert buf.text == "云岭高新委会"
    chrome = buf.changes[-1]
    assert chrome.before == "區管"  # Traditional, as the user's file has it, without the pinyin
    assert (chrome.source.start, chrome.source.end) == (4, 10)
    assert original[chrome.source.start : chrome.source.end] == "區(qū)管"
    script = [c for c in buf.changes if c.kind is ChangeKind.SCRIPT]
    assert [(c.before, c.after) for c in script] == [
        ("雲嶺", "云岭"),
        ("區", "区"),
        ("管委", "管委"),
        ("會", "会"),
    ]


def test_unrecorded_edits_leave_no_change() -> None:
    buf = MappedText("青禾\u3000开发区")
    buf.apply([Edit(2, 3, " ")], ChangeKind.WHITESPACE, record=False)
    assert buf.text == "青禾 开发区"
    assert buf.changes == []
    assert ranges(buf)[2] == (2, 3)


def test_note_records_a_finding_without_editing() -> None:
    buf = MappedText("项目进展顺利")
    buf.note(ChangeKind.SYNONYM_SUSPECT, 2, 4, "疑似“发展”被替换")
    assert buf.text == "项目进展顺利"
    [change] = buf.changes
    assert change.before == change.after == "进展"
    assert (change.source.start, change.source.end) == (2, 4)


def test_insertion_maps_to_an_empty_span_at_its_position() -> None:
    # clean never inserts (tw2s keeps lengths), but the buffer must stay consistent if asked to.
    buf = MappedText("青禾")
    buf.apply([Edit(1, 1, "、")], ChangeKind.PUNCTUATION)
    assert buf.text == "青、禾"
    assert ranges(buf) == [(0, 1), (1, 1), (1, 2)]
    span = buf.offset_map().to_original(0, 3)
    assert (span.start, span.end) == (0, 2)


def test_source_span_of_an_empty_range_at_the_end() -> None:
    buf = MappedText("青禾经济")
    buf.apply([Edit(2, 4)], ChangeKind.CHROME)
    span = buf.source_span(2, 2)
    assert (span.start, span.end) == (4, 4)


def test_changes_property_is_a_copy() -> None:
    buf = MappedText("青禾")
    buf.apply([Edit(0, 1)], ChangeKind.CHROME)
    buf.changes.clear()
    assert len(buf.changes) == 1


@st.composite
def edit_batches(draw: st.DrawFn) -> tuple[str, list[Edit]]:
    text = draw(st.text(alphabet="青禾开发區abc123\n ", max_size=40))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    edits = [
        Edit(a, b, draw(st.text(alphabet="云岭XY", max_size=4)))
        for a, b in zip(cuts[::2], cuts[1::2], strict=False)
    ]
    return text, edits


@given(edit_batches(), st.booleans())
def test_mapping_stays_in_bounds_and_ordered(batch: tuple[str, list[Edit]], twice: bool) -> None:
    text, edits = batch
    buf = MappedText(text)
    buf.apply(edits, ChangeKind.SCRIPT)
    if twice and buf.text:
        buf.apply([Edit(0, 1)], ChangeKind.CHROME)
    offsets = buf.offset_map()
    assert len(offsets) == len(buf.text)
    for i in range(len(buf.text)):
        assert 0 <= offsets.starts[i] <= offsets.ends[i] <= len(text)
        if i:
            assert offsets.starts[i - 1] <= offsets.starts[i]
            assert offsets.ends[i - 1] <= offsets.ends[i]
    for change in buf.changes:
        assert 0 <= change.source.start <= change.source.end <= len(text)
