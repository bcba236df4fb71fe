import { column } from './columns';
import { Grid } from './Grid';
import {
  Badge,
  Card,
  Caption1,
  Spinner,
  Subtitle2,
  Title2,
  type TableColumnDefinition,
  type Theme,
} from '@fluentui/react-components';
import { useState } from 'react';
import { api, type AlarmGroup, type AlarmsAnswer, type Filter } from './api';
import { Bars, ChartCard } from './charts';
import { DateFilter } from './filters';
import { duration, when } from './format';
import { LoadError, useAnswer } from './loading';
import { OutsideView } from './OutsideView';

type Button = AlarmsAnswer['buttons'][number];

const timeColumns = (first: string): TableColumnDefinition<AlarmGroup>[] => [
  column<AlarmGroup>('label', first, (row) => row.label),
  column<AlarmGroup>('alarms', 'Alarmen', (row) => row.alarms),
  column<AlarmGroup>('exercises', 'Oefeningen', (row) => row.exercises),
  column<AlarmGroup>(
    'first',
    '1e "ik kom" (mediaan / 90%)',
    (row) => `${duration(row.firstMedian)} / ${duration(row.firstP90)}`,
  ),
  column<AlarmGroup>(
    'second',
    '2e "ik kom" (mediaan / 90%)',
    (row) => `${duration(row.secondMedian)} / ${duration(row.secondP90)}`,
  ),
  column<AlarmGroup>(
    'close',
    'Afgesloten (mediaan / 90%)',
    (row) => `${duration(row.closeMedian)} / ${duration(row.closeP90)}`,
  ),
];

const buttonColumns: TableColumnDefinition<Button>[] = [
  column<Button>('location', 'Plek', (row) => row.location),
  column<Button>('kind', 'Soort', (row) => row.kind),
  column<Button>('test', 'Laatste test', (row) => when(row.lastTestAt)),
  column<Button>('heartbeat', 'Laatste hartslag', (row) => when(row.lastHeartbeatAt)),
  column<Button>('press', 'Laatste druk', (row) => when(row.lastPressAt)),
];

/** Presses and OEFENINGEN per month, and the Halteam's response times (median and 90th percentile). */
export function AlarmsView({ theme }: { theme: Theme }) {
  const [filter, setFilter] = useState<Filter>({});
  const { data, error } = useAnswer(() => api.alarms(filter), [filter], 'De alarmen konden niet laden.');
  if (error) return <LoadError error={error} />;
  if (!data) return <Spinner label="Alarmen laden…" />;
  const total = data.stats.total;
  return (
    <section style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <div style={{ display: 'flex', gap: 12 }} role="search">
        <DateFilter
          label="Van"
          value={filter.from}
          onChange={(from) => setFilter((current) => ({ ...current, from }))}
        />
        <DateFilter
          label="Tot en met"
          value={filter.to}
          onChange={(to) => setFilter((current) => ({ ...current, to }))}
        />
      </div>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', gap: 12 }}>
        <Card>
          <Caption1>Alarmen</Caption1>
          <Title2>{total.alarms}</Title2>
        </Card>
        <Card>
          <Caption1>Oefeningen</Caption1>
          <Title2>{total.exercises}</Title2>
        </Card>
        <Card>
          <Caption1>Eerste &quot;ik kom&quot; (mediaan)</Caption1>
          <Title2>{duration(total.firstMedian)}</Title2>
        </Card>
        <Card>
          <Caption1>Tweede &quot;ik kom&quot; (90%)</Caption1>
          <Title2>{duration(total.secondP90)}</Title2>
        </Card>
      </div>
      <ChartCard title="Alarmen en oefeningen per maand" testId="chart-alarms">
        <Bars
          data={data.stats.perMonth}
          category="label"
          stacked
          theme={theme}
          series={[
            { key: 'alarms', name: 'Alarmen', color: theme.colorPaletteRedBackground3 },
            { key: 'exercises', name: 'Oefeningen', color: theme.colorNeutralStrokeAccessible },
          ]}
        />
      </ChartCard>
      <TimesCard title="Reactietijden per maand" first="Maand" groups={data.stats.perMonth} />
      <TimesCard title="Reactietijden per plek" first="Plek" groups={data.stats.perLocation} />
      <Card>
        <Subtitle2 as="h2">
          Knoppen <Badge appearance="outline">{data.buttons.length}</Badge>
        </Subtitle2>
        <Grid items={data.buttons} columns={buttonColumns} label="Knoppen" id={(row) => row.id} />
      </Card>
      <OutsideView />
    </section>
  );
}

/** A table of response times per group (month or place), its first column named `first`. */
function TimesCard({ title, first, groups }: { title: string; first: string; groups: AlarmGroup[] }) {
  return (
    <Card>
      <Subtitle2 as="h2">{title}</Subtitle2>
      <Grid items={groups} columns={timeColumns(first)} label={title} id={(row) => row.key} />
    </Card>
  );
}
