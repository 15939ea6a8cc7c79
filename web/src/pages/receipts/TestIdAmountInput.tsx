import { useEffect, useRef, type ComponentProps } from 'react';
import { AmountInput } from '../../shared/AmountInput';

/**
 * The shared AmountInput with a data-testid on its <input> (for the browser test), which AmountInput does not
 * pass through yet. Drop this wrapper once AmountInput forwards data-testid.
 */
export function TestIdAmountInput({ testId, ...props }: ComponentProps<typeof AmountInput> & { testId: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.querySelector('input')?.setAttribute('data-testid', testId);
  });
  return (
    <div ref={box}>
      <AmountInput {...props} />
    </div>
  );
}
