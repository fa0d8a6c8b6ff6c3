/**
 * One section of the Overblik: its heading and items, or its emptyText ("Ikke oplyst i journalen",
 * never an invented statement). An item shows its text, a label when a finding from text is not
 * stated as present ("afkræftet", "mistanke", "familie" …: never shown as a fact), "Ny" when it is new
 * since the user last looked, its age ("for 3 dage siden"), its flags and its numbered citations.
 */
import { useId } from 'react';
import type { OverviewItem, OverviewSection } from '../../../src/journal/api-types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDate, formatDateTime } from '../ui/format.ts';
import { CitationLinks, type CitationLinksProps } from './citation-links.component.tsx';
import { ageText, citationKey } from './overview.helpers.ts';

type Opening = Omit<CitationLinksProps, 'citations'>;

export function OverviewSectionView({ section, numbers, now, opening }: { section: OverviewSection; numbers: ReadonlyMap<string, number>; now: Date; opening: Opening }) {
  const { t, lang } = useI18n();
  const headingId = useId();
  const title = lang === 'da' ? section.title : (t.overview.sectionTitles[section.id] ?? section.title);
  return (
    <section className="overview-section" aria-labelledby={headingId} data-section={section.id} data-testid={`overview-section-${section.id}`}>
      <h3 id={headingId}>{title}</h3>
      {section.items.length === 0 ? (
        <p className="overview-empty">{section.emptyText}</p>
      ) : (
        <ul className="overview-items">
          {section.items.map((item, i) => (
            <OverviewItemView key={i} item={item} numbers={numbers} now={now} opening={opening} />
          ))}
        </ul>
      )}
    </section>
  );
}

function OverviewItemView({ item, numbers, now, opening }: { item: OverviewItem; numbers: ReadonlyMap<string, number>; now: Date; opening: Opening }) {
  const { t: all, lang } = useI18n();
  const t = all.overview;
  const assertion = item.assertion && item.assertion !== 'present' ? (t.assertions[item.assertion] ?? item.assertion) : undefined;
  const age = item.date ? ageText(item.date, now, t.age) : undefined;
  const citations = item.citations.map((citation) => ({ n: numbers.get(citationKey(citation)) ?? 0, citation })).filter((c) => c.n > 0);
  return (
    <li className="overview-item" data-testid="overview-item" data-origin={item.origin} data-assertion={item.assertion}>
      {assertion && (
        <span className="badge overview-assertion" data-testid="overview-assertion" title={t.assertionHint}>
          {assertion}
        </span>
      )}{' '}
      <span className="overview-item-text">{item.text}</span>{' '}
      {item.isNew && (
        <span className="badge overview-new" data-testid="overview-new">
          {t.isNew}
          <span className="visually-hidden"> {t.isNewHint}</span>
        </span>
      )}{' '}
      {(item.flags ?? []).map((flag) => (
        <span key={flag} className="badge overview-flag" data-testid="overview-flag">
          {flag}
        </span>
      ))}{' '}
      {age && item.date && (
        <time className="overview-age" dateTime={item.date} title={/^\d{4}-\d{2}-\d{2}$/.test(item.date) ? formatDate(item.date, lang) : formatDateTime(item.date, lang)}>
          {age}
        </time>
      )}{' '}
      <CitationLinks citations={citations} {...opening} />
    </li>
  );
}
