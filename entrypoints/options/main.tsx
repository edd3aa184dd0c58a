// Options page entry: mounts the settings app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../assets/theme.css';
import './options.css';
import { App } from './App';

const root = document.getElementById('root');
if (!root) throw new Error('Lifeline settings: #root is missing from index.html.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
