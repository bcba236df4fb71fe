import { Card, CardHeader, Subtitle2, type Theme } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** A chart in a Fluent card, coloured from the Teams theme so dark and high contrast stay readable. */
export function ChartCard({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Card data-testid={testId} style={{ minWidth: 0 }}>
      <CardHeader header={<Subtitle2 as="h3">{title}</Subtitle2>} />
      <div style={{ width: '100%', height: 240 }}>{children}</div>
    </Card>
  );
}

export function axisProps(theme: Theme) {
  return { stroke: theme.colorNeutralForeground3, tick: { fill: theme.colorNeutralForeground2, fontSize: 12 } };
}

export function tooltipProps(theme: Theme) {
  return {
    contentStyle: {
      background: theme.colorNeutralBackground1,
      border: `1px solid ${theme.colorNeutralStroke1}`,
      color: theme.colorNeutralForeground1,
    },
    cursor: { fill: theme.colorNeutralBackground1Hover },
  };
}

export interface Series {
  key: string;
  name: string;
  color: string;
}

export function Bars({
  data,
  category,
  series,
  theme,
  horizontal = false,
  stacked = false,
}: {
  data: object[];
  category: string;
  series: Series[];
  theme: Theme;
  horizontal?: boolean;
  stacked?: boolean;
}) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart
        data={data}
        layout={horizontal ? 'vertical' : 'horizontal'}
        margin={{ left: horizontal ? 24 : 0, right: 16 }}
      >
        <CartesianGrid strokeDasharray="3 3" stroke={theme.colorNeutralStroke2} />
        {horizontal ? (
          <>
            <XAxis type="number" allowDecimals={false} {...axisProps(theme)} />
            <YAxis type="category" dataKey={category} width={140} {...axisProps(theme)} />
          </>
        ) : (
          <>
            <XAxis dataKey={category} {...axisProps(theme)} />
            <YAxis allowDecimals={false} {...axisProps(theme)} />
          </>
        )}
        <Tooltip {...tooltipProps(theme)} />
        {series.length > 1 ? <Legend /> : null}
        {series.map((item) => (
          <Bar
            key={item.key}
            dataKey={item.key}
            name={item.name}
            fill={item.color}
            stackId={stacked ? 'stack' : undefined}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
