import '../../components/controls.css';
import { render } from 'preact';
import { PageCheckApp } from '../../extension/page-check-app.tsx';

const root = document.getElementById('app');
if (root) render(<PageCheckApp search={location.search} />, root);
