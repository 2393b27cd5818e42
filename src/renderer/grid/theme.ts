// The look and language every grid shares (AG Grid Community, zh-CN).
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import { AllCommunityModule, ModuleRegistry, themeQuartz } from 'ag-grid-community';

ModuleRegistry.registerModules([AllCommunityModule]);

export const gridTheme = themeQuartz.withParams({
  fontFamily: ['"Noto Sans CJK SC"', '"Microsoft YaHei"', 'sans-serif'],
  fontSize: 14,
  headerFontWeight: 600,
  spacing: 6,
});

export const gridLocale = AG_GRID_LOCALE_CN;
