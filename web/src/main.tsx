/** Entry point of Kerne's web app (served under /app/). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.component.tsx';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
