import { createTableColumn, type TableColumnDefinition } from '@fluentui/react-components';
import type { ReactNode } from 'react';

/** A Fluent UI table column from its id, its Dutch header and how a row shows in it. */
export function column<T>(
  columnId: string,
  header: string,
  renderCell: (row: T) => ReactNode,
): TableColumnDefinition<T> {
  return createTableColumn<T>({ columnId, renderHeaderCell: () => header, renderCell });
}
