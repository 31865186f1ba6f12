// Builders for the suggestion tests (not imported by product code): Zoho's standard pipeline and
// facts with sensible defaults, so each test states only what it is about.
import type { DealEvidenceInput, DealFacts, EventFacts, NoteFacts, Pipeline, StageChangeFacts, TaskFacts } from './types';

/** Zoho's standard deal pipeline with its default probabilities. */
export const STANDARD_PIPELINE: Pipeline = {
  name: 'Standard (Standard)',
  stages: [
    ['Qualification', 10, 'Open'],
    ['Needs Analysis', 20, 'Open'],
    ['Value Proposition', 40, 'Open'],
    ['Id. Decision Makers', 60, 'Open'],
    ['Perception Analysis', 70, 'Open'],
    ['Proposal/Price Quote', 75, 'Open'],
    ['Negotiation/Review', 90, 'Open'],
    ['Closed Won', 100, 'Closed Won'],
    ['Closed Lost', 0, 'Closed Lost'],
    ['Closed Lost to Competition', 0, 'Closed Lost'],
  ].map(([name, probability, forecastType]) => ({
    name: name as string,
    label: name as string,
    probability: probability as number,
    forecastType: forecastType as Pipeline['stages'][number]['forecastType'],
  })),
};

export const DEAL_ID = '4876876000000431001';

export const deal = (overrides: Partial<DealFacts> = {}): DealFacts => ({
  id: DEAL_ID,
  name: 'Acme Logistics – Fleet Telematics Rollout',
  stage: 'Qualification',
  amount: null,
  closingDate: null,
  ownerId: '4876876000000225011',
  ownerName: 'Priya Raman',
  contactId: null,
  modifiedTime: null,
  createdTime: null,
  nextStep: null,
  ...overrides,
});

let counter = 0;
const nextId = (prefix: string) => `${prefix}${String(++counter).padStart(6, '0')}`;

export const note = (content: string, createdTime: string, overrides: Partial<NoteFacts> = {}): NoteFacts => ({
  id: nextId('4876876000000553'),
  title: null,
  content,
  createdTime,
  ownerName: 'Priya Raman',
  parentId: DEAL_ID,
  ...overrides,
});

export const event = (title: string, start: string, end: string, participantStatuses: string[] = ['accepted'], overrides: Partial<EventFacts> = {}): EventFacts => ({
  id: nextId('4876876000000551'),
  title,
  start,
  end,
  participantStatuses,
  ...overrides,
});

export const task = (subject: string, dueDate: string | null, status: string, overrides: Partial<TaskFacts> = {}): TaskFacts => ({
  id: nextId('4876876000000552'),
  subject,
  dueDate,
  status,
  closedTime: null,
  ...overrides,
});

export const history = (...changes: Array<[stage: string, at: string]>): StageChangeFacts[] => changes.map(([stage, at]) => ({ stage, at }));

export const input = (overrides: Partial<DealEvidenceInput> = {}): DealEvidenceInput => ({
  deal: deal(),
  notes: [],
  events: [],
  tasks: [],
  stageHistory: null,
  now: Date.parse('2026-11-18T12:00:00Z'),
  timeZone: 'America/New_York',
  ...overrides,
});
