// "Book with someone by email or phone": find the person in Zoho (Contacts first, then Leads; the
// background confirms Zoho's fuzzy matches), or create them as a Lead or Contact (per settings)
// and continue with the new record. Everything from Zoho and from the rep is shown as text.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { StagecoachError } from '@/lib/errors';
import type { RequestData } from '@/lib/requests';
import type { OutboxItem } from '@/lib/sync/types';
import { Disclosure } from '../Disclosure';
import { ErrorNotice } from '../ErrorNotice';
import { TextField } from '../fields/Field';
import { t } from '../i18n';
import { request } from '../messenger';
import { queryKeys, syncStatusQuery } from '../queries';
import { companyFromEmail, isEmail, isPhone } from './lookup';
import type { Person } from './queries';
import { useOutboxSignal } from '../useStatusSignal';

type Module = Person['module'];

/** What the rep typed to search by (trimmed; empty when not given). */
interface Typed {
  email: string;
  phone: string;
}

type Phase =
  | { kind: 'search' }
  | { kind: 'create'; typed: Typed; notFound: boolean }
  | { kind: 'queued'; item: OutboxItem; module: Module; name: string }
  /** `focus`: the rep's own action led here (a queued record arriving later does not take the focus). */
  | { kind: 'chosen'; person: Person; how: 'found' | 'created'; focus: boolean };

const emailProblem = (email: string) => (email && !isEmail(email) ? t('sched_findBadEmail') : null);
const phoneProblem = (phone: string) => (phone && !isPhone(phone) ? t('sched_findBadPhone') : null);

const kindName = (module: Module) => t(module === 'Leads' ? 'sched_kindLeads' : 'sched_kindContacts');

