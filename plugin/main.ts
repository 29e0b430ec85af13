// Figma sandbox entry (bundled to dist/code.js); Figma provides `figma` and `__html__`.
import { startPlugin } from './start-plugin';

startPlugin(figma, __html__);
