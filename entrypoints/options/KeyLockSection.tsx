// Options section: protect the stored API keys with a passphrase, unlock them for the session, lock or remove it.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { sendMessage, type LockResult, type LockStatus } from '@/utils/messaging/protocol';
import { SectionStatus } from './SectionStatus';
import './settings-sections.css';

const MIN_LENGTH = 8;

const STATUS_TEXT: Record<LockStatus, string> = {
  none: 'Keys are not protected by a passphrase',
  locked: 'Locked',
  unlocked: 'Unlocked for this browser session',
};

type LoadedStatus = { phase: 'loading' } | { phase: 'failed'; message: string } | { phase: 'ready'; status: LockStatus };

export function KeyLockSection({ onChanged }: { onChanged?: () => void }) {
  const [lock, setLock] = useState<LoadedStatus>({ phase: 'loading' });
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [moveFocus, setMoveFocus] = useState(false);
  const section = useRef<HTMLElement>(null);
  const id = useId();
  const errorId = `${id}-error`;

  useEffect(() => {
    let current = true;
    sendMessage('getLockState').then(
      (status) => current && setLock({ phase: 'ready', status }),
      (cause: unknown) => current && setLock({ phase: 'failed', message: describeFailure(cause) }),
    );
    return () => {
      current = false;
    };
  }, []);

  // The forms change with the state: after an action, focus goes to the first control of the new one.
  useEffect(() => {
    if (!moveFocus || busy) return;
    section.current?.querySelector<HTMLElement>('[data-lock-focus]')?.focus();
    setMoveFocus(false);
  }, [moveFocus, busy, lock]);

  const run = (action: () => Promise<LockResult>, done: string): void => {
    setBusy(true);
    setError('');
    setNotice('Working…');
    action()
      .then(
        (result) => {
          if (!result.ok) {
            setError(result.message);
            setNotice('');
            return;
          }
          setLock({ phase: 'ready', status: result.status });
          setPassphrase('');
          setRepeat('');
          setNotice(done);
          setMoveFocus(true);
          onChanged?.();
        },
        (cause: unknown) => {
          setError(`Lifeline could not do this: ${describeFailure(cause)} Nothing was changed; try again.`);
          setNotice('');
        },
      )
      .finally(() => setBusy(false));
  };

  const submitWith = (check: () => string | undefined, action: () => Promise<LockResult>, done: string) =>
    (event: FormEvent<HTMLFormElement>): void => {
      event.preventDefault();
      if (busy) return;
      const problem = check();
      if (problem) {
        setError(problem);
        return;
      }
      run(action, done);
    };

  const lengthProblem = (): string | undefined =>
    passphrase.length < MIN_LENGTH ? `Use a passphrase of at least ${MIN_LENGTH} characters.` : undefined;

  const passphraseField = (autoComplete: 'new-password' | 'current-password') => (
    <div className="field">
      <label htmlFor={`${id}-passphrase`}>Passphrase</label>
      <input
        id={`${id}-passphrase`}
        type="password"
        autoComplete={autoComplete}
        value={passphrase}
        data-lock-focus
        onChange={(event) => setPassphrase(event.target.value)}
        {...(error ? { 'aria-invalid': true, 'aria-describedby': errorId } : {})}
      />
    </div>
  );

  const forms = (status: LockStatus) => {
    switch (status) {
      case 'none':
        return (
          <form className="section-form" noValidate onSubmit={submitWith(
            () => lengthProblem() ?? (passphrase !== repeat ? 'The two passphrases do not match.' : undefined),
            () => sendMessage('enableLock', { passphrase }),
            'Your keys are now encrypted with your passphrase, and unlocked for this browser session.',
          )}>
            {passphraseField('new-password')}
            <div className="field">
              <label htmlFor={`${id}-repeat`}>Repeat passphrase</label>
              <input
                id={`${id}-repeat`}
                type="password"
                autoComplete="new-password"
                value={repeat}
                onChange={(event) => setRepeat(event.target.value)}
                {...(error ? { 'aria-invalid': true, 'aria-describedby': errorId } : {})}
              />
            </div>
            <div className="section-actions">
              <button type="submit" className="ll-button primary" disabled={busy}>Protect keys with a passphrase</button>
            </div>
          </form>
        );
      case 'locked':
        return (
          <form className="section-form" noValidate onSubmit={submitWith(
            () => (passphrase ? undefined : 'Enter your passphrase.'),
            () => sendMessage('unlock', { passphrase }),
            'Unlocked: Lifeline can use your keys until the browser closes.',
          )}>
            <p className="field-help">While your keys are locked, Lifeline cannot ask any provider.</p>
            {passphraseField('current-password')}
            <div className="section-actions">
              <button type="submit" className="ll-button primary" disabled={busy}>Unlock</button>
            </div>
          </form>
        );
      case 'unlocked':
        return (
          <>
            <div className="section-actions">
              <button
                type="button"
                className="ll-button"
                disabled={busy}
                data-lock-focus
                onClick={() => run(() => sendMessage('lockNow'), 'Locked: enter your passphrase to use your keys again.')}
              >
                Lock now
              </button>
            </div>
            <form className="section-form" noValidate onSubmit={submitWith(
              () => (passphrase ? undefined : 'Enter your passphrase to remove it.'),
              () => sendMessage('disableLock', { passphrase }),
              'Passphrase removed: your keys are stored without one again.',
            )}>
              <h3 className="section-subheading">Remove the passphrase</h3>
              {passphraseField('current-password')}
              <div className="section-actions">
                <button type="submit" className="ll-button danger" disabled={busy}>Remove passphrase</button>
              </div>
            </form>
          </>
        );
    }
  };

  return (
    <section ref={section} aria-labelledby={`${id}-heading`} className="settings-section">
      <h2 id={`${id}-heading`}>Passphrase for your keys</h2>
      <p className="field-help section-explainer">
        With a passphrase, Lifeline encrypts your API keys (AES-GCM, with a key derived by PBKDF2 over 600,000 iterations)
        and keeps them unlocked only until the browser closes; a forgotten passphrase cannot be recovered, so you would
        have to enter your keys again.
      </p>
      {lock.phase === 'loading' ? <p className="muted">Checking your keys…</p> : null}
      {lock.phase === 'failed' ? (
        <p className="form-error" role="alert">Lifeline could not tell whether your keys are locked: {lock.message}</p>
      ) : null}
      {lock.phase === 'ready' ? (
        <>
          <p className="lock-state" data-state={lock.status}>{STATUS_TEXT[lock.status]}</p>
          {forms(lock.status)}
        </>
      ) : null}
      <SectionStatus status={notice} problem={error} problemId={errorId} boxed />
    </section>
  );
}

function describeFailure(cause: unknown): string {
  // Errors that crossed the messaging boundary are rebuilt, so read the message as data.
  const message = typeof cause === 'object' && cause !== null && 'message' in cause ? cause.message : cause;
  const text = typeof message === 'string' && message.trim() ? message.trim() : 'an unknown error';
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
