"""Timeslices and hourly profiles (profiles.csv)."""

from __future__ import annotations

import math

from . import policy
from .common import assume

# ---------------------------------------------------------------------------------------
# Timeslices and profiles
DAYS = [("winter", 90, 15), ("spring", 92, 105), ("summer", 92, 196), ("autumn", 91, 288)]
LAT, LON = 36.45, 115.98
PV_FLH, WIND_FLH = 1250.0, 2100.0


def solar_cf_raw(doy: int, hour: int, season: str) -> float:
    decl = math.radians(23.45 * math.sin(math.radians(360 / 365 * (284 + doy))))
    b = math.radians(360 / 365 * (doy - 81))
    eot = 9.87 * math.sin(2 * b) - 7.53 * math.cos(b) - 1.5 * math.sin(b)  # minutes
    t_solar = hour + 0.5 + (LON - 120.0) / 15.0 + eot / 60.0
    omega = math.radians(15 * (t_solar - 12))
    phi = math.radians(LAT)
    cosz = math.sin(phi) * math.sin(decl) + math.cos(phi) * math.cos(decl) * math.cos(omega)
    if cosz <= 0.01:
        return 0.0
    ghi_clear = 1098 * cosz * math.exp(-0.057 / cosz)  # Haurwitz clear-sky model, W/m2
    clearness = {"winter": 0.60, "spring": 0.68, "summer": 0.58, "autumn": 0.65}[season]
    tilt_gain = {"winter": 1.35, "spring": 1.08, "summer": 0.95, "autumn": 1.20}[season]
    temp_derate = {"winter": 1.0, "spring": 0.97, "summer": 0.92, "autumn": 0.97}[season]
    return ghi_clear / 1000 * clearness * tilt_gain * temp_derate


def wind_cf_raw(hour: int, season: str) -> float:
    mean = {"winter": 0.26, "spring": 0.29, "summer": 0.17, "autumn": 0.22}[season]
    return mean * (1 + 0.20 * math.cos(2 * math.pi * (hour - 23) / 24))


def build_profiles() -> list[dict]:
    rows = []
    pv = {(d, h): solar_cf_raw(doy, h, d) for d, _, doy in DAYS for h in range(24)}
    wd = {(d, h): wind_cf_raw(h, d) for d, _, _ in DAYS for h in range(24)}
    weights = {d: w for d, w, _ in DAYS}
    pv_sum = sum(pv[k] * weights[k[0]] for k in pv)
    wd_sum = sum(wd[k] * weights[k[0]] for k in wd)
    pv = {k: v * PV_FLH / pv_sum for k, v in pv.items()}
    wd = {k: v * WIND_FLH / wd_sum for k, v in wd.items()}
    assert max(pv.values()) < 1
    assert max(wd.values()) < 1
    src_pv = assume(
        "synthetic: solar geometry at 36.45N 115.98E (declination, equation of time, Beijing time), "
        "Haurwitz clear-sky GHI x seasonal clearness (0.60/0.68/0.58/0.65) x tilt gain x temperature "
        f"derate, scaled to {PV_FLH:.0f} full-load h/yr (Shandong PV 1,200-1,350 h; blended wind+PV "
        "1,556 h in 2023 derived from Xinhua 2024-01-04); generator tools/build_dataset.py")
    src_wd = assume(
        "synthetic: seasonal means (spring high, summer low, North China Plain) x diurnal cosine "
        f"(+-20%, peak 23:00, nocturnal low-level jet), scaled to {WIND_FLH:.0f} full-load h/yr "
        "(Shandong onshore wind ~2,000-2,300 h); generator tools/build_dataset.py")
    for (d, h), v in pv.items():
        rows.append(dict(profile="pv", day=d, hour=h, value=round(v, 5), unit="1", source=src_pv))
    for (d, h), v in wd.items():
        rows.append(dict(profile="wind", day=d, hour=h, value=round(v, 5), unit="1", source=src_wd))

    def shape(name, f, src):
        for d, _, _ in DAYS:
            for h in range(24):
                rows.append(dict(profile=name, day=d, hour=h, value=round(f(d, h), 4), unit="1",
                                 source=src))

    def res(d, h):
        season = {"winter": 1.15, "spring": 0.90, "summer": 1.30, "autumn": 0.90}[d]
        daily = 0.6 + 0.35 * math.exp(-((h - 7.5) ** 2) / 2) + 0.8 * math.exp(-((h - 20) ** 2) / 4)
        if d == "summer":
            daily += 0.35 * math.exp(-((h - 14) ** 2) / 10)
        return season * daily

    def svc(d, h):
        season = {"winter": 1.10, "spring": 0.90, "summer": 1.30, "autumn": 0.90}[d]
        return season * (0.45 + 0.8 * (1 if 8 <= h <= 18 else 0) + 0.3 * (1 if 19 <= h <= 21 else 0))

    def heat(d, h):
        season = {"winter": 1.0, "spring": 0.12, "summer": 0.0, "autumn": 0.10}[d]
        return season * (1.0 + 0.25 * math.cos(2 * math.pi * (h - 5) / 24)) + 1e-4

    def ev(d, h):
        return 0.4 + (1.2 if (h >= 22 or h <= 5) else 0) + (0.4 if 11 <= h <= 14 else 0)

    def agri(d, h):
        season = {"winter": 0.4, "spring": 1.4, "summer": 1.3, "autumn": 0.9}[d]
        return season * (0.5 + (1.0 if 6 <= h <= 18 else 0))

    src_load = assume(
        "synthetic relative shape (normalised by carbonpath): {}; no measured Liaocheng or "
        "Shandong hourly sectoral load profile was found in public sources")
    shape("load_residential", res, src_load.format(
        "morning and evening peaks, summer air-conditioning, winter electric heating"))
    shape("load_services", svc, src_load.format("working hours 8-18, summer cooling"))
    shape("load_heating", heat, src_load.format(
        "space heating: heating season 15 Nov-15 Mar (winter day), small shoulder use, night/morning peak"))
    shape("load_ev", ev, src_load.format("night charging 22-05 plus midday top-up"))
    shape("load_agri", agri, src_load.format("irrigation and farm work: spring/summer daytime"))
    return rows



def tou_profile_rows() -> list[dict]:
    """The provincial market's time-of-use shape (profiles.csv rows, dimensionless)."""
    return [dict(profile="tou", day=d, hour=h, value=policy.tou(h), unit="1", source=policy.TOU_SRC)
            for d, _, _ in DAYS for h in range(24)]
