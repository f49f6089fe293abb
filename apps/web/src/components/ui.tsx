// Thin React wrappers over the NL Design System (Utrecht) CSS components: the markup and class
// names those components define, so screens stay short and consistent.
import { useId, type ButtonHTMLAttributes, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { Link as RouterLink, type LinkProps } from 'react-router';

const cx = (...c: (string | false | null | undefined)[]) => c.filter(Boolean).join(' ');

export function Heading({ level, children, id }: { level: 1 | 2 | 3; children: ReactNode; id?: string }) {
  const Tag = `h${level}` as const;
  return (
    <Tag id={id} className={`utrecht-heading-${level}`}>
      {children}
    </Tag>
  );
}

export const Paragraph = ({ children, muted }: { children: ReactNode; muted?: boolean }) => <p className={cx('utrecht-paragraph', muted && 'kr-muted')}>{children}</p>;

export function Button({ primary, className, busy, ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { primary?: boolean; busy?: boolean }) {
  return (
    <button
      type="button"
      aria-busy={busy || undefined}
      className={cx('utrecht-button', primary ? 'utrecht-button--primary-action' : 'utrecht-button--secondary-action', busy && 'utrecht-button--busy', className)}
      {...rest}
    />
  );
}

export const Link = ({ className, ...rest }: LinkProps) => <RouterLink className={cx('utrecht-link', className)} {...rest} />;

export function Alert({ type, children }: { type: 'error' | 'info' | 'ok' | 'warning'; children: ReactNode }) {
  return (
    <div className={`utrecht-alert utrecht-alert--${type}`} role={type === 'error' ? 'alert' : 'status'}>
      <div className="utrecht-alert__content">
        <div className="utrecht-alert__message">{children}</div>
      </div>
    </div>
  );
}

interface FieldProps {
  label: string;
  hint?: string;
  error?: string | null;
  children: (ids: { id: string; describedBy?: string; invalid: boolean }) => ReactNode;
  checkbox?: boolean;
}

/** A labelled form field: label, optional hint and error, all tied to the control (WCAG 1.3.1, 3.3.2). */
export function Field({ label, hint, error, children, checkbox }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const control = children({ id, describedBy, invalid: !!error });
  return (
    <div className={cx('utrecht-form-field', checkbox && 'utrecht-form-field--checkbox', error && 'utrecht-form-field--invalid')}>
      {checkbox && <div className="utrecht-form-field__input">{control}</div>}
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={id}>
          {label}
        </label>
      </div>
      {hint && (
        <div className="utrecht-form-field-description" id={hintId}>
          {hint}
        </div>
      )}
      {error && (
        <div className="utrecht-form-field-error-message" id={errorId}>
          {error}
        </div>
      )}
      {!checkbox && <div className="utrecht-form-field__input">{control}</div>}
    </div>
  );
}

type Ids = { id: string; describedBy?: string; invalid: boolean };

export const TextInput = ({ ids, ...rest }: InputHTMLAttributes<HTMLInputElement> & { ids: Ids }) => (
  <input id={ids.id} aria-describedby={ids.describedBy} aria-invalid={ids.invalid || undefined} className="utrecht-textbox utrecht-textbox--html-input" type="text" {...rest} />
);

export const TextArea = ({ ids, ...rest }: TextareaHTMLAttributes<HTMLTextAreaElement> & { ids: Ids }) => (
  <textarea id={ids.id} aria-describedby={ids.describedBy} aria-invalid={ids.invalid || undefined} className="utrecht-textarea utrecht-textarea--html-textarea" {...rest} />
);

export const Select = ({ ids, ...rest }: SelectHTMLAttributes<HTMLSelectElement> & { ids: Ids }) => (
  <select id={ids.id} aria-describedby={ids.describedBy} aria-invalid={ids.invalid || undefined} className="utrecht-select utrecht-select--html-select" {...rest} />
);

export const Checkbox = ({ ids, ...rest }: InputHTMLAttributes<HTMLInputElement> & { ids: Ids }) => (
  <input id={ids.id} aria-describedby={ids.describedBy} type="checkbox" className="utrecht-checkbox utrecht-checkbox--html-input" {...rest} />
);

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  numeric?: boolean;
  /** This column's cell heads its row (a row header, for screen readers). */
  rowHeader?: boolean;
}

/** A data table with a caption and column headers (WCAG 1.3.1). */
export function Table<T>({ caption, columns, rows, rowKey, captionHidden }: { caption: string; columns: Column<T>[]; rows: T[]; rowKey: (row: T) => string; captionHidden?: boolean }) {
  return (
    <TableWrap label={caption}>
      <table className="utrecht-table utrecht-table--html-table">
        <caption className={cx('utrecht-table__caption', captionHidden && 'kr-visually-hidden')}>{caption}</caption>
        <thead className="utrecht-table__header">
          <tr className="utrecht-table__row">
            {columns.map((c, i) => (
              <th key={i} scope="col" className={cx('utrecht-table__header-cell', c.numeric && 'utrecht-table__header-cell--numeric-column kr-numeric')}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="utrecht-table__body">
          {rows.map((r) => (
            <tr key={rowKey(r)} className="utrecht-table__row">
              {columns.map((c, i) =>
                c.rowHeader ? (
                  <th key={i} scope="row" className="utrecht-table__header-cell">
                    {c.cell(r)}
                  </th>
                ) : (
                  <td key={i} className={cx('utrecht-table__cell', c.numeric && 'utrecht-table__cell--numeric-data kr-numeric')}>
                    {c.cell(r)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** A table's horizontal scroll area, reachable by keyboard so a wide table can be scrolled without a mouse (WCAG 2.1.1). */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must take focus to scroll by keyboard
    <div className="kr-table-wrap" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}

export function StatusBadge({ ok, children }: { ok: boolean | null; children: ReactNode }) {
  return <span className={cx('utrecht-status-badge', ok === null ? 'utrecht-status-badge--neutral' : ok ? 'utrecht-status-badge--valid' : 'utrecht-status-badge--invalid')}>{children}</span>;
}
