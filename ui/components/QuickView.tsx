import type { ComponentChildren } from 'preact';
import type { TemplateId } from '../../engine/params';
import { TEMPLATES } from '../../engine/motion/templates';

interface Props {
  title: string;
  template: TemplateId;
  notice: { level: 'info' | 'warning' | 'error'; text: string } | null;
  blockers: readonly string[];
  children: ComponentChildren;
}

/** The quick-animate window: what is being animated, then the render panel (progress, Download, Place on canvas). */
export function QuickView({ title, template, notice, blockers, children }: Props) {
  const name = TEMPLATES.find((t) => t.id === template)?.name ?? template;
  return (
    <main class="quick" data-testid="quick">
      <p class="subject" title={title}>
        <strong>{name}</strong> · {title}
      </p>
      {blockers.map((b) => (
        <p key={b} class="notice error" role="alert">
          {b}
        </p>
      ))}
      {notice && (
        <p class={`notice ${notice.level}`} role={notice.level === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}
      {children}
    </main>
  );
}
