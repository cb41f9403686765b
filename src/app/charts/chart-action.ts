import { echarts, type ChartOption } from './echarts.ts';

function palette(): { text: string; muted: string; border: string } {
  const style = getComputedStyle(document.documentElement);
  return {
    text: style.getPropertyValue('--text').trim() || '#1b1f24',
    muted: style.getPropertyValue('--muted').trim() || '#5b6472',
    border: style.getPropertyValue('--border').trim() || '#d5dae1',
  };
}

/** The one way charts reach the page: `<div use:chart={option}>`. Options come from pure builders. */
export function chart(node: HTMLElement, option: ChartOption) {
  const instance = echarts.init(node, undefined, { renderer: 'canvas' });
  const apply = (next: ChartOption) => {
    const colors = palette();
    instance.setOption(
      { textStyle: { color: colors.text }, backgroundColor: 'transparent', ...next },
      true,
    );
  };
  apply(option);
  const resize = new ResizeObserver(() => instance.resize());
  resize.observe(node);
  // Follow theme switches (the data-theme attribute or the system scheme).
  const themeObserver = new MutationObserver(() => apply(option));
  themeObserver.observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['data-theme'],
  });
  const media = matchMedia('(prefers-color-scheme: dark)');
  const onScheme = () => apply(option);
  media.addEventListener('change', onScheme);
  return {
    update(next: ChartOption) {
      option = next;
      apply(next);
    },
    destroy() {
      resize.disconnect();
      themeObserver.disconnect();
      media.removeEventListener('change', onScheme);
      instance.dispose();
    },
  };
}
