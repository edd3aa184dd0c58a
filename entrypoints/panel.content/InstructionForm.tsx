// Asks how to rewrite the selection ("Custom instruction…") before anything is sent.
import { useState } from 'react';
import { MAX_INSTRUCTION_CHARS } from '@/utils/prompts/rewrite-selection';

export function InstructionForm({ onSubmit }: { onSubmit: (instruction: string) => void }) {
  const [instruction, setInstruction] = useState('');
  const ready = instruction.trim().length > 0;
  return (
    <form
      className="ll-instruction"
      onSubmit={(event) => {
        event.preventDefault();
        if (ready) onSubmit(instruction.trim());
      }}
    >
      <div className="ll-panel-body">
        <label htmlFor="ll-instruction-input">Instruction</label>
        <input
          id="ll-instruction-input"
          className="ll-input"
          type="text"
          autoFocus
          maxLength={MAX_INSTRUCTION_CHARS}
          placeholder="e.g. Make it sound more confident"
          value={instruction}
          onChange={(event) => setInstruction(event.target.value)}
        />
      </div>
      <footer className="ll-panel-actions">
        <button type="submit" className="ll-button primary" disabled={!ready}>
          Rewrite
        </button>
      </footer>
    </form>
  );
}
