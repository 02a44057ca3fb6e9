import type { ReactElement, ReactNode } from 'react';

/** What a panel shows when the hub has no data for it (yet): a sentence, not a blank. */
export function EmptyState(props: { readonly title: string; readonly children?: ReactNode; readonly testId?: string }): ReactElement {
  return (
    <div className="empty" data-testid={props.testId}>
      <p className="empty__title">{props.title}</p>
      {props.children !== undefined && <div className="empty__text">{props.children}</div>}
    </div>
  );
}
