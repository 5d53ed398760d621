import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
// A stylesheet file, not inline styles: the production CSP is `style-src 'self'`.
import './styles.css';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
