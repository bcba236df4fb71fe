import {
  DataGrid,
  DataGridBody,
  DataGridCell,
  DataGridHeader,
  DataGridHeaderCell,
  DataGridRow,
  type TableColumnDefinition,
} from '@fluentui/react-components';

/** A Fluent UI data grid of rows with their columns; `onOpen` makes a row clickable. */
export function Grid<T>({
  items,
  columns,
  label,
  id,
  onOpen,
}: {
  items: T[];
  columns: TableColumnDefinition<T>[];
  label: string;
  id: (item: T) => string;
  onOpen?: (item: T) => void;
}) {
  return (
    <DataGrid items={items} columns={columns} getRowId={id} aria-label={label}>
      <DataGridHeader>
        <DataGridRow>
          {({ renderHeaderCell }) => <DataGridHeaderCell>{renderHeaderCell()}</DataGridHeaderCell>}
        </DataGridRow>
      </DataGridHeader>
      <DataGridBody<T>>
        {({ item, rowId }) => (
          <DataGridRow<T>
            key={rowId}
            onClick={onOpen ? () => onOpen(item) : undefined}
            style={onOpen ? { cursor: 'pointer' } : undefined}
          >
            {({ renderCell }) => <DataGridCell>{renderCell(item)}</DataGridCell>}
          </DataGridRow>
        )}
      </DataGridBody>
    </DataGrid>
  );
}
