import { column } from './columns';
import { Grid } from './Grid';
import {
  Badge,
  Body1,
  Button,
  Caption1,
  Card,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Link,
  Spinner,
  Subtitle2,
  Text,
  Title2,
  createTableColumn,
  makeStyles,
  tokens,
  type TableColumnDefinition,
  type Theme,
} from '@fluentui/react-components';
import { useState } from 'react';
import { api, openChat, type Filter, type Incident, type IncidentStats, type SiteConfig } from './api';
import { Bars, ChartCard } from './charts';
import { DateFilter, keyedOptions, SelectFilter } from './filters';
import { percent, policeText, when } from './format';
import { LoadError, useAnswer } from './loading';

const useStyles = makeStyles({
  filters: { display: 'flex', gap: '12px', flexWrap: 'wrap', alignItems: 'end' },
  figures: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(180px, 1fr))', gap: '12px' },
  charts: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(460px, 1fr))', gap: '12px' },
  figure: { padding: '12px 16px' },
  actions: { display: 'flex', gap: '8px' },
  timeline: { listStyle: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: '8px' },
  entry: { borderLeft: `3px solid ${tokens.colorBrandStroke1}`, paddingLeft: '8px' },
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '4px 16px', marginBottom: '16px' },
});

const columns: TableColumnDefinition<Incident>[] = [
  column<Incident>('number', 'Nummer', (row) => row.number),
  column<Incident>('when', 'Wanneer', (row) => when(row.occurredAt)),
  column<Incident>('forms', 'Vorm', (row) => row.formLabels.join(', ')),
  column<Incident>('place', 'Plaats of kanaal', (row) => row.place),
  column<Incident>('police', 'Politie', (row) => policeText[row.police]),
  createTableColumn<Incident>({
    columnId: 'signals',
    renderHeaderCell: () => 'Kenmerken',
    renderCell: (row) => (
      <span style={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
        {row.aangifteRequired ? (
          <Badge color="danger" appearance="tint">
            Aangifte
          </Badge>
        ) : null}
        {row.measureLabels.length > 0 ? (
          <Badge color="informative" appearance="tint">
            Maatregel
          </Badge>
        ) : null}
        {row.repeat ? (
          <Badge color="warning" appearance="tint">
            Herhaling
          </Badge>
        ) : null}
        {row.fromAlarm ? (
          <Badge color="brand" appearance="tint">
            Alarm
          </Badge>
        ) : null}
      </span>
    ),
  }),
  column<Incident>('manager', 'Leidinggevende', (row) => row.managerName),
];

/** The incident counts as charts: per month, form, place, measure and police presence. */
function countCharts(stats: IncidentStats, theme: Theme) {
  const brand = theme.colorBrandBackground;
  const marigold = theme.colorPaletteMarigoldBorderActive;
  const red = theme.colorPaletteRedBackground3;
  return [
    { title: 'Incidenten per maand', testId: 'chart-month', data: stats.perMonth, horizontal: false, color: brand },
    { title: 'Per vorm van agressie', testId: 'chart-form', data: stats.perForm, horizontal: true, color: brand },
    { title: 'Per plaats of kanaal', testId: 'chart-place', data: stats.perPlace, horizontal: true, color: marigold },
    {
      title: 'Maatregel tegen de agressor',
      testId: 'chart-measure',
      data: stats.perMeasure,
      horizontal: true,
      color: brand,
    },
    { title: 'Politie', testId: 'chart-police', data: stats.police, horizontal: false, color: red },
  ];
}

export function IncidentsView({ config, theme }: { config: SiteConfig; theme: Theme }) {
  const styles = useStyles();
  const [filter, setFilter] = useState<Filter>({});
  const { data, error } = useAnswer(() => api.incidents(filter), [filter], 'De incidenten konden niet laden.');
  const [open, setOpen] = useState<string>();

  const set = (key: keyof Filter) => (value?: string) =>
    setFilter((current) => ({ ...current, [key]: value || undefined }));

  return (
    <section style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <div className={styles.filters} role="search">
        <DateFilter label="Van" value={filter.from} onChange={set('from')} />
        <DateFilter label="Tot en met" value={filter.to} onChange={set('to')} />
        <SelectFilter label="Vorm van agressie" value={filter.form} onChange={set('form')}>
          <option value="">Alle vormen</option>
          {keyedOptions(config.forms)}
        </SelectFilter>
        <SelectFilter label="Plaats of kanaal" value={filter.place} onChange={set('place')}>
          <option value="">Alle plaatsen</option>
          {(data?.places ?? []).map((place) => (
            <option key={place}>{place}</option>
          ))}
        </SelectFilter>
        <SelectFilter label="Politie" value={filter.police} onChange={set('police')}>
          <option value="">Alles</option>
          <option value="ja">Politie kwam</option>
          <option value="gebeld">Gebeld, niet gekomen</option>
          <option value="nee">Geen politie</option>
        </SelectFilter>
        <SelectFilter label="Aangifte vereist" value={filter.aangifte} onChange={set('aangifte')}>
          <option value="">Alles</option>
          <option value="ja">Ja</option>
          <option value="nee">Nee</option>
        </SelectFilter>
        <SelectFilter label="Maatregel" value={filter.measure} onChange={set('measure')}>
          <option value="">Alles</option>
          <option value="geen">Nog geen maatregel</option>
          {keyedOptions(config.measures)}
        </SelectFilter>
        <span style={{ flexGrow: 1 }} />
        <div className={styles.actions}>
          <Button appearance="primary" onClick={() => void api.exportCsv(filter)}>
            CSV voor de jaarevaluatie
          </Button>
          <Button onClick={() => window.print()}>Afdrukken</Button>
        </div>
      </div>
      {error ? <LoadError error={error} /> : null}
      {!data ? (
        <Spinner label="Incidenten laden…" />
      ) : (
        <>
          <div className={styles.figures}>
            <Figure label="Incidenten" value={String(data.stats.total)} />
            <Figure
              label="Aangifte vereist"
              value={`${data.stats.aangifteRequired} (${percent(data.stats.aangifteRate)})`}
            />
            <Figure
              label="Aangifte gedaan"
              value={`${data.stats.aangifteDone} (${percent(data.stats.aangifteDoneRate)})`}
            />
            <Figure label="Agressors met herhaling" value={String(data.stats.repeatAggressors)} />
            <Figure label="Incidenten door herhalers" value={String(data.stats.repeatIncidents)} />
          </div>
          <div className={styles.charts}>
            {countCharts(data.stats, theme).map((chart) => (
              <ChartCard key={chart.testId} title={chart.title} testId={chart.testId}>
                <Bars
                  data={chart.data}
                  category="label"
                  horizontal={chart.horizontal}
                  series={[{ key: 'count', name: 'Incidenten', color: chart.color }]}
                  theme={theme}
                />
              </ChartCard>
            ))}
          </div>
          <Card>
            <Subtitle2 as="h2">Incidenten ({data.incidents.length})</Subtitle2>
            {data.incidents.length === 0 ? (
              <Body1>Geen incidenten in deze selectie.</Body1>
            ) : (
              <Grid
                items={data.incidents}
                columns={columns}
                label="Incidenten"
                id={(row) => row.number}
                onOpen={(item) => setOpen(item.number)}
              />
            )}
          </Card>
        </>
      )}
      {open ? <IncidentDetail number={open} botAppId={config.botAppId} onClose={() => setOpen(undefined)} /> : null}
    </section>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  const styles = useStyles();
  return (
    <Card className={styles.figure}>
      <Caption1>{label}</Caption1>
      <Title2>{value}</Title2>
    </Card>
  );
}

function IncidentDetail({ number, botAppId, onClose }: { number: string; botAppId?: string; onClose: () => void }) {
  const styles = useStyles();
  const { data: detail, error } = useAnswer(() => api.incident(number), [number], 'Dit incident kon niet laden.');
  const incident = detail?.incident;
  return (
    <Dialog open onOpenChange={(_e, data) => (data.open ? undefined : onClose())}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Incident {number}</DialogTitle>
          <DialogContent>
            {error ? <Body1>{error}</Body1> : null}
            {!incident ? (
              !error && <Spinner />
            ) : (
              <>
                <div className={styles.facts}>
                  <Text weight="semibold">Wanneer</Text>
                  <Text>{when(incident.occurredAt)}</Text>
                  <Text weight="semibold">Vorm</Text>
                  <Text>{incident.formLabels.join(', ')}</Text>
                  <Text weight="semibold">Plaats</Text>
                  <Text>{incident.place}</Text>
                  <Text weight="semibold">Politie</Text>
                  <Text>{policeText[incident.police]}</Text>
                  <Text weight="semibold">Maatregel</Text>
                  <Text>{incident.measureLabels.join(', ') || 'Nog geen'}</Text>
                  <Text weight="semibold">Aangifte</Text>
                  <Text>
                    {incident.aangifteDone
                      ? 'Gedaan'
                      : incident.aangifteRequired
                        ? 'Vereist, nog niet gedaan'
                        : 'Niet vereist'}
                  </Text>
                  <Text weight="semibold">Slachtoffer</Text>
                  <Text>{incident.victimName ?? 'Afgeschermd'}</Text>
                  <Text weight="semibold">Agressor</Text>
                  <Text>{incident.aggressorShown ? (incident.aggressor ?? 'Onbekend') : 'Afgeschermd'}</Text>
                  <Text weight="semibold">Leidinggevende</Text>
                  <Text>{incident.managerName}</Text>
                  {incident.description ? (
                    <>
                      <Text weight="semibold">Wat er gebeurde</Text>
                      <Text>{incident.description}</Text>
                    </>
                  ) : null}
                </div>
                <Subtitle2 as="h3">Tijdlijn</Subtitle2>
                <ol className={styles.timeline}>
                  {detail.timeline.map((entry, index) => (
                    <li key={index} className={styles.entry}>
                      <Caption1>{entry.when}</Caption1>
                      <br />
                      <Text>{entry.text}</Text>
                    </li>
                  ))}
                </ol>
              </>
            )}
          </DialogContent>
          <DialogActions>
            {botAppId ? <Link onClick={() => void openChat(botAppId, number)}>Open in de chat</Link> : null}
            <Button appearance="secondary" onClick={onClose}>
              Sluiten
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
