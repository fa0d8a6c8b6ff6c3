/**
 * The logistics screens' icons: small inline SVGs (no icon font, nothing for the CSP to block),
 * always decorative (aria-hidden) because text beside them says the same. One name per meaning,
 * so a row and the wall board's legend show the same symbol.
 */
import type { ReactNode } from 'react';

const PATHS = {
  // task and activity status
  requested: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v5l3 2" />
    </>
  ),
  accepted: (
    <>
      <circle cx="9" cy="8" r="3" />
      <path d="M3 20c0-3.3 2.7-6 6-6s6 2.7 6 6M15 11l2 2 4-4" />
    </>
  ),
  'in-progress': <path d="M8 5l11 7-11 7z" className="icon-solid" />,
  completed: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M7.5 12.5l3 3 6-6.5" />
    </>
  ),
  cancelled: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M5.6 5.6l12.8 12.8" />
    </>
  ),
  rejected: <path d="M6 6l12 12M18 6L6 18" />,
  // beds and whereabouts
  occupied: (
    <>
      <path d="M3 18V6M3 14h18v4M21 14v-2a3 3 0 0 0-3-3h-7v5" />
      <circle cx="7" cy="10.5" r="1.8" className="icon-solid" />
    </>
  ),
  free: <path d="M3 18V6M3 14h18v4M21 14v-2a3 3 0 0 0-3-3H3" />,
  cleaning: <path d="M11 3l1.8 4.2L17 9l-4.2 1.8L11 15l-1.8-4.2L5 9l4.2-1.8zM18 14l.9 2.1 2.1.9-2.1.9L18 20l-.9-2.1L15 17l2.1-.9z" />,
  blocked: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M7 12h10" strokeWidth="3" />
    </>
  ),
  incoming: <path d="M3 12h11M10 8l4 4-4 4M15 4h5v16h-5" />,
  'on-leave': <path d="M14 4h5v16h-5M11 12H3M7 8l-4 4 4 4" />,
  away: (
    <>
      <path d="M12 21s-6-6-6-11a6 6 0 0 1 12 0c0 5-6 11-6 11z" />
      <circle cx="12" cy="10" r="2" />
    </>
  ),
  corridor: <path d="M5 3v18M19 3v18M12 4v3M12 10v3M12 16v3" />,
  // safety flags
  isolation: <path d="M12 3l8 3v6c0 4.5-3.4 8.3-8 9-4.6-.7-8-4.5-8-9V6z" />,
  faldrisiko: (
    <>
      <circle cx="15" cy="4.5" r="2" />
      <path d="M14 8l-4 5 4 3-2 5M10 13l-5-1M14 11l5 1" />
    </>
  ),
  cave: <path d="M8 3h8l5 5v8l-5 5H8l-5-5V8zM12 7v6M12 16.5v.5" />,
  // service tasks
  transport: (
    <>
      <circle cx="9" cy="16" r="5" />
      <path d="M9 3v8h7l2.5 6H21" />
    </>
  ),
  rengoering: <path d="M11 3l1.8 4.2L17 9l-4.2 1.8L11 15l-1.8-4.2L5 9l4.2-1.8zM18 14l.9 2.1 2.1.9-2.1.9L18 20l-.9-2.1L15 17l2.1-.9z" />,
  blodproeve: <path d="M12 3s6 7 6 11a6 6 0 0 1-12 0c0-4 6-11 6-11z" />,
  overflytning: <path d="M4 8h14M14 4l4 4-4 4M20 16H6M10 12l-4 4 4 4" />,
  // observations, results, time
  ews: <path d="M3 12h4l3-7 4 14 3-7h4" />,
  'ews-overdue': <path d="M6 9a6 6 0 0 1 12 0c0 6 3 8 3 8H3s3-2 3-8M10 21h4M12 2v1" />,
  'pending-tests': <path d="M9 3h6M10 3v6L4.5 19a1.5 1.5 0 0 0 1.3 2h12.4a1.5 1.5 0 0 0 1.3-2L14 9V3M7 15h10" />,
  breach: <path d="M12 3l10 18H2zM12 10v5M12 18v.5" strokeWidth="2.5" />,
  ok: <path d="M5 12.5l4.5 4.5L19 7" strokeWidth="3" />,
  below: <path d="M12 5v14M6 13l6 6 6-6" strokeWidth="3" />,
  live: <circle cx="12" cy="12" r="6" className="icon-solid" />,
  offline: (
    <>
      <circle cx="12" cy="12" r="6" />
      <path d="M4 4l16 16" />
    </>
  ),
  priority: <path d="M13 2L4 14h7l-1 8 9-12h-7z" />,
  comment: <path d="M4 5h16v11H9l-5 4z" />,
  fullscreen: <path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5" />,
} satisfies Record<string, ReactNode>;

export type IconName = keyof typeof PATHS;
export const isIconName = (s: string): s is IconName => Object.hasOwn(PATHS, s);

export function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg className={className ? `icon ${className}` : 'icon'} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      {PATHS[name]}
    </svg>
  );
}
