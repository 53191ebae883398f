"""Road transport: vehicle stocks by class (annual)."""

from __future__ import annotations

from .common import BASE, H2_MWH_PER_T, P, assume, catalogue, residual_linear, tech

# ----- transport (annual; vehicle stocks) ---------------------------------------------------
VEHICLE_CLASS = dict(car_ice="car_ice", car_bev="car_bev", bus_diesel="bus_diesel", bus_bev="bus_bev",
                     bus_fcev="bus_fcev", hdt_diesel="truck_heavy_diesel", hdt_lng="truck_heavy_lng",
                     hdt_bev="truck_heavy_bev", hdt_fcev="truck_heavy_fcev", ldt_diesel="truck_light_diesel",
                     ldt_bev="truck_light_bev")


def vehicle(code, name, group, inputs, service, stock, km, life, capex, fom, *, cap_src, src, flow_src,
            load="", extra=None):
    params = [P("lifetime", life, "yr", assume("scrappage age")),
              P("utilisation", km, "vkm/vehicle/yr", assume(f"{km:,} km per vehicle per year")),
              *catalogue(VEHICLE_CLASS[code], "capex"), *catalogue(VEHICLE_CLASS[code], "fixed_om")]
    # the catalogue holds this script's former values: check they still agree
    points = {int(p["year"]) if p["year"] != "" else BASE: p["value"] for p in params if p["parameter"] == "capex"}
    given = capex if isinstance(capex, dict) else {BASE: capex}
    assert points == given, (code, points, given)
    assert [p["value"] for p in params if p["parameter"] == "fixed_om"] == [fom], code
    if stock:
        params += residual_linear(stock, life, "vehicle", assume(f"2023 stock retiring linearly over {life} years"))
        params.append(P("activity", stock * km, "vkm/yr", src, year=BASE))
    params += extra or []
    tech(code, name, "road_transport", "demand", "annual", "vehicle", "vkm", inputs=inputs,
         outputs={service: 1.0}, group=group, fixed=True, early=False, load=load, source=src,
         flow_source=flow_src, params=params)


VEH = dict(car_ice=1.13e6, car_bev=0.07e6, bus_diesel=550, bus_bev=2050, bus_fcev=0,
           hdt_diesel=39450, hdt_lng=5000, hdt_bev=550, hdt_fcev=0, ldt_diesel=107000, ldt_bev=3000)


