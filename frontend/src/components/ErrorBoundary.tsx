import { Component, type ErrorInfo, type ReactNode } from "react";
import { Alert } from "./feedback";

interface Props {
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/** Catches a crashed screen (or a page chunk that failed to load) and offers a reload. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error("Screen crashed", error, info.componentStack);
  }

  override render() {
    if (this.state.error) {
      return (
        <div className="narrow">
          <Alert tone="error" title="This page could not be shown">
            <p>Something went wrong while loading it. Reloading usually helps.</p>
            <button type="button" className="button button--secondary button--small" onClick={() => window.location.reload()}>
              Reload the page
            </button>
          </Alert>
        </div>
      );
    }
    return this.props.children;
  }
}
