/** Question answering over one patient's record (issue 6): extractive answers with citations, optionally worded by a verified LLM. */
export { answerQuestion, MAX_PASSAGES, NOT_FOUND_TEXT, type ExtractiveAnswer } from './answer-question.ts';
export { ask, type AskOptions } from './ask.ts';
export { askRoutes } from './ask.routes.ts';
export { planQuestion, QUESTION_LEXICON_VERSION, type Concept, type QuestionPlan } from './question-plan.ts';
export { labelPassage, QA_CONTEXT_RULES, type PassageLabel } from './passage-label.ts';
export { decideAnswer, voteOf, type Decision, type LabelledItem } from './decide-answer.ts';
