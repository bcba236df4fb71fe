import { Badge, Caption1, Card, Subtitle2, Title2, type TableColumnDefinition } from '@fluentui/react-components';
import { api, type OutsideAnswer } from './api';
import { column } from './columns';
import { when } from './format';
import { Grid } from './Grid';
import { LoadError, useAnswer } from './loading';

type Suspicion = OutsideAnswer['suspicions'][number];

const suspicionColumns: TableColumnDefinition<Suspicion>[] = [
  column<Suspicion>('createdAt', 'Gemeld', (row) => when(row.createdAt)),
  column<Suspicion>('about', 'Over', (row) => row.about),
  column<Suspicion>('manager', 'Leidinggevende', (row) => row.managerName ?? '—'),
  column<Suspicion>('discussed', 'Besproken', (row) => when(row.discussedAt)),
  column<Suspicion>('incidents', 'Incidenten daarna', (row) => (row.incidents.length ? row.incidents.join(', ') : '—')),
];

/** Work outside the building (Hoofdstuk 4): home visits as counts (never an address) and suspicions. */
export function OutsideView() {
  const { data, error } = useAnswer(
    () => api.outside(),
    [],
    'Buiten de deur (huisbezoeken, vermoedens) kon niet laden.',
  );
  if (error) return <LoadError error={error} />;
  if (!data?.summary) return null;
  const counts = data.summary;
  const tiles: [string, number][] = [
    ['Huisbezoeken', counts.homeVisits],
    ['Nu onderweg', counts.open],
    ['Te laat of alarm na stilte', counts.overdue],
    ['Alarmen bij huisbezoek', counts.alarms],
    ['Met risico bij de check', counts.withRisks],
    ['Vermoedens van agressie', counts.suspicions],
  ];
  return (
    <>
      <Subtitle2 as="h2">Buiten de deur</Subtitle2>
      <div
        data-testid="outside-counts"
        style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', gap: 12 }}
      >
        {tiles.map(([label, value]) => (
          <Card key={label}>
            <Caption1>{label}</Caption1>
            <Title2>{value}</Title2>
          </Card>
        ))}
      </div>
      {data.suspicions.length > 0 && (
        <Card>
          <Subtitle2 as="h2">
            Vermoedens van agressie <Badge appearance="outline">{data.suspicions.length}</Badge>
          </Subtitle2>
          <Grid
            items={data.suspicions}
            columns={suspicionColumns}
            label="Vermoedens van agressie"
            id={(row) => row.id}
          />
        </Card>
      )}
    </>
  );
}
