// The in-page panel: asks for a custom instruction when needed, then streams the answer with its status line and actions.
import { useEffect, useRef, useState } from 'react';
import type { PanelTask } from '@/utils/jobs/task';
import type { CapturedSelection } from '@/utils/page/selection';
import { InstructionForm } from './InstructionForm';
import { PanelJob } from './PanelJob';
import { panelHeading } from './panel-task';
import { usePanelPosition } from './use-panel-position';

export function Panel({ task, selection, onClose }: { task: PanelTask; selection: CapturedSelection; onClose: () => void }) {
  const [instruction, setInstruction] = useState<string | undefined>(undefined);
  const panelRef = useRef<HTMLElement>(null);
  const { style, headerProps, handleProps } = usePanelPosition(panelRef);
  const asksInstruction = task.kind === 'rewrite-selection' && task.style === 'custom' && instruction === undefined;

  useEffect(() => {
    if (!asksInstruction) panelRef.current?.focus();
  }, [asksInstruction]);

  return (
    <section
      ref={panelRef}
      className="ll-panel"
      role="dialog"
      aria-label="Lifeline"
      tabIndex={-1}
      style={style}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <header className="ll-panel-header" {...headerProps}>
        <button type="button" className="ll-icon-button ll-move-handle" aria-label="Move panel" title="Move panel (arrow keys)" {...handleProps}>
          ✥
        </button>
        <h2>{panelHeading(task)}</h2>
        <button type="button" className="ll-icon-button" aria-label="Close Lifeline panel" onClick={onClose}>
          ×
        </button>
      </header>
      {asksInstruction ? (
        <InstructionForm onSubmit={setInstruction} />
      ) : (
        <PanelJob task={task} selection={selection} {...(instruction ? { instruction } : {})} onClose={onClose} />
      )}
    </section>
  );
}
