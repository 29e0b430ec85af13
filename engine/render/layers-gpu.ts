// The scene layers on the GPU, uploaded once per picture: depth and the
// inpainted background as textures, the mesh grid as a vertex-data texture,
// index buffers for the coarse blocks and the list of fine cells.
import type { Size } from '../motion/types';
import type { SceneLayers } from '../scene/types';
import { createTexture } from './gl-util';
import { buildMeshGrid } from './mesh-grid';

/** Indexed triangles (no attributes: vertex shaders place vertices from gl_VertexID). */
export interface IndexedMesh {
  vao: WebGLVertexArrayObject;
  count: number;
}

export class GpuLayers {
  readonly size: Size;
  /** Fine cells per row and column. */
  readonly cols: number;
  readonly rows: number;
  /** Analysis depth, R16F, filtered: the edge draw tests it between texels. */
  readonly depth: WebGLTexture;
  /** Inpainted background colour, sRGB, filtered. */
  readonly background: WebGLTexture;
  /** MeshGrid.vertices, RGBA32F, fetched per vertex. */
  readonly grid: WebGLTexture;
  readonly backgroundMesh: IndexedMesh;
  readonly surfaceMesh: IndexedMesh;
  /** Each fine cell's (col, row), once per each of its 12 vertices: one plain draw (software GL sets up every instance of an instanced draw as a draw of its own). */
  readonly cells: WebGLVertexArrayObject;
  readonly cellCount: number;
  private readonly buffers: WebGLBuffer[] = [];

  constructor(
    private readonly gl: WebGL2RenderingContext,
    layers: SceneLayers,
  ) {
    const { width, height } = layers;
    this.size = { width, height };
    const grid = buildMeshGrid(layers);
    this.cols = grid.cols;
    this.rows = grid.rows;
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
    gl.pixelStorei(gl.UNPACK_FLIP_Y_WEBGL, false);
    gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false);
    this.depth = createTexture(gl, width, height, { format: gl.R16F, filter: gl.LINEAR });
    gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, width, height, gl.RED, gl.FLOAT, layers.depth.data);
    const colour = layers.background.colour;
    this.background = createTexture(gl, colour.width, colour.height, { format: gl.SRGB8_ALPHA8, filter: gl.LINEAR });
    gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, colour.width, colour.height, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(colour.data.buffer, colour.data.byteOffset, colour.data.byteLength));
    this.grid = createTexture(gl, grid.cols + 1, grid.rows + 1, { format: gl.RGBA32F, filter: gl.NEAREST });
    gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, grid.cols + 1, grid.rows + 1, gl.RGBA, gl.FLOAT, grid.vertices);
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 4);

    this.backgroundMesh = this.indexed(grid.backgroundIndices);
    this.surfaceMesh = this.indexed(grid.surfaceIndices);
    const perVertex = new Uint16Array(grid.cells.length * 12);
    for (let k = 0; k < perVertex.length; k += 2) {
      const cell = Math.floor(k / 24) * 2;
      perVertex[k] = grid.cells[cell]!;
      perVertex[k + 1] = grid.cells[cell + 1]!;
    }
    this.cells = gl.createVertexArray()!;
    gl.bindVertexArray(this.cells);
    this.buffer(gl.ARRAY_BUFFER, perVertex);
    gl.enableVertexAttribArray(0);
    gl.vertexAttribIPointer(0, 2, gl.UNSIGNED_SHORT, 0, 0);
    gl.bindVertexArray(null);
    gl.bindBuffer(gl.ARRAY_BUFFER, null);
    this.cellCount = grid.cells.length / 2;
  }

  dispose(): void {
    const gl = this.gl;
    gl.deleteTexture(this.depth);
    gl.deleteTexture(this.background);
    gl.deleteTexture(this.grid);
    gl.deleteVertexArray(this.backgroundMesh.vao);
    gl.deleteVertexArray(this.surfaceMesh.vao);
    gl.deleteVertexArray(this.cells);
    for (const b of this.buffers) gl.deleteBuffer(b);
  }

  private buffer(target: number, data: BufferSource): WebGLBuffer {
    const b = this.gl.createBuffer()!;
    this.gl.bindBuffer(target, b);
    this.gl.bufferData(target, data, this.gl.STATIC_DRAW);
    this.buffers.push(b);
    return b;
  }

  private indexed(indices: Uint32Array<ArrayBuffer>): IndexedMesh {
    const gl = this.gl;
    const vao = gl.createVertexArray()!;
    gl.bindVertexArray(vao);
    this.buffer(gl.ELEMENT_ARRAY_BUFFER, indices);
    gl.bindVertexArray(null);
    return { vao, count: indices.length };
  }
}
