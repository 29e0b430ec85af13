export function Privacy() {
  return (
    <details class="privacy">
      <summary>Privacy</summary>
      <ul>
        <li>Your image is processed only on this device, inside this plugin. Nothing is uploaded: the plugin has no network access at all.</li>
        <li>No account, no analytics, no telemetry.</li>
        <li>The image and everything computed from it live in memory for the current job only and are dropped when it ends or is cancelled.</li>
        <li>Only your settings (template, duration, frame rate, size) are saved, in Figma’s plugin storage on this computer. Never pixels.</li>
      </ul>
    </details>
  );
}
