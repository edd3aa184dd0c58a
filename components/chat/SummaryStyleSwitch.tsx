// A small segmented control for summaries: TL;DR, Key points (the default), Detailed. Native radios: arrow keys move.
import { useId } from 'react';
import { SUMMARY_STYLE_LABELS, SUMMARY_STYLES, type SummaryStyle } from '@/utils/prompts/summary-style';

export function SummaryStyleSwitch({ value, onChange }: { value: SummaryStyle; onChange: (style: SummaryStyle) => void }) {
  const name = useId();
  return (
    <div className="ll-segmented" role="radiogroup" aria-label="Summary style">
      {SUMMARY_STYLES.map((style) => (
        <label key={style} className={style === value ? 'll-segment ll-segment-checked' : 'll-segment'}>
          <input type="radio" name={name} value={style} checked={style === value} onChange={() => onChange(style)} />
          <span>{SUMMARY_STYLE_LABELS[style]}</span>
        </label>
      ))}
    </div>
  );
}
