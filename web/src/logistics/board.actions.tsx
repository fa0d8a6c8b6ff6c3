/**
 * What a clinician can do from a ward board row (list and phone views): order a service task,
 * request a transfer, discharge, and the receiving side of the transfer handshake. Each button
 * names its row for screen readers; dialogs open over the board; the outcome goes to the page's status line.
 */
import { useState, type ReactNode } from 'react';
import type { WardBoard } from '../../../src/logistics/api-types.ts';
import type { BoardRow } from '../../../src/logistics/model.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { rowActions, rowLabel, type RowAction } from './board.helpers.ts';
import { AdmitDialog } from './admit.dialog.tsx';
import { AssignBedDialog, DischargeDialog, ServiceTaskDialog, TransferDialog } from './board.dialogs.tsx';
import { transferStep } from './logistics.api.ts';
import { ActionFeedback, useAction } from './logistics.components.tsx';

type DialogKind = 'task' | 'transfer' | 'assign-bed' | 'discharge' | 'admit';

export function useBoardActions(board: WardBoard | undefined): {
  buttons(row: BoardRow): ReactNode;
  readonly dialog: ReactNode;
  readonly feedback: ReactNode;
} {
  const { t: all } = useI18n();
  const t = all.logistics;
  const [open, setOpen] = useState<{ kind: DialogKind; rowKey: string } | null>(null);
  const action = useAction();
  const [message, setMessage] = useState('');

  const direct = (row: BoardRow, step: 'accept' | 'reject' | 'move') => {
    const taskId = row.transfer?.taskId;
    if (!taskId) return;
    setMessage('');
    void action.run(
      () => transferStep(taskId, step),
      () => {
        const text = t.board.done[step];
        setMessage(text);
        return text;
      },
    );
  };

  const label: Record<RowAction, string> = {
    task: t.board.task,
    transfer: t.board.transfer,
    discharge: t.board.discharge,
    admit: t.board.admit,
    accept: t.board.accept,
    reject: t.board.reject,
    'assign-bed': t.board.assignBed,
    move: t.board.move,
  };

  const buttons = (row: BoardRow) => {
    const actions = rowActions(row);
    if (actions.length === 0) return null;
    const name = rowLabel(row, t.board.noBed);
    return (
      <div className="row-actions">
        {actions.map((a) => (
          <button
            key={a}
            type="button"
            className={a === 'accept' || a === 'move' ? undefined : 'button-secondary'}
            aria-haspopup={a === 'accept' || a === 'reject' || a === 'move' ? undefined : 'dialog'}
            aria-disabled={action.busy || undefined}
            onClick={() => {
              if (action.busy) return;
              if (a === 'accept' || a === 'reject' || a === 'move') direct(row, a);
              else setOpen({ kind: a, rowKey: row.key });
            }}
          >
            {label[a]}
            <span className="visually-hidden"> – {name}</span>
          </button>
        ))}
      </div>
    );
  };

  const row = open && board ? board.rows.find((r) => r.key === open.rowKey) : undefined;
  const close = () => setOpen(null);
  const done = (text: string) => {
    setOpen(null);
    setMessage(text);
  };
  let dialog: ReactNode = null;
  if (open && board && row) {
    const props = { board, row, onCancel: close, onDone: done };
    dialog =
      open.kind === 'task' ? (
        <ServiceTaskDialog {...props} />
      ) : open.kind === 'transfer' ? (
        <TransferDialog {...props} />
      ) : open.kind === 'assign-bed' ? (
        <AssignBedDialog {...props} />
      ) : open.kind === 'admit' ? (
        <AdmitDialog {...props} />
      ) : (
        <DischargeDialog {...props} />
      );
  }

  return { buttons, dialog, feedback: <ActionFeedback message={message} error={action.error} /> };
}
