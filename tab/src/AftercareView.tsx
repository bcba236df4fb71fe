import { column } from './columns';
import { Grid } from './Grid';
import {
  Badge,
  Body1,
  Caption1,
  Card,
  Spinner,
  Subtitle2,
  Title2,
  createTableColumn,
  type TableColumnDefinition,
} from '@fluentui/react-components';
import { api, type AftercareAnswer } from './api';
import { when } from './format';
import { LoadError, useAnswer } from './loading';

type Plan = AftercareAnswer['plans'][number];

const statusColor = {
  gepland: 'brand',
  gehouden: 'success',
  'formulier-ontbreekt': 'warning',
  'te-laat': 'danger',
  geannuleerd: 'informative',
} as const;

const planState: Record<Plan['state'], string> = {
  offered: 'Nog niet ingepland',
  scheduled: 'Ingepland',
  self: 'Regelt de leidinggevende zelf',
};

const columns: TableColumnDefinition<Plan>[] = [
  column<Plan>('number', 'Incident', (row) => row.number),
  column<Plan>('when', 'Datum', (row) => when(row.incidentAt)),
  column<Plan>('employee', 'Medewerker', (row) => row.employeeName ?? 'Afgeschermd'),
  column<Plan>('manager', 'Leidinggevende', (row) => row.managerName),
  column<Plan>('state', 'Stand', (row) => planState[row.state]),
  createTableColumn<Plan>({
    columnId: 'talks',
    renderHeaderCell: () => 'Gesprekken',
    renderCell: (row) => (
      <span style={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
        {row.talks.map((talk) => (
          <Badge key={talk.talk} appearance="tint" color={statusColor[talk.status]} title={when(talk.start)}>
            {talk.talk}: {talk.label}
          </Badge>
        ))}
      </span>
    ),
  }),
];

/** The three aftercare talks per incident (Bijlage 5): planned, held, forms missing or overdue. */
export function AftercareView() {
  const { data, error } = useAnswer(() => api.aftercare(), [], 'De nazorg kon niet laden.');
  if (error) return <LoadError error={error} />;
  if (!data) return <Spinner label="Nazorg laden…" />;
  const figures: [string, number][] = [
    ['Gesprekken gepland', data.summary.planned],
    ['Gesprekken gehouden', data.summary.held],
    ['Formulier ontbreekt', data.summary.formMissing],
    ['Formulier te laat', data.summary.overdue],
    ['Nog niet ingepland', data.summary.notScheduled],
  ];
  return (
    <section style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(170px, 1fr))', gap: 12 }}>
        {figures.map(([label, value]) => (
          <Card key={label}>
            <Caption1>{label}</Caption1>
            <Title2>{value}</Title2>
          </Card>
        ))}
      </div>
      <Card>
        <Subtitle2 as="h2">Nazorg per incident</Subtitle2>
        {data.plans.length === 0 ? (
          <Body1>Nog geen nazorg in deze selectie.</Body1>
        ) : (
          <Grid items={data.plans} columns={columns} label="Nazorg" id={(row) => row.number} />
        )}
      </Card>
    </section>
  );
}
