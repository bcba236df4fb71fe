import { app } from '@microsoft/teams-js';
import {
  FluentProvider,
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  type Theme,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { inTeams } from './api';
import { OverviewApp } from './OverviewApp';

const themes: Record<string, Theme> = {
  default: teamsLightTheme,
  dark: teamsDarkTheme,
  contrast: teamsHighContrastTheme,
};

/** Follows the Teams theme (default, dark, high contrast); outside Teams `?theme=` picks one. */
function Root() {
  const [theme, setTheme] = useState(new URLSearchParams(location.search).get('theme') ?? 'default');
  const [ready, setReady] = useState(!inTeams);
  useEffect(() => {
    if (!inTeams) return;
    void (async () => {
      await app.initialize();
      const context = await app.getContext();
      setTheme(context.app.theme);
      app.registerOnThemeChangeHandler(setTheme);
      app.notifySuccess();
      setReady(true);
    })();
  }, []);
  const chosen = themes[theme] ?? teamsLightTheme;
  return (
    <FluentProvider theme={chosen} style={{ minHeight: '100vh', background: chosen.colorNeutralBackground3 }}>
      {ready ? <OverviewApp theme={chosen} /> : null}
    </FluentProvider>
  );
}

createRoot(document.getElementById('root')!).render(<Root />);
