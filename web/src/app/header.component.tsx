/** The app header: name, role-aware navigation, the signed-in user with role and unit, language switch, log out. */
import { roleName } from '../access/roles.ts';
import type { Me } from '../api/types.ts';
import { logout } from '../auth/oidc.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { LANGS, type Lang } from '../i18n/lang.ts';
import { navigationFor, type NavItem } from './navigation.ts';
import { Link } from './router.tsx';

const LANG_NAMES: Record<Lang, string> = { da: 'Dansk', en: 'English' };

/** "Sygeplejerske, Medicinsk afdeling M1" for each distinct membership. */
export function membershipText(me: Me, lang: Lang): string {
  const parts = me.memberships.map((m) => [roleName(m.role, lang), m.unitName].filter(Boolean).join(', '));
  return [...new Set(parts)].join(' · ');
}

function isActive(item: NavItem, path: string): boolean {
  if (item.key === 'patients') return path === '/patients' || path.startsWith('/patient/');
  if (item.path === '/') return path === '/';
  return path === item.path || path.startsWith(`${item.path}/`);
}

export function Header({ me, path }: { me: Me; path: string }) {
  const { t, lang, setLang } = useI18n();
  const items = navigationFor(me);
  return (
    <header className="app-header">
      <div className="app-header-inner">
        <Link to="/" className="brand">
          {t.appName}
        </Link>
        <nav aria-label={t.header.mainNav} className="main-nav">
          <ul>
            {items.map((item) => (
              <li key={item.key}>
                <Link to={item.path} aria-current={isActive(item, path) ? 'page' : undefined}>
                  {t.nav[item.key]}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="header-tools">
          <p className="user">
            <span className="user-name" data-testid="user-name">
              {me.display}
            </span>
            {me.memberships.length > 0 && <span className="user-role">{membershipText(me, lang)}</span>}
          </p>
          <div role="group" aria-label={t.header.language} className="lang-switch">
            {LANGS.map((code) => (
              <button key={code} type="button" lang={code} aria-pressed={lang === code} onClick={() => setLang(code)}>
                {LANG_NAMES[code]}
              </button>
            ))}
          </div>
          <button type="button" className="button-header" onClick={logout}>
            {t.header.logout}
          </button>
        </div>
      </div>
    </header>
  );
}
