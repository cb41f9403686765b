import { echarts, type ChartOption } from './echarts.ts';

function currentTheme(): 'lakehouse-light' | 'lakehouse-dark' {
  const chosen = document.documentElement.dataset.theme;
  const dark = chosen ? chosen === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
  return dark ? 'lakehouse-dark' : 'lakehouse-light';
}

/** The one way charts reach the page: `<div use:chart={option}>`. Options come from pure builders. */
export function chart(node: HTMLElement, option: ChartOption) {
  let theme = currentTheme();
  let instance = echarts.init(node, theme, { renderer: 'canvas' });
  const apply = () => instance.setOption({ backgroundColor: 'transparent', ...option }, true);
  apply();
  const resize = new ResizeObserver(() => instance.resize());
  resize.observe(node);
  // Follow theme switches (the data-theme attribute or the system scheme): a theme is fixed at init.
  const retheme = () => {
    const next = currentTheme();
    if (next === theme) return;
    theme = next;
    instance.dispose();
    instance = echarts.init(node, theme, { renderer: 'canvas' });
    apply();
  };
  const themeObserver = new MutationObserver(retheme);
  themeObserver.observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['data-theme'],
  });
  const media = matchMedia('(prefers-color-scheme: dark)');
  media.addEventListener('change', retheme);
  return {
    update(next: ChartOption) {
      option = next;
      apply();
    },
    destroy() {
      resize.disconnect();
      themeObserver.disconnect();
      media.removeEventListener('change', retheme);
      instance.dispose();
    },
  };
}