export function PersonFinder({
  variant,
  lookup,
  createAs,
  ownName,
  onChoose,
  onBack,
}: {
  /** 'open' on a deal page; 'disclosure' on a contact's or lead's page (closed until asked for, then as the rep left it). */
  variant: 'open' | 'disclosure';
  /** settings.features.lookupBeforeBooking: when off, nobody is searched for and a new record is made. */
  lookup: boolean;
  createAs: Module;
  /** Whom the section showed before (the record, or the deal's contact), if anyone. */
  ownName: string | null;
  onChoose: (person: Person) => void;
  onBack: () => void;
}) {
  const ids = useId();
  const id = (name: string) => `${ids}-${name}`;
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [problem, setProblem] = useState<{ field: 'email' | 'phone'; message: string } | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'search' });
  const emailRef = useRef<HTMLInputElement>(null);
  const phoneRef = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  /** The rep opened the disclosure: the keyboard goes on into the first field. */
  const focusEmail = useCallback(() => emailRef.current?.focus(), []);

  const find = useMutation({ mutationFn: (input: RequestData<'findPerson'>) => request('findPerson', input) });
  const create = useMutation({ mutationFn: (input: RequestData<'createPerson'>) => request('createPerson', input) });

  useEffect(() => {
    if ((phase.kind === 'chosen' && phase.focus) || phase.kind === 'queued') resultRef.current?.focus();
  }, [phase]);

  function choose(person: Person, how: 'found' | 'created', focus = true) {
    setPhase({ kind: 'chosen', person, how, focus });
    onChoose(person);
  }

  function back() {
    setPhase({ kind: 'search' });
    onBack();
    emailRef.current?.focus();
  }

  function submitSearch() {
    const typed = { email: email.trim(), phone: phone.trim() };
    const wrong: typeof problem =
      !typed.email && !typed.phone
        ? { field: 'email', message: t('sched_findNeedOne') }
        : emailProblem(typed.email)
          ? { field: 'email', message: emailProblem(typed.email) ?? '' }
          : phoneProblem(typed.phone)
            ? { field: 'phone', message: phoneProblem(typed.phone) ?? '' }
            : null;
    setProblem(wrong);
    if (wrong) {
      (wrong.field === 'email' ? emailRef : phoneRef).current?.focus();
      return;
    }
    create.reset();
    if (!lookup) {
      setPhase({ kind: 'create', typed, notFound: false });
      return;
    }
    setPhase({ kind: 'search' });
    find.mutate(
      { ...(typed.email ? { email: typed.email } : {}), ...(typed.phone ? { phone: typed.phone } : {}) },
      {
        onSuccess: (match) => {
          if (match) choose({ module: match.module, id: match.id, name: match.name }, 'found');
          else setPhase({ kind: 'create', typed, notFound: true });
        },
      },
    );
  }

  function submitCreate(input: RequestData<'createPerson'>, name: string) {
    create.mutate(input, {
      onSuccess: (item) => {
        void queryClient.invalidateQueries({ queryKey: queryKeys.sync });
        if (item.status === 'done' && item.resultId) choose({ module: item.module, id: item.resultId, name }, 'created');
        else setPhase({ kind: 'queued', item, module: item.module, name });
      },
    });
  }

  const searchForm = (
    <form
      className="sched-form sched-find-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!find.isPending) submitSearch();
      }}
    >
      {/* One problem line under both fields: the field it is about points to it. */}
      <TextField
        wrapper="sched-find-field"
        ref={emailRef}
        id={id('email')}
        label={t('sched_findEmail')}
        type="email"
        autoComplete="off"
        maxLength={254}
        value={email}
        invalid={problem?.field === 'email'}
        describedBy={problem?.field === 'email' ? id('problem') : undefined}
        onChange={(event) => {
          setEmail(event.target.value);
          setProblem(null);
        }}
      />
      <div className="sched-find-row">
        <TextField
          wrapper="sched-find-field"
          ref={phoneRef}
          id={id('phone')}
          label={t('sched_findPhone')}
          type="tel"
          autoComplete="off"
          maxLength={40}
          value={phone}
          invalid={problem?.field === 'phone'}
          describedBy={problem?.field === 'phone' ? id('problem') : undefined}
          onChange={(event) => {
            setPhone(event.target.value);
            setProblem(null);
          }}
        />
        <button type="submit" className="button button-primary" disabled={find.isPending}>
          {find.isPending ? t('sched_finding') : t(lookup ? 'sched_findButton' : 'sched_findContinue')}
        </button>
      </div>
      {problem ? (
        <p id={id('problem')} className="sched-field-problem" data-testid="sched-find-problem">
          {problem.message}
        </p>
      ) : null}
      {find.isError ? <ErrorNotice error={find.error} /> : null}
    </form>
  );

  let result: ReactNode = null;
  if (phase.kind === 'chosen') {
    const { person, how } = phase;
    result = (
      <div ref={resultRef} tabIndex={-1} className="notice notice-ok sched-find-result" role="status" data-testid="sched-find-result">
        <p className="sched-outcome-title">
          {how === 'found' ? t('sched_found', [person.name, kindName(person.module)]) : t('sched_created', [kindName(person.module), person.name])}
        </p>
        <p>{t('sched_chosenNext', person.name)}</p>
        {ownName !== null ? (
          <button type="button" className="button-link" onClick={back}>
            {t('sched_backTo', ownName)}
          </button>
        ) : null}
      </div>
    );
  } else if (phase.kind === 'queued') {
    result = (
      <div ref={resultRef} tabIndex={-1} className="sched-find-result" data-testid="sched-find-result">
        <Queued item={phase.item} name={phase.name} onDone={(resultId) => choose({ module: phase.module, id: resultId, name: phase.name }, 'created', false)} />
      </div>
    );
  } else if (phase.kind === 'create') {
    result = (
      <CreateForm
        key={`${phase.typed.email}|${phase.typed.phone}`}
        typed={phase.typed}
        notFound={phase.notFound}
        createAs={createAs}
        pending={create.isPending}
        error={create.isError ? create.error : null}
        onSubmit={submitCreate}
      />
    );
  }

  const body = (
    <>
      {searchForm}
      {result}
    </>
  );

  if (variant === 'open') {
    return (
      <div className="sched-find" data-testid="sched-find" role="group" aria-labelledby={id('heading')}>
        <h4 id={id('heading')} className="sched-subheading">
          {t('sched_findHeading')}
        </h4>
        {body}
      </div>
    );
  }
  return (
    <Disclosure
      id="finder"
      initiallyOpen={false}
      className="sched-fold sched-find sched-find-disclosure"
      testId="sched-find"
      label={t('sched_findToggle')}
      bodyLabel={t('sched_findHeading')}
      onOpened={focusEmail}
    >
      <div className="sched-find-body">{body}</div>
    </Disclosure>
  );
}

