/** Small pages: not found, and no access to a screen of another role. */
import { useI18n } from '../i18n/i18n.tsx';
import { PageHeading, usePageTitle } from '../ui/page.tsx';
import { Link } from './router.tsx';

export function NotFoundPage() {
  const { t } = useI18n();
  usePageTitle(t.notFound.title);
  return (
    <section className="page">
      <PageHeading>{t.notFound.title}</PageHeading>
      <p>{t.notFound.text}</p>
      <p>
        <Link to="/">{t.notFound.home}</Link>
      </p>
    </section>
  );
}

export function ForbiddenPage() {
  const { t } = useI18n();
  usePageTitle(t.chart.noAccessTitle);
  return (
    <section className="page">
      <PageHeading>{t.chart.noAccessTitle}</PageHeading>
      <p>{t.errors.forbiddenPage}</p>
      <p>
        <Link to="/">{t.notFound.home}</Link>
      </p>
    </section>
  );
}
