import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

// The smallest React 19 app: what any React SPA ships before its own code.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <h1 id="welcome-heading">Hello</h1>
  </StrictMode>,
);
