// The UI's side of the sandbox channel: Figma wraps messages in
// { pluginMessage }, and everything received is validated before use.
import { parseToUi, type ToSandbox, type ToUi } from '../plugin/messages';

export function sendToSandbox(message: ToSandbox): void {
  parent.postMessage({ pluginMessage: message }, '*');
}

export function onSandboxMessage(handler: (message: ToUi) => void, onInvalid: (error: string) => void): () => void {
  const listener = (event: MessageEvent) => {
    if (event.source !== parent) return;
    const data: unknown = event.data;
    if (!data || typeof data !== 'object' || !('pluginMessage' in data)) return;
    const parsed = parseToUi(data.pluginMessage);
    if (parsed.ok) handler(parsed.message);
    else onInvalid(parsed.error);
  };
  addEventListener('message', listener);
  return () => removeEventListener('message', listener);
}
