"""Road transport: vehicle stocks by class (annual)."""

from __future__ import annotations

from .common import BASE, P, assume, residual_linear, tech

# ----- transport (annual; vehicle stocks) ---------------------------------------------------
VEHICLE_CLASS = dict(car_ice="car_ice", car_bev="car_bev", bus_diesel="bus_diesel", bus_bev="bus_bev",
                     bus_fcev="bus_fcev", hdt_diesel="truck_heavy_diesel", hdt_lng="truck_heavy_lng",
                     hdt_bev="truck_heavy_bev", hdt_fcev="truck_heavy_fcev", ldt_diesel="truck_light_diesel",
                     ldt_bev="truck_light_bev")


def vehicle(code, name, group, inputs, service, stock, km, retire, *, src, flow_src="", load="", extra=None):
    """A vehicle class: its lifetime, costs (and, for an option without ``inputs``, its energy use)
    are its catalogue class's (:data:`VEHICLE_CLASS`, from_catalogue.py); the stock, the distance
    driven and the years over which the 2023 fleet retires (``retire``) are the city's."""
    params = [P("utilisation", km, "vkm/vehicle/yr", assume(f"{km:,} km per vehicle per year"))]
    if stock:
        params += residual_linear(stock, retire, "vehicle", assume(f"2023 stock retiring linearly over {retire} years"))
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
            src=assume("1.20 M passenger cars in 2023 (~205 per 1,000 residents; Shandong ~230), 94% ICE: not published"),
            flow_src=assume("6.5 L/100 km on-road x 0.73 kg/L"))
    vehicle("car_bev", "Passenger car, battery electric", "car", {"electricity": 1.5e-4}, "car_vkm", VEH["car_bev"], 11000, 15,
            src=assume("~70k BEV in 2023 (NEV ~6% of cars)"), flow_src=assume("15 kWh/100 km at the plug"), load="load_ev")
    vehicle("bus_diesel", "Bus and coach, diesel", "bus", {"diesel": 2.52e-4}, "bus_vkm", VEH["bus_diesel"], 55000, 10,
            src=assume("2,600 buses in 2023, ~80% electric (Zhongtong Bus is a Liaocheng maker)"),
            flow_src=assume("30 L/100 km x 0.84 kg/L"))
    vehicle("bus_bev", "Bus, battery electric", "bus", {"electricity": 1.1e-3}, "bus_vkm", VEH["bus_bev"], 55000, 10,
            src=assume("~2,050 e-buses in 2023"), flow_src=assume("110 kWh/100 km"), load="load_ev")
    vehicle("bus_fcev", "Bus, hydrogen fuel cell", "bus", None, "bus_vkm", VEH["bus_fcev"], 55000, 10,
            src=assume("FCEV demonstration buses exist (Zhongtong) but their number is unknown: base stock 0"))
    vehicle("hdt_diesel", "Heavy truck, diesel", "hdt", {"diesel": 2.69e-4}, "hdt_vkm", VEH["hdt_diesel"], 50000, 12,
            src=assume("45,000 heavy trucks counted in-city (steel pipe, aluminium and chemical logistics): not published"),
            flow_src=assume("32 L/100 km x 0.84 kg/L"))
    vehicle("hdt_lng", "Heavy truck, LNG", "hdt", {"natural_gas": 0.30 * 1.496}, "hdt_vkm", VEH["hdt_lng"], 50000, 12, src=assume("~5,000 LNG trucks 2023"),
            flow_src=assume("30 kg LNG/100 km; 1 kg LNG = 1.394 Nm3 = 1.496 m3 at 20 C"))
    vehicle("hdt_bev", "Heavy truck, battery electric (incl. battery swap)", "hdt", {"electricity": 1.5e-3}, "hdt_vkm", VEH["hdt_bev"],
            50000, 12, src=assume("~550 in 2023"),
            flow_src=assume("150 kWh/100 km"), load="load_ev")
    vehicle("hdt_fcev", "Heavy truck, hydrogen fuel cell", "hdt", None, "hdt_vkm", VEH["hdt_fcev"],
            50000, 12, src=assume("none in 2023"))
    vehicle("ldt_diesel", "Light/medium truck, diesel", "ldt", {"diesel": 8.4e-5}, "ldt_vkm", VEH["ldt_diesel"], 20000, 12, src=assume("110,000 light/medium trucks 2023, 97% diesel"),
            flow_src=assume("10 L/100 km"))
    vehicle("ldt_bev", "Light truck / van, battery electric", "ldt", {"electricity": 3.0e-4}, "ldt_vkm", VEH["ldt_bev"], 20000, 12,
            src=assume("~3,000 in 2023"), flow_src=assume("30 kWh/100 km"), load="load_ev")
