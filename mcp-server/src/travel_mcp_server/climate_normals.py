"""The bundled monthly climate-normals dataset (WMO WWIS stations) and nearest-station lookup."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from travel_mcp_server.distance import haversine_km

DATASET_FILE = "climate_normals.json"
MAX_STATION_DISTANCE_KM = 150.0


@dataclass(frozen=True)
class Station:
    record: dict[str, Any]

    @property
    def name(self) -> str:
        return str(self.record["name"])

    @property
    def latitude(self) -> float:
        return float(self.record["latitude"])

    @property
    def longitude(self) -> float:
        return float(self.record["longitude"])

    def month(self, number: int) -> dict[str, Any]:
        entry: dict[str, Any] = self.record["months"][number - 1]
        return entry


class ClimateNormals:
    """Loaded dataset; use `nearest` to find the station for a place."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.as_of = str(document["as_of"])
        self.source = document["source"]
        self.stations = [Station(record) for record in document["stations"]]
        self._nearest: dict[tuple[float, float], tuple[Station, float]] = {}

    @classmethod
    def load(cls) -> ClimateNormals:
        text = files("travel_mcp_server.data").joinpath(DATASET_FILE).read_text(encoding="utf-8")
        return cls(json.loads(text))

    def nearest(self, latitude: float, longitude: float) -> tuple[Station, float]:
        """The closest station and its distance; remembered per point (cities repeat)."""
        found = self._nearest.get((latitude, longitude))
        if found is None:
            found = self._nearest[(latitude, longitude)] = self._search(latitude, longitude)
        return found

    def _search(self, latitude: float, longitude: float) -> tuple[Station, float]:
        best = min(
            self.stations, key=lambda s: haversine_km(latitude, longitude, s.latitude, s.longitude)
        )
        return best, haversine_km(latitude, longitude, best.latitude, best.longitude)
