import { mount } from 'svelte';
import App from './app/App.svelte';
import './app/theme.css';
import { getEngine } from './app/engine-client.ts';

// The engine, for the browser's developer console and for the benchmarks: `await lakehouse.engine.rows('SELECT 42')`.
Object.assign(globalThis, { lakehouse: { engine: getEngine() } });

mount(App, { target: document.getElementById('app')! });
