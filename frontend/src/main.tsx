import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App, createQueryClient } from "./App";
import { session } from "./api";
import "./styles/tokens.css";
import "./styles/global.css";

// A stored refresh token brings the session back (the access token only lives in memory).
void session.restore();

const root = document.getElementById("root");
if (!root) throw new Error("#root is missing from index.html");

createRoot(root).render(
  <StrictMode>
    <App queryClient={createQueryClient()} />
  </StrictMode>,
);
