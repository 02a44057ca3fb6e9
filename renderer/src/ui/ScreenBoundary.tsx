import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';

interface Props {
  readonly children: ReactNode;
  /** What to show instead of a broken screen; gets a retry. */
  readonly fallback: (retry: () => void) => ReactNode;
  /** Changing it (e.g. the screen's name) clears the error. */
  readonly resetKey: string;
}

interface State {
  readonly failed: boolean;
  readonly key: string;
}

/**
 * One screen failing (a chunk that cannot load while the hub restarts, a
 * bug) must not take the tab bar and the other screens with it.
 */
export class ScreenBoundary extends Component<Props, State> {
  override state: State = { failed: false, key: this.props.resetKey };

  static getDerivedStateFromError(): Partial<State> {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.key ? { failed: false, key: props.resetKey } : null;
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('screen failed', error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback(() => this.setState({ failed: false })) : this.props.children;
  }
}
