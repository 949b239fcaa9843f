import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ApiError, whenSignedOut } from "./api/client.js";
import { router } from "./router.js";
import "./styles.css";

/**
 * Everything on screen refreshes itself: lists and states are re-read every two seconds
 * while the tab is visible (a log follows its server-sent events instead), so a run's
 * progress shows without a reload.
 */
const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A query that failed before it had data stops refreshing: refetching would put it
      // back to "pending" every time, and the page would flicker between error and loading.
      refetchInterval: (query) =>
        query.state.status === "error" && query.state.data === undefined ? false : 2_000,
      refetchIntervalInBackground: false,
      retry: (failures, error) =>
        failures < 2 && !(error instanceof ApiError && error.status < 500),
    },
  },
});

whenSignedOut(() => {
  queryClient.setQueryData(["session"], null);
});

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
