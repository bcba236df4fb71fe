import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useEffect, useState, type DependencyList } from 'react';

/** Loads an answer from the API again whenever `deps` change; `failure` is what the user reads if it fails. */
export function useAnswer<T>(load: () => Promise<T>, deps: DependencyList, failure: string) {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    setError(undefined);
    load()
      .then(setData)
      .catch(() => setError(failure));
  }, deps);
  return { data, error };
}

export function LoadError({ error }: { error: string }) {
  return (
    <MessageBar intent="error">
      <MessageBarBody>{error}</MessageBarBody>
    </MessageBar>
  );
}
