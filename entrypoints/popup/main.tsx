import '../../components/controls.css';
import { render } from 'preact';
import { PopupApp } from '../../extension/popup-app.tsx';

const root = document.getElementById('app');
if (root) render(<PopupApp search={location.search} />, root);