/** Not in Zoho (or not looked for): a few fields, then "Create Lead and continue". */
function CreateForm({
  typed,
  notFound,
  createAs,
  pending,
  error,
  onSubmit,
}: {
  typed: Typed;
  notFound: boolean;
  createAs: Module;
  pending: boolean;
  error: unknown;
  onSubmit: (input: RequestData<'createPerson'>, name: string) => void;
}) {
  const ids = useId();
  const id = (name: string) => `${ids}-${name}`;
  const [email, setEmail] = useState(typed.email);
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [company, setCompany] = useState(() => companyFromEmail(typed.email));
  const [problem, setProblem] = useState<{ field: 'email' | 'last'; message: string } | null>(null);
  const firstRef = useRef<HTMLInputElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const lastRef = useRef<HTMLInputElement>(null);
  const askEmail = !typed.email;
  const lead = createAs === 'Leads';

  useEffect(() => {
    (askEmail ? emailRef : firstRef).current?.focus();
  }, [askEmail]);

  const intro = !notFound
    ? t('sched_lookupOff', kindName(createAs))
    : typed.email && typed.phone
      ? t('sched_notFoundBoth', [typed.email, typed.phone])
      : typed.email
        ? t('sched_notFoundEmail', typed.email)
        : t('sched_notFoundPhone', typed.phone);

  function submit() {
    const mail = email.trim();
    const last = lastName.trim();
    const wrong: typeof problem = !mail
      ? { field: 'email', message: t('sched_needEmail') }
      : emailProblem(mail)
        ? { field: 'email', message: emailProblem(mail) ?? '' }
        : !last
          ? { field: 'last', message: t('sched_needLastName') }
          : null;
    setProblem(wrong);
    if (wrong) {
      (wrong.field === 'email' ? emailRef : lastRef).current?.focus();
      return;
    }
    const first = firstName.trim();
    const firm = company.trim();
    onSubmit(
      {
        email: mail,
        lastName: last,
        ...(first ? { firstName: first } : {}),
        ...(lead && firm ? { company: firm } : {}),
        ...(typed.phone ? { phone: typed.phone } : {}),
      },
      [first, last].filter(Boolean).join(' '),
    );
  }

  const issues = (field: 'email' | 'last') => (problem?.field === field ? [problem.message] : []);

  return (
    <form
      className="sched-form sched-create-form"
      noValidate
      aria-labelledby={id('title')}
      aria-describedby={id('intro')}
      data-testid="sched-create"
      onSubmit={(event) => {
        event.preventDefault();
        if (!pending) submit();
      }}
    >
      <p id={id('intro')} className="sched-create-intro" data-testid="sched-not-found">
        {intro}
      </p>
      <h5 id={id('title')} className="sched-create-title">
        {t(lead ? 'sched_createLeadTitle' : 'sched_createContactTitle')}
      </h5>
      {askEmail ? (
        <TextField
          ref={emailRef}
          id={id('email')}
          label={t('sched_fieldEmail')}
          issues={issues('email')}
          issueClassName="sched-field-problem"
          type="email"
          autoComplete="off"
          required
          maxLength={254}
          value={email}
          onChange={(event) => {
            setEmail(event.target.value);
            if (problem?.field === 'email') setProblem(null);
            if (lead && (!company || company === companyFromEmail(email))) setCompany(companyFromEmail(event.target.value));
          }}
        />
      ) : null}
      <TextField
        ref={firstRef}
        id={id('first')}
        label={t('sched_fieldFirstName')}
        type="text"
        autoComplete="off"
        maxLength={40}
        value={firstName}
        onChange={(event) => setFirstName(event.target.value)}
      />
      <TextField
        ref={lastRef}
        id={id('last')}
        label={t('sched_fieldLastName')}
        issues={issues('last')}
        issueClassName="sched-field-problem"
        type="text"
        autoComplete="off"
        required
        maxLength={80}
        value={lastName}
        onChange={(event) => {
          setLastName(event.target.value);
          if (problem?.field === 'last') setProblem(null);
        }}
      />
      {lead ? (
        <TextField
          id={id('company')}
          label={t('sched_fieldCompany')}
          hint={t('sched_companyHint')}
          hintClassName="sched-hint muted"
          type="text"
          autoComplete="off"
          maxLength={200}
          value={company}
          onChange={(event) => setCompany(event.target.value)}
        />
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      <div className="sched-form-actions">
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? t('sched_creating') : t(lead ? 'sched_createLead' : 'sched_createContact')}
        </button>
      </div>
    </form>
  );
}

/**
 * Created while Zoho could not be reached: kept in the outbox. Watches it (the background bumps
 * a storage key on every change) and continues by itself once the record is in Zoho.
 */
function Queued({ item, name, onDone }: { item: OutboxItem; name: string; onDone: (resultId: string) => void }) {
  const sync = useQuery(syncStatusQuery());
  const current = sync.data?.outbox.find((row) => row.key === item.key) ?? item;

  useOutboxSignal();

  const doneId = current.status === 'done' ? current.resultId : null;
  const fired = useRef(false);
  useEffect(() => {
    if (!doneId || fired.current) return;
    fired.current = true;
    onDone(doneId);
  }, [doneId, onDone]);

  if (current.status === 'failed' || (current.status === 'done' && !current.resultId)) {
    return (
      <>
        <p className="notice notice-warn" role="status">
          {t('sched_personFailed', name)}
        </p>
        <ErrorNotice error={current.lastError ?? new StagecoachError('internal')} />
      </>
    );
  }
  return (
    <p className="notice notice-warn" role="status">
      {t('sched_personQueued', name)}
    </p>
  );
}
