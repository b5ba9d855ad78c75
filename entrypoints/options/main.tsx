import '../../components/controls.css';
import { render } from 'preact';
import { OptionsApp } from '../../extension/options-app.tsx';

const root = document.getElementById('app');
if (root) render(<OptionsApp />, root);