def add() -> None:
    """Register the vehicle technologies."""
    vehicle("car_ice", "Passenger car, gasoline", "car", {"gasoline": 4.75e-5}, "car_vkm", VEH["car_ice"], 11000, 15,
            120000, 5000, cap_src=assume("average new car 2023 ~120k CNY (80-200k)"),
            src=assume("1.20 M passenger cars in 2023 (~205 per 1,000 residents; Shandong ~230), 94% ICE: not published"),
            flow_src=assume("6.5 L/100 km on-road x 0.73 kg/L"))
    vehicle("car_bev", "Passenger car, battery electric", "car", {"electricity": 1.5e-4}, "car_vkm", VEH["car_bev"], 11000, 15,
            {2023: 140000, 2027: 120000, 2030: 115000, 2040: 105000}, 4000,
            cap_src=assume("BEV price premium ~20k CNY in 2023 closing by ~2027 (BNEF/ICCT China parity studies); range +-20%"),
            src=assume("~70k BEV in 2023 (NEV ~6% of cars)"), flow_src=assume("15 kWh/100 km at the plug"), load="load_ev")
    vehicle("bus_diesel", "Bus and coach, diesel", "bus", {"diesel": 2.52e-4}, "bus_vkm", VEH["bus_diesel"], 55000, 10,
            800000, 40000, cap_src=assume("12 m diesel bus 0.6-1.0 M CNY"),
            src=assume("2,600 buses in 2023, ~80% electric (Zhongtong Bus is a Liaocheng maker)"),
            flow_src=assume("30 L/100 km x 0.84 kg/L"))
    vehicle("bus_bev", "Bus, battery electric", "bus", {"electricity": 1.1e-3}, "bus_vkm", VEH["bus_bev"], 55000, 10,
            {2023: 1200000, 2030: 950000, 2040: 850000}, 30000, cap_src=assume("12 m e-bus 1.0-1.4 M CNY (2023)"),
            src=assume("~2,050 e-buses in 2023"), flow_src=assume("110 kWh/100 km"), load="load_ev")
    vehicle("bus_fcev", "Bus, hydrogen fuel cell", "bus", {"hydrogen": 7.0e-5 * H2_MWH_PER_T}, "bus_vkm", VEH["bus_fcev"], 55000, 10,
            {2023: 2500000, 2030: 1300000, 2040: 1000000}, 50000, cap_src=assume("FCEV bus 2.0-3.0 M CNY (2023), demonstration subsidies excluded"),
            src=assume("FCEV demonstration buses exist (Zhongtong) but their number is unknown: base stock 0"),
            flow_src=assume("7 kg H2/100 km"))
    vehicle("hdt_diesel", "Heavy truck, diesel", "hdt", {"diesel": 2.69e-4}, "hdt_vkm", VEH["hdt_diesel"], 50000, 12,
            400000, 45000, cap_src=assume("tractor unit 0.35-0.5 M CNY"),
            src=assume("45,000 heavy trucks counted in-city (steel pipe, aluminium and chemical logistics): not published"),
            flow_src=assume("32 L/100 km x 0.84 kg/L"))
    vehicle("hdt_lng", "Heavy truck, LNG", "hdt", {"natural_gas": 0.30 * 1.496}, "hdt_vkm", VEH["hdt_lng"], 50000, 12,
            450000, 45000, cap_src=assume("LNG tractor ~+50k CNY"), src=assume("~5,000 LNG trucks 2023"),
            flow_src=assume("30 kg LNG/100 km; 1 kg LNG = 1.394 Nm3 = 1.496 m3 at 20 C"))
    vehicle("hdt_bev", "Heavy truck, battery electric (incl. battery swap)", "hdt", {"electricity": 1.5e-3}, "hdt_vkm", VEH["hdt_bev"],
            50000, 12, {2023: 900000, 2030: 550000, 2040: 450000}, 40000,
            cap_src=assume("e-tractor 0.8-1.0 M CNY in 2023; battery learning"), src=assume("~550 in 2023"),
            flow_src=assume("150 kWh/100 km"), load="load_ev")
    vehicle("hdt_fcev", "Heavy truck, hydrogen fuel cell", "hdt", {"hydrogen": 1.0e-4 * H2_MWH_PER_T}, "hdt_vkm", VEH["hdt_fcev"],
            50000, 12, {2023: 1200000, 2030: 650000, 2040: 500000}, 50000,
            cap_src=assume("FCEV tractor 1.0-1.5 M CNY in 2023"), src=assume("none in 2023"),
            flow_src=assume("10 kg H2/100 km"))
    vehicle("ldt_diesel", "Light/medium truck, diesel", "ldt", {"diesel": 8.4e-5}, "ldt_vkm", VEH["ldt_diesel"], 20000, 12,
            100000, 8000, cap_src=assume("80-150k CNY"), src=assume("110,000 light/medium trucks 2023, 97% diesel"),
            flow_src=assume("10 L/100 km"))
    vehicle("ldt_bev", "Light truck / van, battery electric", "ldt", {"electricity": 3.0e-4}, "ldt_vkm", VEH["ldt_bev"], 20000, 12,
            {2023: 130000, 2030: 100000, 2040: 90000}, 6000, cap_src=assume("e-van/light truck 100-160k CNY in 2023"),
            src=assume("~3,000 in 2023"), flow_src=assume("30 kWh/100 km"), load="load_ev")
