import { Field, Input, Select } from '@fluentui/react-components';
import type { ReactNode } from 'react';

/** A date filter; an empty field is no filter (undefined). */
export function DateFilter(props: { label: string; value?: string; onChange: (value?: string) => void }) {
  return (
    <Field label={props.label}>
      <Input
        type="date"
        value={props.value ?? ''}
        onChange={(_e, d) => props.onChange(d.value || undefined)}
        aria-label={props.label}
      />
    </Field>
  );
}

/** A choice filter; the option with value "" is no filter (undefined). */
export function SelectFilter(props: {
  label: string;
  value?: string;
  onChange: (value?: string) => void;
  children: ReactNode;
}) {
  return (
    <Field label={props.label}>
      <Select
        value={props.value ?? ''}
        onChange={(_e, d) => props.onChange(d.value || undefined)}
        aria-label={props.label}
      >
        {props.children}
      </Select>
    </Field>
  );
}

/** Options for configured choices (forms of aggression, measures), valued by their key. */
export function keyedOptions(items: { key: string; label: string }[]) {
  return items.map((item) => (
    <option key={item.key} value={item.key}>
      {item.label}
    </option>
  ));
}
