/** The landing page for roles that have no screens yet (portør, administrator): says what will come. */
import type { Me } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { PageHeading, usePageTitle } from '../ui/page.tsx';

export function LandingPage({ me }: { me: Me }) {
  const { t } = useI18n();
  usePageTitle(t.landing.title);
  const roles = new Set(me.memberships.map((m) => m.role));
  const texts = [...(roles.has('portoer') ? [t.landing.portoer] : []), ...(roles.has('administrator') ? [t.landing.administrator] : [])];
  return (
    <section className="page landing">
      <PageHeading>{t.landing.title}</PageHeading>
      {(texts.length ? texts : [t.landing.other]).map((text) => (
        <p key={text}>{text}</p>
      ))}
      <p className="muted">{t.landing.underway}</p>
    </section>
  );
}
