import { useState } from "react";
import { useAction } from "../useAction.js";

/**
 * A change of one of several kinds, each asked about in a dialog first: `ask` opens the
 * dialog for a kind, `confirm` makes the change and closes it, or leaves it open showing
 * the API's `error`.
 */
export function useConfirmedChange<Kind extends string>(
  perform: (kind: Kind) => Promise<unknown>,
  onDone?: () => void,
) {
  const [asking, setAsking] = useState<Kind | null>(null);
  const action = useAction(perform);
  return {
    asking,
    ask(kind: Kind) {
      action.reset();
      setAsking(kind);
    },
    close() {
      setAsking(null);
    },
    confirm() {
      if (asking === null) return;
      action.run(asking).then(
        () => {
          setAsking(null);
          onDone?.();
        },
        // Refused: the dialog stays open and shows `error`.
        () => {},
      );
    },
    pending: action.pending,
    error: action.error,
  };
}
