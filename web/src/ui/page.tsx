/** Page furniture: the page's <h1> (focused after navigation) and the document title. */
import { useEffect, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

export function usePageTitle(title: string): void {
  const { t } = useI18n();
  useEffect(() => {
    document.title = title ? `${title} – ${t.appName}` : t.appName;
  }, [title, t.appName]);
}

/** The page heading; focusable by script (tabIndex -1) so navigation can move focus to it. */
export function PageHeading({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <h1 tabIndex={-1} className={className}>
      {children}
    </h1>
  );
}
