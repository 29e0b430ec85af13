// A synthetic picture with known depth for the layered renderer's tests: a
// near red square (depth 1), plain or with horizontal stripes, on a grey
// background of vertical sinusoidal stripes, flat and far (depth 0) or a
// ground sloping nearer down the picture, and its layers built by hand: the
// background layer is the stripes continued under the square (a perfect
// inpainting), so whatever the camera uncovers has a known colour.
import type { Plane, RgbaImage } from '../../engine/analysis/types';
import type { SceneLayers } from '../../engine/scene/types';

export const IMAGE = { width: 512, height: 288 };
/** The square's pixel edges in source pixels: even, so they fall on pixel edges of the half-size layers too, and inside mesh cells, as edges in photos do. */
export const SQUARE = { x0: 194, x1: 290, y0: 98, y1: 194 };
/** Background stripe period, source px. */
export const PERIOD = 16;
/** Layers at half the picture's size, as the analysis's are smaller than the photo. */
export const LAYER_SCALE = 2;

/** The background's grey level (sRGB) at a source pixel column. */
export function backgroundLevel(x: number): number {
  return Math.round(120 + 60 * Math.sin((2 * Math.PI * (x + 0.5)) / PERIOD));
}

/** The square's green and blue level (sRGB) in a source row; red is 230. Geometry is measured on the plain square, sharpness on the striped one. */
export function squareLevel(y: number, striped: boolean): number {
  return striped ? 40 + 30 * (Math.floor(y / 3) % 2) : 40;
}

const inSquare = (x: number, y: number) => x >= SQUARE.x0 && x < SQUARE.x1 && y >= SQUARE.y0 && y < SQUARE.y1;

function rgba(width: number, height: number, colour: (x: number, y: number) => [number, number, number]): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      data.set([...colour(x, y), 255], (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

export function sceneImage(striped: boolean): RgbaImage {
  return rgba(IMAGE.width, IMAGE.height, (x, y) => {
    if (inSquare(x, y)) return [230, squareLevel(y, striped), squareLevel(y, striped)];
    const v = backgroundLevel(x);
    return [v, v, v];
  });
}

function plane(width: number, height: number, value: (x: number, y: number) => number): Plane {
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = value(x, y);
  return { width, height, data };
}

/** The sloping ground's depth at a source row (continuous): 0 at the top edge, 0.5 at the bottom. */
export function groundDepth(y: number): number {
  return (0.5 * y) / IMAGE.height;
}

export function sceneLayers(sloping: boolean): SceneLayers {
  const width = IMAGE.width / LAYER_SCALE;
  const height = IMAGE.height / LAYER_SCALE;
  const centre = (v: number) => (v + 0.5) * LAYER_SCALE - 0.5;
  const ground = (y: number) => (sloping ? groundDepth(centre(y) + 0.5) : 0);
  const square = plane(width, height, (x, y) => (inSquare(centre(x), centre(y)) ? 1 : 0));
  const depth = plane(width, height, (x, y) => (square.data[y * width + x]! > 0 ? 1 : ground(y)));
  // What the background layer shows: the stripes, at layer resolution (each layer pixel averages its source pixels).
  const background = rgba(width, height, (x) => {
    let sum = 0;
    for (let k = 0; k < LAYER_SCALE; k++) sum += backgroundLevel(x * LAYER_SCALE + k);
    const v = Math.round(sum / LAYER_SCALE);
    return [v, v, v];
  });
  const band = 0.04 * Math.max(width, height);
  const hole = plane(width, height, (x, y) => {
    const inside = square.data[y * width + x]! > 0;
    const toEdge = Math.min(x - SQUARE.x0 / LAYER_SCALE, SQUARE.x1 / LAYER_SCALE - 1 - x, y - SQUARE.y0 / LAYER_SCALE, SQUARE.y1 / LAYER_SCALE - 1 - y);
    return inside && toEdge < band ? 1 : 0;
  });
  return {
    width,
    height,
    depth,
    mask: square,
    background: { colour: background, depth: plane(width, height, (_x, y) => ground(y)) },
    hole,
  };
}
