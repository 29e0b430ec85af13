// What Figma takes on the canvas, shared by the sandbox and the UI (which checks
// first, so a clip Figma would refuse is never copied into the sandbox).

/** Figma's limit for a video (https://developers.figma.com/docs/plugins/api/properties/figma-createvideoasync). */
export const MAX_PLACE_BYTES = 100 * 1024 * 1024;

export const tooLargeText = (bytes: number) =>
  `The clip (${(bytes / 1048576).toFixed(1)} MB) is over Figma's 100 MB limit. Download it instead, or render it shorter or smaller.`;
