import { render } from 'preact';
import { App } from './App';
import { loadFfmpegAssets } from './engine-client';

render(<App />, document.getElementById('app')!);
// The UI is up; unpack and compile the encoder in the background.
void loadFfmpegAssets().catch(() => {});
