import {
  Badge,
  Body1,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Tab,
  TabList,
  Title3,
  makeStyles,
  tokens,
  type Theme,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { AftercareView } from './AftercareView';
import { AlarmsView } from './AlarmsView';
import { ApiError, api, setDevUser, type SiteConfig } from './api';
import { IncidentsView } from './IncidentsView';

const useStyles = makeStyles({
  page: { padding: '16px 24px', display: 'flex', flexDirection: 'column', gap: '16px', maxWidth: '1280px' },
  header: { display: 'flex', alignItems: 'center', gap: '12px', flexWrap: 'wrap' },
  grow: { flexGrow: 1 },
  dev: {
    display: 'flex',
    alignItems: 'end',
    gap: '12px',
    padding: '8px 12px',
    border: `2px dashed ${tokens.colorPaletteDarkOrangeBorder2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
});

type Section = 'incidenten' | 'alarmen' | 'nazorg';
const devKey = 'overzicht-dev-user';

export function OverviewApp({ theme }: { theme: Theme }) {
  const styles = useStyles();
  const [config, setConfig] = useState<SiteConfig>();
  const [devUser, chooseDevUser] = useState<string>(sessionStorage.getItem(devKey) ?? '');
  const [me, setMe] = useState<{ name: string; roles: string[] }>();
  const [error, setError] = useState<string>();
  const [section, setSection] = useState<Section>('incidenten');

  useEffect(() => {
    void api.config().then(setConfig);
  }, []);

  useEffect(() => {
    if (!config) return;
    setMe(undefined);
    setError(undefined);
    if (config.signIn === 'development') {
      setDevUser(devUser || undefined);
      sessionStorage.setItem(devKey, devUser);
      if (!devUser) return;
    }
    api
      .me()
      .then(setMe)
      .catch((failure: unknown) =>
        setError(
          failure instanceof ApiError && failure.status === 403
            ? 'Je hebt geen toegang tot het overzicht. Het is er voor leidinggevenden, de coördinator, P&O en de MO.'
            : failure instanceof ApiError && failure.status === 401
              ? 'Je bent niet aangemeld. Open het overzicht opnieuw in Teams.'
              : 'Het overzicht kon niet laden. Probeer het later opnieuw.',
        ),
      );
  }, [config, devUser]);

  if (!config) return <Spinner label="Laden…" />;
  return (
    <main className={styles.page}>
      <header className={styles.header}>
        <Title3 as="h1">Overzicht agressie-incidenten</Title3>
        <span className={styles.grow} />
        {me ? (
          <Body1>
            {me.name}{' '}
            {me.roles.map((role) => (
              <Badge key={role} appearance="tint" style={{ marginLeft: 4 }}>
                {role}
              </Badge>
            ))}
          </Body1>
        ) : null}
      </header>
      {config.signIn === 'development' ? (
        <div className={styles.dev} data-testid="dev-sign-in">
          <Badge color="warning" appearance="filled">
            Ontwikkel-aanmelding
          </Badge>
          <Field label="Bekijk als (testgebruiker)">
            <Select value={devUser} onChange={(_event, data) => chooseDevUser(data.value)} aria-label="Testgebruiker">
              <option value="">Kies een testgebruiker…</option>
              {config.devUsers.map((user) => (
                <option key={user.aadObjectId} value={user.aadObjectId}>
                  {user.name}
                </option>
              ))}
            </Select>
          </Field>
          <Body1>Alleen lokaal: zonder Entra-instellingen. In Teams meld je aan met je eigen account.</Body1>
        </div>
      ) : null}
      {error ? (
        <MessageBar intent="warning">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      ) : null}
      {me ? (
        <>
          <TabList selectedValue={section} onTabSelect={(_event, data) => setSection(data.value as Section)}>
            <Tab value="incidenten">Incidenten</Tab>
            <Tab value="alarmen">Alarmen en knoppen</Tab>
            <Tab value="nazorg">Nazorg</Tab>
          </TabList>
          {section === 'incidenten' ? <IncidentsView config={config} theme={theme} /> : null}
          {section === 'alarmen' ? <AlarmsView theme={theme} /> : null}
          {section === 'nazorg' ? <AftercareView /> : null}
        </>
      ) : null}
    </main>
  );
}
