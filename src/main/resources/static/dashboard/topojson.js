// TopoJSON -> GeoJSON for ECharts, which reads only GeoJSON. The boundary files ship as TopoJSON (a third of the
// size); this does what topojson-client's feature() does for quantized Polygon/MultiPolygon collections.

function decodeArcs(topology) {
  const [sx, sy] = topology.transform.scale;
  const [tx, ty] = topology.transform.translate;
  return topology.arcs.map(arc => {
    let x = 0, y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return [x * sx + tx, y * sy + ty];
    });
  });
}

function ring(arcs, indexes) {
  const points = [];
  indexes.forEach((index, i) => {
    // A negative index ~i means arc i walked backwards.
    const arc = index < 0 ? arcs[~index].slice().reverse() : arcs[index];
    // Consecutive arcs share their joining point: keep it once.
    points.push(...(i === 0 ? arc : arc.slice(1)));
  });
  return points;
}

/** The collection `name` of a topology as a GeoJSON FeatureCollection; each feature's name is its CBS code. */
export function toGeoJson(topology, name) {
  const arcs = decodeArcs(topology);
  const features = topology.objects[name].geometries.map(geometry => {
    const polygon = rings => rings.map(r => ring(arcs, r));
    const coordinates = geometry.type === 'Polygon'
      ? polygon(geometry.arcs)
      : geometry.arcs.map(polygon);
    const code = geometry.properties.statcode;
    return {
      type: 'Feature',
      id: code,
      properties: { name: code, label: geometry.properties.statnaam },
      geometry: { type: geometry.type, coordinates },
    };
  });
  return { type: 'FeatureCollection', features };
}

/** Which boundary file shows the municipalities of a date (geo/README.md, "Which file for which date"). */
export function boundaryYear(date) {
  const year = Number(date.slice(0, 4));
  if (year <= 2018) return 2018;
  if (year <= 2020) return 2019;
  return Math.min(year, 2024);
}
