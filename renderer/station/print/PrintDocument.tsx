import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';

/**
 * A document for the printer (A4, see `@media print` in `station.css`): rendered beside the app's root, hidden on
 * screen; when printing, the app is hidden and only this document is printed.
 */
export function PrintDocument({ children, testId }: { children: ReactNode; testId: string }) {
  return createPortal(
    <article className="hssk-print-document" data-testid={testId}>
      {children}
    </article>,
    document.body,
  );
}
