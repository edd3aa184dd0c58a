// Asks how to rewrite the selection ("Custom instruction…" from the menu) before anything is sent.
import { useId, useState } from 'react';
import { MAX_INSTRUCTION_CHARS } from '@/utils/prompts/rewrite-selection';

export function InstructionForm({ onSubmit }: { onSubmit: (instruction: string) => void }) {
  const [instruction, setInstruction] = useState('');
  const inputId = useId();
  const ready = instruction.trim().length > 0;
  return (
    <form
      className="ll-instruction"
      onSubmit={(event) => {
        event.preventDefault();
        if (ready) onSubmit(instruction.trim());
      }}
    >
      <label htmlFor={inputId}>Instruction</label>
      <div className="ll-composer-row">
        <input
          id={inputId}
          className="ll-input"
          type="text"
          autoFocus
          maxLength={MAX_INSTRUCTION_CHARS}
          placeholder="e.g. Make it sound more confident"
          value={instruction}
          onChange={(event) => setInstruction(event.target.value)}
        />
        <button type="submit" className="ll-button primary" disabled={!ready}>
          Rewrite
        </button>
      </div>
    </form>
  );
}
