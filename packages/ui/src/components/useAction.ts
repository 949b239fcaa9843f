import { useMutation, useQueryClient } from "@tanstack/react-query";

/**
 * A change made through the API: while it runs `pending` is true; when it fails, `error`
 * holds the API's message for the view to show; when it succeeds, every query is re-read
 * so the page shows the change at once.
 */
export function useAction<Input = void, Output = unknown>(run: (input: Input) => Promise<Output>) {
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: run,
    onSuccess: () => client.invalidateQueries(),
  });
  return {
    run: (input: Input) => mutation.mutateAsync(input),
    pending: mutation.isPending,
    error: mutation.error,
    reset: mutation.reset,
  };
}
