// The nearest marked pixel of every pixel (a Euclidean feature transform), in
// linear time: Felzenszwalb and Huttenlocher's distance transform, keeping
// which pixel each distance came from.

/** For each pixel, the index of the nearest pixel (Euclidean) where `seed` is 1; -1 when there is none. */
export function nearestSeed(seed: Float32Array, width: number, height: number): Int32Array {
  const n = width * height;
  // Per column: the nearest seed's row, looking down then up (whole rows at a time, for the cache).
  const row = new Int32Array(n);
  for (let y = 0; y < height; y++) {
    for (let x = 0, i = y * width; x < width; x++, i++) row[i] = seed[i] === 1 ? y : y > 0 ? row[i - width]! : -1;
  }
  for (let y = height - 2; y >= 0; y--) {
    for (let x = 0, i = y * width; x < width; x++, i++) {
      const below = row[i + width]!;
      if (below > y && (row[i]! < 0 || below - y < y - row[i]!)) row[i] = below;
    }
  }
  // Per row: the lower envelope of the parabolas (x - s)² + dy(s)² over the columns s with a seed,
  // written over the column pass's rows (a copy of the row's keeps what the envelope reads).
  const nearest = row;
  const rowOf = new Int32Array(width);
  const sites = new Int32Array(width);
  const bounds = new Float64Array(width + 1);
  const f = new Float64Array(width);
  for (let y = 0; y < height; y++) {
    const o = y * width;
    rowOf.set(row.subarray(o, o + width));
    let k = -1;
    for (let s = 0; s < width; s++) {
      const r = rowOf[s]!;
      if (r < 0) continue;
      f[s] = (r - y) * (r - y);
      let z = -Infinity;
      while (k >= 0) {
        const t = sites[k]!;
        z = (f[s]! + s * s - (f[t]! + t * t)) / (2 * (s - t));
        if (z > bounds[k]!) break;
        k--;
      }
      k++;
      sites[k] = s;
      bounds[k] = k === 0 ? -Infinity : z;
      bounds[k + 1] = Infinity;
    }
    if (k < 0) continue;
    for (let x = 0, j = 0; x < width; x++) {
      while (bounds[j + 1]! < x) j++;
      const s = sites[j]!;
      nearest[o + x] = rowOf[s]! * width + s;
    }
  }
  return nearest;
}
