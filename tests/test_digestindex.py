"""The compact digest index behind the cross-unit rules: a dict's behaviour in flat arrays."""

from __future__ import annotations

import random

from tmqa.digestindex import DigestTable, TuidArena


def test_table_behaves_like_a_dict_through_growth() -> None:
    rng = random.Random(5)
    table = DigestTable(capacity=8)
    model: dict[int, tuple[int, int]] = {}
    for _ in range(20_000):
        key = rng.getrandbits(64) if rng.random() < 0.8 else rng.choice([0, 1, 2, 2**64 - 1])
        value, ref = rng.getrandbits(32), rng.getrandbits(32)
        table.put(key, value, ref)
        model[key or 1] = (value, ref)
    assert len(table) == len(model)
    for key, expected in model.items():
        assert table.get(key) == expected
    assert table.get(12345678901234) is None or 12345678901234 in model
    # Slots stay a fixed 16 bytes each, at most 1/0.6 slots per entry after growth doubles.
    assert table.nbytes <= 16 * 2 * len(model) / 0.6 + 16 * 8


def test_zero_key_is_remapped_not_lost() -> None:
    table = DigestTable()
    table.put(0, 7, 9)
    assert table.get(0) == (7, 9) and len(table) == 1


def test_arena_round_trips_files_and_tuids() -> None:
    arena = TuidArena()
    refs = [
        arena.add(f"f{i % 3}.tmx", tuid)
        for i, tuid in enumerate(["1", "é-2", "", "x" * 300, "u\u202f5"])
    ]
    assert [arena.get(r) for r in refs] == [
        ("f0.tmx", "1"),
        ("f1.tmx", "é-2"),
        ("f2.tmx", ""),
        ("f0.tmx", "x" * 300),
        ("f1.tmx", "u\u202f5"),
    ]
