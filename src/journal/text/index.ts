/** The face of src/journal/text/: pure Danish clinical-text analysis (code-point spans, sections and sentences, ConText negation/context, citations) per journal-ai.md §2–5. */
export { buildOffsetMap, codePointLength, codePointToIndex, indexToCodePoint, isValidSpan, sliceCodePoints, type OffsetMap, type Span } from './spans.ts';
export { BARE_INLINE_HEADERS, SECTION_HEADERS, type SectionName } from './section-headers.ts';
export { NON_TERMINAL_ABBREVIATIONS, TERMINAL_ABBREVIATIONS } from './abbreviations.ts';
export { segmentNote, segmentSections, splitSentences, type Passage, type Section } from './segment.ts';
export { ContextKind, DANISH_CONTEXT_RULES, type ContextRuleSet, type CueDirection, type CueKind, type CueRule } from './context-rules.ts';
export {
  analyseFinding, assessContext, findCues, findingsIn, isAssertedForPatient, Polarity, polarityOf, type ContextAssessment, type ContextCue, type Finding, type LexiconEntry, type Sentence,
} from './context.ts';
export {
  CitationStatus, citeResource, citeSpan, quoteOf, sha256Of, verifyCitation, verifyResourceCitation, type CitableResource, type JournalDocument, type ResourceCitation,
  type Sha256, type SpanCitation,
} from './citation.ts';
